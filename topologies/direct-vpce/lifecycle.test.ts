import { readFileSync } from "node:fs";
import * as path from "node:path";
import { externalReferences } from "../../lifecycle/workspace";
import { GENERATED_DIR, STACK_FILE } from "../../lib/paths";

function generated(stack: string): string {
  return readFileSync(path.join(GENERATED_DIR, stack, STACK_FILE), "utf8");
}

describe("the lifecycle's stand-ins for what a shipped stack names but does not create", () => {
  it("finds nothing in a stack that names nothing outside itself", () => {
    expect(externalReferences(generated("direct-vpce-dev"))).toMatchObject({ zones: [], certificates: [] });
  });
});

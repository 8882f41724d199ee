import { readFileSync } from "node:fs";
import * as path from "node:path";
import { externalReferences } from "../../lifecycle/workspace";
import { GENERATED_DIR, STACK_FILE } from "../../lib/paths";

function generated(stack: string): string {
  return readFileSync(path.join(GENERATED_DIR, stack, STACK_FILE), "utf8");
}

describe("the lifecycle's stand-ins for what a shipped stack names but does not create", () => {
  it("finds the custom domain names a stack looks up, and takes no alias target's zone for a public zone", () => {
    const main = generated("split-horizon-phz-prod");
    // The configured targets' zone is API Gateway's, inside alias blocks: nothing to stand in for.
    expect(main).toContain('zone_id                = "ZLY8HYME6SFDD"');
    expect(externalReferences(main)).toMatchObject({
      zones: [],
      certificates: [],
      domainNames: ["status.example.org"],
    });
  });
});

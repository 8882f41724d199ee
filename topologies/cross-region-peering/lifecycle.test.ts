import { readFileSync } from "node:fs";
import * as path from "node:path";
import { externalReferences } from "../../lifecycle/workspace";
import { GENERATED_DIR, STACK_FILE } from "../../lib/paths";

function generated(stack: string): string {
  return readFileSync(path.join(GENERATED_DIR, stack, STACK_FILE), "utf8");
}

describe("the lifecycle's stand-ins for what a shipped stack names but does not create", () => {
  it("finds adopted VPCs and route tables with their regions (a peer's, an aliased provider's, the default provider's), and the CIDR a VPC's lookup requires", () => {
    expect(externalReferences(generated("cross-region-peering-staging"))).toMatchObject({
      vpcs: { "vpc-0a1b2c3d4e5f60718": { region: "us-east-1", cidr: "10.124.0.0/16" } },
      routeTables: { "rtb-0a1b2c3d4e5f6071b": "us-east-1" },
    });
  });
});

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { externalReferences, withStandIns } from "../../lifecycle/workspace";
import { GENERATED_DIR, STACK_FILE } from "../../lib/paths";

function generated(stack: string): string {
  return readFileSync(path.join(GENERATED_DIR, stack, STACK_FILE), "utf8");
}

describe("the lifecycle's stand-ins for what a shipped stack names but does not create", () => {
  it("finds the public zones and certificates a generated stack names, and replaces exactly those literals", () => {
    const main = generated("alb-front-prod");
    const external = externalReferences(main);
    expect(external).toEqual({
      zones: ["Z0PRODEXAMPLE0000001"],
      certificates: ["arn:aws:acm:eu-west-1:333333333333:certificate/7d3e1f2a-9c4b-4e5d-b6a7-1c2d3e4f5a6b"],
      domainNames: [],
      // The peered client VPC the private zone is associated with.
      vpcs: { "vpc-0fedcba9876543210": { region: "eu-west-1" } },
      routeTables: {},
      // The partner's peering connection, accepted here, and the Client VPN endpoint's security group.
      networkObjects: { "pcx-0b1c2d3e4f5a6b7c8": "eu-west-1", "sg-0e1f2a3b4c5d6e7f8": "eu-west-1" },
      zoneName: "api.internal.example.com",
    });
    const replaced = withStandIns(main, {
      Z0PRODEXAMPLE0000001: "ZSTANDIN",
      [external.certificates[0] ?? ""]: "arn:aws:acm:eu-west-1:123456789012:certificate/stand-in",
    });
    expect(replaced).not.toContain("Z0PRODEXAMPLE0000001");
    expect(replaced).not.toContain("333333333333:certificate");
    expect(replaced).toContain('zone_id = "ZSTANDIN"');
    expect(replaced.length - main.length).toBe(
      (replaced.match(/ZSTANDIN/g) ?? []).length * ("ZSTANDIN".length - "Z0PRODEXAMPLE0000001".length) +
        (replaced.match(/certificate\/stand-in/g) ?? []).length *
          ("arn:aws:acm:eu-west-1:123456789012:certificate/stand-in".length - (external.certificates[0] ?? "").length),
    );
  });
});

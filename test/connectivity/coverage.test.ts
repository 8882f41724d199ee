import { readFileSync } from "node:fs";
import { IRRELEVANT_TYPES, MODELLED_TYPES, unmodelledResources } from "../../connectivity/coverage";
import { evaluate } from "../../connectivity/evaluate";
import { parseStack } from "../../connectivity/hcl";
import { stackFile } from "../../connectivity/shipped";
import { GENERATED_DIR } from "../../lib/paths";
import { stackFolders } from "../../synth/synthesize";

describe("what the evaluator models", () => {
  test("refuses a stack holding a resource type it does not model, naming the resource", async () => {
    // GIVEN a VPC with a network ACL, which would drop traffic the model cannot see
    const stack = await parseStack(
      "with-nacl",
      `resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_network_acl" "acl" {\n  vpc_id = aws_vpc.v.id\n}\n`,
    );
    // THEN the evaluator answers nothing about it
    expect(() => evaluate(stack, { from: "10.0.0.5", url: "https://example.com/" })).toThrow(
      "with-nacl holds aws_network_acl.acl: a resource type the connectivity evaluator does not model",
    );
  });

  test("knows every resource type of every shipped stack, and no type is both modelled and irrelevant", async () => {
    const unknown: string[] = [];
    for (const name of stackFolders(GENERATED_DIR)) {
      const stack = await parseStack(name, readFileSync(stackFile(name), "utf8"));
      unknown.push(...unmodelledResources(stack.hcl).map((address) => `${name}: ${address}`));
    }
    expect(unknown).toEqual([]);
    expect([...MODELLED_TYPES].filter((type) => IRRELEVANT_TYPES.has(type))).toEqual([]);
  });
});

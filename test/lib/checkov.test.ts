import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Testing } from "cdktf";
import { SECURITY, securityBlocks } from "../../docs/readme";
import { annotateSkips, CHECKOV_SKIPS, type CheckovSkipId, skipCheck, skippedChecks } from "../../lib/checkov";
import { ReadableStack } from "../../lib/readable-stack";
import { GENERATED_DIR, STACK_FILE } from "../../lib/paths";

const SKIP_COMMENT = /^\s*#checkov:skip=([A-Z0-9_]+):(.*)$/;

/** Every inline skip in generated/: `[stack, resource header, id, reason]`. */
function committedSkips(): [string, string, string, string][] {
  const found: [string, string, string, string][] = [];
  for (const stack of readdirSync(GENERATED_DIR, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    let header = "";
    for (const line of readFileSync(path.join(GENERATED_DIR, stack.name, STACK_FILE), "utf8").split("\n")) {
      const skip = SKIP_COMMENT.exec(line);
      if (/^resource "/.test(line)) {
        header = line;
      } else if (skip !== null) {
        found.push([stack.name, header, skip[1] ?? "", skip[2] ?? ""]);
      } else if (!/^\s*$/.test(line)) {
        // Skip comments are the first lines of their block; anything else ends the run.
        header = "";
      }
    }
  }
  return found;
}

describe("checkov skips", () => {
  test("SECURITY.md lists exactly the catalogue, with each reason and compensating control (npm run docs writes it)", () => {
    const table = securityBlocks().CHECKOV_SKIPS ?? "";
    expect(table.split("\n")).toHaveLength(Object.keys(CHECKOV_SKIPS).length + 2);
    expect(readFileSync(SECURITY, "utf8")).toContain(
      `<!-- CHECKOV_SKIPS:START -->\n\n${table}\n\n<!-- CHECKOV_SKIPS:END -->`,
    );
  });

  test("every skip in generated/ is catalogued, with its reason, inside a block of the catalogued type", () => {
    const skips = committedSkips();
    expect(skips.length).toBeGreaterThan(0);
    for (const [stack, header, id, reason] of skips) {
      expect({ stack, id, known: id in CHECKOV_SKIPS }).toEqual({ stack, id, known: true });
      const entry = CHECKOV_SKIPS[id as CheckovSkipId];
      expect(reason).toBe(entry.reason);
      expect(header).toMatch(new RegExp(`^resource "${entry.resource}" "[\\w-]+" \\{$`));
    }
  });

  test("no catalogued skip is stale: each is used by a committed stack", () => {
    const used = new Set(committedSkips().map(([, , id]) => id));
    expect([...used].sort()).toEqual(Object.keys(CHECKOV_SKIPS).sort());
  });

  test("reasons fit on one line, as checkov reads them", () => {
    for (const skip of Object.values(CHECKOV_SKIPS)) {
      expect(skip.reason).not.toMatch(/\n/);
      expect(skip.reason.length).toBeGreaterThan(20);
    }
  });

  test("a skip can only be written on the resource type it is catalogued for", () => {
    const stack = new ReadableStack(Testing.app(), "test");
    const group = new CloudwatchLogGroup(stack, "logs", { name: "x" });
    expect(() => {
      skipCheck(group, "CKV_AWS_237");
    }).toThrow("CKV_AWS_237 is catalogued for aws_api_gateway_rest_api, not aws_cloudwatch_log_group");
  });

  test("annotateSkips writes each marked resource's comments as the first lines of its block, sorted", () => {
    const stack = new ReadableStack(Testing.app(), "test");
    const group = new CloudwatchLogGroup(stack, "logs", { name: "x" });
    skipCheck(group, "CKV_AWS_338");
    skipCheck(group, "CKV_AWS_158");
    const api = new ApiGatewayRestApi(stack, "api", { name: "x" });
    expect(skippedChecks(group)).toEqual(["CKV_AWS_158", "CKV_AWS_338"]);
    expect(skippedChecks(api)).toEqual([]);
    const hcl =
      'resource "aws_cloudwatch_log_group" "logs" {\n  name = "x"\n}\n\nresource "aws_api_gateway_rest_api" "api" {\n  name = "x"\n}\n';
    expect(annotateSkips(stack, hcl)).toBe(
      'resource "aws_cloudwatch_log_group" "logs" {\n' +
        `  #checkov:skip=CKV_AWS_158:${CHECKOV_SKIPS.CKV_AWS_158.reason}\n` +
        `  #checkov:skip=CKV_AWS_338:${CHECKOV_SKIPS.CKV_AWS_338.reason}\n` +
        '  name = "x"\n}\n\nresource "aws_api_gateway_rest_api" "api" {\n  name = "x"\n}\n',
    );
  });
});

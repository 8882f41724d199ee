import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { canonicalizeHcl, tidyHcl, topLevelBlocks } from "../../tooling/hcl";
import { tempDir } from "../helpers/temporary";

describe("tidyHcl", () => {
  test("unquotes depends_on entries, which cdktf writes in the deprecated quoted form", () => {
    const hcl =
      'resource "a" "b" {\n  depends_on = [\n    "aws_x.y",\n    "data.aws_z.w",\n  ]\n  name = "aws_x.y"\n}\n';
    expect(tidyHcl(hcl)).toBe(
      'resource "a" "b" {\n  depends_on = [\n    aws_x.y,\n    data.aws_z.w,\n  ]\n  name = "aws_x.y"\n}\n',
    );
  });

  test("unwraps interpolation-only strings in lists and maps, and nothing else", () => {
    const hcl = [
      'resource "a" "b" {',
      "  ids = [",
      '    "${aws_subnet.x.id}",',
      '    "${aws_subnet.y.id}"',
      "  ]",
      "  triggers = {",
      '    redeployment = "${sha1(jsonencode([aws_x.y.body]))}"',
      '    "quoted-key" = "${aws_x.y.id}"',
      "  }",
      '  arn   = "${aws_x.y.arn}/*"',
      '  name  = "API-Gateway-Execution-Logs_${aws_x.y.id}/v1"',
      '  plain = "text"',
      "}",
      "",
    ].join("\n");
    expect(tidyHcl(hcl)).toBe(
      [
        'resource "a" "b" {',
        "  ids = [",
        "    aws_subnet.x.id,",
        "    aws_subnet.y.id",
        "  ]",
        "  triggers = {",
        "    redeployment = sha1(jsonencode([aws_x.y.body]))",
        '    "quoted-key" = aws_x.y.id',
        "  }",
        '  arn   = "${aws_x.y.arn}/*"',
        '  name  = "API-Gateway-Execution-Logs_${aws_x.y.id}/v1"',
        '  plain = "text"',
        "}",
        "",
      ].join("\n"),
    );
  });

  test("keeps one blank line between top-level blocks and none inside them", () => {
    const hcl = 'terraform {\n  a = 1\n\n\n}\nprovider "aws" {\n\n  b = 2\n}\n\n\noutput "c" {\n  value = 3\n}\n\n';
    expect(tidyHcl(hcl)).toBe(
      'terraform {\n  a = 1\n}\n\nprovider "aws" {\n  b = 2\n}\n\noutput "c" {\n  value = 3\n}\n',
    );
  });

  test("takes an unindented attribute named like a block type (cdktf's raw output) for an attribute", () => {
    const raw =
      'resource "aws_vpc" "x" {\ncidr_block = "10.0.0.0/16"\nprovider = "aws.us-east-1"\n}\nlocals {\na = 1\n}\n';
    expect(tidyHcl(raw)).toBe(
      'resource "aws_vpc" "x" {\ncidr_block = "10.0.0.0/16"\nprovider = aws.us-east-1\n}\n\nlocals {\na = 1\n}\n',
    );
  });
});

describe("tidyHcl writes lifecycle conditions as blocks", () => {
  test("cdktf's list of condition objects, which Terraform refuses, becomes one block per condition", () => {
    const raw = [
      'data "aws_x" "y" {',
      'name = "n"',
      "lifecycle {",
      "postcondition = [",
      "{",
      'condition = "${length(self.a) > 0}"',
      'error_message = "a is empty."',
      "},",
      "{",
      'condition = "${self.b}"',
      'error_message = "b is off."',
      "},",
      "]",
      "}",
      "}",
      "",
    ].join("\n");
    expect(tidyHcl(raw)).toBe(
      [
        'data "aws_x" "y" {',
        'name = "n"',
        "lifecycle {",
        "postcondition {",
        "condition = length(self.a) > 0",
        'error_message = "a is empty."',
        "}",
        "postcondition {",
        "condition = self.b",
        'error_message = "b is off."',
        "}",
        "}",
        "}",
        "",
      ].join("\n"),
    );
  });
});

describe("canonicalizeHcl", () => {
  test("gives the same text for cdktf's unindented output and the CLI's indented one", async () => {
    const unindented =
      'resource "aws_vpc" "x" {\ncidr_block = "10.0.0.0/16"\ntags = {\nName = "x"\n}\nprovider = "aws.us-east-1"\n}\n';
    const indented =
      'resource "aws_vpc" "x" {\n  cidr_block = "10.0.0.0/16"\n  tags = {\n    Name = "x"\n  }\n\n  provider = "aws.us-east-1"\n}\n';
    const canonical = await Promise.all(
      [unindented, indented].map(async (text) => {
        const file = path.join(tempDir("canonical-"), "main.tf");
        writeFileSync(file, text);
        await canonicalizeHcl([file]);
        return readFileSync(file, "utf8");
      }),
    );
    expect(canonical[1]).toBe(canonical[0]);
    expect(canonical[0]).toBe(
      'resource "aws_vpc" "x" {\n  cidr_block = "10.0.0.0/16"\n  tags = {\n    Name = "x"\n  }\n  provider = aws.us-east-1\n}\n',
    );
  });
});

describe("topLevelBlocks", () => {
  test("splits tidy HCL into its top-level blocks", () => {
    expect(topLevelBlocks('terraform {\n  a = 1\n}\n\nresource "x" "y" {\n  b {\n  }\n}\n')).toEqual([
      "terraform {\n  a = 1\n}",
      'resource "x" "y" {\n  b {\n  }\n}',
    ]);
  });

  test("fails on an unterminated block", () => {
    expect(() => topLevelBlocks('resource "x" "y" {\n  a = 1\n')).toThrow("unterminated top-level block");
  });
});

describe("tidyHcl lays out policies", () => {
  test("writes jsonencode of an object over lines, keys bare where they are identifiers", () => {
    const line =
      '  policy = "${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Deny", "Resource" = "${aws_x.y.arn}/*", "Condition" = {"StringNotEquals" = {"aws:SourceVpce" = [aws_vpc_endpoint.e.id]}}}]})}"';
    expect(tidyHcl(`resource "a" "b" {\n${line}\n}\n`)).toBe(
      [
        'resource "a" "b" {',
        "  policy = jsonencode({",
        '    Version = "2012-10-17"',
        "    Statement = [",
        "      {",
        '        Effect = "Deny"',
        '        Resource = "${aws_x.y.arn}/*"',
        "        Condition = {",
        "          StringNotEquals = {",
        '            "aws:SourceVpce" = [aws_vpc_endpoint.e.id]',
        "          }",
        "        }",
        "      },",
        "    ]",
        "  })",
        "}",
        "",
      ].join("\n"),
    );
  });

  test("unwraps an interpolation holding quotes, and leaves what it cannot parse as it was", () => {
    const forExpression = '  value = "${[for e in x.dns_entry : e.dns_name if !startswith(e.dns_name, "*")]}"';
    expect(tidyHcl(`output "o" {\n${forExpression}\n}\n`)).toBe(
      'output "o" {\n  value = [for e in x.dns_entry : e.dns_name if !startswith(e.dns_name, "*")]\n}\n',
    );
    const template = '  name = "prefix-${aws_x.y.id}-${aws_x.z.id}"';
    expect(tidyHcl(`resource "a" "b" {\n${template}\n}\n`)).toBe(`resource "a" "b" {\n${template}\n}\n`);
  });
});

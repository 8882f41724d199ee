import { tidyHcl, topLevelBlocks } from "../../lib/hcl";

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

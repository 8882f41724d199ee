import { readFileSync } from "node:fs";
import * as path from "node:path";
import { EMULATOR_ACCOUNT } from "../../lifecycle/emulator";
import { emulatorGap } from "../../lifecycle/gaps";
import { BACKEND_FILE, MAX_ATTEMPTS, OVERRIDE_FILE, prepareStack } from "../../lifecycle/workspace";
import { topLevelBlocks } from "../../tooling/hcl";
import { GENERATED_DIR, STACK_FILE } from "../../lib/paths";
import { FIRST_TOPOLOGY } from "../helpers";

const ENDPOINT = "http://127.0.0.1:4566";

function generated(stack: string): string {
  return readFileSync(path.join(GENERATED_DIR, stack, STACK_FILE), "utf8");
}

/** A stack with two regions, a declared gap and a chain of resources and an output that use it. */
const WITH_GAP = `terraform {
  required_providers {
    aws = {
      version = "6.25.0"
      source  = "hashicorp/aws"
    }
  }
  backend "s3" {
    key          = "private-api/x-dev/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  allowed_account_ids = ["111111111111"]
  region              = "eu-west-1"
}

provider "aws" {
  alias               = "us-east-1"
  allowed_account_ids = ["111111111111"]
  region              = "us-east-1"
}

resource "aws_vpn_gateway" "vgw" {
  vpc_id = "vpc-1"
}

resource "aws_dx_gateway" "dx" {
  name            = "dx"
  amazon_side_asn = "64512"
}

resource "aws_dx_gateway_association" "dx_vgw" {
  dx_gateway_id         = aws_dx_gateway.dx.id
  associated_gateway_id = aws_vpn_gateway.vgw.id
}

resource "aws_ssm_parameter" "dx_note" {
  name  = "dx"
  type  = "String"
  value = "\${aws_dx_gateway_association.dx_vgw.id}"
}

resource "aws_ssm_parameter" "dx_like_name" {
  name  = "aws_dx_gateway.dx_other"
  type  = "String"
  value = aws_vpn_gateway.vgw.id
  lifecycle {
    prevent_destroy = true
  }
}

output "dx_gateway_id" {
  value = aws_dx_gateway.dx.id
}

output "vgw_id" {
  value = aws_vpn_gateway.vgw.id
}
`;

describe("prepareStack", () => {
  it("leaves out exactly the gap's resources and, transitively, what refers to them, each with its reason", () => {
    const prepared = prepareStack(WITH_GAP, {
      endpoint: ENDPOINT,
      bucket: "state",
      gaps: [emulatorGap("aws_dx_gateway")],
    });
    expect(prepared.excluded).toEqual([
      { address: "aws_dx_gateway.dx", reason: emulatorGap("aws_dx_gateway").reason },
      { address: "aws_dx_gateway_association.dx_vgw", reason: "refers to aws_dx_gateway.dx" },
      { address: "output.dx_gateway_id", reason: "refers to aws_dx_gateway.dx" },
      { address: "aws_ssm_parameter.dx_note", reason: "refers to aws_dx_gateway_association.dx_vgw" },
    ]);
    const main = prepared.files["main.tf"] ?? "";
    const kept = topLevelBlocks(main).map((block) => block.slice(0, block.indexOf("{")).trim());
    expect(kept).toEqual([
      "terraform",
      'provider "aws"',
      'provider "aws"',
      'resource "aws_vpn_gateway" "vgw"',
      'resource "aws_ssm_parameter" "dx_like_name"',
      'output "vgw_id"',
    ]);
  });

  it("excludes nothing without gaps, and keeps the committed text but for the constraint and prevent_destroy", () => {
    const hcl = generated(`${FIRST_TOPOLOGY}-prod`);
    const prepared = prepareStack(hcl, { endpoint: ENDPOINT, bucket: "state", gaps: [] });
    expect(prepared.excluded).toEqual([]);
    const main = prepared.files["main.tf"] ?? "";
    expect(main).toContain('version = ">= 5.100.0"');
    expect(main).not.toContain("prevent_destroy");
    expect(prepared.preventDestroyLifted.length).toBe((hcl.match(/prevent_destroy = true/g) ?? []).length);
    expect(prepared.preventDestroyLifted).toContain("aws_kms_key.logs_key");
    const strip = (text: string): string =>
      text
        .replace(/\n\s*prevent_destroy\s*=\s*true/g, "")
        .replace('"6.25.0"', '">= 5.100.0"')
        .replace(/\n\s*lifecycle \{\n\s*\}/g, "")
        .replace(/\n+/g, "\n");
    expect(strip(main)).toBe(strip(hcl));
  });

  it("points every provider configuration, matched by alias, at the emulator with its account and few retries", () => {
    const prepared = prepareStack(WITH_GAP, { endpoint: ENDPOINT, bucket: "state", gaps: [] });
    const override = prepared.files[OVERRIDE_FILE] ?? "";
    const providers = topLevelBlocks(override);
    expect(providers).toHaveLength(2);
    expect(providers[0]).not.toContain("alias");
    expect(providers[1]).toContain('alias = "us-east-1"');
    for (const provider of providers) {
      expect(provider).toContain(`allowed_account_ids         = ["${EMULATOR_ACCOUNT}"]`);
      expect(provider).toContain(`max_retries                 = ${String(MAX_ATTEMPTS)}`);
      for (const service of ["apigateway", "ec2", "iam", "kms", "logs", "route53", "s3", "sts", "directconnect"]) {
        expect(provider).toMatch(new RegExp(`\\n\\s+${service}\\s+= "${ENDPOINT}"`));
      }
    }
    expect(prepared.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(prepared.stateKey).toBe("private-api/x-dev/terraform.tfstate");
  });

  it("completes the stack's own S3 backend for the emulator, leaving key, region and use_lockfile to the stack", () => {
    const prepared = prepareStack(generated(`${FIRST_TOPOLOGY}-dev`), {
      endpoint: ENDPOINT,
      bucket: "state",
      gaps: [],
    });
    const backend = prepared.files[BACKEND_FILE] ?? "";
    expect(backend).toContain('bucket                      = "state"');
    expect(backend).toContain(`endpoints                   = { s3 = "${ENDPOINT}" }`);
    expect(backend).toContain("use_path_style              = true");
    expect(backend).not.toMatch(/^(key|region|use_lockfile)\b/m);
    expect(prepared.files["main.tf"]).toContain("use_lockfile = true");
  });
});

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { EMULATOR_ACCOUNT } from "../../lifecycle/emulator";
import { MOTO_GAPS } from "../../lifecycle/gaps";
import {
  BACKEND_FILE,
  externalReferences,
  MAX_ATTEMPTS,
  OVERRIDE_FILE,
  prepareStack,
  withStandIns,
} from "../../lifecycle/workspace";
import { topLevelBlocks } from "../../tooling/hcl";
import { GENERATED_DIR, STACK_FILE } from "../../synth/synthesize";

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
      gaps: [MOTO_GAPS.aws_dx_gateway],
    });
    expect(prepared.excluded).toEqual([
      { address: "aws_dx_gateway.dx", reason: MOTO_GAPS.aws_dx_gateway.reason },
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
    const hcl = generated("direct-vpce-prod");
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
    const prepared = prepareStack(generated("direct-vpce-dev"), { endpoint: ENDPOINT, bucket: "state", gaps: [] });
    const backend = prepared.files[BACKEND_FILE] ?? "";
    expect(backend).toContain('bucket                      = "state"');
    expect(backend).toContain(`endpoints                   = { s3 = "${ENDPOINT}" }`);
    expect(backend).toContain("use_path_style              = true");
    expect(backend).not.toMatch(/^(key|region|use_lockfile)\b/m);
    expect(prepared.files["main.tf"]).toContain("use_lockfile = true");
  });
});

describe("stand-ins for what a stack names but does not create", () => {
  it("finds the public zones and certificates a generated stack names, and replaces exactly those literals", () => {
    const main = generated("alb-front-prod");
    const external = externalReferences(main);
    expect(external).toEqual({
      zones: ["Z0PRODEXAMPLE0000001"],
      certificates: ["arn:aws:acm:eu-west-1:333333333333:certificate/7d3e1f2a-9c4b-4e5d-b6a7-1c2d3e4f5a6b"],
      domainNames: [],
      // The peered client VPC the private zone is associated with.
      vpcs: { "vpc-0fedcba9876543210": "eu-west-1" },
      routeTables: {},
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

  it("finds adopted VPCs and route tables with their regions (a peer's, an aliased provider's, the default provider's)", () => {
    expect(externalReferences(generated("cross-region-peering-staging"))).toMatchObject({
      vpcs: { "vpc-0a1b2c3d4e5f60718": "us-east-1" },
      routeTables: { "rtb-0a1b2c3d4e5f6071b": "us-east-1" },
    });
  });

  it("finds nothing in a stack that names nothing outside itself", () => {
    expect(externalReferences(generated("direct-vpce-dev"))).toMatchObject({ zones: [], certificates: [] });
  });
});

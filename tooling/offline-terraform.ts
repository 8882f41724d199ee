import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { UserError } from "../lib/errors";

/*
 * Terraform on this machine, offline: the AWS provider comes from a filesystem mirror (nothing can
 * be downloaded from the registry), and the mirror holds 5.100.0 where the committed HCL pins
 * 6.25.0, so the commands that run Terraform (validate, lifecycle) work on copies whose
 * constraint admits the mirror's version.
 */

export const AWS_PROVIDER = "registry.terraform.io/hashicorp/aws";

/** The folder holding `registry.terraform.io/hashicorp/aws/<version>/...`. */
export function findMirror(): string {
  const candidates = [process.env.TF_PROVIDER_MIRROR, "/opt/tf-plugins", "/usr/share/terraform/plugins"];
  for (const candidate of candidates) {
    if (candidate !== undefined && existsSync(path.join(candidate, AWS_PROVIDER))) {
      return candidate;
    }
  }
  throw new UserError(
    `No offline Terraform provider mirror holding ${AWS_PROVIDER} was found. Set TF_PROVIDER_MIRROR to the folder that ` +
      "contains registry.terraform.io (find it with: find / -path '*registry.terraform.io/hashicorp/aws*' -name 'terraform-provider-aws*').",
  );
}

/** The provider versions the mirror holds: the relaxed constraint picks the newest of them. */
export function mirrorVersions(mirror: string): string {
  return readdirSync(path.join(mirror, AWS_PROVIDER)).sort().join(", ");
}

/**
 * The environment for terraform commands that install the AWS provider from the mirror only.
 * An unpacked mirror is linked, not copied, into each working folder, so no plugin cache is needed
 * and inits may run side by side. The CLI configuration is written into `work`.
 *
 * Go's collector runs at a quarter of its default frequency (GOGC=400, unless set already) in
 * terraform and the provider plugins it starts: a plugin builds the whole AWS schema each time it
 * starts, dozens of times per stack, and on the two-core CI machine that measured a quarter less
 * CPU for about 20 % more memory per process.
 */
export function offlineTerraformEnv(work: string, mirror: string): NodeJS.ProcessEnv {
  mkdirSync(work, { recursive: true });
  const config = path.join(work, "terraform.rc");
  writeFileSync(
    config,
    [
      "provider_installation {",
      `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["${AWS_PROVIDER}"]\n  }`,
      `  direct {\n    exclude = ["${AWS_PROVIDER}"]\n  }`,
      "}",
      "",
    ].join("\n"),
  );
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: config,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    GOGC: process.env.GOGC ?? "400",
  };
}

/** The committed pin is 6.25.0; the offline mirror holds 5.100.0. */
export function relaxProviderConstraint(hcl: string): string {
  const pinned = /(\n\s*version\s*=\s*)"6\.25\.0"/;
  if (!pinned.test(hcl)) {
    throw new Error('expected the generated HCL to pin hashicorp/aws "6.25.0"');
  }
  return hcl.replace(pinned, '$1">= 5.100.0"');
}

/** The value offline checks give a variable the stack leaves to its pipeline (a secret, say). */
export const STAND_IN_VARIABLE_VALUE = "stand-in-for-a-pipeline-value";

/** The variables a generated stack declares without a default: its pipeline must supply them. */
export function requiredVariables(hcl: string): string[] {
  return [...hcl.matchAll(/^variable "([\w-]+)" \{\n([^]*?)^\}/gm)]
    .filter((match) => !/^\s*default\s*=/m.test(match[2] ?? ""))
    .map((match) => match[1] ?? "");
}

/** An adopted VPC's plan-time lookup: its address name, the VPC id, and the CIDR its postcondition requires. */
export interface VpcLookup {
  readonly name: string;
  readonly vpcId: string;
  readonly cidr?: string;
}

/** The lookup a top-level block (`data "aws_vpc" …`, as `terraform fmt` writes it) makes, if it is one. */
export function vpcLookup(block: string): VpcLookup | undefined {
  const lookup = /^data "aws_vpc" "([^"]+)" \{\n\s*id\s*=\s*"(vpc-[0-9a-f]+)"/.exec(block);
  if (lookup?.[1] === undefined || lookup[2] === undefined) return undefined;
  const cidr = /self\.cidr_block == "([0-9./]+)"/.exec(block)?.[1];
  return { name: lookup[1], vpcId: lookup[2], ...(cidr === undefined ? {} : { cidr }) };
}

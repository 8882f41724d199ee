import { providerAlias, topLevelBlocks } from "../tooling/hcl";
import {
  relaxProviderConstraint,
  requiredVariables,
  STAND_IN_VARIABLE_VALUE,
  vpcLookup,
} from "../tooling/offline-terraform";
import { type AdoptedVpcStandIn, EMULATOR_ACCOUNT } from "./emulator";
import type { EmulatorGap } from "./gaps";

/*
 * The copy of a generated stack that the lifecycle applies, derived from the committed main.tf:
 *   - the provider constraint admits the offline mirror's version (tooling/offline-terraform.ts);
 *   - lifecycle_override.tf points every provider configuration at the emulator (a Terraform
 *     override file: main.tf itself keeps its providers, regions and default tags);
 *   - lifecycle.s3.tfbackend completes the stack's own S3 backend (key, region, use_lockfile)
 *     with the emulator's S3, as `-backend-config` completes it for a real account;
 *   - prevent_destroy is lifted, so that the destroy step can run;
 *   - the resources of the topology's declared gaps, and whatever refers to them, are left out.
 */

export const OVERRIDE_FILE = "lifecycle_override.tf";

/**
 * Attempts per AWS call: an API the emulator lacks fails after these (seconds, not the minutes of
 * the provider's default retries), and a dropped connection to the emulator, which its server
 * does now and then under load, is retried.
 */
export const MAX_ATTEMPTS = 3;
export const BACKEND_FILE = "lifecycle.s3.tfbackend";
export const VARIABLES_FILE = "lifecycle.auto.tfvars";

/** The endpoints of every service our stacks (and the S3 backend) call. */
const SERVICES = [
  "acm",
  "apigateway",
  "directconnect",
  "ec2",
  "elbv2",
  "iam",
  "kms",
  "logs",
  "route53",
  "route53resolver",
  "s3",
  "sts",
] as const;

/** A resource or output left out of the applied copy, and why. */
export interface Exclusion {
  readonly address: string;
  readonly reason: string;
}

export interface PreparedStack {
  /** The files of the working folder, by name. */
  readonly files: Readonly<Record<string, string>>;
  /** The regions its providers use, the default provider's first. */
  readonly regions: readonly string[];
  /** The state object's key in the backend bucket. */
  readonly stateKey: string;
  readonly excluded: readonly Exclusion[];
  /** Addresses of resources whose prevent_destroy was lifted. */
  readonly preventDestroyLifted: readonly string[];
  /** Variables the stack leaves to its pipeline, given a stand-in value here. */
  readonly standInVariables: readonly string[];
}

interface Block {
  readonly text: string;
  /** `aws_vpc.x`, `data.aws_region.x`, `output.x`, `provider.aws`, `provider.aws.alias`, `terraform`. */
  readonly address: string;
}

/**
 * What a stack names but does not create: public hosted zones (by id), certificates (by ARN) and
 * custom domain names it looks up (by name); and the name a stand-in zone gets, under which the
 * stack's records fall (its custom domain name, whose records, the certificate's validation record
 * among them, end with it). A zone id inside an `alias` block is an alias target's zone (API
 * Gateway's, for one), not a zone the stack writes to, and needs none.
 */
export function externalReferences(main: string): {
  zones: string[];
  certificates: string[];
  domainNames: string[];
  vpcs: Record<string, AdoptedVpcStandIn>;
  routeTables: Record<string, string>;
  networkObjects: Record<string, string>;
  zoneName: string;
} {
  const unique = (pattern: RegExp): string[] =>
    [...new Set([...main.matchAll(pattern)].map((match) => match[1] ?? ""))].sort();
  // Adopted VPCs and route tables, by id, with the region each is in: that of the provider its
  // block uses (read from the provider blocks), a peering's `peer_region`, a zone association's
  // `vpc_region`.
  const blocks = topLevelBlocks(main).map(toBlock);
  const providerRegions = new Map(
    blocks
      .filter((block) => block.address.startsWith("provider."))
      .map((block) => [block.address.slice("provider.".length), regionOf(block.text)]),
  );
  const vpcs: Record<string, AdoptedVpcStandIn> = {};
  const routeTables: Record<string, string> = {};
  // Transit gateways, peering connections, security groups and virtual private gateways a client
  // network arrives through, made outside the stack.
  const networkObjects: Record<string, string> = {};
  for (const { text } of blocks) {
    const region = providerRegions.get(/\n\s*provider\s*=\s*(aws\.[\w-]+)/.exec(text)?.[1] ?? "aws") ?? "";
    const peerRegion = /\n\s*peer_region\s*=\s*"([a-z0-9-]+)"/.exec(text)?.[1] ?? region;
    // A lookup's postconditions say what the VPC must be: its CIDR then, and DNS attributes on.
    const lookup = vpcLookup(text);
    if (lookup !== undefined) {
      vpcs[lookup.vpcId] = lookup.cidr === undefined ? { region } : { region, cidr: lookup.cidr };
    }
    for (const [, peer = "", id = "", vpcRegion] of text.matchAll(
      /\b(peer_)?vpc_id\s*=\s*"(vpc-[0-9a-f]+)"(?:\s*\n\s*vpc_region\s*=\s*"([a-z0-9-]+)")?/g,
    )) {
      vpcs[id] ??= { region: peer === "" ? (vpcRegion ?? region) : peerRegion };
    }
    for (const [, id = ""] of text.matchAll(/"(rtb-[0-9a-f]+)"/g)) {
      routeTables[id] ??= region;
    }
    for (const [, id = ""] of text.matchAll(/"((?:tgw|pcx|sg|vgw)-[0-9a-f]+)"/g)) {
      networkObjects[id] ??= region;
    }
  }
  return {
    // A resource's own argument: indented once (the HCL is `terraform fmt`-ed).
    zones: unique(/\n {2}zone_id\s*=\s*"(Z[0-9A-Z]{6,31})"/g),
    certificates: unique(/"(arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+)"/g),
    domainNames: unique(/\ndata "aws_api_gateway_domain_name" "[^"]+" \{\n\s*domain_name\s*=\s*"([a-z0-9.-]+)"/g),
    vpcs,
    routeTables,
    networkObjects,
    zoneName: /\n\s*domain_name\s*=\s*"([a-z0-9.-]+)"/.exec(main)?.[1] ?? "stand-in.example.com",
  };
}

/** `main` with every configured id replaced by its stand-in. */
export function withStandIns(main: string, standIns: Readonly<Record<string, string>>): string {
  return Object.entries(standIns).reduce(
    (text, [configured, standIn]) => text.replaceAll(`"${configured}"`, `"${standIn}"`),
    main,
  );
}

/** Prepares the copy of `hcl` (a generated main.tf) for the emulator at `endpoint`. */
export function prepareStack(
  hcl: string,
  options: { readonly endpoint: string; readonly bucket: string; readonly gaps: readonly EmulatorGap[] },
): PreparedStack {
  const blocks = topLevelBlocks(relaxProviderConstraint(hcl)).map(toBlock);
  const excluded = exclusions(blocks, options.gaps);
  const left = new Set(excluded.map((exclusion) => exclusion.address));
  const kept = blocks.filter((block) => !left.has(block.address));
  const preventDestroyLifted = kept
    .filter((block) => /\n\s*prevent_destroy\s*=\s*true/.test(block.text))
    .map((block) => block.address);
  const main = kept.map((block) => block.text.replace(/\n\s*prevent_destroy\s*=\s*true/g, "")).join("\n\n");

  const terraform = blocks.find((block) => block.address === "terraform")?.text ?? "";
  const stateKey = /\n\s*key\s*=\s*"([^"]+)"/.exec(terraform)?.[1];
  if (stateKey === undefined) {
    throw new Error("expected the generated HCL to have an S3 backend with a key");
  }
  const providers = blocks.filter((block) => block.address.startsWith("provider."));
  const regions = [
    ...new Set(
      // The default provider (`provider.aws`, no alias) first; the aliased ones keep their order.
      [...providers]
        .sort((a, b) => Number(a.address !== "provider.aws") - Number(b.address !== "provider.aws"))
        .map((provider) => regionOf(provider.text))
        .filter((region): region is string => region !== undefined),
    ),
  ];
  const standInVariables = requiredVariables(main);
  return {
    files: {
      "main.tf": `${main}\n`,
      [OVERRIDE_FILE]: overrides(providers, options.endpoint),
      [BACKEND_FILE]: backendConfig(options.endpoint, options.bucket),
      ...(standInVariables.length === 0
        ? {}
        : {
            [VARIABLES_FILE]: standInVariables.map((name) => `${name} = "${STAND_IN_VARIABLE_VALUE}"\n`).join(""),
          }),
    },
    standInVariables,
    regions,
    stateKey,
    excluded,
    preventDestroyLifted,
  };
}

/** A provider block's `region`. */
function regionOf(provider: string): string | undefined {
  return /\n\s*region\s*=\s*"([^"]+)"/.exec(provider)?.[1];
}

function toBlock(text: string): Block {
  const header = text.slice(0, text.indexOf("\n"));
  const resource = /^resource "([^"]+)" "([^"]+)"/.exec(header);
  if (resource !== null) {
    return { text, address: `${resource[1] ?? ""}.${resource[2] ?? ""}` };
  }
  const data = /^data "([^"]+)" "([^"]+)"/.exec(header);
  if (data !== null) {
    return { text, address: `data.${data[1] ?? ""}.${data[2] ?? ""}` };
  }
  const named = /^(output|variable|provider) "([^"]+)"/.exec(header);
  if (named !== null) {
    const alias = named[1] === "provider" ? providerAlias(text) : undefined;
    return { text, address: `${named[1] ?? ""}.${named[2] ?? ""}${alias === undefined ? "" : `.${alias}`}` };
  }
  return { text, address: header.replace(/\s*\{$/, "") };
}

/** The blocks of the gaps' resource types, and, transitively, every block that refers to one. */
function exclusions(blocks: readonly Block[], gaps: readonly EmulatorGap[]): Exclusion[] {
  const reasons = new Map(gaps.map((gap) => [gap.resourceType, gap.reason]));
  const excluded: Exclusion[] = [];
  const queue: string[] = [];
  for (const block of blocks) {
    const reason = reasons.get(block.address.split(".")[0] ?? "");
    if (reason !== undefined) {
      excluded.push({ address: block.address, reason });
      queue.push(block.address);
    }
  }
  const seen = new Set(queue);
  for (let target = queue.shift(); target !== undefined; target = queue.shift()) {
    const reference = new RegExp(`(^|[^\\w.])${target.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}($|[^\\w-])`);
    for (const block of blocks) {
      const body = block.text.slice(block.text.indexOf("\n"));
      if (!seen.has(block.address) && reference.test(body)) {
        seen.add(block.address);
        excluded.push({ address: block.address, reason: `refers to ${target}` });
        queue.push(block.address);
      }
    }
  }
  return excluded;
}

/** One override per provider configuration (matched by alias): the emulator, its account, test keys. */
function overrides(providers: readonly Block[], endpoint: string): string {
  const endpoints = SERVICES.map((service) => `    ${service.padEnd(15)} = "${endpoint}"`).join("\n");
  return providers
    .map((provider) => {
      const alias = provider.address.split(".")[2];
      return [
        'provider "aws" {',
        ...(alias === undefined ? [] : [`  alias = "${alias}"`]),
        `  allowed_account_ids         = ["${EMULATOR_ACCOUNT}"]`,
        '  access_key                  = "test"',
        '  secret_key                  = "test"',
        "  skip_credentials_validation = true",
        "  skip_metadata_api_check     = true",
        "  s3_use_path_style           = true",
        `  max_retries                 = ${String(MAX_ATTEMPTS)}`,
        "  endpoints {",
        endpoints,
        "  }",
        "}",
      ].join("\n");
    })
    .join("\n\n")
    .concat("\n");
}

/** The rest of the stack's S3 backend (it names key, region, encrypt and use_lockfile itself). */
function backendConfig(endpoint: string, bucket: string): string {
  return [
    `bucket                      = "${bucket}"`,
    `endpoints                   = { s3 = "${endpoint}" }`,
    "use_path_style              = true",
    'access_key                  = "test"',
    'secret_key                  = "test"',
    "skip_credentials_validation = true",
    "skip_requesting_account_id  = true",
    "skip_metadata_api_check     = true",
    "skip_region_validation      = true",
    `max_retries                 = ${String(MAX_ATTEMPTS)}`,
    "",
  ].join("\n");
}

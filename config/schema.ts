import { z } from "zod";
import { cidrContains, cidrsOverlap, type Ipv4Cidr, MIN_CLIENT_PREFIX_LENGTH, parseIpv4Cidr } from "../lib/cidr";
import { isRegion, REGIONS } from "./regions";

/** Retention values CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Tag keys the project sets itself on every resource (provider default tags). */
export const RESERVED_TAG_KEYS = ["environment", "topology", "managed-by"] as const;

/** Client names become parts of Terraform addresses; `vpc` is taken by the VPC's own rule. */
const RESERVED_CLIENT_NAMES = ["vpc"];

const fix = (text: string) => ({ fix: text });

/** A string matching a pattern, reported with what is wrong and how to fix it. */
function matching(pattern: RegExp, problem: string, fixText: string) {
  return z.string().superRefine((value, ctx) => {
    if (!pattern.test(value)) {
      ctx.addIssue({ code: "custom", input: value, message: problem, params: fix(fixText) });
    }
  });
}

const cidr = z.string().superRefine((value, ctx) => {
  const parsed = parseIpv4Cidr(value);
  if ("reason" in parsed) {
    ctx.addIssue({
      code: "custom",
      input: value,
      message: `the value ${parsed.reason}`,
      params: fix("write the network address and prefix length, e.g. 10.20.0.0/16"),
    });
  }
});

/** A CIDR for cross-field checks, or undefined when its own field already reported it. */
function valid(value: string): Ipv4Cidr | undefined {
  const parsed = parseIpv4Cidr(value);
  return "reason" in parsed ? undefined : parsed;
}

/** Tag keys and values: the characters AWS accepts (which also keeps them safe in HCL). */
function tagText(min: number, max: number) {
  return matching(
    new RegExp(`^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{${String(min)},${String(max)}}$`, "u"),
    "is not a valid AWS tag text",
    `use ${String(min)}-${String(max)} letters, digits, spaces and _ . : / = + - @`,
  );
}

const addressName = matching(
  /^[a-z][a-z0-9-]{0,39}$/,
  "is not a valid name (names become parts of Terraform addresses and AWS resource names)",
  "use 1-40 lowercase letters, digits and hyphens, starting with a letter",
);

const newNetwork = z.strictObject({
  /** Create a new VPC with private subnets. */
  mode: z.literal("create"),
  /** The VPC's IPv4 CIDR block, /16 to /24. */
  cidr,
  /** Private subnet CIDR per availability zone name; at least two zones. */
  privateSubnets: z.record(z.string(), cidr),
});

const existingNetwork = z.strictObject({
  /** Adopt an existing VPC and subnets. */
  mode: z.literal("existing"),
  /** The VPC's id, e.g. vpc-0123456789abcdef0. */
  vpcId: matching(
    /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/,
    "is not a VPC id",
    "copy the id from the VPC console, e.g. vpc-0123456789abcdef0",
  ),
  /** The VPC's primary IPv4 CIDR block (admitted by the endpoint security group). */
  cidr,
  /** Subnet id per availability zone name; at least two zones. */
  subnetIds: z.record(
    z.string(),
    matching(
      /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/,
      "is not a subnet id",
      "copy the id from the VPC console, e.g. subnet-0123456789abcdef0",
    ),
  ),
});

const apiSchema = z.strictObject({
  /** Stage the API is deployed to; part of every URL. */
  stageName: matching(
    /^[A-Za-z0-9_-]{1,128}$/,
    "is not a valid stage name",
    "use 1-128 letters, digits, hyphens and underscores, e.g. v1",
  ),
  /** Execution logging level of every method. */
  loggingLevel: z.enum(["INFO", "ERROR"]),
  /** CloudWatch metrics for every method. */
  metricsEnabled: z.boolean().default(true),
  /** AWS X-Ray tracing on the stage. */
  xrayTracingEnabled: z.boolean().default(true),
  /** Stage-wide throttling; unset means the account-level limits apply. */
  throttling: z
    .strictObject({
      burstLimit: z.int().min(1).max(100000),
      rateLimit: z.number().min(1).max(100000),
    })
    .optional(),
  /** Authorization of the example method (ignored with an OpenAPI body or an existing API). */
  authorization: z.enum(["NONE", "AWS_IAM"]).default("NONE"),
  /** OpenAPI 3 / Swagger 2 document (JSON) to import, relative to the project root. */
  openApiSpec: z.string().min(1).optional(),
  /** Adopt an API that already exists instead of creating one. */
  existing: z
    .strictObject({
      restApiId: matching(
        /^[a-z0-9]{10}$/,
        "is not a REST API id",
        "copy the 10-character id from the API Gateway console, e.g. a1b2c3d4e5",
      ),
      stageName: matching(
        /^[A-Za-z0-9_-]{1,128}$/,
        "is not a valid stage name",
        "use the name of the stage the API is deployed to",
      ),
    })
    .optional(),
});

export const environmentSchema = z
  .strictObject({
    /**
     * Environment name; must equal the file name. At most 16 characters: it is part of every
     * stack name and of IAM role names, which AWS caps at 64.
     */
    name: matching(
      /^[a-z][a-z0-9-]{0,15}$/,
      "is not a valid environment name (it becomes part of stack, Terraform and AWS resource names)",
      "use 1-16 lowercase letters, digits and hyphens, starting with a letter",
    ),
    /** AWS account the environment deploys to; the provider refuses any other. */
    accountId: matching(
      /^\d{12}$/,
      "is not a 12-digit AWS account id",
      'write the account id as a string of 12 digits, e.g. "123456789012"',
    ),
    /** AWS region of the API and its endpoint. */
    region: z.string(),
    /** S3 bucket holding Terraform state; a pipeline may override it with -backend-config. */
    stateBucket: matching(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      "is not a valid S3 bucket name",
      "use 3-63 lowercase letters, digits, dots and hyphens",
    ),
    /** Tags added to every resource, next to environment, topology and managed-by. */
    tags: z.record(tagText(1, 128), tagText(0, 256)).default({}),
    /** The VPC holding the endpoint: created here or adopted. */
    network: z.discriminatedUnion("mode", [newNetwork, existingNetwork]),
    /** Client networks (VPN, peered VPCs, on-premises) admitted on 443, by name. */
    clientCidrs: z.record(addressName, cidr).default({}),
    /** Retention of every log group the project creates. */
    logRetentionDays: z.number(),
    /** Refuse to destroy the VPC, endpoint, API and log groups (Terraform prevent_destroy). */
    deletionProtection: z.boolean(),
    /** The private REST API. */
    api: apiSchema,
    /** API Gateway account settings (a per-region singleton). */
    apiGatewayAccount: z.strictObject({
      /** Create the CloudWatch role API Gateway logs with, in a stack of its own. */
      manageCloudWatchRole: z.boolean(),
    }),
  })
  .superRefine((env, ctx) => {
    const problem = (path: PropertyKey[], input: unknown, message: string, fixText: string) => {
      ctx.addIssue({ code: "custom", path, input, message, params: fix(fixText) });
    };

    const regionKnown = isRegion(env.region);
    if (!regionKnown) {
      problem(["region"], env.region, "is not a region this project supports", `use one of ${REGIONS.join(", ")}`);
    }
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(env.logRetentionDays)) {
      problem(
        ["logRetentionDays"],
        env.logRetentionDays,
        "is not a retention CloudWatch Logs accepts",
        `use one of ${LOG_RETENTION_DAYS.join(", ")}`,
      );
    }
    for (const key of Object.keys(env.tags)) {
      if ((RESERVED_TAG_KEYS as readonly string[]).includes(key.toLowerCase())) {
        problem(["tags", key], env.tags[key], "duplicates a tag the project sets on every resource", "remove it");
      } else if (key.toLowerCase().startsWith("aws:")) {
        problem(["tags", key], env.tags[key], "uses the reserved aws: prefix", "rename the tag key");
      }
    }

    const network = env.network;
    // A new VPC gets room for its subnets; an adopted one can be anything AWS allows.
    const vpcCidr = valid(network.cidr);
    const [shortest, longest] = network.mode === "create" ? [16, 24] : [16, 28];
    if (vpcCidr !== undefined && (vpcCidr.prefixLength < shortest || vpcCidr.prefixLength > longest)) {
      problem(
        ["network", "cidr"],
        network.cidr,
        `is outside the /${String(shortest)} to /${String(longest)} range of a ${network.mode === "create" ? "new" : "adopted"} VPC CIDR`,
        `choose a prefix length between ${String(shortest)} and ${String(longest)}`,
      );
    }
    const zones = network.mode === "create" ? network.privateSubnets : network.subnetIds;
    const zonesField = network.mode === "create" ? "privateSubnets" : "subnetIds";
    if (Object.keys(zones).length < 2) {
      problem(
        ["network", zonesField],
        zones,
        "names fewer than 2 availability zones; the endpoint needs ENIs in at least two for availability",
        `add a second zone, e.g. "${env.region}b"`,
      );
    }
    for (const zone of Object.keys(zones)) {
      if (regionKnown && !new RegExp(`^${env.region}[a-z]$`).test(zone)) {
        problem(
          ["network", zonesField, zone],
          zone,
          `is not an availability zone of ${env.region}`,
          `use zone names such as ${env.region}a`,
        );
      }
    }
    if (network.mode === "create") {
      const seen: [string, Ipv4Cidr][] = [];
      for (const [zone, text] of Object.entries(network.privateSubnets)) {
        const subnet = valid(text);
        if (subnet === undefined || vpcCidr === undefined) {
          continue;
        }
        if (!cidrContains(vpcCidr, subnet)) {
          problem(
            ["network", "privateSubnets", zone],
            text,
            `is not inside the VPC CIDR ${network.cidr}`,
            "choose a subnet inside the VPC CIDR",
          );
        } else if (subnet.prefixLength > 28) {
          problem(
            ["network", "privateSubnets", zone],
            text,
            "is smaller than /28, the smallest subnet AWS allows",
            "use a prefix length of 28 or less",
          );
        }
        for (const [otherZone, other] of seen) {
          if (cidrsOverlap(subnet, other)) {
            problem(
              ["network", "privateSubnets", zone],
              text,
              `overlaps the subnet of ${otherZone} (${other.block.toString()})`,
              "give every zone its own range",
            );
          }
        }
        seen.push([zone, subnet]);
      }
    } else {
      const ids = new Map<string, string>();
      for (const [zone, id] of Object.entries(network.subnetIds)) {
        const first = ids.get(id);
        if (first !== undefined) {
          problem(["network", "subnetIds", zone], id, `is also given for ${first}`, "give every zone its own subnet");
        }
        ids.set(id, zone);
      }
    }

    const clients = new Map<string, string>();
    for (const [name, text] of Object.entries(env.clientCidrs)) {
      const field = ["clientCidrs", name];
      const client = valid(text);
      if (client === undefined) {
        continue;
      }
      if (RESERVED_CLIENT_NAMES.includes(name)) {
        problem(field, text, `uses the reserved client name "${name}"`, "rename the client");
      } else if (client.prefixLength < MIN_CLIENT_PREFIX_LENGTH) {
        problem(
          field,
          text,
          "opens the endpoint to a range far wider than any client network (the internet)",
          `name the client networks themselves, each /${MIN_CLIENT_PREFIX_LENGTH} or narrower`,
        );
      } else if (vpcCidr !== undefined && cidrsOverlap(client, vpcCidr)) {
        problem(
          field,
          text,
          `overlaps the VPC CIDR ${network.cidr}, which is already admitted and cannot be routed to from outside`,
          "remove it or use the client network's own range",
        );
      } else if (clients.has(text)) {
        problem(field, text, `duplicates client "${clients.get(text) ?? ""}"`, "list every client range once");
      }
      clients.set(text, name);
    }

    if (env.api.existing !== undefined && env.api.openApiSpec !== undefined) {
      problem(
        ["api", "openApiSpec"],
        env.api.openApiSpec,
        "cannot be imported into an existing API",
        "remove api.openApiSpec or api.existing",
      );
    }
  });

/** An environment as written in `config/environments/<name>.ts`. */
export type EnvironmentInput = z.input<typeof environmentSchema>;

/** An environment after validation, with defaults applied. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;

/** Typed identity function for environment files: gives completion and type errors in editors. */
export function defineEnvironment(environment: EnvironmentInput): EnvironmentInput {
  return environment;
}

import { z } from "zod";
import { matching, reporter, tagText } from "./fields";
import { checkRegion, type Region } from "./regions";

/** Retention values CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Environment names: they become parts of stack, Terraform and AWS resource names. */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,15}$/;

/** Tag keys the project sets itself on every resource (provider default tags). */
export const RESERVED_TAG_KEYS = ["environment", "topology", "managed-by"] as const;

/**
 * What is truly environment-wide. Each topology the environment runs has its own section under
 * `topologies`, validated by that topology's schema (topologies/registry.ts lists them).
 */
export const environmentSchema = z
  .strictObject({
    /**
     * Environment name; must equal the file name. At most 16 characters: it is part of every
     * stack name and of IAM role names, which AWS caps at 64.
     */
    name: matching(
      ENVIRONMENT_NAME,
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
    /**
     * S3 bucket holding Terraform state. Unset, the generated backend names no bucket and
     * `terraform init` needs `-backend-config=bucket=...`: a placeholder name could be anyone's.
     */
    stateBucket: matching(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      "is not a valid S3 bucket name",
      "use 3-63 lowercase letters, digits, dots and hyphens",
    ).optional(),
    /** Tags added to every resource, next to environment, topology and managed-by. */
    tags: z.record(tagText(1, 128), tagText(0, 256)).default({}),
    /** Retention of every log group the project creates. */
    logRetentionDays: z.number(),
    /**
     * How log groups are encrypted at rest: CloudWatch Logs' own AWS-owned key, or a
     * customer-managed KMS key per stack and region (rotation on, key policy admitting only that
     * stack's log groups; about 1 USD a month per key).
     */
    logEncryption: z.enum(["aws-owned-key", "customer-managed-key"]),
    /** Refuse to destroy the VPC, endpoint, API, log groups and account settings (Terraform prevent_destroy). */
    deletionProtection: z.boolean(),
    /** API Gateway account settings (a per-region singleton). */
    apiGatewayAccount: z.strictObject({
      /** Create the CloudWatch role API Gateway logs with, in a stack of its own. */
      manageCloudWatchRole: z.boolean(),
    }),
    /** The topologies this environment runs, each with its own section; validated per topology. */
    topologies: z.record(z.string(), z.unknown()),
  })
  .superRefine((env, ctx) => {
    const problem = reporter(ctx);
    checkRegion(env.region, problem, ["region"]);
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
  });

/** The environment-wide settings after validation, with defaults applied. */
export interface EnvironmentSettings extends Omit<z.output<typeof environmentSchema>, "region" | "topologies"> {
  readonly region: Region;
}

/**
 * An environment's environment-wide fields as written in `environments/<name>.ts`; the topology
 * registry adds the typed sections (topologies/registry.ts `EnvironmentInput`).
 */
export type EnvironmentFields = Omit<z.input<typeof environmentSchema>, "topologies">;

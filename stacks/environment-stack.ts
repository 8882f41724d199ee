import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Backend } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../config";
import { ReadableStack } from "../lib/readable-stack";

/** Value of the `managed-by` default tag. */
export const MANAGED_BY = "cdktf";

/**
 * cdktf writes `source = "aws"`; the reviewed HCL names the registry address explicitly so the
 * files mean the same thing to any Terraform pipeline.
 */
class HashicorpAwsProvider extends AwsProvider {
  public override readonly terraformProviderSource = "hashicorp/aws";
}

export interface EnvironmentStackProps {
  /** The validated environment to deploy. */
  readonly environment: Environment;
  /** Topology name; the stack is called `<topology>-<environment>`. */
  readonly topology: string;
}

/**
 * Base of every stack of an environment: the AWS provider with the environment's region, account guard
 * and default tags; an S3 backend with a per-stack key and S3-native locking; readable Terraform
 * addresses from ReadableStack.
 */
export class EnvironmentStack extends ReadableStack {
  public readonly environment: Environment;
  public readonly topology: string;

  public constructor(scope: Construct, props: EnvironmentStackProps) {
    super(scope, stackName(props.topology, props.environment.name));
    this.environment = props.environment;
    this.topology = props.topology;
    const env = props.environment;

    new HashicorpAwsProvider(this, "aws", {
      region: env.region,
      allowedAccountIds: [env.accountId],
      defaultTags: [
        {
          tags: {
            ...env.tags,
            environment: env.name,
            topology: props.topology,
            "managed-by": MANAGED_BY,
          },
        },
      ],
    });

    // The bucket is a default: pipelines pass their own with `-backend-config=bucket=...`.
    new S3Backend(this, {
      bucket: env.stateBucket,
      key: `private-api/${this.node.id}/terraform.tfstate`,
      region: env.region,
      encrypt: true,
    });
    // cdktf 0.21's S3Backend has no use_lockfile; this override renders correctly in HCL.
    this.addOverride("terraform.backend.s3.use_lockfile", true);
  }

  /** Name prefix for AWS resources and Name tags: the stack name. */
  public get namePrefix(): string {
    return this.node.id;
  }
}

/** The name of a topology's stack for one environment. */
export function stackName(topology: string, environment: string): string {
  return `${topology}-${environment}`;
}

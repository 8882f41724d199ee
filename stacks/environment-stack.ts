import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Backend, type S3BackendConfig } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentSettings } from "../config";
import { annotateSkips } from "../lib/checkov";
import { ReadableStack } from "../lib/readable-stack";
import { type ILogEncryptionKey, LogEncryptionKey } from "../modules/log-encryption-key";

/** Value of the `managed-by` default tag. */
export const MANAGED_BY = "cdktf";

/**
 * The Terraform versions the generated code needs: the S3 backend's `use_lockfile` is stable from
 * 1.11 on.
 */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.11.0";

/**
 * cdktf writes `source = "aws"`; the reviewed HCL names the registry address explicitly so the
 * files mean the same thing to any Terraform pipeline.
 */
class HashicorpAwsProvider extends AwsProvider {
  public override readonly terraformProviderSource = "hashicorp/aws";
}

/**
 * An S3 backend that may leave the bucket to `-backend-config=bucket=...`: a partial backend
 * configuration makes `terraform init` ask for it instead of talking to a placeholder bucket that
 * anyone could own.
 */
class PartialS3Backend extends S3Backend {
  public constructor(scope: Construct, props: Omit<S3BackendConfig, "bucket"> & { readonly bucket?: string }) {
    // cdktf's type requires a bucket; an absent one is simply not written.
    super(scope, props as S3BackendConfig);
  }
}

export interface EnvironmentStackProps {
  /** The validated environment-wide settings. */
  readonly environment: EnvironmentSettings;
  /** Topology name; the stack is called `<topology>-<environment>`. */
  readonly topology: string;
}

/**
 * Base of every stack of an environment: one AWS provider per region, each with the environment's
 * account guard and default tags; an S3 backend with a per-stack key and S3-native locking; the
 * Terraform version it needs; readable Terraform addresses from ReadableStack.
 */
export class EnvironmentStack extends ReadableStack {
  public readonly environment: EnvironmentSettings;
  public readonly topology: string;
  /** The provider of the environment's own region (the default `aws` provider). */
  public readonly provider: AwsProvider;
  private readonly providers = new Map<string, AwsProvider>();
  private readonly logKeys = new Map<string, LogEncryptionKey>();

  public constructor(scope: Construct, props: EnvironmentStackProps) {
    super(scope, stackName(props.topology, props.environment.name));
    this.environment = props.environment;
    this.topology = props.topology;
    const env = props.environment;

    this.provider = this.newProvider("aws", env.region);
    this.providers.set(env.region, this.provider);

    new PartialS3Backend(this, {
      bucket: env.stateBucket,
      key: `private-api/${this.node.id}/terraform.tfstate`,
      region: env.region,
      encrypt: true,
    });
    // cdktf 0.21's S3Backend has no use_lockfile; this override renders correctly in HCL.
    this.addOverride("terraform.backend.s3.use_lockfile", true);
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
  }

  /**
   * The provider for `region`: the default provider for the environment's region, otherwise an
   * aliased one (`aws.<region>`), created once, with the same account guard and default tags.
   * Aliased providers rather than provider 6's per-resource `region`, so that the code stays
   * valid for provider 5 too.
   */
  public providerFor(region: string): AwsProvider {
    let provider = this.providers.get(region);
    if (provider === undefined) {
      provider = this.newProvider(`aws_${region}`, region, region);
      this.providers.set(region, provider);
    }
    return provider;
  }

  /**
   * The key for log groups in `region` when the environment asks for customer-managed log
   * encryption (`logEncryption`), created on first use, one per region (`aws_kms_key.logs_key`,
   * or `logs_<region>_key` away from the environment's region); otherwise none.
   */
  public logEncryptionKeyFor(region: string): ILogEncryptionKey | undefined {
    const env = this.environment;
    if (env.logEncryption !== "customer-managed-key") {
      return undefined;
    }
    let key = this.logKeys.get(region);
    if (key === undefined) {
      const home = region === env.region;
      key = new LogEncryptionKey(this, home ? "logs" : `logs_${region}`, {
        name: home ? this.namePrefix : `${this.namePrefix}-${region}`,
        accountId: env.accountId,
        region,
        preventDestroy: env.deletionProtection,
        provider: home ? undefined : this.providerFor(region),
      });
      this.logKeys.set(region, key);
    }
    return key;
  }

  /** Name prefix for AWS resources and Name tags: the stack name. */
  public get namePrefix(): string {
    return this.node.id;
  }

  /**
   * cdktf 0.21 renders every `terraform {}` attribute other than blocks as a list of its keys
   * (`0 = "required_version"`), which Terraform rejects; the JSON it writes for `cdktf deploy` is
   * right. Write the attribute as it should be. Resources marked with `skipCheck` get their
   * `#checkov:skip` comments here (HCL only: checkov ignores comments in JSON).
   */
  public override toHclTerraform(): { [key: string]: unknown } {
    const rendered = super.toHclTerraform() as { hcl: string; [key: string]: unknown };
    const broken = /^\s*0 = "required_version"\s*$/m;
    if (!broken.test(rendered.hcl)) {
      throw new Error("cdktf no longer renders terraform.required_version as expected; revisit toHclTerraform");
    }
    const hcl = rendered.hcl.replace(broken, `required_version = "${REQUIRED_TERRAFORM_VERSION}"`);
    return { ...rendered, hcl: annotateSkips(this, hcl) };
  }

  private newProvider(id: string, region: string, alias?: string): AwsProvider {
    const env = this.environment;
    return new HashicorpAwsProvider(this, id, {
      region,
      alias,
      allowedAccountIds: [env.accountId],
      defaultTags: [
        {
          tags: {
            ...env.tags,
            environment: env.name,
            topology: this.topology,
            "managed-by": MANAGED_BY,
          },
        },
      ],
    });
  }
}

/** The name of a topology's stack for one environment. */
export function stackName(topology: string, environment: string): string {
  return `${topology}-${environment}`;
}

/** What every topology stack receives: the environment's settings and its own section. */
export interface TopologyStackProps<Section> {
  /** The environment-wide settings. */
  readonly environment: EnvironmentSettings;
  /** The topology's validated section of the environment file. */
  readonly section: Section;
}

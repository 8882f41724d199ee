import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../lib/errors";
import { policyDocument } from "../lib/iam";

/** A KMS key CloudWatch Logs may encrypt named log groups with. */
export interface ILogEncryptionKey {
  /** The key's ARN, for a log group's `kms_key_id`. */
  readonly keyArn: string;
  /** The region of the key; CloudWatch Logs uses only keys of the log group's own region. */
  readonly region: string;
  /** Lets CloudWatch Logs use the key for the log group called `name` (and for nothing else). */
  admitLogGroup(name: string): void;
}

export interface LogEncryptionKeyProps {
  /** Name of the stack the key serves; its alias is `alias/<name>/logs`. */
  readonly name: string;
  /** The account that owns the key and administers it through IAM. */
  readonly accountId: string;
  /** The key's region (that of its provider). */
  readonly region: string;
  /**
   * Refuse to destroy the key (Terraform `prevent_destroy`): logs encrypted with it are unreadable
   * once it is gone.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * The AWS provider of `region`.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/** Days a scheduled key deletion waits; the maximum, so a mistaken destroy can be cancelled. */
const DELETION_WINDOW_DAYS = 30;

/**
 * A customer-managed KMS key for a stack's log groups: rotation on, and an explicit key policy in
 * which the account administers the key through IAM and CloudWatch Logs of the key's region may
 * use it only for the log groups admitted with `admitLogGroup` (the encryption-context condition
 * CloudWatch Logs documents).
 */
export class LogEncryptionKey extends Construct implements ILogEncryptionKey {
  public readonly keyArn: string;
  public readonly region: string;
  private readonly logGroupNames: string[] = [];

  public constructor(scope: Construct, id: string, props: LogEncryptionKeyProps) {
    super(scope, id);
    this.region = props.region;
    const logGroupArn = (name: string): string => `arn:aws:logs:${props.region}:${props.accountId}:log-group:${name}`;
    this.node.addValidation({
      validate: () => (this.logGroupNames.length === 0 ? ["the key encrypts no log group; remove it"] : []),
    });
    const key = new KmsKey(this, "key", {
      provider: props.provider,
      description: `Encrypts the CloudWatch log groups of ${props.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: DELETION_WINDOW_DAYS,
      policy: Lazy.stringValue({
        produce: () =>
          policyDocument([
            {
              // Without it no IAM policy could grant use of the key, and nobody could manage it.
              Sid: "AccountAdministersKeyThroughIam",
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
              Action: "kms:*",
              Resource: "*",
            },
            {
              Sid: "CloudWatchLogsEncryptsTheseLogGroupsOnly",
              Effect: "Allow",
              Principal: { Service: `logs.${props.region}.amazonaws.com` },
              Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
              Resource: "*",
              Condition: {
                ArnEquals: { "kms:EncryptionContext:aws:logs:arn": this.logGroupNames.map(logGroupArn) },
              },
            },
          ]),
      }),
      lifecycle: props.preventDestroy === true ? { preventDestroy: true } : undefined,
    });
    new KmsAlias(this, "alias", {
      provider: props.provider,
      name: `alias/${props.name}/logs`,
      targetKeyId: key.keyId,
    });
    this.keyArn = key.arn;
  }

  public admitLogGroup(name: string): void {
    if (this.logGroupNames.includes(name)) {
      throw new ValidationError(this.node.path, `log group ${name} is admitted twice`);
    }
    this.logGroupNames.push(name);
  }
}

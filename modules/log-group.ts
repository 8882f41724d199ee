import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import { skipCheck } from "../lib/checkov";
import type { ILogEncryptionKey } from "./log-encryption-key";

/** Retention below which a log group skips checkov's one-year check, with the catalogued reason. */
export const ONE_YEAR_IN_DAYS = 365;

export interface LogGroupProps {
  /** The log group's name. */
  readonly name: string;
  /** Days CloudWatch Logs keeps events. */
  readonly retentionInDays: number;
  /**
   * Customer-managed key to encrypt the group with; it is made to admit this group.
   * @default - CloudWatch Logs' own encryption with an AWS-owned key
   */
  readonly encryptionKey?: ILogEncryptionKey;
  /**
   * Refuse to destroy the group (Terraform `prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * The AWS provider of the group's region.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/**
 * A log group the way every module of this project makes one: explicit retention, and encryption
 * with the environment's key when it has one. Created directly in `scope` under `id`, so the
 * caller's Terraform address stays what it was. The checkov checks it does not meet by the
 * environment's choice (KMS, one-year retention) are skipped on it, with the catalogued reason.
 */
export function logGroup(scope: Construct, id: string, props: LogGroupProps): CloudwatchLogGroup {
  const key = props.encryptionKey;
  const group = new CloudwatchLogGroup(scope, id, {
    provider: props.provider,
    name: props.name,
    retentionInDays: props.retentionInDays,
    kmsKeyId: key?.keyArn,
    lifecycle: props.preventDestroy === true ? { preventDestroy: true } : undefined,
  });
  if (key === undefined) {
    skipCheck(group, "CKV_AWS_158");
  } else {
    key.admitLogGroup(props.name);
  }
  if (props.retentionInDays < ONE_YEAR_IN_DAYS) {
    skipCheck(group, "CKV_AWS_338");
  }
  return group;
}

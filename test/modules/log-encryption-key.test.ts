import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { skippedChecks } from "../../lib/checkov";
import { ReadableStack } from "../../lib/readable-stack";
import { LogEncryptionKey } from "../../modules/log-encryption-key";
import { logGroup } from "../../modules/log-group";
import { decodePolicy, resource, synth } from "../helpers";

function keyStack(preventDestroy?: boolean) {
  const stack = new ReadableStack(Testing.app(), "test");
  const key = new LogEncryptionKey(stack, "logs", {
    name: "demo",
    accountId: "123456789012",
    region: "eu-west-1",
    preventDestroy,
  });
  return { stack, key };
}

describe("LogEncryptionKey", () => {
  test("rotation on, 30-day deletion window, an alias, and a key policy admitting only the groups that use it", () => {
    // GIVEN
    const { stack, key } = keyStack();
    // WHEN
    logGroup(stack, "first", { name: "/demo/first", retentionInDays: 400, encryptionKey: key });
    logGroup(stack, "second", { name: "/demo/second", retentionInDays: 400, encryptionKey: key });
    const out = synth(stack);
    // THEN
    const kms = resource(out, "aws_kms_key", "logs_key");
    expect(kms).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(kms.lifecycle).toBeUndefined();
    expect(resource(out, "aws_kms_alias", "logs_alias")).toEqual({
      name: "alias/demo/logs",
      target_key_id: "${aws_kms_key.logs_key.key_id}",
    });
    expect(decodePolicy(kms.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountAdministersKeyThroughIam",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "kms:*",
          Resource: "*",
        },
        {
          Sid: "CloudWatchLogsEncryptsTheseLogGroupsOnly",
          Effect: "Allow",
          Principal: { Service: "logs.eu-west-1.amazonaws.com" },
          Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          Resource: "*",
          Condition: {
            ArnEquals: {
              "kms:EncryptionContext:aws:logs:arn": [
                "arn:aws:logs:eu-west-1:123456789012:log-group:/demo/first",
                "arn:aws:logs:eu-west-1:123456789012:log-group:/demo/second",
              ],
            },
          },
        },
      ],
    });
    expect(resource(out, "aws_cloudwatch_log_group", "first").kms_key_id).toBe("${aws_kms_key.logs_key.arn}");
  });

  test("deletion protection keeps the key: logs encrypted with it are unreadable once it is gone", () => {
    const { stack, key } = keyStack(true);
    logGroup(stack, "first", { name: "/demo/first", retentionInDays: 400, encryptionKey: key });
    expect(resource(synth(stack), "aws_kms_key", "logs_key").lifecycle).toEqual({ prevent_destroy: true });
  });

  test("a key no log group uses is refused at synthesis", () => {
    const { stack } = keyStack();
    expect(() => Testing.synth(stack, true)).toThrow(/the key encrypts no log group; remove it/);
  });

  test("a log group admitted twice is refused", () => {
    const { key } = keyStack();
    key.admitLogGroup("/demo/first");
    expect(() => {
      key.admitLogGroup("/demo/first");
    }).toThrow("log group /demo/first is admitted twice");
  });
});

describe("logGroup", () => {
  test("without a key and under a year: encrypted by CloudWatch Logs, and both checkov skips with their reasons", () => {
    // GIVEN
    const stack = new ReadableStack(Testing.app(), "test");
    // WHEN
    const group = logGroup(stack, "logs", { name: "/demo", retentionInDays: 30 });
    // THEN
    const out = synth(stack);
    expect(resource(out, "aws_cloudwatch_log_group", "logs")).toEqual({ name: "/demo", retention_in_days: 30 });
    expect(skippedChecks(group)).toEqual(["CKV_AWS_158", "CKV_AWS_338"]);
  });

  test("with a key and a year or more: no skips, prevent_destroy and the provider passed through", () => {
    const stack = new ReadableStack(Testing.app(), "test");
    const provider = new AwsProvider(stack, "aws_west", { region: "eu-west-1", alias: "west" });
    const key = new LogEncryptionKey(stack, "logs", { name: "demo", accountId: "123456789012", region: "eu-west-1" });
    const group = logGroup(stack, "group", {
      name: "/demo",
      retentionInDays: 365,
      encryptionKey: key,
      preventDestroy: true,
      provider,
    });
    const out = synth(stack);
    expect(resource(out, "aws_cloudwatch_log_group", "group")).toMatchObject({
      provider: "aws.west",
      retention_in_days: 365,
      kms_key_id: "${aws_kms_key.logs_key.arn}",
      lifecycle: { prevent_destroy: true },
    });
    expect(skippedChecks(group)).toEqual([]);
  });
});

import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Testing } from "cdktf";
import { EnvironmentStack, REQUIRED_TERRAFORM_VERSION } from "../../stacks/environment-stack";
import { settingsOf, synth } from "../helpers";

function stackFor(overrides: Parameters<typeof settingsOf>[0] = {}): EnvironmentStack {
  return new EnvironmentStack(Testing.app(), { environment: settingsOf(overrides), topology: "demo" });
}

describe("EnvironmentStack", () => {
  test("one provider per region, each with the account guard and the same default tags", () => {
    // GIVEN a stack that places a resource in a second region
    const stack = stackFor();
    const peer = stack.providerFor("eu-central-1");
    new Vpc(stack, "peer_vpc", { cidrBlock: "10.1.0.0/16", provider: peer });

    // THEN the region's own provider is the default one and the other is aliased by region
    expect(stack.providerFor("eu-west-1")).toBe(stack.provider);
    expect(stack.providerFor("eu-central-1")).toBe(peer);
    const out = synth(stack);
    const tags = { owner: "tests", environment: "test", topology: "demo", "managed-by": "cdktf" };
    expect(out.provider.aws).toEqual([
      { region: "eu-west-1", allowed_account_ids: ["123456789012"], default_tags: [{ tags }] },
      {
        alias: "eu-central-1",
        region: "eu-central-1",
        allowed_account_ids: ["123456789012"],
        default_tags: [{ tags }],
      },
    ]);
    expect(out.resource.aws_vpc?.peer_vpc?.provider).toBe("aws.eu-central-1");
  });

  test("log encryption keys: none by default; with customer-managed-key one per region, on that region's provider", () => {
    expect(stackFor().logEncryptionKeyFor("eu-west-1")).toBeUndefined();
    // GIVEN an environment that asks for customer-managed keys
    const stack = stackFor({ logEncryption: "customer-managed-key" });
    const home = stack.logEncryptionKeyFor("eu-west-1");
    const away = stack.logEncryptionKeyFor("eu-central-1");
    // THEN each region's key is made once, and named by region away from home
    expect(stack.logEncryptionKeyFor("eu-west-1")).toBe(home);
    expect(home?.region).toBe("eu-west-1");
    expect(away?.region).toBe("eu-central-1");
    home?.admitLogGroup("/home");
    away?.admitLogGroup("/away");
    const out = synth(stack);
    expect(Object.keys(out.resource.aws_kms_key ?? {}).sort()).toEqual(["logs_eu-central-1_key", "logs_key"]);
    expect(out.resource.aws_kms_key?.["logs_eu-central-1_key"]?.provider).toBe("aws.eu-central-1");
    expect(out.resource.aws_kms_key?.logs_key?.provider).toBeUndefined();
    expect(out.resource.aws_kms_alias?.["logs_eu-central-1_alias"]?.name).toBe("alias/demo-test-eu-central-1/logs");
  });

  test("without a configured bucket the backend names none, so terraform init must be given one", () => {
    const out = synth(stackFor());
    expect(out.terraform.backend.s3).toEqual({
      key: "private-api/demo-test/terraform.tfstate",
      region: "eu-west-1",
      encrypt: true,
      use_lockfile: true,
    });
    expect(out.terraform.required_providers.aws).toEqual({ source: "hashicorp/aws", version: "6.25.0" });
  });

  test("declares the Terraform version use_lockfile needs, in JSON and as valid HCL", () => {
    const stack = stackFor({ stateBucket: "acme-tfstate" });
    expect(synth(stack).terraform.required_version).toBe(REQUIRED_TERRAFORM_VERSION);
    const hcl = Testing.synthHcl(stack) as string;
    expect(hcl).toContain(`required_version = "${REQUIRED_TERRAFORM_VERSION}"`);
    expect(hcl).not.toMatch(/^\s*0 = /m);
    expect(hcl).toContain('bucket = "acme-tfstate"');
  });
});

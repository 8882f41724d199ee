import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Testing } from "cdktf";
import { EnvironmentStack, REQUIRED_TERRAFORM_VERSION } from "../../stacks/environment-stack";
import { directVpce, synth } from "../helpers";

function stackFor(overrides: Parameters<typeof directVpce>[0] = {}): EnvironmentStack {
  return new EnvironmentStack(Testing.app(), { environment: directVpce(overrides).environment, topology: "demo" });
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

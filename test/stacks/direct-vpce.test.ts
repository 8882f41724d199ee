import { Testing } from "cdktf";
import { loadEnvironmentSources, resolveEnvironment } from "../../config";
import { DirectVpceStack } from "../../stacks/direct-vpce";
import { dataSource, environment, resource, resourcesOf, synth, type Synthesized } from "../helpers";

function synthDirectVpce(env = environment()): Synthesized {
  return synth(new DirectVpceStack(Testing.app(), env));
}

describe("direct-vpce, every committed environment", () => {
  let stacks: [string, Synthesized][] = [];
  beforeAll(async () => {
    const sources = await loadEnvironmentSources();
    stacks = sources.map((s) => [s.name, synthDirectVpce(resolveEnvironment(s, "direct-vpce"))]);
  });

  test("each environment synthesizes", () => {
    expect(stacks.map(([name]) => name)).toEqual(["dev", "prod", "staging"]);
  });

  test("the endpoint is an execute-api interface endpoint with private DNS in at least two zones", () => {
    for (const [, out] of stacks) {
      const endpoint = resource(out, "aws_vpc_endpoint", "execute_api_endpoint");
      expect(endpoint.service_name).toBe("com.amazonaws.eu-west-1.execute-api");
      expect(endpoint.vpc_endpoint_type).toBe("Interface");
      expect(endpoint.private_dns_enabled).toBe(true);
      expect(endpoint.subnet_ids.length).toBeGreaterThanOrEqual(2);
      // private DNS needs both VPC DNS attributes
      expect(resource(out, "aws_vpc", "network_vpc")).toMatchObject({
        enable_dns_support: true,
        enable_dns_hostnames: true,
      });
    }
  });

  test("only HTTPS reaches the endpoint, from the VPC and the named clients", () => {
    for (const [, out] of stacks) {
      const rules = Object.values(resourcesOf(out, "aws_vpc_security_group_ingress_rule"));
      expect(rules.length).toBeGreaterThanOrEqual(2);
      for (const rule of rules) {
        expect(rule).toMatchObject({ ip_protocol: "tcp", from_port: 443, to_port: 443 });
        expect(rule.cidr_ipv4).not.toBe("0.0.0.0/0");
        expect(rule.description).toBeTruthy();
      }
    }
  });

  test("the API is PRIVATE, bound to the endpoint, and denies calls from anywhere else", () => {
    for (const [, out] of stacks) {
      expect(resource(out, "aws_api_gateway_rest_api", "api_rest_api").endpoint_configuration).toEqual({
        types: ["PRIVATE"],
        vpc_endpoint_ids: ["${aws_vpc_endpoint.execute_api_endpoint.id}"],
      });
      const deny = dataSource(out, "aws_iam_policy_document", "api_resource_policy").statement[1];
      expect(deny.condition).toEqual([
        {
          test: "StringNotEquals",
          variable: "aws:SourceVpce",
          values: ["${aws_vpc_endpoint.execute_api_endpoint.id}"],
        },
      ]);
    }
  });

  test("the provider carries region, account guard and default tags; the backend is S3 with locking", () => {
    for (const [name, out] of stacks) {
      expect(out.provider.aws?.[0]).toMatchObject({
        region: "eu-west-1",
        allowed_account_ids: [expect.stringMatching(/^\d{12}$/)],
        default_tags: [{ tags: { environment: name, topology: "direct-vpce", "managed-by": "cdktf" } }],
      });
      expect(out.terraform.required_providers.aws).toEqual({ source: "hashicorp/aws", version: "6.25.0" });
      expect(out.terraform.backend.s3).toEqual({
        bucket: `example-private-api-tfstate-${name}`,
        key: `private-api/direct-vpce-${name}/terraform.tfstate`,
        region: "eu-west-1",
        encrypt: true,
        use_lockfile: true,
      });
    }
  });

  test("prod refuses to destroy the VPC, endpoint, API and logs; dev does not", () => {
    const byName = Object.fromEntries(stacks);
    const prod = byName.prod!;
    for (const [type, name] of [
      ["aws_vpc", "network_vpc"],
      ["aws_vpc_endpoint", "execute_api_endpoint"],
      ["aws_api_gateway_rest_api", "api_rest_api"],
      ["aws_cloudwatch_log_group", "api_access_logs"],
    ] as const) {
      expect(resource(prod, type, name).lifecycle).toMatchObject({ prevent_destroy: true });
    }
    expect(JSON.stringify(byName.dev!.resource)).not.toContain("prevent_destroy");
  });
});

describe("direct-vpce outputs", () => {
  test("give a client every way to call the API", () => {
    const out = synthDirectVpce();
    expect(out.output).toEqual({
      rest_api_id: expect.objectContaining({ value: "${aws_api_gateway_rest_api.api_rest_api.id}" }),
      stage_name: expect.objectContaining({ value: "${aws_api_gateway_stage.api_stage.stage_name}" }),
      invoke_url: expect.objectContaining({ value: "${aws_api_gateway_stage.api_stage.invoke_url}" }),
      vpce_alias_url: expect.objectContaining({
        value:
          "https://${aws_api_gateway_rest_api.api_rest_api.id}-${aws_vpc_endpoint.execute_api_endpoint.id}.execute-api.eu-west-1.amazonaws.com/${aws_api_gateway_stage.api_stage.stage_name}",
      }),
      vpc_endpoint_id: expect.objectContaining({ value: "${aws_vpc_endpoint.execute_api_endpoint.id}" }),
      vpc_endpoint_dns_names: expect.objectContaining({
        value: "${aws_vpc_endpoint.execute_api_endpoint.dns_entry[*].dns_name}",
      }),
    });
    for (const output of Object.values(out.output)) {
      expect(output.description).toBeTruthy();
    }
  });

  test("an adopted API: nothing of it is created and its owner gets the resource policy to add", () => {
    const out = synthDirectVpce(
      environment({
        network: {
          mode: "existing",
          vpcId: "vpc-0123456789abcdef0",
          cidr: "10.0.0.0/16",
          subnetIds: { "eu-west-1a": "subnet-000000000000000aa", "eu-west-1b": "subnet-000000000000000bb" },
        },
        api: { stageName: "v1", loggingLevel: "INFO", existing: { restApiId: "a1b2c3d4e5", stageName: "prod" } },
      }),
    );
    expect(Object.keys(out.resource).sort()).toEqual([
      "aws_security_group",
      "aws_vpc_endpoint",
      "aws_vpc_endpoint_policy",
      "aws_vpc_security_group_ingress_rule",
    ]);
    expect(out.output.invoke_url.value).toBe("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod");
    expect(out.output.resource_policy_for_api_owner.value).toBe(
      "${data.aws_iam_policy_document.api_resource_policy.json}",
    );
  });
});

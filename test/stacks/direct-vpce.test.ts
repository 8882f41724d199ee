import { Testing } from "cdktf";
import { type Environment, loadEnvironmentSources, resolveEnvironment } from "../../config";
import { DirectVpceStack } from "../../stacks/direct-vpce";
import {
  dataSource,
  environment,
  expectEndpointPolicyFor,
  resource,
  resourcesOf,
  synth,
  type Synthesized,
} from "../helpers";

function synthDirectVpce(env = environment()): Synthesized {
  return synth(new DirectVpceStack(Testing.app(), env));
}

describe("direct-vpce, every committed environment", () => {
  let stacks: [string, Synthesized][] = [];
  const environments = new Map<string, Environment>();
  beforeAll(async () => {
    for (const s of await loadEnvironmentSources()) {
      environments.set(s.name, resolveEnvironment(s, "direct-vpce"));
    }
    stacks = [...environments].map(([name, env]) => [name, synthDirectVpce(env)]);
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

  test("only HTTPS reaches the endpoint: one described rule for the VPC and one per named client", () => {
    for (const [name, out] of stacks) {
      const env = environments.get(name)!;
      const expected: Record<string, string> = { execute_api_https_from_vpc: env.network.cidr };
      for (const [client, cidr] of Object.entries(env.clientCidrs)) {
        expected[`execute_api_https_from_${client}`] = cidr;
      }
      const rules = resourcesOf(out, "aws_vpc_security_group_ingress_rule");
      expect(Object.fromEntries(Object.entries(rules).map(([address, rule]) => [address, rule.cidr_ipv4]))).toEqual(
        expected,
      );
      for (const rule of Object.values(rules)) {
        expect(rule).toMatchObject({
          security_group_id: "${aws_security_group.execute_api_security_group.id}",
          ip_protocol: "tcp",
          from_port: 443,
          to_port: 443,
          description: expect.stringMatching(/^HTTPS from /),
        });
      }
      expect(resourcesOf(out, "aws_vpc_security_group_egress_rule")).toEqual({});
    }
  });

  test("the endpoint policy allows invoking this API only", () => {
    for (const [, out] of stacks) {
      expectEndpointPolicyFor(out, "${aws_api_gateway_rest_api.api_rest_api.execution_arn}");
    }
  });

  test("the deployment is replaced, new before old, when the API or its policy changes", () => {
    for (const [, out] of stacks) {
      const deployment = resource(out, "aws_api_gateway_deployment", "api_deployment");
      expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
      expect(deployment.triggers.redeployment).toContain(
        "data.aws_iam_policy_document.api_resource_policy_document.json",
      );
      expect(deployment.depends_on).toEqual(["aws_api_gateway_rest_api_policy.api_resource_policy"]);
      expect(deployment.triggers.redeployment).toContain("aws_api_gateway_integration.api_health_get_integration");
    }
  });

  test("the stage logs access and execution with the environment's retention, traces, and has metrics", () => {
    for (const [name, out] of stacks) {
      const env = environments.get(name)!;
      expect(resource(out, "aws_api_gateway_stage", "api_stage")).toMatchObject({
        stage_name: env.api.stageName,
        xray_tracing_enabled: true,
        access_log_settings: { destination_arn: "${aws_cloudwatch_log_group.api_access_logs.arn}" },
      });
      for (const group of ["api_access_logs", "api_execution_logs", "network_flow_logs"]) {
        expect(resource(out, "aws_cloudwatch_log_group", group).retention_in_days).toBe(env.logRetentionDays);
      }
      expect(resource(out, "aws_api_gateway_method_settings", "api_method_settings").settings).toMatchObject({
        metrics_enabled: true,
        logging_level: env.api.loggingLevel,
        data_trace_enabled: false,
        throttling_burst_limit: env.api.throttling?.burstLimit,
        throttling_rate_limit: env.api.throttling?.rateLimit,
      });
    }
  });

  test("the API is PRIVATE, bound to the endpoint, and denies calls from anywhere else", () => {
    for (const [, out] of stacks) {
      expect(resource(out, "aws_api_gateway_rest_api", "api_rest_api").endpoint_configuration).toEqual({
        types: ["PRIVATE"],
        vpc_endpoint_ids: ["${aws_vpc_endpoint.execute_api_endpoint.id}"],
      });
      const invoke = {
        principals: [{ type: "*", identifiers: ["*"] }],
        actions: ["execute-api:Invoke"],
        resources: ["${aws_api_gateway_rest_api.api_rest_api.execution_arn}/*"],
      };
      expect(dataSource(out, "aws_iam_policy_document", "api_resource_policy_document").statement).toEqual([
        { sid: "AllowInvoke", effect: "Allow", ...invoke },
        {
          sid: "DenyOutsideVpcEndpoints",
          effect: "Deny",
          ...invoke,
          condition: [
            {
              test: "StringNotEquals",
              variable: "aws:SourceVpce",
              values: ["${aws_vpc_endpoint.execute_api_endpoint.id}"],
            },
          ],
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

describe("direct-vpce names", () => {
  test("the longest environment name keeps every AWS name within its limit", () => {
    const out = synthDirectVpce(environment({ name: "abcdefghijklmnop" }));
    for (const role of Object.values(resourcesOf(out, "aws_iam_role"))) {
      expect(role.name.length).toBeLessThanOrEqual(64);
    }
    for (const group of Object.values(resourcesOf(out, "aws_security_group"))) {
      expect(group.name_prefix.length).toBeLessThanOrEqual(100);
    }
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
      "${data.aws_iam_policy_document.api_resource_policy_document.json}",
    );
  });
});

import { Testing } from "cdktf";
import { DirectVpceStack } from "./stack";
import {
  decodePolicy,
  expectEndpointPolicyFor,
  resource,
  resolvedSection,
  resourcesOf,
  synth,
  type Synthesized,
} from "../../test/helpers";
import type { EnvironmentInput } from "../registry";
import { directVpceInput } from "./fixtures";

/** The validated settings and direct-vpce section of one environment. */
const directVpce = (overrides: Partial<EnvironmentInput> = {}) => resolvedSection("direct-vpce", overrides);

const API_ARN = "${aws_api_gateway_rest_api.api_rest_api.execution_arn}";
const ENDPOINT_ID = "${aws_vpc_endpoint.execute_api_endpoint.id}";

function synthDirectVpce(props = directVpce()): Synthesized {
  return synth(new DirectVpceStack(Testing.app(), props));
}

describe("direct-vpce, all defaults", () => {
  // GIVEN a created VPC in two zones, no client networks and the example API
  const out = synthDirectVpce();

  test("an execute-api interface endpoint with private DNS in both zones of a DNS-enabled VPC", () => {
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint")).toMatchObject({
      service_name: "com.amazonaws.eu-west-1.execute-api",
      vpc_endpoint_type: "Interface",
      private_dns_enabled: true,
      subnet_ids: ["${aws_subnet.network_subnet_eu-west-1a.id}", "${aws_subnet.network_subnet_eu-west-1b.id}"],
    });
    expect(resource(out, "aws_vpc", "network_vpc")).toMatchObject({
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
  });

  test("only HTTPS from the VPC reaches the endpoint, and nothing leaves it", () => {
    expect(resourcesOf(out, "aws_vpc_security_group_ingress_rule")).toEqual({
      execute_api_https_from_vpc: expect.objectContaining({ cidr_ipv4: "10.0.0.0/16", from_port: 443, to_port: 443 }),
    });
    expect(resourcesOf(out, "aws_vpc_security_group_egress_rule")).toEqual({});
  });

  test("the endpoint may invoke this API only, and the API only admits calls through the endpoint", () => {
    expectEndpointPolicyFor(out, [API_ARN]);
    expect(resource(out, "aws_api_gateway_rest_api", "api_rest_api").endpoint_configuration).toEqual({
      types: ["PRIVATE"],
      vpc_endpoint_ids: [ENDPOINT_ID],
    });
    const policy = decodePolicy(resource(out, "aws_api_gateway_rest_api_policy", "api_resource_policy").policy);
    expect(policy.Statement[1]).toMatchObject({
      Sid: "DenyOutsideVpcEndpoints",
      Effect: "Deny",
      Resource: `${API_ARN}/*`,
      Condition: { StringNotEquals: { "aws:SourceVpce": [ENDPOINT_ID] } },
    });
  });

  test("a plan after an apply is stable: the deployment hashes ids and set attributes, the API keeps no create_before_destroy", () => {
    const deployment = resource(out, "aws_api_gateway_deployment", "api_deployment");
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    expect(deployment.triggers.redeployment).toContain("aws_api_gateway_rest_api_policy.api_resource_policy.policy");
    expect(deployment.triggers.redeployment).not.toMatch(
      /aws_api_gateway_integration\.api_health_get_integration[,\]]/,
    );
    expect(resource(out, "aws_api_gateway_rest_api", "api_rest_api")).not.toHaveProperty("lifecycle");
  });

  test("the stage logs access and execution with the environment's retention, traces, and has metrics", () => {
    expect(resource(out, "aws_api_gateway_stage", "api_stage")).toMatchObject({
      stage_name: "v1",
      xray_tracing_enabled: true,
      access_log_settings: { destination_arn: "${aws_cloudwatch_log_group.api_access_logs.arn}" },
    });
    for (const group of ["api_access_logs", "api_execution_logs", "network_flow_logs"]) {
      expect(resource(out, "aws_cloudwatch_log_group", group).retention_in_days).toBe(30);
    }
    expect(resource(out, "aws_api_gateway_method_settings", "api_method_settings").settings).toEqual({
      metrics_enabled: true,
      logging_level: "INFO",
      data_trace_enabled: false,
    });
  });

  test("nothing is protected from destroy without deletion protection", () => {
    expect(JSON.stringify(out.resource)).not.toContain("prevent_destroy");
  });

  test("outputs give a client every way to call the API, and only callable endpoint names", () => {
    expect(Object.keys(out.output).sort()).toEqual([
      "invoke_url",
      "rest_api_id",
      "stage_name",
      "vpc_endpoint_dns_names",
      "vpc_endpoint_id",
      "vpce_alias_url",
    ]);
    expect(out.output.vpce_alias_url.value).toBe(
      "https://${aws_api_gateway_rest_api.api_rest_api.id}-${aws_vpc_endpoint.execute_api_endpoint.id}.execute-api.eu-west-1.amazonaws.com/${aws_api_gateway_stage.api_stage.stage_name}",
    );
    expect(out.output.vpc_endpoint_dns_names.value).toBe(
      '${[for entry in aws_vpc_endpoint.execute_api_endpoint.dns_entry : entry.dns_name if can(regex("^vpce-[0-9a-f]+-[0-9a-z]+(-[a-z0-9-]+)?[.]execute-api[.][a-z0-9-]+[.]vpce[.]amazonaws[.]com$", entry.dns_name))]}',
    );
    for (const output of Object.values(out.output)) {
      expect(output.description).toBeTruthy();
    }
  });
});

describe("direct-vpce, all options", () => {
  // GIVEN client networks, throttling, IAM authorization, ERROR logging, deletion protection
  const out = synthDirectVpce(
    directVpce({
      deletionProtection: true,
      logRetentionDays: 365,
      logEncryption: "customer-managed-key",
      stateBucket: "acme-tfstate-test",
      topologies: {
        "direct-vpce": directVpceInput({
          clientNetworks: {
            "shared-services": {
              via: "transit-gateway",
              cidr: "10.100.0.0/16",
              transitGatewayId: "tgw-00000000000000001",
            },
            "corporate-vpn": { via: "client-vpn", securityGroupId: "sg-00000000000000001" },
          },
          api: {
            mode: "create",
            stageName: "prod",
            loggingLevel: "ERROR",
            metricsEnabled: false,
            xrayTracingEnabled: false,
            authorization: "AWS_IAM",
            throttling: { burstLimit: 2000, rateLimit: 1000 },
            callers: { of: "accounts", accountIds: ["111111111111", "222222222222"] },
          },
        }),
      },
    }),
  );

  test("api.callers: the resource policy's and the endpoint policy's Allow admit the named accounts' principals only", () => {
    const condition = { StringEquals: { "aws:PrincipalAccount": ["111111111111", "222222222222"] } };
    const resourcePolicy = decodePolicy(resource(out, "aws_api_gateway_rest_api_policy", "api_resource_policy").policy);
    expect(resourcePolicy.Statement[0]).toMatchObject({ Sid: "AllowInvoke", Effect: "Allow", Condition: condition });
    // The Deny outside the endpoint is unchanged.
    expect(resourcePolicy.Statement[1].Condition).toEqual({
      StringNotEquals: { "aws:SourceVpce": ["${aws_vpc_endpoint.execute_api_endpoint.id}"] },
    });
    const endpointPolicy = decodePolicy(resource(out, "aws_vpc_endpoint_policy", "execute_api_policy").policy);
    expect(endpointPolicy.Statement).toEqual([
      expect.objectContaining({ Sid: "InvokeServedApisOnly", Condition: condition }),
    ]);
  });

  test("one described HTTPS rule per client network, keyed by name: its range, or a Client VPN endpoint's group", () => {
    const rules = resourcesOf(out, "aws_vpc_security_group_ingress_rule");
    expect(
      Object.fromEntries(
        Object.entries(rules).map(([address, rule]) => [address, rule.cidr_ipv4 ?? rule.referenced_security_group_id]),
      ),
    ).toEqual({
      execute_api_https_from_vpc: "10.0.0.0/16",
      // Its clients arrive NATed to its interfaces: the pool is never admitted.
      "execute_api_https_from_corporate-vpn": "sg-00000000000000001",
      "execute_api_https_from_shared-services": "10.100.0.0/16",
    });
    expect(rules["execute_api_https_from_corporate-vpn"].description).toBe("HTTPS from client network corporate-vpn");
    expect(rules["execute_api_https_from_shared-services"].tags).toEqual({
      "client-network": "shared-services",
      "arrives-via": "transit-gateway",
    });
  });

  test("a transit-gateway client network: the created VPC is attached, each route table routes the range to it", () => {
    const attachment = resource(
      out,
      "aws_ec2_transit_gateway_vpc_attachment",
      "client_networks_attachment_tgw-00000000000000001",
    );
    expect(attachment).toMatchObject({
      transit_gateway_id: "tgw-00000000000000001",
      vpc_id: "${aws_vpc.network_vpc.id}",
      subnet_ids: ["${aws_subnet.network_subnet_eu-west-1a.id}", "${aws_subnet.network_subnet_eu-west-1b.id}"],
    });
    const routes = resourcesOf(out, "aws_route");
    expect(Object.keys(routes).sort()).toEqual([
      "client_networks_route_shared-services_eu-west-1a",
      "client_networks_route_shared-services_eu-west-1b",
    ]);
    expect(routes["client_networks_route_shared-services_eu-west-1a"]).toMatchObject({
      route_table_id: "${aws_route_table.network_route_table_eu-west-1a.id}",
      destination_cidr_block: "10.100.0.0/16",
      transit_gateway_id: "tgw-00000000000000001",
      depends_on: ["aws_ec2_transit_gateway_vpc_attachment.client_networks_attachment_tgw-00000000000000001"],
    });
  });

  test("the API options reach the stage and methods", () => {
    expect(resource(out, "aws_api_gateway_method", "api_health_get").authorization).toBe("AWS_IAM");
    expect(resource(out, "aws_api_gateway_stage", "api_stage")).toMatchObject({
      stage_name: "prod",
      xray_tracing_enabled: false,
    });
    expect(resource(out, "aws_api_gateway_method_settings", "api_method_settings").settings).toEqual({
      metrics_enabled: false,
      logging_level: "ERROR",
      data_trace_enabled: false,
      throttling_burst_limit: 2000,
      throttling_rate_limit: 1000,
    });
  });

  test("deletion protection keeps the VPC, endpoint, API and logs", () => {
    for (const [type, name] of [
      ["aws_vpc", "network_vpc"],
      ["aws_cloudwatch_log_group", "network_flow_logs"],
      ["aws_vpc_endpoint", "execute_api_endpoint"],
      ["aws_api_gateway_rest_api", "api_rest_api"],
      ["aws_cloudwatch_log_group", "api_access_logs"],
      ["aws_cloudwatch_log_group", "api_execution_logs"],
    ] as const) {
      expect(resource(out, type, name).lifecycle).toMatchObject({ prevent_destroy: true });
    }
  });

  test("a configured state bucket is written", () => {
    expect(out.terraform.backend.s3.bucket).toBe("acme-tfstate-test");
  });

  test("customer-managed log encryption: one protected key admits exactly the stack's three log groups", () => {
    const key = resource(out, "aws_kms_key", "logs_key");
    expect(key).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    const groups = resourcesOf(out, "aws_cloudwatch_log_group");
    expect(Object.keys(groups).sort()).toEqual(["api_access_logs", "api_execution_logs", "network_flow_logs"]);
    for (const group of Object.values(groups)) {
      expect(group.kms_key_id).toBe("${aws_kms_key.logs_key.arn}");
    }
    const statements = (decodePolicy(key.policy) as { Statement: { Condition?: any }[] }).Statement;
    const admitted = statements[1]?.Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"] as string[];
    expect([...admitted].sort()).toEqual(
      Object.values(groups)
        .map((group) => `arn:aws:logs:eu-west-1:123456789012:log-group:${String(group.name)}`)
        .sort(),
    );
  });
});

describe("direct-vpce, adopted network and API", () => {
  test("nothing of the VPC or API is created, and the API's owner gets the resource policy to apply", () => {
    const out = synthDirectVpce(
      directVpce({
        topologies: {
          "direct-vpce": directVpceInput({
            network: {
              mode: "existing",
              vpcId: "vpc-0123456789abcdef0",
              cidr: "10.0.0.0/16",
              subnetIds: { "eu-west-1a": "subnet-000000000000000aa", "eu-west-1b": "subnet-000000000000000bb" },
            },
            api: { mode: "existing", restApiId: "a1b2c3d4e5", stageName: "prod" },
          }),
        },
      }),
    );
    expect(Object.keys(out.resource).sort()).toEqual([
      "aws_security_group",
      "aws_vpc_endpoint",
      "aws_vpc_endpoint_policy",
      "aws_vpc_security_group_ingress_rule",
    ]);
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint").vpc_id).toBe("vpc-0123456789abcdef0");
    expectEndpointPolicyFor(out, ["arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5"]);
    expect(out.output.invoke_url.value).toBe("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod");
    expect(decodePolicy(out.output.resource_policy_for_api_owner.value).Statement[1].Condition).toEqual({
      StringNotEquals: { "aws:SourceVpce": [ENDPOINT_ID] },
    });
  });
});

describe("direct-vpce names", () => {
  test("the longest environment name keeps every AWS name within its limit", () => {
    const out = synthDirectVpce(directVpce({ name: "abcdefghijklmnop" }));
    for (const role of Object.values(resourcesOf(out, "aws_iam_role"))) {
      expect(role.name.length).toBeLessThanOrEqual(64);
    }
    for (const group of Object.values(resourcesOf(out, "aws_security_group"))) {
      expect(group.name_prefix.length).toBeLessThanOrEqual(100);
    }
  });
});

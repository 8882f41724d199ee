import { Testing } from "cdktf";
import { ReadableStack } from "../../lib/readable-stack";
import { ExecuteApiEndpoint, type ExecuteApiEndpointProps } from "../../modules/execute-api-endpoint";
import { Network } from "../../modules/network";
import { expectEndpointPolicyFor, resource, resourcesOf, synth } from "../helpers";

const API_ARN = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5";

function endpointStack(options: Partial<ExecuteApiEndpointProps> = {}, serve = true) {
  const stack = new ReadableStack(Testing.app(), "test");
  const network = new Network(stack, "network", {
    mode: "existing",
    vpcId: "vpc-0123456789abcdef0",
    cidr: "10.0.0.0/16",
    subnetIds: {
      "eu-west-1a": "subnet-000000000000000aa",
      "eu-west-1b": "subnet-000000000000000bb",
      "eu-west-1c": "subnet-000000000000000cc",
    },
  });
  const endpoint = new ExecuteApiEndpoint(stack, "execute_api", {
    network,
    region: "eu-west-1",
    name: "demo",
    ...options,
  });
  if (serve) {
    endpoint.allowInvoke({ executionArn: API_ARN });
  }
  return { stack, endpoint };
}

describe("ExecuteApiEndpoint", () => {
  test("all defaults: an execute-api interface endpoint with private DNS in every subnet", () => {
    const out = synth(endpointStack().stack);
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint")).toMatchObject({
      service_name: "com.amazonaws.eu-west-1.execute-api",
      vpc_endpoint_type: "Interface",
      private_dns_enabled: true,
      vpc_id: "vpc-0123456789abcdef0",
      subnet_ids: ["subnet-000000000000000aa", "subnet-000000000000000bb", "subnet-000000000000000cc"],
      security_group_ids: ["${aws_security_group.execute_api_security_group.id}"],
    });
  });

  test("all defaults: its security group admits only HTTPS from the VPC, with no egress", () => {
    const out = synth(endpointStack().stack);
    const group = resource(out, "aws_security_group", "execute_api_security_group");
    expect(group).not.toHaveProperty("ingress");
    expect(group).not.toHaveProperty("egress");
    expect(group.description).toMatch(/HTTPS/);
    // A prefix and create_before_destroy let a replacement group take over from the old one,
    // which the endpoint still holds.
    expect(group.name_prefix).toBe("demo-execute-api-endpoint-");
    expect(group).not.toHaveProperty("name");
    expect(group.lifecycle).toEqual({ create_before_destroy: true });
    expect(resourcesOf(out, "aws_vpc_security_group_egress_rule")).toEqual({});
    expect(resourcesOf(out, "aws_vpc_security_group_ingress_rule")).toEqual({
      execute_api_https_from_vpc: {
        security_group_id: "${aws_security_group.execute_api_security_group.id}",
        description: "HTTPS from the VPC",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "10.0.0.0/16",
      },
    });
  });

  test("all defaults: the endpoint policy allows invoke on the served API only", () => {
    expectEndpointPolicyFor(synth(endpointStack().stack), API_ARN);
  });

  test("all options: client networks, private DNS off, a subset of zones, deletion protection", () => {
    const { stack, endpoint } = endpointStack({
      clientCidrs: { "corporate-vpn": "172.16.0.0/16", "peer-vpc": "10.50.0.0/16" },
      privateDnsEnabled: false,
      availabilityZones: ["eu-west-1c", "eu-west-1a"],
      preventDestroy: true,
    });
    endpoint.allowHttpsFrom("alb", { securityGroupId: "sg-0123456789abcdef0" }, "HTTPS from the ALB");
    const out = synth(stack);
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint")).toMatchObject({
      private_dns_enabled: false,
      subnet_ids: ["subnet-000000000000000aa", "subnet-000000000000000cc"],
      lifecycle: { prevent_destroy: true },
    });
    const rules = resourcesOf(out, "aws_vpc_security_group_ingress_rule");
    expect(Object.keys(rules).sort()).toEqual([
      "execute_api_https_from_alb",
      "execute_api_https_from_corporate-vpn",
      "execute_api_https_from_peer-vpc",
      "execute_api_https_from_vpc",
    ]);
    expect(rules["execute_api_https_from_corporate-vpn"]).toMatchObject({
      cidr_ipv4: "172.16.0.0/16",
      from_port: 443,
      to_port: 443,
      description: "HTTPS from client network corporate-vpn",
    });
    expect(rules.execute_api_https_from_alb).toMatchObject({ referenced_security_group_id: "sg-0123456789abcdef0" });
    expect(
      Object.values(rules).every((rule) => typeof rule.description === "string" && rule.description.length > 0),
    ).toBe(true);
  });

  test("fails for a zone the network has no subnet in", () => {
    expect(() => endpointStack({ availabilityZones: ["eu-west-1a", "eu-west-1z"] })).toThrow(
      "[test/execute_api] availability zone(s) eu-west-1z have no subnet in the network",
    );
  });

  test("fails on a client range wider than /8", () => {
    const { endpoint } = endpointStack();
    expect(() => {
      endpoint.allowHttpsFrom("anywhere", { cidr: "0.0.0.0/0" }, "everyone");
    }).toThrow(
      "[test/execute_api] client anywhere: 0.0.0.0/0 is not a client network (an IPv4 CIDR of /8 or narrower)",
    );
  });

  test("fails with fewer than two zones", () => {
    expect(() => endpointStack({ availabilityZones: ["eu-west-1a"] })).toThrow(
      "needs interfaces in at least 2 availability zones, got 1",
    );
  });

  test("fails to synthesize when it serves no API", () => {
    const { stack } = endpointStack({}, false);
    expect(() => Testing.synth(stack, true)).toThrow(/the endpoint serves no API/);
  });
});

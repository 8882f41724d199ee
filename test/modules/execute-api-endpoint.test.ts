import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, Testing } from "cdktf";
import { ValidationError } from "../../lib/errors";
import { ReadableStack } from "../../lib/readable-stack";
import { ExecuteApiEndpoint, type ExecuteApiEndpointProps } from "../../modules/execute-api-endpoint";
import { Network } from "../../modules/network";
import { decodePolicy, expectEndpointPolicyFor, resource, resourcesOf, synth } from "../helpers";

const API_ARN = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5";

function endpointStack(options: Partial<ExecuteApiEndpointProps> = {}, serve = true) {
  const stack = new ReadableStack(Testing.app(), "test");
  const network = Network.fromAttributes(stack, "network", {
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
  test("an endpoint policy statement per group of callers: the named principals' APIs apart from the others", () => {
    const { stack, endpoint } = endpointStack({}, false);
    const organization = { of: "organization", organizationId: "o-a1b2c3d4e5" } as const;
    endpoint.allowInvoke({ executionArn: API_ARN }, organization);
    endpoint.allowInvoke({ executionArn: "arn:aws:execute-api:eu-west-1:123456789012:z9y8x7w6v5" });
    endpoint.allowInvokeDomain("arn:aws:execute-api:eu-west-1:123456789012:/domainnames/api.example.com+abc");
    const policy = decodePolicy(resource(synth(stack), "aws_vpc_endpoint_policy", "execute_api_policy").policy) as {
      Statement: { Sid: string; Resource: string[]; Condition?: unknown }[];
    };
    expect(policy.Statement.map((statement) => [statement.Sid, statement.Resource, statement.Condition])).toEqual([
      [
        "InvokeServedApisOnly",
        [`${API_ARN}/*`, "arn:aws:execute-api:eu-west-1:123456789012:/domainnames/api.example.com+abc"],
        { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      ],
      ["InvokeServedApisOnly2", ["arn:aws:execute-api:eu-west-1:123456789012:z9y8x7w6v5/*"], undefined],
    ]);
  });

  test("all defaults: an execute-api interface endpoint with private DNS in every subnet", () => {
    const { stack, endpoint } = endpointStack();
    const out = synth(stack);
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint")).toMatchObject({
      service_name: "com.amazonaws.eu-west-1.execute-api",
      vpc_endpoint_type: "Interface",
      private_dns_enabled: true,
      vpc_id: "vpc-0123456789abcdef0",
      subnet_ids: ["subnet-000000000000000aa", "subnet-000000000000000bb", "subnet-000000000000000cc"],
      security_group_ids: ["${aws_security_group.execute_api_security_group.id}"],
    });
    // Never replaced first: a second private-DNS endpoint in the VPC is refused; kept unless protection asks.
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint").lifecycle).not.toHaveProperty(
      "create_before_destroy",
    );
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint").lifecycle).not.toHaveProperty("prevent_destroy");
    expect(endpoint.privateDnsEnabled).toBe(true);
  });

  test("all defaults: its security group admits only HTTPS from the VPC, with no egress", () => {
    const out = synth(endpointStack().stack);
    const group = resource(out, "aws_security_group", "execute_api_security_group");
    expect(group).not.toHaveProperty("ingress");
    expect(group).not.toHaveProperty("egress");
    expect(group.vpc_id).toBe("vpc-0123456789abcdef0");
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
    expectEndpointPolicyFor(synth(endpointStack().stack), [API_ARN]);
  });

  test("all defaults: the endpoint policy names every served API", () => {
    const { stack, endpoint } = endpointStack();
    const other = "arn:aws:execute-api:eu-west-1:123456789012:f6g7h8i9j0";
    endpoint.allowInvoke({ executionArn: other });
    expectEndpointPolicyFor(synth(stack), [API_ARN, other]);
  });

  /** The regex of a `can(regex("…", entry.dns_name))` selection, as JavaScript reads it (the same syntax here). */
  function selection(expression: string): RegExp {
    const pattern = /can\(regex\("([^"]+)", entry\.dns_name\)\)/.exec(expression)?.[1];
    expect(pattern).toBeDefined();
    return new RegExp(pattern ?? "");
  }
  const ENTRIES = {
    regional: "vpce-0123456789abcdef0-abcdefgh.execute-api.eu-west-1.vpce.amazonaws.com",
    zonal: "vpce-0123456789abcdef0-abcdefgh-eu-west-1a.execute-api.eu-west-1.vpce.amazonaws.com",
    privateDns: "*.execute-api.eu-west-1.amazonaws.com",
    // moto's form, which no AWS endpoint has
    emulator: "vpce-0123456789abcdef0-abcdefgh.com.amazonaws.eu-west-1.execute-api",
  };
  const picked = (pattern: RegExp) =>
    Object.entries(ENTRIES)
      .filter(([, name]) => pattern.test(name))
      .map(([form]) => form);

  test("all defaults: the DNS names are the regional and zonal ones, chosen by form (never the private DNS wildcard)", () => {
    // GIVEN
    const { stack, endpoint } = endpointStack();

    // WHEN
    new TerraformOutput(stack, "dns_names", { value: endpoint.dnsNames });
    const value = synth(stack).output.dns_names.value as string;

    // THEN
    expect(value).toContain("aws_vpc_endpoint.execute_api_endpoint.dns_entry");
    expect(picked(selection(value))).toEqual(["regional", "zonal"]);
  });

  test("all defaults: aliases name the regional entry, chosen by form in one local, and the endpoint insists there is one", () => {
    // GIVEN
    const { stack, endpoint } = endpointStack();

    // WHEN
    new TerraformOutput(stack, "alias", { value: [endpoint.aliasTarget.dnsName, endpoint.aliasTarget.zoneId] });
    new TerraformOutput(stack, "again", { value: endpoint.aliasTarget.dnsName });
    const out = synth(stack);

    // THEN one local picks the entry whose name has the regional form, whatever its position
    expect(out.output.alias.value).toEqual([
      "${local.execute_api_regional_dns_entry.dns_name}",
      "${local.execute_api_regional_dns_entry.hosted_zone_id}",
    ]);
    const local = out.locals.execute_api_regional_dns_entry as string;
    expect(local).toMatch(/^\$\{one\(\[for entry in aws_vpc_endpoint\.execute_api_endpoint\.dns_entry : entry if /);
    expect(picked(selection(local))).toEqual(["regional"]);
    // AND the endpoint's postcondition requires exactly one such entry, naming the entries otherwise
    const [check] = resource(out, "aws_vpc_endpoint", "execute_api_endpoint").lifecycle.postcondition;
    expect(picked(selection(check.condition))).toEqual(["regional"]);
    expect(check.condition).toMatch(/ == 1\}$/);
    expect(check.error_message).toContain('${join(", ", self.dns_entry[*].dns_name)}');
  });

  test("all options: client networks, private DNS off, a subset of zones, deletion protection", () => {
    const { stack, endpoint } = endpointStack({
      clientNetworks: {
        "corporate-vpn": { via: "routed-outside", cidr: "172.16.0.0/16", routedBy: "a test" },
        "peer-vpc": { via: "routed-outside", cidr: "10.50.0.0/16", routedBy: "a test" },
      },
      privateDnsEnabled: false,
      availabilityZones: ["eu-west-1c", "eu-west-1a"],
      preventDestroy: true,
    });
    endpoint.allowHttpsFrom("alb", { securityGroupId: "sg-0123456789abcdef0" }, "HTTPS from the ALB");
    const out = synth(stack);
    expect(endpoint.privateDnsEnabled).toBe(false);
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
      security_group_id: "${aws_security_group.execute_api_security_group.id}",
      ip_protocol: "tcp",
      cidr_ipv4: "172.16.0.0/16",
      from_port: 443,
      to_port: 443,
      description: "HTTPS from client network corporate-vpn",
    });
    expect(rules["execute_api_https_from_peer-vpc"]).toMatchObject({ cidr_ipv4: "10.50.0.0/16" });
    expect(rules.execute_api_https_from_alb).toMatchObject({
      referenced_security_group_id: "sg-0123456789abcdef0",
      from_port: 443,
      to_port: 443,
    });
    expect(rules.execute_api_https_from_alb).not.toHaveProperty("cidr_ipv4");
    expect(
      Object.values(rules).every((rule) => typeof rule.description === "string" && rule.description.length > 0),
    ).toBe(true);
  });

  test("all options: every resource uses the given provider", () => {
    // GIVEN a stack-level provider for another region
    const stack = new ReadableStack(Testing.app(), "test");
    const provider = new AwsProvider(stack, "aws_eu-central-1", { region: "eu-central-1", alias: "eu-central-1" });
    const network = Network.fromAttributes(stack, "network", {
      vpcId: "vpc-0123456789abcdef0",
      cidr: "10.0.0.0/16",
      subnetIds: { "eu-central-1a": "subnet-000000000000000aa", "eu-central-1b": "subnet-000000000000000bb" },
    });

    // WHEN
    const endpoint = new ExecuteApiEndpoint(stack, "execute_api", {
      network,
      region: "eu-central-1",
      name: "demo",
      clientNetworks: { "corporate-vpn": { via: "routed-outside", cidr: "172.16.0.0/16", routedBy: "a test" } },
      provider,
    });
    endpoint.allowInvoke({ executionArn: "arn:aws:execute-api:eu-central-1:123456789012:a1b2c3d4e5" });
    endpoint.allowHttpsFrom("alb", { securityGroupId: "sg-0123456789abcdef0" }, "HTTPS from the ALB");
    const out = synth(stack);

    // THEN every resource, including rules added later, lands in the provider's region
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint").service_name).toBe(
      "com.amazonaws.eu-central-1.execute-api",
    );
    const resources = Object.entries(out.resource).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, block]) => [`${type}.${name}`, block.provider]),
    );
    expect(resources).toHaveLength(6);
    expect(resources).toEqual(resources.map(([address]) => [address, "aws.eu-central-1"]));
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

  test("fails on a client network that is not an IPv4 CIDR", () => {
    expect(() =>
      endpointStack({ clientNetworks: { office: { via: "routed-outside", cidr: "10.1.2.3", routedBy: "a test" } } }),
    ).toThrow(ValidationError);
    expect(() =>
      endpointStack({ clientNetworks: { office: { via: "routed-outside", cidr: "10.1.2.3", routedBy: "a test" } } }),
    ).toThrow("[test/execute_api] client office: 10.1.2.3 is not a client network");
  });

  test("fails with fewer than two zones", () => {
    expect(() => endpointStack({ availabilityZones: ["eu-west-1a"] })).toThrow(
      "[test/execute_api] needs interfaces in at least 2 availability zones, got 1",
    );
  });

  test("fails to synthesize when it serves no API", () => {
    const { stack } = endpointStack({}, false);
    expect(() => Testing.synth(stack, true)).toThrow(/the endpoint serves no API/);
  });
});

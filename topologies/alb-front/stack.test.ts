import { Testing, TerraformStack } from "cdktf";
import { type EnvironmentInput } from "../registry";
import { loadEnvironmentSources } from "../../config";
import type { AlbFrontConfig } from "./config";
import { ExecuteApiAlb } from "./execute-api-alb";
import { ExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import { Network } from "../../modules/network";
import { AlbFrontStack } from "./stack";
import {
  decodePolicy,
  resolvedSection,
  resource,
  resourcesOf,
  synth,
  synthesizedStacks,
  type Synthesized,
} from "../../test/helpers";
import { albFrontInput } from "./fixtures";

type Section = NonNullable<EnvironmentInput["topologies"]["alb-front"]>;

const ENDPOINT_ID = "${aws_vpc_endpoint.execute_api_endpoint.id}";
const ALB_SG = "${aws_security_group.front_security_group.id}";
const ENDPOINT_SG = "${aws_security_group.execute_api_security_group.id}";

function synthAlbFront(section: Partial<Section> = {}, environment: Partial<EnvironmentInput> = {}): Synthesized {
  const props = resolvedSection("alb-front", {
    ...environment,
    topologies: { "alb-front": albFrontInput(section) },
  });
  return synth(new AlbFrontStack(Testing.app(), props));
}

describe("alb-front, all defaults (private domain, DNS-validated certificate, derived addresses)", () => {
  const out = synthAlbFront();

  test("the endpoint has a fixed address per zone, private DNS off", () => {
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint")).toMatchObject({
      private_dns_enabled: false,
      subnet_configuration: [
        { subnet_id: "${aws_subnet.network_subnet_eu-west-1a.id}", ipv4: "10.0.0.10" },
        { subnet_id: "${aws_subnet.network_subnet_eu-west-1b.id}", ipv4: "10.0.1.10" },
      ],
    });
  });

  test("an internal application ALB in exactly the endpoint's subnets, dropping invalid headers, after the endpoint", () => {
    const alb = resource(out, "aws_lb", "front_alb");
    expect(alb).toMatchObject({
      internal: true,
      load_balancer_type: "application",
      drop_invalid_header_fields: true,
      enable_deletion_protection: false,
      security_groups: [ALB_SG],
      depends_on: ["aws_vpc_endpoint.execute_api_endpoint"],
    });
    expect(alb.subnets).toEqual(resource(out, "aws_vpc_endpoint", "execute_api_endpoint").subnet_ids);
    expect(alb.access_logs).toBeUndefined();
  });

  test("an IP target group over HTTPS 443, healthy on 200 and 403, with one target per endpoint interface", () => {
    expect(resource(out, "aws_lb_target_group", "front_execute_api_targets")).toMatchObject({
      // Replaceable while the listener holds it: a generated name, the new group created first.
      name_prefix: "vpce-",
      lifecycle: { create_before_destroy: true },
      target_type: "ip",
      protocol: "HTTPS",
      port: 443,
      health_check: { enabled: true, protocol: "HTTPS", matcher: "200,403", path: "/", port: "traffic-port" },
    });
    const attachments = resourcesOf(out, "aws_lb_target_group_attachment");
    expect(Object.keys(attachments).sort()).toEqual(["front_target_eu-west-1a", "front_target_eu-west-1b"]);
    const endpointAddresses = (
      resource(out, "aws_vpc_endpoint", "execute_api_endpoint").subnet_configuration as { ipv4: string }[]
    ).map((configuration) => configuration.ipv4);
    expect(Object.values(attachments).map((attachment) => attachment.target_id)).toEqual(endpointAddresses);
    expect(out.output.target_ips?.value).toEqual({ "eu-west-1a": "10.0.0.10", "eu-west-1b": "10.0.1.10" });
  });

  test("one HTTPS listener with the validated certificate and the TLS 1.3 policy, and no port 80", () => {
    expect(resourcesOf(out, "aws_lb_listener")).toEqual({
      front_https: expect.objectContaining({
        port: 443,
        protocol: "HTTPS",
        ssl_policy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        certificate_arn: "${aws_acm_certificate_validation.certificate_validation.certificate_arn}",
      }),
    });
    expect(resource(out, "aws_acm_certificate", "certificate_certificate")).toMatchObject({
      domain_name: "api.internal.example.com",
      validation_method: "DNS",
    });
    expect(resource(out, "aws_route53_record", "certificate_validation_record").zone_id).toBe("Z0123456789ABCDEFGHIJ");
  });

  test("a PRIVATE custom domain whose policy admits only the endpoint, its access association and a mapping by id", () => {
    const domain = resource(out, "aws_api_gateway_domain_name", "custom_domain_domain_name");
    expect(domain).toMatchObject({
      domain_name: "api.internal.example.com",
      endpoint_configuration: { types: ["PRIVATE"] },
      security_policy: "TLS_1_2",
    });
    const deny = decodePolicy(domain.policy).Statement.find(
      (statement: { Effect: string }) => statement.Effect === "Deny",
    );
    expect(deny.Condition).toEqual({ StringNotEquals: { "aws:SourceVpce": [ENDPOINT_ID] } });
    // Both statements name the domain's own ARN, known at plan time (not the `execute-api:/*` shorthand,
    // which AWS may store expanded, and no reference to the domain's id, known only after apply).
    const resources = decodePolicy(domain.policy).Statement.map(
      (statement: { Resource: string }) => statement.Resource,
    );
    expect(resources).toEqual([
      "arn:aws:execute-api:eu-west-1:123456789012:/domainnames/api.internal.example.com+*",
      "arn:aws:execute-api:eu-west-1:123456789012:/domainnames/api.internal.example.com+*",
    ]);
    expect(
      resource(out, "aws_api_gateway_domain_name_access_association", "custom_domain_access_association"),
    ).toMatchObject({
      access_association_source: ENDPOINT_ID,
      access_association_source_type: "VPCE",
      domain_name_arn: "${aws_api_gateway_domain_name.custom_domain_domain_name.arn}",
    });
    expect(resource(out, "aws_api_gateway_base_path_mapping", "custom_domain_mapping")).toMatchObject({
      api_id: "${aws_api_gateway_rest_api.api_rest_api.id}",
      domain_name_id: "${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name_id}",
    });
    const endpointPolicy = decodePolicy(resource(out, "aws_vpc_endpoint_policy", "execute_api_policy").policy);
    expect(endpointPolicy.Statement[0].Resource).toContain(
      "arn:aws:execute-api:eu-west-1:123456789012:/domainnames/${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name}+${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name_id}",
    );
  });

  test("the custom name is an alias of the ALB in a private zone of that exact name, associated with the VPC", () => {
    expect(resource(out, "aws_route53_zone", "dns_zone")).toMatchObject({
      name: "api.internal.example.com",
      vpc: [{ vpc_id: "${aws_vpc.network_vpc.id}", vpc_region: "eu-west-1" }],
    });
    expect(resource(out, "aws_route53_record", "dns_alias")).toMatchObject({
      name: "api.internal.example.com",
      type: "A",
      zone_id: "${aws_route53_zone.dns_zone.zone_id}",
      alias: {
        name: "${aws_lb.front_alb.dns_name}",
        zone_id: "${aws_lb.front_alb.zone_id}",
        evaluate_target_health: true,
      },
    });
  });

  test("the ALB admits HTTPS from the client networks and the VPC, and sends HTTPS to the endpoint only; the endpoint admits the ALB only (no bypass)", () => {
    const ingress = resourcesOf(out, "aws_vpc_security_group_ingress_rule");
    // The Client VPN endpoint's users arrive NATed to its interfaces: its group is admitted, not its pool.
    expect(ingress.front_from_https_vpn).toMatchObject({
      security_group_id: ALB_SG,
      referenced_security_group_id: "sg-00000000000000001",
      from_port: 443,
      tags: { "client-network": "vpn", "arrives-via": "client-vpn" },
    });
    expect(ingress.front_from_https_vpn.cidr_ipv4).toBeUndefined();
    expect(ingress.front_from_https_vpc).toMatchObject({
      security_group_id: ALB_SG,
      cidr_ipv4: "10.0.0.0/16",
      from_port: 443,
      description: "HTTPS from the VPC",
    });
    expect(Object.values(ingress).filter((rule) => rule.security_group_id === ALB_SG)).toHaveLength(2);
    expect(
      Object.entries(ingress)
        .filter(([, rule]) => rule.security_group_id === ENDPOINT_SG)
        .map(([name]) => name),
    ).toEqual(["execute_api_https_from_alb"]);
    expect(ingress.execute_api_https_from_alb).toMatchObject({
      security_group_id: ENDPOINT_SG,
      referenced_security_group_id: ALB_SG,
      from_port: 443,
      to_port: 443,
    });
    expect(resourcesOf(out, "aws_vpc_security_group_egress_rule")).toEqual({
      front_https_to_endpoint: expect.objectContaining({
        referenced_security_group_id: ENDPOINT_SG,
        from_port: 443,
        to_port: 443,
      }),
    });
  });

  test("outputs the custom URL, a curl command, the ALB's name and the target addresses", () => {
    expect(out.output.custom_url?.value).toBe("https://api.internal.example.com/");
    expect(out.output.curl_command?.value).toBe("curl -sS https://api.internal.example.com/health");
    expect(out.output.alb_dns_name?.value).toBe("${aws_lb.front_alb.dns_name}");
  });
});

describe("alb-front, all options (regional domain, existing certificate, redirect, logs, client VPCs, public record)", () => {
  const certificate = "arn:aws:acm:eu-west-1:123456789012:certificate/0f6c2a9e-5b1d-4c3e-8a7f-2d9b6e4c1a35";
  const out = synthAlbFront(
    {
      clientNetworks: {
        vpn: { via: "client-vpn", securityGroupId: "sg-00000000000000001" },
        peered: { via: "vpc-peering", cidr: "10.50.0.0/16", peeringConnectionId: "pcx-00000000000000001" },
      },
      endpoint: {
        mode: "create",
        ipAddresses: { "eu-west-1a": "10.0.0.20", "eu-west-1b": "10.0.1.20" },
        directVpcAccess: true,
      },
      alb: {
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        admitVpc: false,
        redirectHttp: true,
        healthCheckPath: "/ping",
        accessLogs: { bucket: "alb-logs", prefix: "front" },
      },
      domain: {
        name: "api.internal.example.com",
        mode: "regional",
        certificate: { mode: "existing", arn: certificate },
        clientVpcs: { peered: "vpc-0fedcba9876543210" },
        publicZoneId: "Z0PUBLIC000000000001",
      },
    },
    { deletionProtection: true },
  );

  test("targets are the configured addresses", () => {
    expect(
      Object.values(resourcesOf(out, "aws_lb_target_group_attachment")).map((attachment) => attachment.target_id),
    ).toEqual(["10.0.0.20", "10.0.1.20"]);
  });

  test("the ALB keeps access logs and is protected against deletion", () => {
    expect(resource(out, "aws_lb", "front_alb")).toMatchObject({
      access_logs: { bucket: "alb-logs", prefix: "front", enabled: true },
      enable_deletion_protection: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  test("port 80 only redirects to HTTPS, and both ports admit exactly the client networks (the VPC left out)", () => {
    expect(resource(out, "aws_lb_listener", "front_http_redirect")).toMatchObject({
      port: 80,
      protocol: "HTTP",
      default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
    });
    expect(resource(out, "aws_lb_listener", "front_https")).toMatchObject({
      certificate_arn: certificate,
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    });
    const albRules = Object.entries(resourcesOf(out, "aws_vpc_security_group_ingress_rule"))
      .filter(([, rule]) => rule.security_group_id === ALB_SG)
      .map(([name, rule]) => [name, rule.cidr_ipv4 ?? rule.referenced_security_group_id, rule.from_port]);
    expect(albRules.sort()).toEqual([
      ["front_from_http_peered", "10.50.0.0/16", 80],
      ["front_from_http_vpn", "sg-00000000000000001", 80],
      ["front_from_https_peered", "10.50.0.0/16", 443],
      ["front_from_https_vpn", "sg-00000000000000001", 443],
    ]);
  });

  test("with direct VPC access, the endpoint also admits the VPC, beside the ALB", () => {
    const ingress = resourcesOf(out, "aws_vpc_security_group_ingress_rule");
    expect(ingress.execute_api_https_from_vpc).toMatchObject({
      security_group_id: ENDPOINT_SG,
      cidr_ipv4: "10.0.0.0/16",
      from_port: 443,
    });
    expect(ingress.execute_api_https_from_alb).toMatchObject({ referenced_security_group_id: ALB_SG });
  });

  test("a REGIONAL custom domain with the regional certificate, mapped without an access association", () => {
    expect(resource(out, "aws_api_gateway_domain_name", "custom_domain_domain_name")).toMatchObject({
      endpoint_configuration: { types: ["REGIONAL"] },
      regional_certificate_arn: certificate,
    });
    expect(resource(out, "aws_api_gateway_domain_name", "custom_domain_domain_name").policy).toBeUndefined();
    expect(resourcesOf(out, "aws_api_gateway_domain_name_access_association")).toEqual({});
    expect(resource(out, "aws_api_gateway_base_path_mapping", "custom_domain_mapping").domain_name_id).toBeUndefined();
    expect(resourcesOf(out, "aws_acm_certificate")).toEqual({});
  });

  test("the private zone is associated with the client VPC too, and the name is published in the public zone", () => {
    expect(resource(out, "aws_route53_zone", "dns_zone").vpc).toEqual([
      { vpc_id: "${aws_vpc.network_vpc.id}", vpc_region: "eu-west-1" },
      { vpc_id: "vpc-0fedcba9876543210", vpc_region: "eu-west-1" },
    ]);
    expect(resource(out, "aws_route53_record", "dns_public_alias")).toMatchObject({
      zone_id: "Z0PUBLIC000000000001",
      name: "api.internal.example.com",
      alias: { name: "${aws_lb.front_alb.dns_name}" },
    });
  });
});

describe("alb-front with an adopted endpoint (the lookup variant)", () => {
  const out = synthAlbFront({
    network: {
      mode: "existing",
      vpcId: "vpc-0123456789abcdef0",
      cidr: "10.0.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0", "eu-west-1b": "subnet-0123456789abcdef1" },
    },
    endpoint: { mode: "existing", endpointId: "vpce-0123456789abcdef0", securityGroupId: "sg-0123456789abcdef0" },
  });

  test("creates no endpoint, and looks up its interface address per zone at plan time, keyed by zone", () => {
    expect(resourcesOf(out, "aws_vpc_endpoint")).toEqual({});
    const lookups = out.data.aws_network_interface ?? {};
    expect(Object.keys(lookups).sort()).toEqual([
      "execute_api_interface_eu-west-1a",
      "execute_api_interface_eu-west-1b",
    ]);
    expect(lookups["execute_api_interface_eu-west-1a"].filter).toEqual([
      { name: "description", values: ["VPC Endpoint Interface vpce-0123456789abcdef0"] },
      { name: "availability-zone", values: ["eu-west-1a"] },
    ]);
    expect(resource(out, "aws_lb_target_group_attachment", "front_target_eu-west-1a").target_id).toBe(
      "${data.aws_network_interface.execute_api_interface_eu-west-1a.private_ip}",
    );
    expect(resource(out, "aws_lb", "front_alb").depends_on).toBeUndefined();
  });

  test("admits the ALB on the adopted endpoint's security group, and hands its owner the endpoint policy to apply", () => {
    expect(resource(out, "aws_vpc_security_group_ingress_rule", "execute_api_https_from_alb")).toMatchObject({
      security_group_id: "sg-0123456789abcdef0",
      referenced_security_group_id: ALB_SG,
    });
    const handedOver = decodePolicy(out.output.endpoint_policy_for_endpoint_owner?.value);
    expect(handedOver.Statement[0].Resource).toEqual([
      "${aws_api_gateway_rest_api.api_rest_api.execution_arn}/*",
      "arn:aws:execute-api:eu-west-1:123456789012:/domainnames/${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name}+${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name_id}",
    ]);
    const deny = decodePolicy(resource(out, "aws_api_gateway_rest_api_policy", "api_resource_policy").policy)
      .Statement[1];
    expect(deny.Condition).toEqual({ StringNotEquals: { "aws:SourceVpce": ["vpce-0123456789abcdef0"] } });
  });
});

describe("ExecuteApiAlb", () => {
  test("fails when the targets' zones are not the network's endpoint zones", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const network = Network.fromAttributes(stack, "network", {
      vpcId: "vpc-0123456789abcdef0",
      cidr: "10.0.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0", "eu-west-1b": "subnet-0123456789abcdef1" },
    });
    const endpoint = new ExecuteApiEndpoint(stack, "endpoint", { network, region: "eu-west-1", name: "t" });
    expect(
      () =>
        new ExecuteApiAlb(stack, "alb", {
          name: "t",
          network,
          endpoint,
          createdAfter: [endpoint.endpoint],
          targetAddresses: { "eu-west-1a": "10.0.0.10", "eu-west-1c": "10.0.2.10" },
          clientNetworks: {
            vpn: { via: "transit-gateway", cidr: "172.16.0.0/22", transitGatewayId: "tgw-00000000000000001" },
          },
          admitVpc: true,
          certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x",
          sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
          redirectHttp: false,
          healthCheckPath: "/",
          deletionProtection: false,
        }),
    ).toThrow(
      "the ALB must sit in exactly the endpoint's availability zones (eu-west-1a, eu-west-1c), and in at least two; the network has subnets in eu-west-1a, eu-west-1b",
    );
  });
});

describe("the seed's checklist, on the alb-front stack of every shipped environment", () => {
  let stacks: [string, Synthesized, AlbFrontConfig][] = [];
  beforeAll(async () => {
    stacks = synthesizedStacks(await loadEnvironmentSources())
      .filter((stack) => stack.topology === "alb-front")
      .map(({ name, synthesized, section }) => [name, synthesized, section as AlbFrontConfig]);
  });

  test("every environment runs alb-front", () => {
    expect(stacks.map(([name]) => name).sort()).toEqual(["alb-front-dev", "alb-front-prod", "alb-front-staging"]);
  });

  test("internal ALB in the endpoint's zones; IP/HTTPS/443 targets healthy on 200,403, one per endpoint interface", () => {
    for (const [name, out] of stacks) {
      const endpoint = resource(out, "aws_vpc_endpoint", "execute_api_endpoint");
      const alb = resource(out, "aws_lb", "front_alb");
      expect({ name, internal: alb.internal, subnets: alb.subnets, drop: alb.drop_invalid_header_fields }).toEqual({
        name,
        internal: true,
        subnets: endpoint.subnet_ids,
        drop: true,
      });
      expect(resource(out, "aws_lb_target_group", "front_execute_api_targets")).toMatchObject({
        target_type: "ip",
        protocol: "HTTPS",
        port: 443,
        health_check: { protocol: "HTTPS", matcher: "200,403" },
      });
      const targets = Object.values(resourcesOf(out, "aws_lb_target_group_attachment")).map((a) => a.target_id);
      expect(targets).toEqual((endpoint.subnet_configuration as { ipv4: string }[]).map((c) => c.ipv4));
    }
  });

  test("HTTPS listener with a certificate and a TLS 1.3 policy; port 80, where present, only redirects", () => {
    for (const [name, out, section] of stacks) {
      const https = resource(out, "aws_lb_listener", "front_https");
      expect({ name, policy: https.ssl_policy, certificate: typeof https.certificate_arn }).toEqual({
        name,
        policy: section.alb.sslPolicy,
        certificate: "string",
      });
      expect(https.ssl_policy).toMatch(/^ELBSecurityPolicy-TLS13-/);
      const listeners = Object.values(resourcesOf(out, "aws_lb_listener"));
      expect(listeners).toHaveLength(section.alb.redirectHttp ? 2 : 1);
      for (const listener of listeners.filter((candidate) => candidate.port === 80)) {
        expect(listener.default_action).toEqual([
          { type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } },
        ]);
      }
    }
  });

  test("custom domain and mapping (with the access association in private mode), and the name an alias of the ALB", () => {
    for (const [name, out, section] of stacks) {
      const domain = resource(out, "aws_api_gateway_domain_name", "custom_domain_domain_name");
      const isPrivate = section.domain.mode === "private";
      expect({ name, types: domain.endpoint_configuration.types }).toEqual({
        name,
        types: [isPrivate ? "PRIVATE" : "REGIONAL"],
      });
      expect(Object.keys(resourcesOf(out, "aws_api_gateway_domain_name_access_association"))).toHaveLength(
        isPrivate ? 1 : 0,
      );
      expect(resource(out, "aws_api_gateway_base_path_mapping", "custom_domain_mapping").domain_name).toBe(
        "${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name}",
      );
      expect(resource(out, "aws_route53_record", "dns_alias").alias.name).toBe("${aws_lb.front_alb.dns_name}");
    }
  });

  test("the ALB admits exactly the client networks and the VPC, and the endpoint nothing but the ALB", () => {
    for (const [name, out, section] of stacks) {
      const rules = Object.values(resourcesOf(out, "aws_vpc_security_group_ingress_rule"));
      const sources = rules
        .filter((rule) => rule.security_group_id === ALB_SG)
        .map((rule) => (rule.cidr_ipv4 ?? rule.referenced_security_group_id) as string);
      expect({ name, sources: [...new Set(sources)].sort() }).toEqual({
        name,
        sources: [
          ...Object.values(section.clientNetworks).map((client) =>
            client.via === "client-vpn" ? client.securityGroupId : client.cidr,
          ),
          section.network.cidr,
        ].sort(),
      });
      const endpointSources = rules
        .filter((rule) => rule.security_group_id === ENDPOINT_SG)
        .map((rule) => rule.referenced_security_group_id ?? rule.cidr_ipv4);
      expect({ name, endpointSources }).toEqual({ name, endpointSources: [ALB_SG] });
    }
  });
});

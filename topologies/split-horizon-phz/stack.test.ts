import { Testing } from "cdktf";
import { type EnvironmentInput } from "../registry";
import { type EnvironmentSource, loadEnvironmentSources } from "../../config";
import { customDomainZones, type SplitHorizonPhzConfig } from "./config";
import { SplitHorizonPhzStack } from "./stack";
import {
  decodePolicy,
  resolvedSection,
  resource,
  resourcesOf,
  synth,
  synthesizedStacks,
  type Synthesized,
} from "../../test/helpers";
import { splitHorizonPhzInput } from "./fixtures";

type Section = NonNullable<EnvironmentInput["topologies"]["split-horizon-phz"]>;

const VPC = "${aws_vpc.network_vpc.id}";
const ENDPOINT_NAME = "${local.execute_api_regional_dns_entry.dns_name}";
const ENDPOINT_ZONE = "${local.execute_api_regional_dns_entry.hosted_zone_id}";
const API_ID = "${aws_api_gateway_rest_api.api_rest_api.id}";
const SERVICE_DOMAIN = "execute-api.eu-west-1.amazonaws.com";

function synthSplitHorizon(section: Partial<Section> = {}): Synthesized {
  return synth(
    new SplitHorizonPhzStack(
      Testing.app(),
      resolvedSection("split-horizon-phz", { topologies: { "split-horizon-phz": splitHorizonPhzInput(section) } }),
    ),
  );
}

/** Every private zone: its name and the VPCs (id, region) of its inline associations. */
function zonesOf(out: Synthesized): Record<string, { name: string; vpcs: [string, string][] }> {
  return Object.fromEntries(
    Object.entries(resourcesOf(out, "aws_route53_zone")).map(([address, zone]) => [
      address,
      {
        name: zone.name,
        vpcs: (zone.vpc as { vpc_id: string; vpc_region: string }[]).map((vpc) => [vpc.vpc_id, vpc.vpc_region]),
      },
    ]),
  );
}

/** Every alias record: [zone reference, name, alias target name, alias target zone]. */
function aliasesOf(out: Synthesized): [string, string, string, string][] {
  return Object.values(resourcesOf(out, "aws_route53_record")).map((record) => {
    expect(record.type).toBe("A");
    const alias = record.alias as { name: string; zone_id: string; evaluate_target_health: boolean };
    expect(alias.evaluate_target_health).toBe(false);
    return [record.zone_id, record.name, alias.name, alias.zone_id];
  });
}

/** The custom domain names looked up, by data source name. */
function lookupsOf(out: Synthesized): Record<string, { domain_name: string }> {
  return (out.data.aws_api_gateway_domain_name ?? {}) as Record<string, { domain_name: string }>;
}

/**
 * No zone or record that captures names nobody listed: no zone for the execute-api service domain
 * (or a parent of it) and no wildcard record, which would re-capture every public default URL.
 */
function expectNoCatchAll(out: Synthesized): void {
  for (const zone of Object.values(zonesOf(out))) {
    expect(SERVICE_DOMAIN === zone.name || SERVICE_DOMAIN.endsWith(`.${zone.name}`)).toBe(false);
  }
  for (const [, name] of aliasesOf(out)) {
    expect(name).not.toContain("*");
  }
}

describe("split-horizon-phz, all defaults (custom-domains)", () => {
  const out = synthSplitHorizon();

  test("the endpoint keeps private DNS on, so the private API answers by its default URL", () => {
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint")).toMatchObject({
      private_dns_enabled: true,
      vpc_id: VPC,
      service_name: "com.amazonaws.eu-west-1.execute-api",
    });
    expect(out.output.invoke_url?.value).toBe("${aws_api_gateway_stage.api_stage.invoke_url}");
  });

  test("the public name gets a private zone named exactly it, on the VPC, aliasing its looked-up regional target", () => {
    expect(zonesOf(out)).toEqual({
      phz_api_example_com_zone: { name: "api.example.com", vpcs: [[VPC, "eu-west-1"]] },
    });
    expect(lookupsOf(out)).toEqual({
      custom_domain_api_example_com: {
        domain_name: "api.example.com",
        // An edge-optimized domain (no regional name) fails the plan with the reason, not the apply.
        lifecycle: {
          postcondition: [
            {
              condition: "${length(self.regional_domain_name) > 0}",
              error_message: expect.stringMatching(
                /^api\.example\.com is not a REGIONAL custom domain name .* Fix: list only REGIONAL custom domains in dns\.publicApis\.$/,
              ),
            },
          ],
        },
      },
    });
    const lookup = "data.aws_api_gateway_domain_name.custom_domain_api_example_com";
    expect(aliasesOf(out)).toEqual([
      [
        "${aws_route53_zone.phz_api_example_com_zone.zone_id}",
        "api.example.com",
        `\${${lookup}.regional_domain_name}`,
        `\${${lookup}.regional_zone_id}`,
      ],
    ]);
    expect(resourcesOf(out, "aws_route53_zone_association")).toEqual({});
    expectNoCatchAll(out);
  });

  test("outputs where each name resolves from inside the VPC", () => {
    expect(out.output.name_resolution?.value).toEqual({
      [`${API_ID}.${SERVICE_DOMAIN}`]: {
        resolves_to: ENDPOINT_NAME,
        answered_by: "the execute-api endpoint's private DNS",
      },
      "api.example.com": {
        resolves_to:
          "API Gateway's public addresses (alias to ${data.aws_api_gateway_domain_name.custom_domain_api_example_com.regional_domain_name})",
        answered_by: "private hosted zone api.example.com (alias to the public API's regional domain name)",
      },
      [`*.${SERVICE_DOMAIN}`]: {
        resolves_to: ENDPOINT_NAME,
        answered_by: expect.stringContaining("public APIs answer 403 by it") as string,
      },
    });
    expect(out.output.private_zone_ids?.value).toEqual({
      "api.example.com": "${aws_route53_zone.phz_api_example_com_zone.zone_id}",
    });
  });

  test("each zone's private route table leaves through its own zone's NAT gateway, in a public subnet behind the internet gateway", () => {
    const routes = resourcesOf(out, "aws_route");
    expect(routes["network_default_route_eu-west-1a"]).toMatchObject({
      route_table_id: "${aws_route_table.network_route_table_eu-west-1a.id}",
      destination_cidr_block: "0.0.0.0/0",
      nat_gateway_id: "${aws_nat_gateway.network_nat_gateway_eu-west-1a.id}",
    });
    expect(routes.network_public_default_route).toMatchObject({
      route_table_id: "${aws_route_table.network_public_route_table.id}",
      destination_cidr_block: "0.0.0.0/0",
      gateway_id: "${aws_internet_gateway.network_internet_gateway.id}",
    });
    expect(resource(out, "aws_nat_gateway", "network_nat_gateway_eu-west-1b")).toMatchObject({
      allocation_id: "${aws_eip.network_nat_eip_eu-west-1b.allocation_id}",
      subnet_id: "${aws_subnet.network_public_subnet_eu-west-1b.id}",
      connectivity_type: "public",
    });
    // The public subnets hold the NAT gateways only: nothing launched there gets a public address.
    expect(resource(out, "aws_subnet", "network_public_subnet_eu-west-1a")).toMatchObject({
      cidr_block: "10.0.128.0/28",
      map_public_ip_on_launch: false,
    });
    expect(out.output.internet_egress?.value).toEqual({
      via: "nat-gateway",
      public_subnets: { "eu-west-1a": "10.0.128.0/28", "eu-west-1b": "10.0.128.16/28" },
    });
  });

  test("the resource policy and the endpoint policy name only this endpoint and this API", () => {
    const policy = decodePolicy(resource(out, "aws_api_gateway_rest_api_policy", "api_resource_policy").policy);
    expect(JSON.stringify(policy)).toContain("${aws_vpc_endpoint.execute_api_endpoint.id}");
    const endpointPolicy = decodePolicy(resource(out, "aws_vpc_endpoint_policy", "execute_api_policy").policy);
    expect(endpointPolicy.Statement).toEqual([
      expect.objectContaining({
        Effect: "Allow",
        Action: "execute-api:Invoke",
        Resource: ["${aws_api_gateway_rest_api.api_rest_api.execution_arn}/*"],
      }),
    ]);
  });
});

describe("split-horizon-phz, all options (custom-domains with an apex zone, configured and looked-up targets)", () => {
  const out = synthSplitHorizon({
    network: {
      mode: "create",
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
      egress: { via: "transit-gateway", transitGatewayId: "tgw-00000000000000001" },
    },
    clientNetworks: {
      vpn: { via: "transit-gateway", cidr: "172.16.0.0/22", transitGatewayId: "tgw-00000000000000001" },
    },
    dns: {
      mode: "custom-domains",
      publicApis: {
        "example.net": {
          mode: "configured",
          regionalDomainName: "d-abc123defg.execute-api.eu-west-1.amazonaws.com",
          regionalZoneId: "ZLY8HYME6SFDD",
        },
        "special-api.example.net": { mode: "lookup" },
        "api.partner.example.org": { mode: "lookup" },
      },
      apexZones: ["example.net"],
    },
  });

  test("one zone for the apex with a record per name under it, and its own zone for the other name", () => {
    expect(zonesOf(out)).toEqual({
      phz_api_partner_example_org_zone: { name: "api.partner.example.org", vpcs: [[VPC, "eu-west-1"]] },
      phz_example_net_zone: { name: "example.net", vpcs: [[VPC, "eu-west-1"]] },
    });
    expect(aliasesOf(out)).toEqual([
      [
        "${aws_route53_zone.phz_api_partner_example_org_zone.zone_id}",
        "api.partner.example.org",
        "${data.aws_api_gateway_domain_name.custom_domain_api_partner_example_org.regional_domain_name}",
        "${data.aws_api_gateway_domain_name.custom_domain_api_partner_example_org.regional_zone_id}",
      ],
      [
        "${aws_route53_zone.phz_example_net_zone.zone_id}",
        "example.net",
        "d-abc123defg.execute-api.eu-west-1.amazonaws.com",
        "ZLY8HYME6SFDD",
      ],
      [
        "${aws_route53_zone.phz_example_net_zone.zone_id}",
        "special-api.example.net",
        "${data.aws_api_gateway_domain_name.custom_domain_special-api_example_net.regional_domain_name}",
        "${data.aws_api_gateway_domain_name.custom_domain_special-api_example_net.regional_zone_id}",
      ],
    ]);
    expect(Object.keys(resourcesOf(out, "aws_route53_record"))).toContain("phz_example_net_alias_special-api");
    // A configured target is not looked up.
    expect(Object.keys(lookupsOf(out)).sort()).toEqual([
      "custom_domain_api_partner_example_org",
      "custom_domain_special-api_example_net",
    ]);
    expectNoCatchAll(out);
  });

  test("egress through the transit gateway that carries the client network: one attachment, both routes wait for it", () => {
    expect(Object.keys(resourcesOf(out, "aws_ec2_transit_gateway_vpc_attachment"))).toEqual([
      "network_transit_gateway_attachment",
    ]);
    const routes = resourcesOf(out, "aws_route");
    expect(routes["network_default_route_eu-west-1a"]).toMatchObject({
      destination_cidr_block: "0.0.0.0/0",
      transit_gateway_id: "tgw-00000000000000001",
      depends_on: ["aws_ec2_transit_gateway_vpc_attachment.network_transit_gateway_attachment"],
    });
    expect(routes["client_networks_route_vpn_eu-west-1a"]).toMatchObject({
      destination_cidr_block: "172.16.0.0/22",
      depends_on: ["aws_ec2_transit_gateway_vpc_attachment.network_transit_gateway_attachment"],
    });
    expect(resourcesOf(out, "aws_nat_gateway")).toEqual({});
  });

  test("the endpoint admits HTTPS from the VPC and the client network only", () => {
    const rules = resourcesOf(out, "aws_vpc_security_group_ingress_rule");
    expect(Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, rule.cidr_ipv4]))).toEqual({
      execute_api_https_from_vpc: "10.0.0.0/16",
      execute_api_https_from_vpn: "172.16.0.0/22",
    });
  });
});

describe("split-horizon-phz, per-api-zones", () => {
  const out = synthSplitHorizon({
    dns: {
      mode: "per-api-zones",
      otherPrivateApis: {
        orders: { restApiId: "k3x9q2m7p1" },
        billing: { restApiId: "b7c8d9e0f1", accountId: "444444444444" },
      },
    },
  });

  test("private DNS off, so every public name keeps resolving publicly", () => {
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint").private_dns_enabled).toBe(false);
  });

  test("one zone {api-id}.execute-api.<region>.amazonaws.com per private API, each aliasing the endpoint", () => {
    expect(zonesOf(out)).toEqual({
      phz_api_zone: { name: `${API_ID}.${SERVICE_DOMAIN}`, vpcs: [[VPC, "eu-west-1"]] },
      phz_api_billing_zone: { name: `b7c8d9e0f1.${SERVICE_DOMAIN}`, vpcs: [[VPC, "eu-west-1"]] },
      phz_api_orders_zone: { name: `k3x9q2m7p1.${SERVICE_DOMAIN}`, vpcs: [[VPC, "eu-west-1"]] },
    });
    expect(aliasesOf(out)).toEqual([
      ["${aws_route53_zone.phz_api_zone.zone_id}", `${API_ID}.${SERVICE_DOMAIN}`, ENDPOINT_NAME, ENDPOINT_ZONE],
      [
        "${aws_route53_zone.phz_api_billing_zone.zone_id}",
        `b7c8d9e0f1.${SERVICE_DOMAIN}`,
        ENDPOINT_NAME,
        ENDPOINT_ZONE,
      ],
      ["${aws_route53_zone.phz_api_orders_zone.zone_id}", `k3x9q2m7p1.${SERVICE_DOMAIN}`, ENDPOINT_NAME, ENDPOINT_ZONE],
    ]);
    expectNoCatchAll(out);
  });

  test("each zone is created after the endpoint (and destroyed before it is updated): a mode switch never holds both", () => {
    for (const zone of Object.values(resourcesOf(out, "aws_route53_zone"))) {
      expect(zone.depends_on).toEqual(["aws_vpc_endpoint.execute_api_endpoint"]);
    }
  });

  test("the endpoint policy lets clients invoke exactly this API and the listed ones", () => {
    const endpointPolicy = decodePolicy(resource(out, "aws_vpc_endpoint_policy", "execute_api_policy").policy);
    expect(endpointPolicy.Statement[0].Resource).toEqual([
      "${aws_api_gateway_rest_api.api_rest_api.execution_arn}/*",
      "arn:aws:execute-api:eu-west-1:444444444444:b7c8d9e0f1/*",
      "arn:aws:execute-api:eu-west-1:123456789012:k3x9q2m7p1/*",
    ]);
  });

  test("the default URL is an output again (its zone resolves it in the VPC), and public default URLs resolve publicly", () => {
    expect(out.output.invoke_url?.value).toBe("${aws_api_gateway_stage.api_stage.invoke_url}");
    expect(out.output.name_resolution?.value).toMatchObject({
      [`k3x9q2m7p1.${SERVICE_DOMAIN}`]: { resolves_to: ENDPOINT_NAME },
      [`*.${SERVICE_DOMAIN}`]: { resolves_to: "API Gateway's public addresses" },
    });
  });
});

/** The dns section each shipped environment is also checked with: the mode it does not ship. */
const OTHER_MODE: Record<SplitHorizonPhzConfig["dns"]["mode"], Section["dns"]> = {
  "custom-domains": { mode: "per-api-zones", otherPrivateApis: { orders: { restApiId: "k3x9q2m7p1" } } },
  "per-api-zones": {
    mode: "custom-domains",
    publicApis: {
      "api.partner.example.com": { mode: "lookup" },
      "status.example.org": {
        mode: "configured",
        regionalDomainName: "d-m4n8p2r6t0.execute-api.eu-west-1.amazonaws.com",
        regionalZoneId: "ZLY8HYME6SFDD",
      },
    },
  },
};

/** The split-horizon-phz stacks of `sources`, with their validated sections. */
function splitHorizonStacks(sources: readonly EnvironmentSource[]): [string, Synthesized, SplitHorizonPhzConfig][] {
  return synthesizedStacks(sources)
    .filter((stack) => stack.topology === "split-horizon-phz")
    .map(({ name, synthesized, section }) => [name, synthesized, section as SplitHorizonPhzConfig]);
}

describe("the checklist, on the split-horizon-phz stack of every shipped environment, in both modes", () => {
  let shipped: [string, Synthesized, SplitHorizonPhzConfig][] = [];
  let stacks: [string, Synthesized, SplitHorizonPhzConfig][] = [];
  beforeAll(async () => {
    const sources = await loadEnvironmentSources();
    shipped = splitHorizonStacks(sources);
    // Each environment as shipped, and the same environment with the other mode's dns section.
    const flipped = sources.map((environment) => {
      const input = environment.input as EnvironmentInput;
      const section = input.topologies["split-horizon-phz"] as Section;
      const dns = OTHER_MODE[section.dns.mode ?? "custom-domains"];
      return {
        ...environment,
        input: { ...input, topologies: { "split-horizon-phz": { ...section, dns } } },
      };
    });
    stacks = [
      ...shipped,
      ...splitHorizonStacks(flipped).map(([name, out, section]): [string, Synthesized, SplitHorizonPhzConfig] => [
        `${name} (${section.dns.mode})`,
        out,
        section,
      ]),
    ];
  });

  test("every environment runs split-horizon-phz, both modes are shipped, and each is checked in both", () => {
    expect(shipped.map(([name]) => name).sort()).toEqual([
      "split-horizon-phz-dev",
      "split-horizon-phz-prod",
      "split-horizon-phz-staging",
    ]);
    expect(new Set(shipped.map(([, , section]) => section.dns.mode))).toEqual(
      new Set(["custom-domains", "per-api-zones"]),
    );
    for (const environment of ["dev", "staging", "prod"]) {
      const modes = stacks
        .filter(([name]) => name.startsWith(`split-horizon-phz-${environment}`))
        .map(([, , section]) => section.dns.mode);
      expect(modes.sort()).toEqual(["custom-domains", "per-api-zones"]);
    }
  });

  test("private DNS is on exactly in custom-domains mode", () => {
    for (const [, out, section] of stacks) {
      expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint").private_dns_enabled).toBe(
        section.dns.mode === "custom-domains",
      );
    }
  });

  test("each zone is named as configured, associated with the stack's VPC only, and aliases the right target", () => {
    for (const [name, out, section] of stacks) {
      const zones = Object.values(zonesOf(out));
      for (const zone of zones) {
        expect({ name, vpcs: zone.vpcs }).toEqual({ name, vpcs: [[VPC, "eu-west-1"]] });
      }
      const aliases = aliasesOf(out);
      if (section.dns.mode === "custom-domains") {
        const expected = customDomainZones(section.dns);
        expect(zones.map((zone) => zone.name).sort()).toEqual([...expected.keys()].sort());
        expect(aliases.map(([, record]) => record).sort()).toEqual([...expected.values()].flat().sort());
        for (const [, record, target, zoneId] of aliases) {
          const configured = section.dns.publicApis[record];
          expect({ record, target, zoneId }).toEqual(
            configured?.mode === "configured"
              ? { record, target: configured.regionalDomainName, zoneId: configured.regionalZoneId }
              : {
                  record,
                  target: expect.stringMatching(/regional_domain_name\}$/) as string,
                  zoneId: expect.stringMatching(/regional_zone_id\}$/) as string,
                },
          );
        }
      } else {
        const ids = [API_ID, ...Object.values(section.dns.otherPrivateApis).map((api) => api.restApiId)];
        expect(zones.map((zone) => zone.name).sort()).toEqual(ids.map((id) => `${id}.${SERVICE_DOMAIN}`).sort());
        for (const [, , target, zoneId] of aliases) {
          expect([target, zoneId]).toEqual([ENDPOINT_NAME, ENDPOINT_ZONE]);
        }
      }
      expectNoCatchAll(out);
    }
  });

  test("every configured name has a line in name_resolution", () => {
    for (const [, out, section] of stacks) {
      const names =
        section.dns.mode === "custom-domains"
          ? Object.keys(section.dns.publicApis)
          : Object.values(section.dns.otherPrivateApis).map((api) => `${api.restApiId}.${SERVICE_DOMAIN}`);
      expect(Object.keys(out.output.name_resolution?.value as object)).toEqual(expect.arrayContaining(names));
    }
  });
});

import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { type EnvironmentInput } from "../registry";
import { loadEnvironmentSources } from "../../config";
import type { DirectConnectConfig } from "./config";
import { STAND_IN_VARIABLE_VALUE } from "../../tooling/offline-terraform";
import { bgpAuthKeyVariable } from "./direct-connect-attachment";
import { DirectConnectStack } from "./stack";
import { GENERATED_DIR } from "../../lib/paths";
import { resolvedSection, resource, resourcesOf, synth, synthesizedStacks, type Synthesized } from "../../test/helpers";
import { directConnectInput } from "./fixtures";

type Section = NonNullable<EnvironmentInput["topologies"]["direct-connect"]>;

const PREFIX_LIST = "${aws_ec2_managed_prefix_list.on_premises_networks.id}";

function propsFor(section: Partial<Section> = {}) {
  return resolvedSection("direct-connect", {
    topologies: { "direct-connect": directConnectInput(section) },
  });
}

function synthDirectConnect(section: Partial<Section> = {}): Synthesized {
  return synth(new DirectConnectStack(Testing.app(), propsFor(section)));
}

describe("direct-connect, all defaults", () => {
  const out = synthDirectConnect();

  test("the endpoint keeps private DNS off and admits HTTPS from the on-premises prefix list and the VPC only", () => {
    expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint").private_dns_enabled).toBe(false);
    expect(resource(out, "aws_ec2_managed_prefix_list", "on_premises_networks")).toMatchObject({
      address_family: "IPv4",
      max_entries: 1,
      entry: [{ cidr: "192.168.0.0/16", description: "data-centre" }],
    });
    const rules = resourcesOf(out, "aws_vpc_security_group_ingress_rule");
    expect(Object.keys(rules).sort()).toEqual(["execute_api_https_from_on_premises", "execute_api_https_from_vpc"]);
    expect(rules.execute_api_https_from_on_premises).toMatchObject({
      prefix_list_id: PREFIX_LIST,
      from_port: 443,
      to_port: 443,
    });
  });

  test("a DX gateway with its ASN, a VGW on the VPC propagating into every route table, and the association", () => {
    expect(resource(out, "aws_dx_gateway", "direct_connect_gateway").amazon_side_asn).toBe("64512");
    expect(resource(out, "aws_vpn_gateway", "direct_connect_vgw")).toMatchObject({
      vpc_id: "${aws_vpc.network_vpc.id}",
      amazon_side_asn: "64513",
    });
    const propagated = Object.values(resourcesOf(out, "aws_vpn_gateway_route_propagation")).map(
      (p) => p.route_table_id,
    );
    expect(propagated).toEqual(
      Object.keys(resourcesOf(out, "aws_route_table")).map((name) => `\${aws_route_table.${name}.id}`),
    );
    expect(resource(out, "aws_dx_gateway_association", "direct_connect_association")).toMatchObject({
      dx_gateway_id: "${aws_dx_gateway.direct_connect_gateway.id}",
      associated_gateway_id: "${aws_vpn_gateway.direct_connect_vgw.id}",
      allowed_prefixes: ["10.0.0.0/16"],
    });
  });

  test("no virtual interface, no custom domain, no resolver, no variable", () => {
    expect(resourcesOf(out, "aws_dx_private_virtual_interface")).toEqual({});
    expect(resourcesOf(out, "aws_api_gateway_domain_name")).toEqual({});
    expect(resourcesOf(out, "aws_route53_zone")).toEqual({});
    expect(resourcesOf(out, "aws_route53_resolver_endpoint")).toEqual({});
    expect(out.terraform).not.toHaveProperty("variable");
  });

  test("outputs the seed's test commands with the x-apigw-api-id header, and the alias URL", () => {
    const name = "${local.execute_api_regional_dns_entry.dns_name}";
    expect(out.output.curl_command?.value).toBe(
      `curl -sS -H 'x-apigw-api-id: \${aws_api_gateway_rest_api.api_rest_api.id}' https://${name}/\${aws_api_gateway_stage.api_stage.stage_name}/health`,
    );
    expect(out.output.powershell_command?.value).toContain(
      "-Headers @{'x-apigw-api-id'='${aws_api_gateway_rest_api.api_rest_api.id}'}",
    );
    // With private DNS off, the default URL resolves to API Gateway's public side: not an output.
    expect(out.output.invoke_url).toBeUndefined();
    expect(out.output.vpce_alias_url?.value).toContain(
      "${aws_api_gateway_rest_api.api_rest_api.id}-${aws_vpc_endpoint.execute_api_endpoint.id}",
    );
  });
});

describe("direct-connect, all options", () => {
  const stack = new DirectConnectStack(
    Testing.app(),
    propsFor({
      onPremisesNetworks: { "data-centre": "192.168.0.0/16", branches: "172.20.0.0/16" },
      directConnect: {
        gateway: { mode: "create", amazonSideAsn: 64512 },
        vgwAmazonSideAsn: 64600,
        allowedPrefixes: ["10.0.0.0/15"],
        virtualInterfaces: {
          primary: {
            kind: "private",
            connectionId: "dxcon-fg5678gh",
            vlan: 101,
            customerAsn: 65001,
            amazonAddress: "169.254.10.1/30",
            customerAddress: "169.254.10.2/30",
          },
          "second-site": { kind: "private", connectionId: "dxcon-fh2345jk", vlan: 102, customerAsn: 65001 },
        },
      },
      domain: {
        name: "api.dx.example.com",
        certificate: { mode: "dns-validated", publicZoneId: "Z0EXAMPLE000000000001" },
      },
      resolver: { availabilityZones: ["eu-west-1b", "eu-west-1a"] },
    }),
  );
  const out = synth(stack);

  test("a private virtual interface per name from the network team's inputs, each BGP key a sensitive variable", () => {
    const interfaces = resourcesOf(out, "aws_dx_private_virtual_interface");
    expect(Object.keys(interfaces)).toEqual([
      "direct_connect_virtual_interface_primary",
      "direct_connect_virtual_interface_second-site",
    ]);
    expect(interfaces.direct_connect_virtual_interface_primary).toMatchObject({
      connection_id: "dxcon-fg5678gh",
      vlan: 101,
      bgp_asn: 65001,
      address_family: "ipv4",
      amazon_address: "169.254.10.1/30",
      customer_address: "169.254.10.2/30",
      dx_gateway_id: "${aws_dx_gateway.direct_connect_gateway.id}",
      bgp_auth_key: `\${var.${bgpAuthKeyVariable("primary")}}`,
    });
    expect(interfaces["direct_connect_virtual_interface_second-site"]).toMatchObject({
      connection_id: "dxcon-fh2345jk",
      bgp_auth_key: "${var.bgp_auth_key_second_site}",
    });
    expect(interfaces["direct_connect_virtual_interface_second-site"]).not.toHaveProperty("amazon_address");
    expect(JSON.parse(Testing.synth(stack)).variable).toEqual({
      bgp_auth_key_primary: expect.objectContaining({ sensitive: true, type: "string" }),
      bgp_auth_key_second_site: expect.objectContaining({ sensitive: true, type: "string" }),
    });
    expect(resource(out, "aws_dx_gateway_association", "direct_connect_association").allowed_prefixes).toEqual([
      "10.0.0.0/15",
    ]);
  });

  test("a private custom domain name for the endpoint, a private zone of that name aliasing it, and the URL", () => {
    expect(resource(out, "aws_api_gateway_domain_name", "custom_domain_domain_name")).toMatchObject({
      domain_name: "api.dx.example.com",
      endpoint_configuration: { types: ["PRIVATE"] },
      certificate_arn: "${aws_acm_certificate_validation.certificate_validation.certificate_arn}",
    });
    expect(
      resource(out, "aws_api_gateway_domain_name_access_association", "custom_domain_access_association"),
    ).toMatchObject({
      access_association_source: "${aws_vpc_endpoint.execute_api_endpoint.id}",
      access_association_source_type: "VPCE",
    });
    expect(resource(out, "aws_api_gateway_base_path_mapping", "custom_domain_mapping")).toMatchObject({
      domain_name_id: "${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name_id}",
    });
    expect(resource(out, "aws_route53_zone", "dns_zone")).toMatchObject({
      name: "api.dx.example.com",
      vpc: [{ vpc_id: "${aws_vpc.network_vpc.id}", vpc_region: "eu-west-1" }],
    });
    expect(resource(out, "aws_route53_record", "dns_alias")).toMatchObject({
      name: "api.dx.example.com",
      type: "A",
      alias: {
        name: "${local.execute_api_regional_dns_entry.dns_name}",
        zone_id: "${local.execute_api_regional_dns_entry.hosted_zone_id}",
      },
    });
    expect(out.output.custom_url?.value).toBe("https://api.dx.example.com/");
  });

  test("a Resolver inbound endpoint in two zones, DNS from the on-premises prefix list only, and its addresses as output", () => {
    expect(resource(out, "aws_route53_resolver_endpoint", "resolver_endpoint")).toMatchObject({
      direction: "INBOUND",
      ip_address: [
        { subnet_id: "${aws_subnet.network_subnet_eu-west-1a.id}" },
        { subnet_id: "${aws_subnet.network_subnet_eu-west-1b.id}" },
      ],
    });
    const dns = Object.entries(resourcesOf(out, "aws_vpc_security_group_ingress_rule"))
      .filter(([name]) => name.startsWith("resolver_"))
      .map(([name, rule]) => [name, rule.ip_protocol, rule.from_port, rule.prefix_list_id]);
    expect(dns).toEqual([
      ["resolver_dns_tcp", "tcp", 53, PREFIX_LIST],
      ["resolver_dns_udp", "udp", 53, PREFIX_LIST],
    ]);
    const addresses = "${[for address in aws_route53_resolver_endpoint.resolver_endpoint.ip_address : address.ip]}";
    expect(out.output.resolver_inbound_ips?.value).toBe(addresses);
    expect(out.output.conditional_forwarder?.value).toEqual({ zone: "api.dx.example.com", forward_to: addresses });
  });

  test("another account's gateway gets an association proposal, and the owner's arguments as output", () => {
    const shared = synthDirectConnect({
      directConnect: {
        gateway: {
          mode: "existing",
          gatewayId: "5f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
          ownerAccountId: "555555555555",
        },
        allowedPrefixes: ["10.0.0.0/16"],
      },
    });
    expect(resourcesOf(shared, "aws_dx_gateway_association")).toEqual({});
    expect(resource(shared, "aws_dx_gateway_association_proposal", "direct_connect_association_proposal")).toEqual({
      dx_gateway_id: "5f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
      dx_gateway_owner_account_id: "555555555555",
      associated_gateway_id: "${aws_vpn_gateway.direct_connect_vgw.id}",
      allowed_prefixes: ["10.0.0.0/16"],
    });
    expect(shared.output.association_proposal_for_gateway_owner?.value).toEqual({
      proposal_id: "${aws_dx_gateway_association_proposal.direct_connect_association_proposal.id}",
      dx_gateway_id: "5f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
      associated_gateway_owner_account_id:
        "${aws_dx_gateway_association_proposal.direct_connect_association_proposal.associated_gateway_owner_account_id}",
      associated_gateway_id: "${aws_vpn_gateway.direct_connect_vgw.id}",
      allowed_prefixes: ["10.0.0.0/16"],
    });
  });

  test("an existing gateway of this account is adopted by id, and a hosted interface accepted on it", () => {
    const adopted = synthDirectConnect({
      directConnect: {
        gateway: {
          mode: "existing",
          gatewayId: "5f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
          ownerAccountId: "123456789012",
        },
        virtualInterfaces: { partner: { kind: "hosted-accepter", virtualInterfaceId: "dxvif-ffabc123" } },
      },
    });
    expect(resourcesOf(adopted, "aws_dx_gateway")).toEqual({});
    expect(resourcesOf(adopted, "aws_dx_gateway_association_proposal")).toEqual({});
    expect(adopted.output.association_proposal_for_gateway_owner).toBeUndefined();
    expect(
      resource(adopted, "aws_dx_hosted_private_virtual_interface_accepter", "direct_connect_virtual_interface_partner"),
    ).toMatchObject({
      virtual_interface_id: "dxvif-ffabc123",
      dx_gateway_id: "5f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
    });
  });
});

describe("the checklist, on the direct-connect stack of every shipped environment", () => {
  let stacks: [string, Synthesized, DirectConnectConfig][] = [];
  beforeAll(async () => {
    stacks = synthesizedStacks(await loadEnvironmentSources())
      .filter((stack) => stack.topology === "direct-connect")
      .map(({ name, synthesized, section }) => [name, synthesized, section as DirectConnectConfig]);
  });

  test("every environment runs direct-connect, with private DNS off", () => {
    expect(stacks.map(([name]) => name).sort()).toEqual([
      "direct-connect-dev",
      "direct-connect-prod",
      "direct-connect-staging",
    ]);
    for (const [, out] of stacks) {
      expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint").private_dns_enabled).toBe(false);
    }
  });

  test("443 from every on-premises network and nothing wider; the association advertises the configured prefixes", () => {
    for (const [name, out, section] of stacks) {
      const entries = resource(out, "aws_ec2_managed_prefix_list", "on_premises_networks").entry as { cidr: string }[];
      expect({ name, cidrs: entries.map((entry) => entry.cidr).sort() }).toEqual({
        name,
        cidrs: Object.values(section.onPremisesNetworks).sort(),
      });
      const associations = [
        ...Object.values(resourcesOf(out, "aws_dx_gateway_association")),
        ...Object.values(resourcesOf(out, "aws_dx_gateway_association_proposal")),
      ];
      expect(associations.map((association) => association.allowed_prefixes)).toEqual([
        section.directConnect.allowedPrefixes ?? [section.network.cidr],
      ]);
    }
  });

  test("routes propagate into every private route table", () => {
    for (const [, out] of stacks) {
      expect(Object.keys(resourcesOf(out, "aws_vpn_gateway_route_propagation")).length).toBe(
        Object.keys(resourcesOf(out, "aws_route_table")).length,
      );
    }
  });

  test("the BGP key is a sensitive variable and no generated file holds a value for it", () => {
    const files = readdirSync(GENERATED_DIR, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect({
        file,
        assigned: /bgp_auth_key\s*=\s*"/.test(text),
        standIn: text.includes(STAND_IN_VARIABLE_VALUE),
      }).toEqual({
        file,
        assigned: false,
        standIn: false,
      });
    }
    const prod = readFileSync(path.join(GENERATED_DIR, "direct-connect-prod", "main.tf"), "utf8");
    for (const name of ["primary", "secondary"]) {
      expect(prod).toMatch(new RegExp(`variable "bgp_auth_key_${name}" \\{\\n[^}]*sensitive\\s+= true`));
      expect(prod).toContain(`bgp_auth_key     = var.bgp_auth_key_${name}`);
    }
  });

  test("with deletion protection, the gateway, its association and every interface refuse to be destroyed", () => {
    for (const [name, out] of stacks) {
      const protectedTypes = [
        "aws_dx_gateway",
        "aws_dx_gateway_association",
        "aws_dx_private_virtual_interface",
        "aws_dx_hosted_private_virtual_interface_accepter",
      ];
      const protection = protectedTypes.flatMap((type) =>
        Object.entries(resourcesOf(out, type)).map(([address, block]) => [
          `${type}.${address}`,
          (block.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true,
        ]),
      );
      const expected = name === "direct-connect-prod";
      expect({ name, protection }).toEqual({ name, protection: protection.map(([address]) => [address, expected]) });
    }
  });

  test("prod has two private interfaces on two connections", () => {
    const prod = stacks.find(([name]) => name === "direct-connect-prod")?.[1];
    const connections = Object.values(
      prod === undefined ? {} : resourcesOf(prod, "aws_dx_private_virtual_interface"),
    ).map((vif) => vif.connection_id);
    expect(new Set(connections).size).toBe(2);
  });
});

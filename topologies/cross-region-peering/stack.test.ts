import { Testing } from "cdktf";
import { type EnvironmentInput } from "../registry";
import { loadEnvironmentSources } from "../../config";
import type { CrossRegionPeeringConfig } from "./config";
import { CrossRegionPeeringStack } from "./stack";
import {
  decodePolicy,
  resolvedSection,
  resource,
  resourcesOf,
  synth,
  synthesizedStacks,
  type Synthesized,
} from "../../test/helpers";
import { crossRegionPeeringInput } from "./fixtures";

type Section = NonNullable<EnvironmentInput["topologies"]["cross-region-peering"]>;

const API_VPC = "${aws_vpc.network_vpc.id}";
const ENDPOINT = "${aws_vpc_endpoint.execute_api_endpoint.id}";
const SERVICE_DOMAIN = "execute-api.eu-west-1.amazonaws.com";

function synthPeering(section: Partial<Section> = {}): Synthesized {
  return synth(
    new CrossRegionPeeringStack(
      Testing.app(),
      resolvedSection("cross-region-peering", {
        topologies: { "cross-region-peering": crossRegionPeeringInput(section) },
      }),
    ),
  );
}

/** The provider a resource uses: its alias's region, or the API's region for the default provider. */
function regionOf(out: Synthesized, item: { provider?: string }): string {
  if (item.provider === undefined) {
    return "eu-west-1";
  }
  const providers = out.provider.aws as { alias?: string; region: string }[];
  const alias = item.provider.replace(/^aws\./, "");
  const found = providers.find((provider) => provider.alias === alias);
  if (found === undefined) {
    throw new Error(`no provider aws.${alias}`);
  }
  return found.region;
}

/** What a stack must hold for each client VPC, whatever the section. */
function expectTopology(out: Synthesized, section: CrossRegionPeeringConfig): void {
  const clients = Object.entries(section.clientVpcs);
  const apiVpc = section.network.mode === "create" ? API_VPC : section.network.vpcId;
  // Providers: the API region's default one, and one aliased provider per client region.
  const providers = out.provider.aws as { alias?: string; region: string }[];
  expect(providers.map((provider) => [provider.alias ?? "(default)", provider.region]).sort()).toEqual(
    [["(default)", "eu-west-1"], ...[...new Set(clients.map(([, c]) => c.region))].map((r) => [r, r])].sort(),
  );

  const connections = resourcesOf(out, "aws_vpc_peering_connection");
  const accepters = resourcesOf(out, "aws_vpc_peering_connection_accepter");
  expect(Object.keys(connections).sort()).toEqual(clients.map(([name]) => `peering_${name}_connection`).sort());
  const routes = Object.entries(resourcesOf(out, "aws_route"));
  const wildcard = section.clientZone === "region-wildcard";
  const zoneAddress = wildcard ? "execute_api_zone" : "api_zone";
  const zone = resource(out, "aws_route53_zone", `${zoneAddress}_zone`);
  const associated: [string, string][] = (zone.vpc as { vpc_id: string; vpc_region: string }[]).map((vpc) => [
    vpc.vpc_id,
    vpc.vpc_region,
  ]);
  const expectedAssociations: [string, string][] = [];
  let peeringRoutes = 0;

  for (const [name, client] of clients) {
    const clientVpc = client.network.mode === "create" ? `\${aws_vpc.client_${name}_vpc.id}` : client.network.vpcId;
    expectedAssociations.push([clientVpc, client.region]);
    // Requested from the API's region with peer_region, never auto-accepted there.
    const connection = connections[`peering_${name}_connection`];
    expect(connection).toMatchObject({ vpc_id: apiVpc, peer_vpc_id: clientVpc, peer_region: client.region });
    expect(connection.auto_accept).toBeUndefined();
    expect(regionOf(out, connection)).toBe("eu-west-1");
    // Accepted by the accepter resource, in the client's region.
    const accepter = accepters[`peering_${name}_accepter`];
    expect(accepter).toMatchObject({
      vpc_peering_connection_id: `\${aws_vpc_peering_connection.peering_${name}_connection.id}`,
      auto_accept: true,
    });
    expect(regionOf(out, accepter)).toBe(client.region);

    // Routes both ways, in every route table of each side, to the other side's CIDR only.
    const pcx = `\${aws_vpc_peering_connection_accepter.peering_${name}_accepter.vpc_peering_connection_id}`;
    const apiTables =
      section.network.mode === "create"
        ? Object.keys(section.network.privateSubnets).map(
            (zoneName) => `\${aws_route_table.network_route_table_${zoneName}.id}`,
          )
        : (section.network.routeTableIds ?? []);
    const clientTables =
      client.network.mode === "create"
        ? Object.keys(client.network.privateSubnets).map(
            (zoneName) => `\${aws_route_table.client_${name}_route_table_${zoneName}.id}`,
          )
        : (client.network.routeTableIds ?? []);
    const toClient = routes.filter(([address]) => address.startsWith(`peering_${name}_requester_route_`));
    const toApi = routes.filter(([address]) => address.startsWith(`peering_${name}_accepter_route_`));
    // The API's side routes back to the ranges that may call (callers, or the whole client VPC) only.
    const callers = client.callers ?? [client.network.cidr];
    expect(toClient.map(([, route]) => route.route_table_id).sort()).toEqual(
      apiTables.flatMap((table) => callers.map(() => table)).sort(),
    );
    expect(toApi.map(([, route]) => route.route_table_id).sort()).toEqual([...clientTables].sort());
    peeringRoutes += toClient.length + toApi.length;
    expect([...new Set(toClient.map(([, route]) => route.destination_cidr_block))].sort()).toEqual([...callers].sort());
    for (const [, route] of toClient) {
      expect(route).toMatchObject({ vpc_peering_connection_id: pcx });
      expect(regionOf(out, route)).toBe("eu-west-1");
    }
    for (const [, route] of toApi) {
      expect(route).toMatchObject({ destination_cidr_block: section.network.cidr, vpc_peering_connection_id: pcx });
      expect(regionOf(out, route)).toBe(client.region);
    }
    // The endpoint admits 443 from the ranges that may call, and from nothing else of the client VPC.
    callers.forEach((range, index) => {
      const rule = callers.length === 1 ? name : `${name}-${String(index + 1)}`;
      expect(resource(out, "aws_vpc_security_group_ingress_rule", `execute_api_https_from_${rule}`)).toMatchObject({
        cidr_ipv4: range,
        from_port: 443,
        to_port: 443,
        ip_protocol: "tcp",
      });
    });
  }
  // No route besides the peering routes above.
  expect(routes).toHaveLength(peeringRoutes);

  // The zone: this API's default name (or, opted in, the API region's whole execute-api domain), on
  // the client VPCs only, inline only.
  const apiName = `\${aws_api_gateway_rest_api.api_rest_api.id}.${SERVICE_DOMAIN}`;
  expect(zone.name).toBe(wildcard ? SERVICE_DOMAIN : apiName);
  expect(associated.sort()).toEqual(expectedAssociations.sort());
  expect(associated.map(([vpc]) => vpc)).not.toContain(apiVpc);
  expect(resourcesOf(out, "aws_route53_zone_association")).toEqual({});
  expect(Object.keys(resourcesOf(out, "aws_route53_record"))).toEqual([
    wildcard ? "execute_api_zone_alias_wildcard" : "api_zone_alias",
  ]);
  expect(
    resource(out, "aws_route53_record", wildcard ? "execute_api_zone_alias_wildcard" : "api_zone_alias"),
  ).toMatchObject({
    name: wildcard ? `*.${SERVICE_DOMAIN}` : apiName,
    type: "A",
    zone_id: `\${aws_route53_zone.${zoneAddress}_zone.zone_id}`,
    alias: {
      name: "${local.execute_api_regional_dns_entry.dns_name}",
      zone_id: "${local.execute_api_regional_dns_entry.hosted_zone_id}",
      evaluate_target_health: false,
    },
  });

  // The endpoint keeps private DNS on in the API's VPC; the resource policy names only it.
  expect(resource(out, "aws_vpc_endpoint", "execute_api_endpoint")).toMatchObject({
    private_dns_enabled: true,
    vpc_id: apiVpc,
  });
  const policy = decodePolicy(resource(out, "aws_api_gateway_rest_api_policy", "api_resource_policy").policy);
  expect(JSON.stringify(policy).match(/vpce-|aws_vpc_endpoint\.[a-z_]+\.id/g)).toEqual([
    "aws_vpc_endpoint.execute_api_endpoint.id",
  ]);
  expect(JSON.stringify(policy)).toContain(ENDPOINT);

  // Per client: the URL to call and the peering id.
  expect(Object.keys(out.output.client_vpcs?.value as object).sort()).toEqual(clients.map(([name]) => name).sort());
  for (const [name, client] of clients) {
    expect((out.output.client_vpcs?.value as Record<string, unknown>)[name]).toEqual({
      region: client.region,
      vpc_id: client.network.mode === "create" ? `\${aws_vpc.client_${name}_vpc.id}` : client.network.vpcId,
      peering_connection_id: `\${aws_vpc_peering_connection_accepter.peering_${name}_accepter.vpc_peering_connection_id}`,
      invoke_url: "${aws_api_gateway_stage.api_stage.invoke_url}",
    });
  }
}

describe("cross-region-peering, all defaults", () => {
  const out = synthPeering();

  test("one client VPC in us-east-1: providers, peering pair, routes both ways, zone, rules and outputs", () => {
    expectTopology(
      out,
      resolvedSection("cross-region-peering", {
        topologies: { "cross-region-peering": crossRegionPeeringInput() },
      }).section,
    );
  });

  test("the client VPC is a full network of its own region, with flow logs", () => {
    expect(resource(out, "aws_vpc", "client_us-app_vpc")).toMatchObject({
      cidr_block: "10.100.0.0/16",
      provider: "aws.us-east-1",
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
    expect(resource(out, "aws_flow_log", "client_us-app_flow_log").provider).toBe("aws.us-east-1");
  });
});

describe("cross-region-peering, all options: two client regions, one adopted, the region-wildcard zone", () => {
  const input: Partial<Section> = {
    clientZone: "region-wildcard",
    clientVpcs: {
      "us-app": crossRegionPeeringInput().clientVpcs["us-app"] as Section["clientVpcs"][string],
      "apac-app": {
        region: "ap-southeast-1",
        network: {
          mode: "existing",
          vpcId: "vpc-0123456789abcdef4",
          cidr: "10.106.0.0/16",
          subnetIds: { "ap-southeast-1a": "subnet-00000000000000a01", "ap-southeast-1b": "subnet-00000000000000a02" },
          routeTableIds: ["rtb-00000000000000a01", "rtb-00000000000000a02"],
        },
      },
    },
  };
  const out = synthPeering(input);

  test("each client gets its own provider, peering pair, routes and zone association", () => {
    expectTopology(
      out,
      resolvedSection("cross-region-peering", {
        topologies: { "cross-region-peering": crossRegionPeeringInput(input) },
      }).section,
    );
  });

  test("an adopted client VPC is not created; its listed route tables learn the route to the API's VPC", () => {
    expect(Object.keys(resourcesOf(out, "aws_vpc")).sort()).toEqual(["client_us-app_vpc", "network_vpc"]);
    expect(resource(out, "aws_route", "peering_apac-app_accepter_route_rtb-00000000000000a01")).toMatchObject({
      route_table_id: "rtb-00000000000000a01",
      destination_cidr_block: "10.0.0.0/16",
      provider: "aws.ap-southeast-1",
    });
  });
});

describe("cross-region-peering in an adopted API VPC", () => {
  const input: Partial<Section> = {
    network: {
      mode: "existing",
      vpcId: "vpc-0123456789abcdef3",
      cidr: "10.5.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-00000000000000b01", "eu-west-1b": "subnet-00000000000000b02" },
      routeTableIds: ["rtb-00000000000000b01", "rtb-00000000000000b02"],
    },
  };
  const out = synthPeering(input);

  test("providers, pairing, routes, zone, security group and resource policy hold", () => {
    expectTopology(
      out,
      resolvedSection("cross-region-peering", {
        topologies: { "cross-region-peering": crossRegionPeeringInput(input) },
      }).section,
    );
  });

  test("the adopted VPC is requester: its listed route tables learn each client's CIDR; the zone stays off it", () => {
    expect(Object.keys(resourcesOf(out, "aws_vpc"))).toEqual(["client_us-app_vpc"]);
    const peering = resource(out, "aws_vpc_peering_connection", "peering_us-app_connection");
    expect(peering.vpc_id).toBe("vpc-0123456789abcdef3");
    for (const table of ["rtb-00000000000000b01", "rtb-00000000000000b02"]) {
      expect(resource(out, "aws_route", `peering_us-app_requester_route_${table}`)).toMatchObject({
        route_table_id: table,
        destination_cidr_block: "10.100.0.0/16",
      });
    }
    const zone = resource(out, "aws_route53_zone", "api_zone_zone");
    expect(JSON.stringify(zone.vpc)).not.toContain("vpc-0123456789abcdef3");
  });
});

describe("the checklist, on the cross-region-peering stack of every shipped environment", () => {
  let stacks: [string, Synthesized, CrossRegionPeeringConfig][] = [];
  beforeAll(async () => {
    stacks = synthesizedStacks(await loadEnvironmentSources())
      .filter((stack) => stack.topology === "cross-region-peering")
      .map(({ name, synthesized, section }) => [name, synthesized, section as CrossRegionPeeringConfig]);
  });

  test("every environment runs cross-region-peering; created and adopted client VPCs and two client regions are shipped", () => {
    expect(stacks.map(([name]) => name).sort()).toEqual([
      "cross-region-peering-dev",
      "cross-region-peering-prod",
      "cross-region-peering-staging",
    ]);
    const clients = stacks.flatMap(([, , section]) => Object.values(section.clientVpcs));
    expect(new Set(clients.map((client) => client.network.mode))).toEqual(new Set(["create", "existing"]));
    expect(Math.max(...stacks.map(([, , section]) => Object.keys(section.clientVpcs).length))).toBeGreaterThanOrEqual(
      2,
    );
  });

  test("providers, pairing, routes, zone, security group and resource policy hold in each", () => {
    for (const [, out, section] of stacks) {
      expectTopology(out, section);
    }
  });

  test("with deletion protection, each peering connection and its accepter are protected like the VPCs (prod)", () => {
    const protectedIn = (out: Synthesized, type: string) =>
      Object.values(resourcesOf(out, type)).map(
        (block) => (block.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true,
      );
    for (const [name, out] of stacks) {
      const protection = name.endsWith("-prod");
      for (const type of ["aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter"]) {
        const flags = protectedIn(out, type);
        expect({ name, type, count: flags.length > 0, flags: new Set(flags) }).toEqual({
          name,
          type,
          count: true,
          flags: new Set([protection]),
        });
      }
    }
  });
});

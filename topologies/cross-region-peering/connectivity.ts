/**
 * cross-region-peering: client VPCs in other regions call the private API's default URL over VPC peering; a
 * private zone in each client VPC answers the API region's execute-api names with the endpoint's addresses.
 */
import type { Matrix } from "../../connectivity/matrix";
import type { StackModel, Subnet } from "../../connectivity/model";
import type { ConnectivityRequest } from "../../connectivity/request";
import { cidrCovers } from "../../connectivity/model";
import { lookedUpVpcs, withoutDnsAttributeChecks } from "../../connectivity/clients";
import { without, withAttribute, withoutAll, withoutZoneVpc, withPostconditions } from "../../connectivity/mutate";

const defaultUrl = "${aws_api_gateway_stage.api_stage.invoke_url}/health";
const PUBLIC_API_URL = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/";
/** The client VPCs' zone: this API's default name only (clientZone "api", the default). */
const CLIENT_ZONE = "aws_route53_zone.api_zone_zone";

/** One request from each client VPC (the peerings' other sides). */
function fromEachClient(request: Omit<ConnectivityRequest, "from">): (model: StackModel) => ConnectivityRequest[] {
  return (model) => model.peerings.map((peering) => ({ ...request, from: peering.peerVpcId }));
}

/**
 * The client subnets the endpoint does not admit, in client VPCs whose callers are narrowed to some of their
 * ranges (`clientVpcs.<name>.callers`): no rule of the stack's security groups covers them.
 */
function narrowedClients(model: StackModel): Subnet[] {
  const admitted = model.securityGroups.flatMap((group) => group.rules).flatMap((rule) => rule.cidr ?? []);
  return model.subnets.filter(
    (subnet) =>
      model.vpcs.some((vpc) => vpc.id === subnet.vpcId && vpc.region !== model.region) &&
      !admitted.some((range) => cidrCovers(range, subnet.cidr)),
  );
}

/** The matrix: requests, the promised outcome, and the gaps of the shipped environments. */
export const matrix: Matrix = {
  topology: "cross-region-peering",
  example: {
    description: "an instance in the us-east-1 client VPC calls the default URL over the peering, signed",
    environment: "dev",
    request: { from: "${aws_vpc.client_us-app_vpc.id}", url: defaultUrl, signed: true },
    outcome: "ok",
  },
  rows: [
    {
      client: "instance in each client VPC (other region)",
      url: "default URL /v1/health (signed)",
      request: fromEachClient({ url: defaultUrl, signed: true }),
      expect: { outcome: "ok" },
    },
    {
      client: "instance in each client VPC",
      url: "a public API's default URL in the API's region: not captured by the zone; public, so it needs egress",
      request: fromEachClient({ url: PUBLIC_API_URL }),
      // The client VPCs the stack creates have no internet egress: the name resolves publicly and the
      // connection then times out (it is not sent to this endpoint, as the region-wildcard zone would).
      expect: { outcome: "timeout", hop: "route" },
    },
    {
      client: "instance in each client VPC",
      url: "a second private API of the API's region (another team's): not captured either",
      request: fromEachClient({
        url: "https://z9y8x7w6v5.execute-api.eu-west-1.amazonaws.com/v1/health",
        signed: true,
      }),
      expect: { outcome: "timeout", hop: "route" },
    },
  ],
  mutations: [
    {
      name: "with an adopted client VPC's lookup not requiring DNS support and hostnames on, nothing makes its resolver use the zone: not ok",
      changes: (_stack, model) => withoutDnsAttributeChecks(model),
      appliesTo: (model) => lookedUpVpcs(model).length > 0,
      request: (model) => lookedUpVpcs(model).map((vpc) => ({ from: vpc.id, url: defaultUrl, signed: true })),
      expect: { outcome: "nxdomain", hop: "dns" },
    },
    {
      name: "with an adopted client VPC whose CIDR is not the configured one (its lookup's postcondition fails that plan), its instances get no reply",
      changes: (_stack, model) =>
        lookedUpVpcs(model).map((vpc) =>
          withPostconditions(vpc.address, (condition) =>
            condition.startsWith("${self.cidr_block") ? '${self.cidr_block == "192.0.2.0/24"}' : condition,
          ),
        ),
      appliesTo: (model) => lookedUpVpcs(model).length > 0,
      request: (model) => lookedUpVpcs(model).map((vpc) => ({ from: vpc.id, url: defaultUrl, signed: true })),
      expect: { outcome: "no-route", hop: "route" },
    },
    {
      name: "with a client VPC's callers narrowed to its first subnet, an instance of its other subnet gets no reply",
      changes: () => [],
      appliesTo: (model) => narrowedClients(model).length > 0,
      request: (model) => narrowedClients(model).map((subnet) => ({ from: subnet.id, url: defaultUrl, signed: true })),
      expect: { outcome: "no-route", hop: "route" },
    },
    {
      name: "with the region-wildcard zone (clientZone), a public API's name is sent to this endpoint, which refuses it",
      changes: () => [
        withAttribute(CLIENT_ZONE, "name", "execute-api.eu-west-1.amazonaws.com"),
        withAttribute("aws_route53_record.api_zone_alias", "name", "*.execute-api.eu-west-1.amazonaws.com"),
      ],
      request: fromEachClient({ url: PUBLIC_API_URL }),
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
    {
      name: "without the zone association, the client VPC resolves the default URL publicly: not ok",
      changes: (_stack, model) => model.peerings.map((peering) => withoutZoneVpc(CLIENT_ZONE, peering.peerVpcId)),
      request: fromEachClient({ url: defaultUrl, signed: true }),
      expect: { outcome: "nxdomain", hop: "dns" },
    },
    {
      name: "without the endpoint's rules for the client VPC's ranges, the client is dropped",
      changes: (_stack, model) =>
        model.securityGroups
          .flatMap((group) => group.rules)
          .filter(
            (rule) =>
              rule.cidr !== undefined &&
              model.vpcs.some((vpc) => vpc.region !== model.region && cidrCovers(vpc.cidr, rule.cidr ?? "")),
          )
          .map((rule) => without(rule.address)),
      request: fromEachClient({ url: defaultUrl, signed: true }),
      expect: { outcome: "dropped", hop: "security-group" },
    },
    {
      name: "without the API VPC's return routes, replies cannot return",
      changes: () => [withoutAll("aws_route", (name) => name.includes("_requester_route_"))],
      // An adopted client VPC's CIDR is known only from these routes: without them the stack cannot place it.
      appliesTo: (model) => model.vpcs.every((vpc) => vpc.created),
      request: fromEachClient({ url: defaultUrl, signed: true }),
      expect: { outcome: "no-route", hop: "route" },
    },
    {
      name: "without the client side's routes, requests never leave the client VPC",
      changes: () => [withoutAll("aws_route", (name) => name.includes("_accepter_route_"))],
      request: fromEachClient({ url: defaultUrl, signed: true }),
      expect: { outcome: "no-route", hop: "route" },
    },
  ],
};

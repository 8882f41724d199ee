import { z } from "zod";
import { cidrContains, cidrsOverlap } from "../../lib/cidr";
import { cidr, matching, type Report, reporter, validCidr } from "../../config/fields";
import { apiSchema, checkZonesOf, networkSchema, type SectionContext, checkSourceRanges } from "../../config/fragments";
import { checkRegion } from "../../config/regions";
import type { ExecuteApiDomainClaim } from "../../config/topology";

/**
 * cross-region-peering: interface endpoints are regional, so VPCs in other regions reach the
 * private API over VPC peering to the API's VPC, and resolve its default URL through a private
 * hosted zone for `execute-api.<api-region>.amazonaws.com` associated with them only, whose
 * wildcard record aliases the endpoint.
 */

/**
 * A client VPC's name: part of Terraform addresses and of AWS names, among them its flow-log IAM
 * role's (`cross-region-peering-<env>-<client>-vpc-flow-logs`, at most 64 characters).
 */
const clientName = matching(
  /^[a-z][a-z0-9-]{0,10}$/,
  "is not a valid client VPC name (it becomes part of Terraform addresses and AWS resource names)",
  "use 1-11 lowercase letters, digits and hyphens, starting with a letter, e.g. us-app",
);

/** Client names become parts of the endpoint's rule addresses; `vpc` is taken by the VPC's own rule. */
const RESERVED_CLIENT_NAMES = ["vpc"];

const clientVpc = z.strictObject({
  /** The client VPC's region; never the API's (a VPC there gets an endpoint of its own). */
  region: z.string(),
  /**
   * The client VPC: created here (private subnets, one route table per zone), or adopted with the
   * route tables that must learn the route to the API's VPC (`routeTableIds`, required).
   */
  network: networkSchema({ region: undefined }),
  /**
   * The ranges of the client VPC that may call (its callers' subnets): the only ones the endpoint
   * admits and the API's VPC routes back to. Each inside the client VPC's CIDR.
   * @default the whole client VPC
   */
  callers: z.array(cidr).min(1).optional(),
});

export function crossRegionPeeringSchema(context: SectionContext) {
  return z
    .strictObject({
      /**
       * The API's VPC, in the environment's region: created, or adopted with the route tables
       * that must learn the routes to the client VPCs (`routeTableIds`, required).
       */
      network: networkSchema(context),
      /** The private REST API. */
      api: apiSchema,
      /** The VPCs in other regions that call the API, by name. At least one. */
      clientVpcs: z.record(clientName, clientVpc),
      /**
       * What the client VPCs' private zone answers. `api`: one zone for this API only,
       * `{api-id}.execute-api.<api-region>.amazonaws.com`, its apex aliasing the endpoint; every other
       * API Gateway name of the region keeps resolving publicly. `region-wildcard`: the seed's zone for
       * the whole `execute-api.<api-region>.amazonaws.com` with a wildcard alias, which sends every
       * API Gateway name of that region (other teams' APIs, public ones, custom names CNAMEd to a
       * regional name) to this endpoint, whose policy admits this API only, and takes the one such
       * zone a client VPC can hold for that region.
       */
      clientZone: z.enum(["api", "region-wildcard"]).default("api"),
    })
    .superRefine((section, ctx) => {
      const report = reporter(ctx);
      checkClientVpcs(section, context.region, report);
      checkSourceRanges(
        section.api,
        [
          { cidr: section.network.cidr, field: "network.cidr" },
          ...Object.entries(section.clientVpcs).flatMap(([name, client]) =>
            callerRanges(client).map((cidr) => ({ cidr, field: `clientVpcs.${name}` })),
          ),
        ],
        report,
      );
    });
}

export type CrossRegionPeeringConfig = z.output<ReturnType<typeof crossRegionPeeringSchema>>;

/** The ranges of a client VPC that may call: its callers, or its whole CIDR. */
export function callerRanges(client: CrossRegionPeeringConfig["clientVpcs"][string]): string[] {
  return client.callers ?? [client.network.cidr];
}

function checkClientVpcs(section: CrossRegionPeeringConfig, apiRegion: string | undefined, report: Report): void {
  const clients = Object.entries(section.clientVpcs);
  if (clients.length === 0) {
    report(
      ["clientVpcs"],
      section.clientVpcs,
      "is empty; this topology exists to reach the API from VPCs in other regions",
      'name each client VPC with its region and network, e.g. { "us-app": { region: "us-east-1", network: { … } } }',
    );
  }
  checkRouteTables(section.network, ["network"], report);
  // Every VPC of the topology, for the pairwise checks: the API's first.
  const vpcs: { name: string; field: PropertyKey[]; cidr: string; vpcId?: string }[] = [
    {
      name: "the API's VPC",
      field: ["network"],
      cidr: section.network.cidr,
      vpcId: section.network.mode === "existing" ? section.network.vpcId : undefined,
    },
  ];
  for (const [name, client] of clients) {
    const field = ["clientVpcs", name];
    if (RESERVED_CLIENT_NAMES.includes(name)) {
      report(field, name, `uses the reserved client name "${name}"`, "rename the client VPC");
    }
    const supported = checkRegion(client.region, report, [...field, "region"]);
    if (supported && client.region === apiRegion) {
      report(
        [...field, "region"],
        client.region,
        `is the API's own region; interface endpoints serve their own region, so a VPC there reaches the API through an endpoint of its own, not over peering`,
        "give that VPC its own execute-api endpoint (a topology of its own region), or name a VPC of another region",
      );
    } else if (supported) {
      checkZonesOf(client.network, client.region, (path, ...problem) => {
        report([...field, "network", ...path], ...problem);
      });
    }
    checkRouteTables(client.network, [...field, "network"], report);
    checkCallers(client.callers ?? [], client.network.cidr, report, [...field, "callers"]);
    vpcs.push({
      name: `client VPC ${name}`,
      field: [...field, "network"],
      cidr: client.network.cidr,
      vpcId: client.network.mode === "existing" ? client.network.vpcId : undefined,
    });
  }
  vpcs.forEach((vpc, index) => {
    const block = validCidr(vpc.cidr);
    for (const other of vpcs.slice(0, index)) {
      const otherBlock = validCidr(other.cidr);
      if (vpc.vpcId !== undefined && vpc.vpcId === other.vpcId) {
        report(
          [...vpc.field, "vpcId"],
          vpc.vpcId,
          `is also ${other.name}; a VPC cannot peer with itself`,
          "name each VPC once",
        );
      } else if (block !== undefined && otherBlock !== undefined && cidrsOverlap(block, otherBlock)) {
        report(
          [...vpc.field, "cidr"],
          vpc.cidr,
          `overlaps ${other.name} (${other.cidr}); AWS refuses to peer VPCs whose CIDRs overlap, and routes between them would be ambiguous`,
          "give every VPC of the topology its own address range",
        );
      }
    }
  });
}

/** An adopted VPC must say which route tables learn the peering routes. */
function checkRouteTables(network: CrossRegionPeeringConfig["network"], field: PropertyKey[], report: Report): void {
  if (network.mode === "existing" && (network.routeTableIds ?? []).length === 0) {
    report(
      [...field, "routeTableIds"],
      network.routeTableIds,
      "names no route table; the peering needs a route in the route tables of the subnets that talk to the other side",
      'list the route table ids of the VPC\'s private subnets, e.g. ["rtb-0123456789abcdef0"]',
    );
  }
}

/**
 * The API's VPC holds an endpoint with private DNS on; each adopted client VPC is given a private
 * zone for the API region's execute-api domain.
 */
export function crossRegionPeeringDomainClaims(section: CrossRegionPeeringConfig): ExecuteApiDomainClaim[] {
  const claims: ExecuteApiDomainClaim[] = [];
  if (section.network.mode === "existing") {
    claims.push({
      vpcId: section.network.vpcId,
      field: "network.vpcId",
      what: "an execute-api endpoint with private DNS on",
    });
  }
  for (const [name, client] of Object.entries(section.clientVpcs).sort(([a], [b]) => a.localeCompare(b))) {
    if (client.network.mode === "existing") {
      claims.push({
        vpcId: client.network.vpcId,
        field: `clientVpcs.${name}.network.vpcId`,
        what: "a private hosted zone for the API region's execute-api domain",
      });
    }
  }
  return claims;
}

/** A client VPC's callers: inside its CIDR, each listed once. */
function checkCallers(callers: readonly string[], vpcCidrText: string, report: Report, path: PropertyKey[]): void {
  const vpcCidr = validCidr(vpcCidrText);
  callers.forEach((text, index) => {
    const range = validCidr(text);
    if (range === undefined || vpcCidr === undefined) return;
    if (!cidrContains(vpcCidr, range)) {
      report(
        [...path, index],
        text,
        `is not inside the client VPC's CIDR ${vpcCidrText}`,
        "name ranges (subnets) of the client VPC",
      );
    } else if (callers.indexOf(text) !== index) {
      report([...path, index], text, "is listed twice", "list every range once");
    }
  });
}

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { cidrContains, cidrsOverlap, type Ipv4Cidr, MIN_CLIENT_PREFIX_LENGTH } from "../lib/cidr";
import {
  addressName,
  cidr,
  fix,
  hostedZoneId,
  matching,
  type Report,
  reporter,
  reportRepeats,
  tagText,
  validCidr,
} from "./fields";
import { needsRoutes } from "../lib/client-networks";
import { PROJECT_ROOT } from "../lib/paths";

/**
 * Fragments every topology section is composed of: its network, its client networks and its
 * API. A topology's schema file (topologies/<name>/config.ts) combines them with its own options
 * and cross-field rules.
 */

/** What a section's rules may know of the environment around it. */
export interface SectionContext {
  /** The environment's region, or undefined when that field is itself invalid. */
  readonly region: string | undefined;
  /** The environment's account, or undefined when that field is itself invalid. */
  readonly accountId?: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Network: a VPC created here or adopted.

const subnetId = matching(
  /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/,
  "is not a subnet id",
  "copy the id from the VPC console, e.g. subnet-0123456789abcdef0",
);

const awsId = (prefix: string, what: string) =>
  matching(
    new RegExp(`^${prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`),
    `is not a ${what} id`,
    `copy the id from the VPC console, e.g. ${prefix}-0123456789abcdef0`,
  );

/** How a created VPC reaches the internet (public APIs, for one); built with the VPC. */
const newNetworkEgress = z.discriminatedUnion("via", [
  z.strictObject({
    /**
     * A NAT gateway in every zone, each in a public subnet of its zone behind the VPC's internet
     * gateway; each private route table sends 0.0.0.0/0 to its own zone's NAT gateway.
     */
    via: z.literal("nat-gateway"),
    /** Public subnet CIDR per availability zone: every zone of privateSubnets, and no other. */
    publicSubnets: z.record(z.string(), cidr),
  }),
  z.strictObject({
    /**
     * A transit gateway whose owner routes 0.0.0.0/0 to an egress (a central NAT or firewall VPC):
     * the VPC is attached to it and every private route table sends 0.0.0.0/0 to it.
     */
    via: z.literal("transit-gateway"),
    transitGatewayId: awsId("tgw", "transit gateway"),
  }),
]);

/** How an adopted VPC reaches the internet: its own, declared here because nothing of it is built. */
const existingNetworkEgress = z.strictObject({
  /** Routed by something this stack does not build (the VPC's own NAT gateways, a transit gateway). */
  via: z.literal("routed-outside"),
  /** What carries it, in a few words: e.g. "NAT gateways of the shared VPC". */
  routedBy: tagText(1, 200),
});

const newNetwork = z.strictObject({
  /** Create a new VPC with private subnets. */
  mode: z.literal("create"),
  /** The VPC's IPv4 CIDR block, /16 to /24. */
  cidr,
  /** Private subnet CIDR per availability zone name; at least two zones. */
  privateSubnets: z.record(z.string(), cidr),
  /** The VPC's way to the internet. @default - none: private subnets only, no route to the internet */
  egress: newNetworkEgress.optional(),
});

const existingNetwork = z.strictObject({
  /** Adopt an existing VPC and subnets; nothing of the network is created. */
  mode: z.literal("existing"),
  /** The VPC's id, e.g. vpc-0123456789abcdef0. */
  vpcId: matching(
    /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/,
    "is not a VPC id",
    "copy the id from the VPC console, e.g. vpc-0123456789abcdef0",
  ),
  /** The VPC's primary IPv4 CIDR block. */
  cidr,
  /** Subnet id per availability zone name; at least two zones. */
  subnetIds: z.record(z.string(), subnetId),
  /**
   * The route tables of the subnets that talk to peers, for topologies that add routes (each
   * once, even when several subnets share it). Unset, such a topology refuses the network.
   */
  routeTableIds: z
    .array(
      matching(
        /^rtb-[0-9a-f]{8}([0-9a-f]{9})?$/,
        "is not a route table id",
        "copy the id from the VPC console, e.g. rtb-0123456789abcdef0",
      ),
    )
    .optional(),
  /** What carries the VPC's internet traffic, declared. @default - not declared */
  egress: existingNetworkEgress.optional(),
});

/** A VPC with private subnets in at least two availability zones, created or adopted. */
export function networkSchema(context: SectionContext) {
  return z.discriminatedUnion("mode", [newNetwork, existingNetwork]).superRefine((network, ctx) => {
    checkNetwork(network, context, reporter(ctx));
  });
}

export type NetworkConfig = z.output<ReturnType<typeof networkSchema>>;

/** A VPC a section adopts: where the section names it, the region it puts it in, and its CIDR if given. */
export interface AdoptedVpc {
  /** The adopted VPC's id. */
  readonly vpcId: string;
  /** The section field that names it, e.g. `network.vpcId`. */
  readonly field: string;
  /** The region the section uses it in. */
  readonly region: string;
  /** Its primary CIDR, where the section gives one. */
  readonly cidr?: string;
}

/** The adopted VPC of a section's network, if it adopts one (`path`: where the network sits). */
export function adoptedNetwork(network: NetworkConfig, region: string, path = "network"): AdoptedVpc[] {
  return network.mode === "existing"
    ? [{ vpcId: network.vpcId, field: `${path}.vpcId`, region, cidr: network.cidr }]
    : [];
}

/**
 * Every zone a network names must be a zone of `region`; for a network whose region is not the
 * environment's (a peered client VPC), which its own schema could not know.
 */
export function checkZonesOf(network: NetworkConfig, region: string, report: Report): void {
  const [zones, zonesField] =
    network.mode === "create" ? [network.privateSubnets, "privateSubnets"] : [network.subnetIds, "subnetIds"];
  for (const zone of Object.keys(zones)) {
    if (!new RegExp(`^${region}[a-z]$`).test(zone)) {
      report([zonesField, zone], zone, `is not an availability zone of ${region}`, `use zone names such as ${region}a`);
    }
  }
}

function checkNetwork(
  network: z.output<typeof newNetwork | typeof existingNetwork>,
  context: SectionContext,
  report: Report,
) {
  // A new VPC gets room for its subnets; an adopted one can be anything AWS allows.
  const vpcCidr = validCidr(network.cidr);
  const [shortest, longest] = network.mode === "create" ? [16, 24] : [16, 28];
  if (vpcCidr !== undefined && (vpcCidr.prefixLength < shortest || vpcCidr.prefixLength > longest)) {
    report(
      ["cidr"],
      network.cidr,
      `is outside the /${String(shortest)} to /${String(longest)} range of ${network.mode === "create" ? "a new" : "an adopted"} VPC CIDR`,
      `choose a prefix length between ${String(shortest)} and ${String(longest)}`,
    );
  }
  const zones = network.mode === "create" ? network.privateSubnets : network.subnetIds;
  const zonesField = network.mode === "create" ? "privateSubnets" : "subnetIds";
  if (Object.keys(zones).length < 2) {
    report(
      [zonesField],
      zones,
      "names fewer than 2 availability zones; the endpoint needs ENIs in at least two for availability",
      `add a second zone${context.region === undefined ? "" : `, e.g. "${context.region}b"`}`,
    );
  }
  if (context.region !== undefined) {
    checkZonesOf(network, context.region, report);
  }
  if (network.mode === "create") {
    const egress = network.egress;
    // Private and public subnets share the VPC's range: each inside it, none overlapping another.
    const subnets = [
      ...Object.entries(network.privateSubnets).map(([zone, text]) => ({
        field: ["privateSubnets", zone],
        text,
        label: `the subnet of ${zone}`,
      })),
      ...Object.entries(egress?.via === "nat-gateway" ? egress.publicSubnets : {}).map(([zone, text]) => ({
        field: ["egress", "publicSubnets", zone],
        text,
        label: `the public subnet of ${zone}`,
      })),
    ];
    const seen: { label: string; subnet: Ipv4Cidr }[] = [];
    for (const { field, text, label } of subnets) {
      const subnet = validCidr(text);
      if (subnet === undefined || vpcCidr === undefined) {
        continue;
      }
      if (!cidrContains(vpcCidr, subnet)) {
        report(field, text, `is not inside the VPC CIDR ${network.cidr}`, "choose a subnet inside the VPC CIDR");
      } else if (subnet.prefixLength > 28) {
        report(field, text, "is smaller than /28, the smallest subnet AWS allows", "use a prefix length of 28 or less");
      }
      for (const other of seen) {
        if (cidrsOverlap(subnet, other.subnet)) {
          report(
            field,
            text,
            `overlaps ${other.label} (${other.subnet.block.toString()})`,
            "give every subnet its own range",
          );
        }
      }
      seen.push({ label, subnet });
    }
    if (egress?.via === "nat-gateway") {
      checkPublicSubnetZones(network.privateSubnets, egress.publicSubnets, report);
    }
  } else {
    reportRepeats(network.routeTableIds ?? [], ["routeTableIds"], report, "list every route table once");
    const ids = new Map<string, string>();
    for (const [zone, id] of Object.entries(network.subnetIds)) {
      const first = ids.get(id);
      if (first !== undefined) {
        report(["subnetIds", zone], id, `is also given for ${first}`, "give every zone its own subnet");
      }
      ids.set(id, zone);
    }
  }
}

/**
 * Each zone's private route table sends internet traffic to its own zone's NAT gateway: a zone
 * without a public subnet would route across zones (and lose egress with the other zone), and a
 * public subnet in a zone without private subnets serves nothing.
 */
function checkPublicSubnetZones(
  privateSubnets: Readonly<Record<string, string>>,
  publicSubnets: Readonly<Record<string, string>>,
  report: Report,
): void {
  for (const zone of Object.keys(privateSubnets)) {
    if (!(zone in publicSubnets)) {
      report(
        ["egress", "publicSubnets"],
        publicSubnets,
        `has no subnet in ${zone}; every zone of privateSubnets gets a NAT gateway of its own, in a public subnet of that zone`,
        `add "${zone}": a small range inside the VPC CIDR, e.g. a /28`,
      );
    }
  }
  for (const zone of Object.keys(publicSubnets)) {
    if (!(zone in privateSubnets)) {
      report(
        ["egress", "publicSubnets", zone],
        publicSubnets[zone],
        `is in ${zone}, where privateSubnets has no subnet: its NAT gateway would serve nothing`,
        "remove it, or add a private subnet in that zone",
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Client networks: who calls from outside the VPC, keyed by name, and how each arrives.

/** Client names become parts of Terraform addresses; `vpc` is taken by the VPC's own rule. */
const RESERVED_CLIENT_NAMES = ["vpc"];

/** Named CIDR blocks outside the VPC (on-premises networks); cross-checked with `checkClientNetworks`. */
export const namedCidrsSchema = z.record(addressName, cidr).default({});

/**
 * A client network, by how its traffic reaches the VPC: that decides what the stack builds (routes,
 * an attachment, route propagation) and what the security group admits (its range, or the group
 * of a Client VPN endpoint whose NAT hides the range).
 */
const clientNetwork = z.discriminatedUnion("via", [
  z.strictObject({
    /** A VPC peering connection to this VPC (requested by the peer): accepted here, routed both ways. */
    via: z.literal("vpc-peering"),
    /** The peer VPC's range, routed over the connection and admitted. */
    cidr,
    peeringConnectionId: awsId("pcx", "VPC peering connection"),
  }),
  z.strictObject({
    /**
     * A transit gateway (shared with this account): a created VPC is attached to it here, and its
     * route tables send the range to it. A Client VPN endpoint attached to a transit gateway is
     * this kind too: its clients arrive un-NATed, from its pool.
     */
    via: z.literal("transit-gateway"),
    /** The client range behind the transit gateway, routed and admitted. */
    cidr,
    transitGatewayId: awsId("tgw", "transit gateway"),
  }),
  z.strictObject({
    /**
     * A Client VPN endpoint associated with a subnet of this VPC: its clients arrive source-NATed
     * to the endpoint's interfaces there, so its security group is admitted, never its pool.
     */
    via: z.literal("client-vpn"),
    /** The security group applied to the Client VPN endpoint's associations. */
    securityGroupId: awsId("sg", "security group"),
  }),
  z.strictObject({
    /** A site-to-site VPN on a virtual private gateway: attached to a created VPC here, routes propagated. */
    via: z.literal("vpn-gateway"),
    /** The range on the far side of the VPN (advertised over BGP), admitted. */
    cidr,
    vpnGatewayId: awsId("vgw", "virtual private gateway"),
  }),
  z.strictObject({
    /** Routed both ways by something this stack does not build; only admitted here. */
    via: z.literal("routed-outside"),
    cidr,
    /** What routes it, in a few words (kept as a tag on its rule): e.g. "network account TGW". */
    routedBy: tagText(1, 200),
  }),
]);

/**
 * A bare CIDR (the earlier form) says nothing of how the network arrives, which decides what the
 * stack must build: it is refused with the forms to write instead.
 */
const clientNetworkEntry = z.preprocess((value, ctx) => {
  if (typeof value === "string") {
    ctx.addIssue({
      code: "custom",
      input: value,
      message:
        "is a bare CIDR, which does not say how the network reaches the VPC (that decides the routes and what the security group admits)",
      params: fix(
        `write { via: "transit-gateway", cidr: "${value}", transitGatewayId: "tgw-…" }, or via "vpc-peering" (peeringConnectionId), "vpn-gateway" (vpnGatewayId), "routed-outside" (routedBy), or "client-vpn" (securityGroupId, no cidr); see the README's shared section fragments`,
      ),
    });
    return z.NEVER;
  }
  return value;
  // Typed as what it accepts, so that environment files keep their types (a preprocessor's input is unknown).
}, clientNetwork) as unknown as typeof clientNetwork;

/** Client networks by name; cross-checked against the VPC with `checkClientNetworks`. */
export const clientNetworksSchema = z.record(addressName, clientNetworkEntry).default({});

export type ClientNetworkConfig = z.output<typeof clientNetwork>;

/** The range a client network arrives from, where the VPC sees it (not behind a Client VPN's NAT). */
export function clientRange(client: ClientNetworkConfig): string | undefined {
  return client.via === "client-vpn" ? undefined : client.cidr;
}

/** The check of routes over peering applies where a client network arrives by peering (its routes are built here). */
export const PEERED_CLIENTS_CHECK = {
  when: (section: { readonly clientNetworks: Readonly<Record<string, ClientNetworkConfig>> }) =>
    Object.values(section.clientNetworks).some((client) => client.via === "vpc-peering"),
  where: "where a client network arrives by peering",
};

/** The ranges the client networks arrive from (a Client VPN endpoint's clients arrive NATed, not from a range). */
export function clientRanges(clients: Readonly<Record<string, ClientNetworkConfig>>): string[] {
  return Object.values(clients).flatMap((client) => clientRange(client) ?? []);
}

/**
 * `api.sourceRanges`, when set, must cover every range the section's promised clients arrive from at
 * the endpoint (`sources`: each with where the configuration names it), or those calls would be
 * forbidden by the resource policy.
 */
export function checkSourceRanges(
  api: ApiConfig,
  sources: readonly { readonly cidr: string; readonly field: string }[],
  report: Report,
): void {
  const ranges = api.sourceRanges;
  if (ranges === undefined) return;
  const allowed = ranges.flatMap((range) => validCidr(range) ?? []);
  reportRepeats(ranges, ["api", "sourceRanges"], report, "list every range once");
  for (const source of sources) {
    const block = validCidr(source.cidr);
    if (block === undefined || allowed.some((range) => cidrContains(range, block))) continue;
    report(
      ["api", "sourceRanges"],
      ranges,
      `does not cover ${source.cidr} (${source.field}), the addresses those clients call the endpoint from: the resource policy would forbid them`,
      `add ${source.cidr} (or a range containing it) to api.sourceRanges`,
    );
  }
}

/** The ranges a section's client networks arrive from at the endpoint, where they keep their own addresses. */
export function clientSources(
  clients: Readonly<Record<string, ClientNetworkConfig>>,
  path: string,
): { cidr: string; field: string }[] {
  return Object.entries(clients).flatMap(([name, client]) => {
    const range = clientRange(client);
    return range === undefined ? [] : [{ cidr: range, field: `${path}.${name}` }];
  });
}

/**
 * Client networks must be real client ranges: /8 or narrower, outside the VPC, each listed once;
 * those the stack routes need route tables to route in. `path` is where the record sits in the
 * section. Accepts named CIDRs (on-premises networks) too.
 */
export function checkClientNetworks(
  clients: Readonly<Record<string, string | ClientNetworkConfig>>,
  network: NetworkConfig,
  report: Report,
  path: PropertyKey[],
): void {
  const vpcCidr = validCidr(network.cidr);
  const seen = new Map<string, string>();
  const groups = new Map<string, string>();
  let vpnGateway: { readonly id: string; readonly client: string } | undefined;
  for (const [name, client] of Object.entries(clients)) {
    const field = [...path, name];
    if (RESERVED_CLIENT_NAMES.includes(name)) {
      report(field, client, `uses the reserved client name "${name}"`, "rename the client");
      continue;
    }
    if (typeof client !== "string" && client.via === "client-vpn") {
      const first = groups.get(client.securityGroupId);
      if (first !== undefined) {
        report(
          [...field, "securityGroupId"],
          client.securityGroupId,
          `duplicates client "${first}"; its rule would be written twice, and AWS refuses a duplicate rule at apply`,
          "list every Client VPN security group once",
        );
      }
      groups.set(client.securityGroupId, name);
    }
    if (typeof client !== "string" && client.via === "vpn-gateway") {
      if (vpnGateway !== undefined && vpnGateway.id !== client.vpnGatewayId) {
        report(
          [...field, "vpnGatewayId"],
          client.vpnGatewayId,
          `differs from client "${vpnGateway.client}"'s ${vpnGateway.id}; a VPC has at most one virtual private gateway attached, so one of the two never carries traffic (and attaching both fails at apply)`,
          `bring every site-to-site VPN to the VPC through one gateway, e.g. ${vpnGateway.id}`,
        );
      }
      vpnGateway ??= { id: client.vpnGatewayId, client: name };
    }
    if (
      typeof client !== "string" &&
      needsRoutes(client) &&
      network.mode === "existing" &&
      !network.routeTableIds?.length
    ) {
      report(
        [...field, "via"],
        client.via,
        "needs routes in the adopted VPC's route tables, and network.routeTableIds names none",
        "list the route tables of the subnets that answer these clients in network.routeTableIds",
      );
    }
    const text = typeof client === "string" ? client : clientRange(client);
    const range = text === undefined ? undefined : validCidr(text);
    if (text === undefined || range === undefined) {
      continue;
    }
    const cidrField = typeof client === "string" ? field : [...field, "cidr"];
    if (range.prefixLength < MIN_CLIENT_PREFIX_LENGTH) {
      report(
        cidrField,
        text,
        "opens the endpoint to a range far wider than any client network (the internet)",
        `name the client networks themselves, each /${String(MIN_CLIENT_PREFIX_LENGTH)} or narrower`,
      );
    } else if (vpcCidr !== undefined && cidrsOverlap(range, vpcCidr)) {
      report(
        cidrField,
        text,
        `overlaps the VPC CIDR ${network.cidr}, which is already admitted and cannot be routed to from outside`,
        "remove it or use the client network's own range",
      );
    } else if (seen.has(text)) {
      report(cidrField, text, `duplicates client "${seen.get(text) ?? ""}"`, "list every client range once");
    }
    seen.set(text, name);
  }
}

// ---------------------------------------------------------------------------------------------
// API: a private REST API created here (example method or OpenAPI import) or adopted.

const stageName = matching(
  /^[A-Za-z0-9_-]{1,128}$/,
  "is not a valid stage name",
  "use 1-128 letters, digits, hyphens and underscores, e.g. v1",
);

/**
 * Who may call, besides arriving through the endpoints: principals of one AWS Organization, or of
 * named accounts (`aws:PrincipalOrgID` / `aws:PrincipalAccount` on the resource policy's and the
 * endpoint policy's Allow). Needs SigV4-signed calls: an anonymous call carries no principal.
 */
const callersSchema = z.discriminatedUnion("of", [
  z.strictObject({
    of: z.literal("organization"),
    organizationId: matching(
      /^o-[a-z0-9]{10,32}$/,
      "is not an AWS Organizations id",
      "copy it from the Organizations console, e.g. o-a1b2c3d4e5",
    ),
  }),
  z.strictObject({
    of: z.literal("accounts"),
    accountIds: z
      .array(matching(/^\d{12}$/, "is not an AWS account id", "write the 12 digits, e.g. 111111111111"))
      .min(1),
  }),
]);

/**
 * From where, as the endpoint sees the caller (`aws:VpcSourceIp` on the resource policy's Allow):
 * the addresses calls arrive from at the endpoint's interfaces. A client behind a NAT, a Client
 * VPN or a load balancer arrives from that hop's addresses in the VPC; a peered, transit-gateway,
 * VPN or Direct Connect network from its own. Each topology checks that the ranges cover every
 * client it promises (`checkSourceRanges`).
 */
const sourceRangesSchema = z.array(cidr).min(1);

const newApi = z.strictObject({
  /** Create the API here. */
  mode: z.literal("create"),
  /** Stage the API is deployed to; part of every URL. */
  stageName,
  /** Execution logging level of every method. */
  loggingLevel: z.enum(["INFO", "ERROR"]),
  /** CloudWatch metrics for every method. */
  metricsEnabled: z.boolean().default(true),
  /** AWS X-Ray tracing on the stage. */
  xrayTracingEnabled: z.boolean().default(true),
  /** Stage-wide throttling; unset means the account-level limits apply. */
  throttling: z
    .strictObject({
      burstLimit: z.int().min(1).max(100000),
      rateLimit: z.number().min(1).max(100000),
    })
    .optional(),
  /** Authorization of the example method (unused with an OpenAPI document). */
  authorization: z.enum(["NONE", "AWS_IAM"]).default("NONE"),
  /** OpenAPI 3 / Swagger 2 document (JSON) to import instead of the example method, relative to the project root. */
  openApiSpec: z.string().min(1).optional(),
  /** Admit only these principals (see `callersSchema`). @default - any principal arriving through the endpoints */
  callers: callersSchema.optional(),
  /** Admit only calls from these ranges (see `sourceRangesSchema`). @default - any address arriving through the endpoints */
  sourceRanges: sourceRangesSchema.optional(),
});

const existingApi = z.strictObject({
  /** Adopt an API that already exists in the environment's account and region. */
  mode: z.literal("existing"),
  /** The API's id. */
  restApiId: matching(
    /^[a-z0-9]{10}$/,
    "is not a REST API id",
    "copy the 10-character id from the API Gateway console, e.g. a1b2c3d4e5",
  ),
  /** The stage clients call. */
  stageName,
  /** Admit only these principals, in the handed-over resource policy and the endpoint policy. */
  callers: callersSchema.optional(),
  /** Admit only calls from these ranges, in the handed-over resource policy. */
  sourceRanges: sourceRangesSchema.optional(),
});

/** The private REST API; a created API's OpenAPI document is read here, once. */
export const apiSchema = z.discriminatedUnion("mode", [newApi, existingApi]).transform((api, ctx) => {
  if (
    api.mode === "create" &&
    api.callers !== undefined &&
    api.openApiSpec === undefined &&
    api.authorization === "NONE"
  ) {
    ctx.issues.push({
      code: "custom",
      path: ["callers"],
      input: api.callers,
      message:
        "admits only named principals, but the example method's authorization is NONE: its calls are anonymous, carry no principal, and would all be denied",
      params: fix('set api.authorization to "AWS_IAM", or remove callers'),
    });
    return z.NEVER;
  }
  if (api.mode !== "create" || api.openApiSpec === undefined) {
    return { ...api, openApiDocument: undefined };
  }
  const spec = api.openApiSpec;
  const read = readOpenApi(spec);
  if ("problem" in read) {
    ctx.issues.push({
      code: "custom",
      path: ["openApiSpec"],
      input: spec,
      message: read.problem,
      params: fix(read.fix),
    });
    return z.NEVER;
  }
  return { ...api, openApiDocument: read.document };
});

export type ApiConfig = z.output<typeof apiSchema>;

function readOpenApi(spec: string): { document: Record<string, unknown> } | { problem: string; fix: string } {
  let text: string;
  try {
    text = readFileSync(path.resolve(PROJECT_ROOT, spec), "utf8");
  } catch {
    return { problem: "the file cannot be read", fix: "give a path relative to the project root" };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { problem: `the file is not JSON (${(error as Error).message})`, fix: "export the definition as JSON" };
  }
  if (
    typeof document !== "object" ||
    document === null ||
    !("paths" in document) ||
    !("openapi" in document || "swagger" in document)
  ) {
    return {
      problem: "the file is not an OpenAPI 3 or Swagger 2 definition (no openapi/swagger and paths fields)",
      fix: "point it at an exported API definition",
    };
  }
  return { document };
}

// ---------------------------------------------------------------------------------------------
// Certificate: for a custom domain name, requested here or issued elsewhere.

const certificateArn = matching(
  /^arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/,
  "is not an ACM certificate ARN",
  "copy the ARN from the ACM console, e.g. arn:aws:acm:eu-west-1:111111111111:certificate/<uuid>",
);

/** The certificate of a custom name: requested and DNS-validated here, or an existing one by ARN. */
export const certificateSchema = z.discriminatedUnion("mode", [
  z.strictObject({
    /** Request a certificate for the custom name, validated by DNS in a public zone of yours. */
    mode: z.literal("dns-validated"),
    /** The public hosted zone that holds the custom name's parent domain (validation records go there). */
    publicZoneId: hostedZoneId,
  }),
  z.strictObject({
    /** Use a certificate issued elsewhere; it must cover the custom name and be in the API's region. */
    mode: z.literal("existing"),
    arn: certificateArn,
  }),
]);

export type CertificateConfig = z.output<typeof certificateSchema>;

/**
 * An existing certificate must be in the environment's region, where what uses it is (`usedBy`,
 * e.g. "the custom domain is", "the ALB and the custom domain are").
 */
export function checkCertificateRegion(
  certificate: CertificateConfig,
  region: string | undefined,
  report: Report,
  path: PropertyKey[],
  usedBy = "the custom domain is",
): void {
  const arnRegion = certificate.mode === "existing" ? certificate.arn.split(":")[3] : undefined;
  if (certificate.mode === "existing" && arnRegion !== undefined && region !== undefined && arnRegion !== region) {
    report(
      [...path, "arn"],
      certificate.arn,
      `is in ${arnRegion}, but ${usedBy} in ${region} and can only use a certificate of that region`,
      `request or import the certificate in ${region}`,
    );
  }
}

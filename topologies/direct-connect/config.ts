import { Netmask } from "netmask";
import { z } from "zod";
import { cidrContains, cidrsOverlap, parseIpv4Cidr } from "../../lib/cidr";
import { addressName, cidr, hostname, matching, type Report, reporter, validCidr } from "../../config/fields";
import {
  apiSchema,
  certificateSchema,
  checkCertificateRegion,
  checkClientNetworks,
  namedCidrsSchema,
  networkSchema,
  type SectionContext,
  checkSourceRanges,
} from "../../config/fragments";
import type { ExecuteApiDomainClaim } from "../../config/topology";

/**
 * direct-connect: on-premises clients reach the VPC over AWS Direct Connect (a Direct Connect
 * gateway associated with the VPC's virtual private gateway) and call the private API through the
 * execute-api endpoint, whose private DNS is off so that the VPC keeps reaching public APIs.
 */

/** Private BGP ASNs, as AWS accepts them for Amazon-side and customer ASNs. */
const PRIVATE_ASN_RANGES: readonly (readonly [number, number])[] = [
  [64512, 65534],
  [4200000000, 4294967294],
];

/**
 * ASNs no one can own (RFC 7300, 5398, 6793, 4893): AS_TRANS, the documentation ranges, the last
 * 16-bit ASN and the block IANA reserves between them.
 */
const RESERVED_ASN_RANGES: readonly (readonly [number, number])[] = [
  [23456, 23456],
  [64496, 64511],
  [65535, 131071],
];

const isPrivateAsn = (value: number): boolean =>
  PRIVATE_ASN_RANGES.some(([low, high]) => value >= low && value <= high);

const privateAsn = z.int().superRefine((value, ctx) => {
  if (!isPrivateAsn(value)) {
    ctx.addIssue({
      code: "custom",
      input: value,
      message: "is not a private ASN (64512-65534 or 4200000000-4294967294)",
      params: { fix: "choose a private ASN, e.g. 64512" },
    });
  }
});

/**
 * The on-premises router's ASN: a private one, or a public one the customer owns (registered to
 * it with a regional internet registry; AWS requires that it is the customer's own).
 */
const customerAsn = z.int().superRefine((value, ctx) => {
  const reserved = RESERVED_ASN_RANGES.some(([low, high]) => value >= low && value <= high);
  if (value < 1 || value > 4294967294 || reserved) {
    ctx.addIssue({
      code: "custom",
      input: value,
      message:
        "is not an ASN a router can use (1-4294967294, without AS_TRANS 23456, the documentation ranges and 65535-131071)",
      params: {
        fix: "use the on-premises router's own ASN: a private one (64512-65534) or a public one your organisation owns",
      },
    });
  }
});

/** A BGP peer address with its prefix length (/30 or /31), e.g. 169.254.10.1/30. */
const peerAddress = matching(
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/3[01]$/,
  "is not a peer address with its /30 or /31 prefix",
  "write the address the network team assigned with its prefix length, e.g. 169.254.10.1/30",
);

const id = (pattern: RegExp, what: string, example: string) =>
  matching(pattern, `is not a ${what}`, `copy it from the console, e.g. ${example}`);

const virtualInterface = z.discriminatedUnion("kind", [
  z.strictObject({
    /** A private virtual interface on a connection the network team already has. */
    kind: z.literal("private"),
    connectionId: id(/^dxcon-[0-9a-z]{8,}$/, "Direct Connect connection id", "dxcon-fg5678gh"),
    /** The VLAN the network team assigned, 1-4094. */
    vlan: z.int().min(1).max(4094),
    /** The on-premises router's BGP ASN: private, or a public one the customer owns. */
    customerAsn,
    /**
     * Peer addresses (IPv4, CIDR notation), both or neither, in one /30 or /31, when the team
     * assigned them; AWS picks a pair otherwise.
     */
    amazonAddress: peerAddress.optional(),
    customerAddress: peerAddress.optional(),
  }),
  z.strictObject({
    /** Accept a hosted private virtual interface that a Direct Connect partner provisioned. */
    kind: z.literal("hosted-accepter"),
    virtualInterfaceId: id(/^dxvif-[0-9a-z]{8,}$/, "virtual interface id", "dxvif-ffabc123"),
  }),
]);

type VirtualInterfaceConfig = z.output<typeof virtualInterface>;

export function directConnectSchema(context: SectionContext) {
  return z
    .strictObject({
      /** The VPC that holds the endpoint; created here (its route tables get the propagated routes). */
      network: networkSchema(context),
      /** The on-premises networks that call the API, by name; admitted on 443 through a prefix list. */
      onPremisesNetworks: namedCidrsSchema,
      /** The private REST API. */
      api: apiSchema,
      directConnect: z.strictObject({
        /** The Direct Connect gateway: created here with its Amazon-side ASN, or adopted by id. */
        gateway: z.discriminatedUnion("mode", [
          z.strictObject({ mode: z.literal("create"), amazonSideAsn: privateAsn }),
          z.strictObject({
            mode: z.literal("existing"),
            /**
             * The account that owns the gateway: this environment's for a gateway of its own (a direct
             * association), another's for a shared one (an association proposal its owner accepts).
             */
            ownerAccountId: matching(/^\d{12}$/, "is not an AWS account id", "write the 12-digit account id"),
            gatewayId: matching(
              /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
              "is not a Direct Connect gateway id",
              "copy the id (a UUID) from the Direct Connect console",
            ),
          }),
        ]),
        /** The virtual private gateway's Amazon-side ASN; must differ from the DX gateway's. */
        vgwAmazonSideAsn: privateAsn.default(64513),
        /** Prefixes advertised to on-premises through the gateway association (default: the VPC CIDR). */
        allowedPrefixes: z.array(cidr).min(1).optional(),
        /**
         * The virtual interfaces attached to the gateway, by name, when the network team supplies
         * them (none: attached elsewhere). Several, on separate connections, for resilience.
         */
        virtualInterfaces: z.record(addressName, virtualInterface).default({}),
      }),
      /**
       * A friendly name for the API: a PRIVATE custom domain name mapped to the stage, with its
       * access association for the endpoint, and a private hosted zone of that name in the VPC
       * aliasing the endpoint's regional name. On-premises resolves it through the resolver.
       */
      domain: z
        .strictObject({
          /** The name clients call, e.g. api.dx.example.com. */
          name: hostname,
          /** Its certificate, in the environment's region. */
          certificate: certificateSchema,
        })
        .optional(),
      /**
       * A Route 53 Resolver inbound endpoint, for on-premises conditional forwarders of the domain's
       * name; needs `domain` (without it the VPC holds no name that public DNS does not answer).
       */
      resolver: z
        .strictObject({
          /** Zones (of the network) that get one resolver address each; at least two. */
          availabilityZones: z.array(z.string()),
        })
        .optional(),
    })
    .superRefine((section, ctx) => {
      const report = reporter(ctx);
      checkClientNetworks(section.onPremisesNetworks, section.network, report, ["onPremisesNetworks"]);
      checkSourceRanges(
        section.api,
        [
          { cidr: section.network.cidr, field: "network.cidr" },
          ...Object.entries(section.onPremisesNetworks).map(([name, cidr]) => ({
            cidr,
            field: `onPremisesNetworks.${name}`,
          })),
        ],
        report,
      );
      if (Object.keys(section.onPremisesNetworks).length === 0) {
        report(
          ["onPremisesNetworks"],
          section.onPremisesNetworks,
          "is empty; the topology exists for on-premises clients",
          'name each on-premises range that calls the API, e.g. { "data-centre": "192.168.0.0/16" }',
        );
      }
      if (section.network.mode === "existing") {
        report(
          ["network", "mode"],
          "existing",
          "is not supported by direct-connect: route propagation needs the VPC's route tables, which this stack creates",
          'use network.mode "create"',
        );
      }
      const dx = section.directConnect;
      if (dx.gateway.mode === "create" && dx.gateway.amazonSideAsn === dx.vgwAmazonSideAsn) {
        report(
          ["directConnect", "vgwAmazonSideAsn"],
          dx.vgwAmazonSideAsn,
          "equals the Direct Connect gateway's Amazon-side ASN; the two sides of the association must differ",
          "choose another private ASN for the virtual private gateway",
        );
      }
      // A virtual private gateway association advertises the whole VPC CIDR, and only through an
      // allowed prefix that equals or contains it: a narrower prefix filters the route out.
      const vpc = validCidr(section.network.cidr);
      const prefixes = (dx.allowedPrefixes ?? []).map((prefix) => validCidr(prefix));
      prefixes.forEach((parsed, index) => {
        if (parsed !== undefined && vpc !== undefined && !cidrsOverlap(vpc, parsed)) {
          report(
            ["directConnect", "allowedPrefixes", index],
            dx.allowedPrefixes?.[index],
            `is outside the VPC CIDR ${section.network.cidr}; only the VPC's own range is advertised to on-premises`,
            "advertise the VPC CIDR or a range that contains it",
          );
        }
      });
      if (
        vpc !== undefined &&
        prefixes.length > 0 &&
        prefixes.every((parsed) => parsed !== undefined && cidrsOverlap(vpc, parsed)) &&
        !prefixes.some((parsed) => parsed !== undefined && cidrContains(parsed, vpc))
      ) {
        report(
          ["directConnect", "allowedPrefixes"],
          dx.allowedPrefixes,
          `has no prefix that equals or contains the VPC CIDR ${section.network.cidr}; the association advertises the VPC CIDR only through such a prefix, so on-premises would learn no route to the VPC`,
          `list ${section.network.cidr} itself (or a range containing it), or leave allowedPrefixes out: it defaults to the VPC CIDR`,
        );
      }
      if (
        dx.gateway.mode === "existing" &&
        context.accountId !== undefined &&
        dx.gateway.ownerAccountId !== context.accountId &&
        Object.keys(dx.virtualInterfaces).length > 0
      ) {
        report(
          ["directConnect", "virtualInterfaces"],
          Object.keys(dx.virtualInterfaces),
          `attach to a gateway of account ${dx.gateway.ownerAccountId}; a virtual interface attaches only to a Direct Connect gateway of its own account, so the gateway's owner attaches them`,
          "leave virtualInterfaces out and ask the gateway's owner for the interfaces, or create a gateway in this account",
        );
      }
      checkVirtualInterfaces(
        dx.virtualInterfaces,
        dx.gateway.mode === "create" ? dx.gateway.amazonSideAsn : undefined,
        report,
      );
      if (section.domain !== undefined) {
        checkCertificateRegion(section.domain.certificate, context.region, report, ["domain", "certificate"]);
      }
      if (section.resolver !== undefined && section.domain === undefined) {
        report(
          ["resolver"],
          section.resolver,
          "has no zone to serve: without domain, the VPC holds no private name, so the endpoint would only answer what public DNS already answers (the endpoint's vpce names), at the price of an interface per zone",
          "add domain: { name, certificate }, the name on-premises forwards to the resolver, or leave resolver out",
        );
      }
      const zones = section.network.mode === "create" ? Object.keys(section.network.privateSubnets) : [];
      const resolverZones = section.resolver?.availabilityZones;
      if (resolverZones !== undefined) {
        if (new Set(resolverZones).size < 2) {
          report(
            ["resolver", "availabilityZones"],
            resolverZones,
            "names fewer than two availability zones; a Resolver endpoint needs addresses in at least two",
            `name two zones of the network, e.g. ${zones.slice(0, 2).join(", ")}`,
          );
        }
        resolverZones.forEach((zone, index) => {
          if (!zones.includes(zone)) {
            report(
              ["resolver", "availabilityZones", index],
              zone,
              "is not a zone of the network",
              `use one of ${zones.join(", ")}`,
            );
          }
        });
      }
    });
}

/**
 * Each interface's BGP peering: a customer ASN other than the gateway's, both peer addresses or
 * neither, in one /30 or /31; and no two private interfaces on one connection, which fail together.
 */
function checkVirtualInterfaces(
  interfaces: Readonly<Record<string, VirtualInterfaceConfig>>,
  gatewayAsn: number | undefined,
  report: Report,
): void {
  const byConnection = new Map<string, string>();
  const accepted = new Map<string, string>();
  for (const [name, vif] of Object.entries(interfaces).sort(([a], [b]) => a.localeCompare(b))) {
    const path = ["directConnect", "virtualInterfaces", name];
    if (vif.kind === "hosted-accepter") {
      const first = accepted.get(vif.virtualInterfaceId);
      if (first !== undefined) {
        report(
          [...path, "virtualInterfaceId"],
          vif.virtualInterfaceId,
          `is also accepted as interface "${first}"; an interface is accepted once, and the second acceptance fails at apply`,
          "list every hosted interface once",
        );
      }
      accepted.set(vif.virtualInterfaceId, name);
      continue;
    }
    if (vif.customerAsn === gatewayAsn) {
      report(
        [...path, "customerAsn"],
        vif.customerAsn,
        "equals the Direct Connect gateway's Amazon-side ASN; BGP needs two different ASNs",
        "use the on-premises router's own ASN",
      );
    }
    checkPeerAddresses(vif, path, report);
    const sharing = byConnection.get(vif.connectionId);
    if (sharing !== undefined) {
      report(
        [...path, "connectionId"],
        vif.connectionId,
        `is also the connection of interface "${sharing}"; interfaces on one connection fail together, so the second adds no resilience`,
        "put each interface on its own connection, ideally at another Direct Connect location",
      );
    }
    byConnection.set(vif.connectionId, name);
  }
}

/** Both peer addresses or neither; distinct, usable hosts of one /30 or /31. */
function checkPeerAddresses(
  vif: Extract<VirtualInterfaceConfig, { kind: "private" }>,
  path: PropertyKey[],
  report: Report,
): void {
  const { amazonAddress, customerAddress } = vif;
  if ((amazonAddress === undefined) !== (customerAddress === undefined)) {
    const [missing, set] =
      amazonAddress === undefined ? ["amazonAddress", "customerAddress"] : ["customerAddress", "amazonAddress"];
    report(
      [...path, missing],
      undefined,
      `is not set while ${set} is; AWS takes both peer addresses or picks both`,
      "write both addresses the network team assigned, or neither",
    );
    return;
  }
  if (amazonAddress === undefined || customerAddress === undefined) return;
  const blockOf = (address: string) => {
    const [host = "", length = ""] = address.split("/");
    const parsed = parseIpv4Cidr(`${host}/32`);
    return "reason" in parsed ? undefined : { host, length: Number(length), parsed };
  };
  const amazon = blockOf(amazonAddress);
  const customer = blockOf(customerAddress);
  if (amazon === undefined || customer === undefined) return;
  const block = (side: typeof amazon) => new Netmask(`${side.host}/${String(side.length)}`);
  const amazonBlock = block(amazon);
  const sameBlock =
    amazon.length === customer.length && amazonBlock.base === block(customer).base && amazon.host !== customer.host;
  const edge =
    amazon.length === 30 &&
    [amazon.host, customer.host].some((host) => host === amazonBlock.base || host === amazonBlock.broadcast);
  if (!sameBlock || edge) {
    report(
      [...path, "customerAddress"],
      customerAddress,
      `is not the other usable address of ${amazonAddress}'s /${String(amazon.length)} (${amazonBlock.base}/${String(amazon.length)}); the two peers share one /30 or /31`,
      amazon.length === 30
        ? "use the two middle addresses of one /30, e.g. 169.254.10.1/30 and 169.254.10.2/30"
        : "use the two addresses of one /31, e.g. 169.254.10.0/31 and 169.254.10.1/31",
    );
  }
}

export type DirectConnectConfig = z.output<ReturnType<typeof directConnectSchema>>;

/** Private DNS is off: the topology claims no VPC's execute-api domain. */
export function directConnectDomainClaims(): ExecuteApiDomainClaim[] {
  return [];
}

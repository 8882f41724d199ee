import { z } from "zod";
import { cidrContains } from "../../lib/cidr";
import { cidr, matching, reporter, validCidr } from "../../config/fields";
import {
  apiSchema,
  checkClientNetworks,
  namedCidrsSchema,
  networkSchema,
  type SectionContext,
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

const privateAsn = z.int().superRefine((value, ctx) => {
  if (!PRIVATE_ASN_RANGES.some(([low, high]) => value >= low && value <= high)) {
    ctx.addIssue({
      code: "custom",
      input: value,
      message: "is not a private ASN (64512-65534 or 4200000000-4294967294)",
      params: { fix: "choose a private ASN, e.g. 64512" },
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
    /** The on-premises router's BGP ASN. */
    customerAsn: privateAsn,
    /** Peer addresses (/30 or /31, CIDR notation), when the team assigned them; AWS picks otherwise. */
    amazonAddress: peerAddress.optional(),
    customerAddress: peerAddress.optional(),
  }),
  z.strictObject({
    /** Accept a hosted private virtual interface that a Direct Connect partner provisioned. */
    kind: z.literal("hosted-accepter"),
    virtualInterfaceId: id(/^dxvif-[0-9a-z]{8,}$/, "virtual interface id", "dxvif-ffabc123"),
  }),
]);

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
        /** The virtual interface, when the network team supplies one; built elsewhere otherwise. */
        virtualInterface: virtualInterface.optional(),
      }),
      /** A Route 53 Resolver inbound endpoint, for on-premises conditional forwarders. */
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
      const vpc = validCidr(section.network.cidr);
      (dx.allowedPrefixes ?? []).forEach((prefix, index) => {
        const parsed = validCidr(prefix);
        if (parsed !== undefined && vpc !== undefined && !cidrContains(vpc, parsed)) {
          report(
            ["directConnect", "allowedPrefixes", index],
            prefix,
            `is outside the VPC CIDR ${section.network.cidr}; only the VPC's own ranges can be advertised to on-premises`,
            "advertise the VPC CIDR or ranges inside it",
          );
        }
      });
      const vif = dx.virtualInterface;
      if (
        vif?.kind === "private" &&
        vif.customerAsn === (dx.gateway.mode === "create" ? dx.gateway.amazonSideAsn : undefined)
      ) {
        report(
          ["directConnect", "virtualInterface", "customerAsn"],
          vif.customerAsn,
          "equals the Direct Connect gateway's Amazon-side ASN; BGP needs two different ASNs",
          "use the on-premises router's own ASN",
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

export type DirectConnectConfig = z.output<ReturnType<typeof directConnectSchema>>;

/** Private DNS is off: the topology claims no VPC's execute-api domain. */
export function directConnectDomainClaims(): ExecuteApiDomainClaim[] {
  return [];
}

import { z } from "zod";
import { nthAddress, unusableInSubnet } from "../../lib/cidr";
import { addressName, hostedZoneId, hostname, matching, type Report, reporter, validCidr } from "../../config/fields";
import {
  apiSchema,
  certificateSchema,
  checkCertificateRegion,
  checkClientNetworks,
  clientNetworksSchema,
  networkSchema,
  type SectionContext,
  checkSourceRanges,
} from "../../config/fragments";
import type { ExecuteApiDomainClaim } from "../../config/topology";

/**
 * alb-front: clients over VPN or VPC peering, which cannot use the endpoint's private DNS, call
 * the private API by a custom name that resolves to an internal ALB; the ALB forwards to the
 * execute-api endpoint's interface IPs, and the custom domain makes the Host header name the API.
 */

/** The endpoint address in each subnet when none is configured: the subnet's 11th (`.10` in a /24). */
export const DEFAULT_ENDPOINT_ADDRESS_INDEX = 10;

/** The TLS policy AWS currently recommends for ALB HTTPS listeners (TLS 1.3 and 1.2, post-quantum). */
export const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

/**
 * The listener policies accepted: ELB's TLS 1.3 policies whose minimum is TLS 1.2 or 1.3, their
 * FIPS and post-quantum (PQ) variants (Elastic Load Balancing, "Security policies for your
 * Application Load Balancer"). `ELBSecurityPolicy-TLS13-1-0-*` and `-1-1-*` carry TLS 1.3 in
 * their names but still negotiate TLS 1.0 and 1.1, so a name pattern is not enough.
 */
export const ACCEPTED_SSL_POLICIES = [
  DEFAULT_SSL_POLICY,
  "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
] as const;

const vpcId = matching(
  /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/,
  "is not a VPC id",
  "copy the id from the VPC console, e.g. vpc-0123456789abcdef0",
);

export function albFrontSchema(context: SectionContext) {
  return z
    .strictObject({
      /** The VPC that holds the endpoint and the ALB. */
      network: networkSchema(context),
      /**
       * The networks whose clients call the API through the ALB, by name (VPN client pools, peered
       * VPCs); the ALB admits HTTPS from these only. At least one.
       */
      clientNetworks: clientNetworksSchema,
      /** The execute-api endpoint: created here with fixed addresses, or adopted (its addresses looked up). */
      endpoint: z
        .discriminatedUnion("mode", [
          z.strictObject({
            /** Create the endpoint here. */
            mode: z.literal("create"),
            /**
             * The address of the endpoint's interface per availability zone. Defaults, for a network
             * created here, to each subnet's 11th address; required for an adopted network.
             */
            ipAddresses: z.record(z.string(), z.string()).optional(),
            /**
             * Also admit HTTPS from the whole VPC CIDR at the endpoint, so callers in the VPC may call
             * the endpoint directly, skipping the ALB (its access logs and TLS policy). Off, the
             * endpoint admits the ALB's security group only.
             */
            directVpcAccess: z.boolean().default(false),
          }),
          z.strictObject({
            /**
             * Adopt an execute-api endpoint that already serves the adopted VPC; its interface
             * addresses are looked up at plan time, one per zone of `network.subnetIds`.
             */
            mode: z.literal("existing"),
            endpointId: matching(
              /^vpce-[0-9a-f]{8}([0-9a-f]{9})?$/,
              "is not a VPC endpoint id",
              "copy the id from the VPC console, e.g. vpce-0123456789abcdef0",
            ),
            /** The endpoint's security group: this stack adds the rule admitting the ALB to it. */
            securityGroupId: matching(
              /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/,
              "is not a security group id",
              "copy the id from the VPC console, e.g. sg-0123456789abcdef0",
            ),
          }),
        ])
        .default({ mode: "create", directVpcAccess: false }),
      /** The private REST API. */
      api: apiSchema,
      /** The internal Application Load Balancer. */
      alb: z
        .strictObject({
          /** TLS policy of the HTTPS listener: a TLS 1.3 policy whose minimum is TLS 1.2 or 1.3. */
          sslPolicy: z
            .string()
            .default(DEFAULT_SSL_POLICY)
            .superRefine((policy, ctx) => {
              if (!(ACCEPTED_SSL_POLICIES as readonly string[]).includes(policy)) {
                reporter(ctx)(
                  [],
                  policy,
                  "is not an accepted listener policy (a TLS 1.3 ELB policy whose minimum is TLS 1.2 or 1.3; TLS13-1-0 and TLS13-1-1 policies still negotiate TLS 1.0 and 1.1)",
                  `use ${DEFAULT_SSL_POLICY} (the default), or one of ${ACCEPTED_SSL_POLICIES.slice(1).join(", ")}`,
                );
              }
            }),
          /**
           * Admit HTTPS from the VPC's own CIDR at the ALB, so that callers in the VPC can use the
           * custom name (as the custom_url output says); off, only the client networks.
           */
          admitVpc: z.boolean().default(true),
          /** Add a port-80 listener that only redirects to HTTPS (clients that type http://). */
          redirectHttp: z.boolean().default(false),
          /** Path of the HTTPS health check; the endpoint answers 403 to anything not an API call. */
          healthCheckPath: matching(/^\/[\x21-\x7e]{0,1023}$/, "is not a URL path", "start it with /, e.g. /").default(
            "/",
          ),
          /** Write access logs to this S3 bucket (its policy must let the ELB log delivery write). */
          accessLogs: z
            .strictObject({
              bucket: matching(
                /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
                "is not an S3 bucket name",
                "give the bucket's name, e.g. my-alb-logs",
              ),
              prefix: matching(
                /^[A-Za-z0-9!_.*'()/-]{1,200}$/,
                "is not an S3 key prefix",
                "e.g. alb-front/prod",
              ).optional(),
            })
            .optional(),
        })
        .default({ sslPolicy: DEFAULT_SSL_POLICY, admitVpc: true, redirectHttp: false, healthCheckPath: "/" }),
      /** The custom name clients call, and how API Gateway routes it. */
      domain: z.strictObject({
        /** The name clients call, e.g. api.internal.example.com. */
        name: hostname,
        /**
         * `private`: a native private custom domain name (PRIVATE, with its own policy and an access
         * association for the endpoint). `regional`: a REGIONAL custom domain mapped to the private
         * API, as the original write-up did; whether AWS still routes it is unconfirmed.
         */
        mode: z.enum(["private", "regional"]).default("private"),
        certificate: certificateSchema,
        /**
         * VPCs besides this one whose resolvers answer the custom name (peered client VPCs), by name:
         * the private hosted zone for the name is associated with each.
         */
        clientVpcs: z.record(addressName, vpcId).default({}),
        /** Also publish the name in this public hosted zone (it resolves to the ALB's private addresses). */
        publicZoneId: hostedZoneId.optional(),
      }),
    })
    .superRefine((section, ctx) => {
      const report = reporter(ctx);
      checkClientNetworks(section.clientNetworks, section.network, report, ["clientNetworks"]);
      // Every client arrives at the endpoint from the { cidr: section.network.cidr, field: "network.cidr" }: through the ALB, or a Client VPN's NAT.
      checkSourceRanges(section.api, [{ cidr: section.network.cidr, field: "network.cidr" }], report);
      if (Object.keys(section.clientNetworks).length === 0) {
        report(
          ["clientNetworks"],
          section.clientNetworks,
          "is empty; the ALB exists for clients outside the VPC and admits no one else",
          'name each VPN client pool or peered VPC range, e.g. { vpn: "172.16.0.0/16" }',
        );
      }
      checkCertificateRegion(
        section.domain.certificate,
        context.region,
        report,
        ["domain", "certificate"],
        "the ALB and the custom domain are",
      );
      checkEndpointAddresses(section, report);
      checkClientVpcs(section, report);
    });
}

/**
 * Each client VPC once, and never the ALB's own VPC: the name's zone is associated with each, and
 * AWS refuses a second association of one VPC with the zone at apply.
 */
function checkClientVpcs(section: Pick<AlbFrontConfig, "network" | "domain">, report: Report): void {
  const owners = new Map<string, string>(
    section.network.mode === "existing" ? [[section.network.vpcId, "the ALB's own VPC (network.vpcId)"]] : [],
  );
  for (const [name, vpcId] of Object.entries(section.domain.clientVpcs)) {
    const owner = owners.get(vpcId);
    if (owner !== undefined) {
      report(
        ["domain", "clientVpcs", name],
        vpcId,
        `is also ${owner}; the name's private zone is associated with each VPC once, and AWS refuses a second association at apply`,
        "list every client VPC once, and leave the ALB's own VPC out (it always resolves the name)",
      );
    }
    owners.set(vpcId, `client VPC "${name}"`);
  }
}

export type AlbFrontConfig = z.output<ReturnType<typeof albFrontSchema>>;

type Section = Pick<AlbFrontConfig, "network" | "endpoint">;

/** Each zone's address must be usable in its subnet; an adopted network must name them all. */
function checkEndpointAddresses(section: Section, report: ReturnType<typeof reporter>): void {
  const network = section.network;
  if (section.endpoint.mode === "existing") {
    if (network.mode === "create") {
      report(
        ["endpoint", "endpointId"],
        section.endpoint.endpointId,
        "adopts an endpoint into a VPC this stack creates, where it cannot be",
        'adopt the endpoint\'s VPC too (network.mode "existing"), or let this stack create the endpoint (endpoint.mode "create")',
      );
    }
    return;
  }
  const configured = section.endpoint.ipAddresses ?? {};
  const zones = network.mode === "create" ? Object.keys(network.privateSubnets) : Object.keys(network.subnetIds);
  for (const [zone, address] of Object.entries(configured)) {
    if (!zones.includes(zone)) {
      report(
        ["endpoint", "ipAddresses", zone],
        address,
        `names a zone the network has no subnet in`,
        `use one of ${zones.join(", ")}`,
      );
      continue;
    }
    const subnetText = network.mode === "create" ? network.privateSubnets[zone] : undefined;
    const subnet = subnetText === undefined ? undefined : validCidr(subnetText);
    const problem =
      subnet === undefined
        ? /^\d{1,3}(\.\d{1,3}){3}$/.test(address)
          ? undefined
          : "is not an IPv4 address such as 10.0.0.10"
        : unusableInSubnet(address, subnet);
    if (problem !== undefined) {
      report(
        ["endpoint", "ipAddresses", zone],
        address,
        problem,
        "choose a free address inside the zone's subnet, from its 5th to its second-to-last",
      );
    }
  }
  if (network.mode === "existing") {
    for (const zone of zones.filter((candidate) => configured[candidate] === undefined)) {
      report(
        ["endpoint", "ipAddresses", zone],
        undefined,
        "is missing: an adopted subnet's range is not known here, so no address can be derived for it",
        "give a free address of that subnet for each zone",
      );
    }
  }
}

/**
 * The created endpoint's interface address per zone: configured, or derived from each created
 * subnet. An adopted endpoint's addresses are looked up instead (undefined here).
 */
export function endpointAddresses(section: Section): Record<string, string> | undefined {
  if (section.endpoint.mode === "existing") {
    return undefined;
  }
  const configured = section.endpoint.ipAddresses ?? {};
  if (section.network.mode === "existing") {
    return { ...configured };
  }
  return Object.fromEntries(
    Object.entries(section.network.privateSubnets).map(([zone, subnet]) => {
      const parsed = validCidr(subnet);
      if (parsed === undefined) {
        throw new Error(`subnet ${subnet} of a validated section does not parse`);
      }
      return [zone, configured[zone] ?? nthAddress(parsed, DEFAULT_ENDPOINT_ADDRESS_INDEX)];
    }),
  );
}

/** The endpoint keeps private DNS off (clients use the custom name), so an adopted VPC is not claimed. */
export function albFrontDomainClaims(): ExecuteApiDomainClaim[] {
  return [];
}

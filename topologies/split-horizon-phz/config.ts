import { getDomain } from "tldts";
import { z } from "zod";
import { addressName, fix, hostedZoneId, hostname, matching, type Report, reporter } from "../../config/fields";
import {
  apiSchema,
  checkClientNetworks,
  clientNetworksSchema,
  networkSchema,
  type SectionContext,
  checkSourceRanges,
  clientSources,
} from "../../config/fragments";
import { API_GATEWAY_REGIONAL_ZONE_IDS, isRegion } from "../../config/regions";
import type { ExecuteApiDomainClaim } from "../../config/topology";

/**
 * split-horizon-phz: the VPC calls the private API through its execute-api endpoint and keeps
 * calling public APIs. With the endpoint's private DNS on, every
 * `*.execute-api.<region>.amazonaws.com` name resolves to the endpoint inside the VPC, so public
 * APIs answer 403 (default URLs) or fail TLS (custom names that are CNAMEs to their regional
 * domain names). Route 53 private hosted zones split the view:
 *
 * - `custom-domains` (default): private DNS on; each public custom name the VPC calls gets a
 *   private zone (named exactly the name, or a declared apex) with an alias to the public API's
 *   regional domain name, which then resolves publicly.
 * - `per-api-zones`: private DNS off, so every public name resolves publicly; each private API the
 *   VPC calls gets a zone `{api-id}.execute-api.<region>.amazonaws.com` aliasing the endpoint.
 */

/** API Gateway's zone for edge-optimized (CloudFront) custom domains in every region. */
const EDGE_OPTIMIZED_ZONE_ID = "Z2FDTNDATAQYW2";

/** A public custom host name: a host name, refused with its own reason when it is a wildcard. */
const publicHostname = z.string().superRefine((value, ctx) => {
  if (value.startsWith("*.")) {
    ctx.addIssue({
      code: "custom",
      input: value,
      message:
        "is a wildcard; a private zone for it would capture every name under it, including names this configuration does not list",
      params: fix("list each host name the VPC calls, e.g. api.example.com"),
    });
    return;
  }
  for (const issue of hostname.safeParse(value).error?.issues ?? []) {
    ctx.addIssue({ ...issue, code: "custom", input: value, params: "params" in issue ? issue.params : undefined });
  }
});

const regionalDomainName = matching(
  /^d-[a-z0-9]{6,32}\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/,
  "is not an API Gateway regional domain name",
  'copy "API Gateway domain name" from the custom domain in the API Gateway console, e.g. d-abc123defg.execute-api.eu-west-1.amazonaws.com',
);

/** Where a public custom name points: read from AWS, or written down. */
const publicApiTarget = z.discriminatedUnion("mode", [
  z.strictObject({
    /**
     * Read the custom domain name's regional target at plan time (`aws_api_gateway_domain_name`).
     * The domain must be a REGIONAL custom domain in this environment's account and region.
     */
    mode: z.literal("lookup"),
  }),
  z.strictObject({
    /** The public API lives in another account: copy its custom domain's target. */
    mode: z.literal("configured"),
    /** The custom domain's "API Gateway domain name", d-….execute-api.<region>.amazonaws.com. */
    regionalDomainName,
    /** The custom domain's "Hosted zone ID" (API Gateway's zone for the region). */
    regionalZoneId: hostedZoneId,
  }),
]);

const customDomains = z.strictObject({
  /** Private DNS on; each public custom name the VPC calls gets a private zone aliasing its target. */
  mode: z.literal("custom-domains").default("custom-domains"),
  /** The public custom host names the VPC calls, each with its custom domain's target. At least one. */
  publicApis: z.record(publicHostname, publicApiTarget),
  /**
   * Domains every one of whose names the VPC calls is an API listed in `publicApis`: one zone for
   * the domain holds a record per listed name, instead of a zone per name. Any other name under
   * the domain stops resolving inside the VPC. Required for a listed name that is itself a
   * registrable domain (example.com), whose zone would capture everything under it.
   */
  apexZones: z.array(hostname).default([]),
});

const perApiZones = z.strictObject({
  /** Private DNS off; each private API the VPC calls gets a zone `{api-id}.execute-api.<region>.amazonaws.com`. */
  mode: z.literal("per-api-zones"),
  /**
   * Other private APIs in this region that the VPC calls through the endpoint, by name. Their
   * resource policies must admit this endpoint (output `vpc_endpoint_id`).
   */
  otherPrivateApis: z
    .record(
      addressName,
      z.strictObject({
        restApiId: matching(
          /^[a-z0-9]{10}$/,
          "is not a REST API id",
          "copy the 10-character id from the API Gateway console, e.g. a1b2c3d4e5",
        ),
        /** The API's account. @default - the environment's account */
        accountId: matching(/^\d{12}$/, "is not an AWS account id", "write the 12-digit account id").optional(),
      }),
    )
    .default({}),
});

/** Names of other private APIs become parts of Terraform addresses; `api` is the stack's own. */
const RESERVED_API_NAMES = ["api"];

export function splitHorizonPhzSchema(context: SectionContext) {
  return z
    .strictObject({
      /** The VPC whose resolver the zones answer, and the endpoint's home. */
      network: networkSchema(context),
      /**
       * Networks outside the VPC admitted on HTTPS, by name, that something else already routes to
       * the VPC. The zones answer only inside the VPC.
       */
      clientNetworks: clientNetworksSchema,
      /** The private REST API. */
      api: apiSchema,
      /** How the VPC's view of API Gateway names is split. */
      dns: z.discriminatedUnion("mode", [customDomains, perApiZones]),
    })
    .superRefine((section, ctx) => {
      const report = reporter(ctx);
      checkClientNetworks(section.clientNetworks, section.network, report, ["clientNetworks"]);
      checkSourceRanges(
        section.api,
        [
          { cidr: section.network.cidr, field: "network.cidr" },
          ...clientSources(section.clientNetworks, "clientNetworks"),
        ],
        report,
      );
      checkEgress(section.network, report);
      if (section.dns.mode === "custom-domains") {
        checkCustomDomains(section.dns, context.region, report);
      } else {
        checkOtherPrivateApis(section.dns, section.api, report);
      }
    });
}

export type SplitHorizonPhzConfig = z.output<ReturnType<typeof splitHorizonPhzSchema>>;
/** The dns section in custom-domains mode. */
export type CustomDomainsConfig = z.output<typeof customDomains>;
/** The dns section in per-api-zones mode. */
export type PerApiZonesConfig = z.output<typeof perApiZones>;

/** `name` is `domain` or a name under it. */
function isAtOrUnder(name: string, domain: string): boolean {
  return name === domain || name.endsWith(`.${domain}`);
}

function checkCustomDomains(dns: CustomDomainsConfig, region: string | undefined, report: Report): void {
  const names = Object.keys(dns.publicApis);
  if (names.length === 0) {
    report(
      ["dns", "publicApis"],
      dns.publicApis,
      "is empty; custom-domains mode exists to keep public custom names working from the VPC",
      'list each public custom name the VPC calls, e.g. { "api.example.com": { mode: "lookup" } }',
    );
  }
  const serviceDomain = region === undefined ? undefined : `execute-api.${region}.amazonaws.com`;
  const isCustomName = (name: string): boolean => {
    const path = ["dns", "publicApis", name];
    if (serviceDomain !== undefined && isAtOrUnder(name, serviceDomain)) {
      report(
        path,
        name,
        `is under ${serviceDomain}: an API Gateway name, never a custom domain name, and Route 53 answers an alias to API Gateway only under a custom domain name of the API; in this VPC the endpoint's private DNS answers it`,
        "call that public API by a custom domain name, or switch dns.mode to per-api-zones (private DNS off)",
      );
      return false;
    }
    if (isAtOrUnder(name, "amazonaws.com")) {
      report(
        path,
        name,
        `is an AWS service name, not a custom domain name; the endpoint's private DNS captures only ${serviceDomain ?? "its own region's execute-api names"}, so it resolves publicly already`,
        "remove it; list only your own custom domain names",
      );
      return false;
    }
    return true;
  };
  for (const name of names) {
    if (!isCustomName(name)) {
      continue;
    }
    const path = ["dns", "publicApis", name];
    if (getDomain(name) === null) {
      report(
        path,
        name,
        "is a public suffix; its zone would capture every domain under it",
        "list your own host names",
      );
    } else if (getDomain(name) === name && !dns.apexZones.includes(name)) {
      report(
        path,
        name,
        "is a whole domain; a private zone named after it would capture every name under it, which this configuration does not list",
        `if every name under ${name} that the VPC calls is an API listed here, add "${name}" to dns.apexZones; otherwise list the API host names only`,
      );
    }
    const target = dns.publicApis[name];
    if (target?.mode === "configured") {
      checkConfiguredTarget(target, path, region, report);
    }
  }
  const seen = new Set<string>();
  dns.apexZones.forEach((apex, index) => {
    const path = ["dns", "apexZones", index];
    if (seen.has(apex)) {
      report(path, apex, "is listed twice", "list every apex zone once");
      return;
    }
    seen.add(apex);
    if (serviceDomain !== undefined && isAtOrUnder(serviceDomain, apex)) {
      report(
        path,
        apex,
        `contains ${serviceDomain}: a zone for it would capture every API Gateway default URL of the region, public ones included (and AWS refuses it beside the endpoint's private DNS)`,
        "remove it; apex zones are for your own domains",
      );
      return;
    }
    if (getDomain(apex) === null) {
      report(path, apex, "is a public suffix; its zone would capture every domain under it", "use your own domain");
      return;
    }
    const outer = dns.apexZones.find((other) => other !== apex && isAtOrUnder(apex, other));
    if (outer !== undefined) {
      report(
        path,
        apex,
        `is under the apex zone ${outer}, which already holds its names`,
        `remove it, or remove ${outer}`,
      );
    } else if (!names.some((name) => isAtOrUnder(name, apex))) {
      report(
        path,
        apex,
        "holds none of the names in dns.publicApis; its zone would only stop every name under it from resolving",
        "remove it, or list the API host names under it in dns.publicApis",
      );
    }
  });
}

function checkConfiguredTarget(
  target: { regionalDomainName: string; regionalZoneId: string },
  path: PropertyKey[],
  region: string | undefined,
  report: Report,
): void {
  const targetRegion = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(target.regionalDomainName)?.[1];
  if (region !== undefined && targetRegion !== undefined && targetRegion !== region) {
    report(
      [...path, "regionalDomainName"],
      target.regionalDomainName,
      `is in ${targetRegion}; the endpoint's private DNS captures only execute-api names of ${region}, so the custom name already resolves publicly`,
      "remove the name; only public APIs of the endpoint's region need a private zone",
    );
    return;
  }
  if (target.regionalZoneId === EDGE_OPTIMIZED_ZONE_ID) {
    report(
      [...path, "regionalZoneId"],
      target.regionalZoneId,
      "is the zone of edge-optimized (CloudFront) custom domains: their names are not captured by the endpoint, and Route 53 allows no CloudFront alias in a private zone",
      "list only REGIONAL custom domains; copy their regional hosted zone id",
    );
    return;
  }
  // An alias names the zone of its target: any other id makes Route 53 refuse the record at apply.
  const expected = region !== undefined && isRegion(region) ? API_GATEWAY_REGIONAL_ZONE_IDS[region] : undefined;
  if (expected !== undefined && target.regionalZoneId !== expected) {
    report(
      [...path, "regionalZoneId"],
      target.regionalZoneId,
      `is not API Gateway's hosted zone for regional endpoints in ${region ?? ""} (${expected}, per the AWS General Reference "Amazon API Gateway endpoints and quotas")`,
      `copy the custom domain's "Hosted zone ID" from the API Gateway console; in ${region ?? ""} it is ${expected}`,
    );
  }
}

/**
 * The VPC exists to call public APIs too: a created one needs its way to the internet built, an
 * adopted one its way declared (nothing here can see it). Without it the zones resolve the public
 * names correctly and the connection then hangs.
 */
function checkEgress(network: SplitHorizonPhzConfig["network"], report: Report): void {
  if (network.egress !== undefined) {
    return;
  }
  if (network.mode === "create") {
    report(
      ["network", "egress"],
      undefined,
      "is not set: a created VPC has private subnets only, so the public APIs this topology keeps resolvable would be out of reach (the connection times out)",
      'add network.egress: { via: "nat-gateway", publicSubnets: { <zone>: <a /28 per zone of privateSubnets> } }, or { via: "transit-gateway", transitGatewayId: "tgw-…" } when a central egress is reached through one',
    );
  } else {
    report(
      ["network", "egress"],
      undefined,
      "is not set: the public APIs this topology keeps resolvable are reached only if the adopted VPC routes to the internet, and nothing here builds or sees that",
      'declare it: network.egress: { via: "routed-outside", routedBy: "<what carries it, e.g. NAT gateways of the shared VPC>" }',
    );
  }
}

function checkOtherPrivateApis(dns: PerApiZonesConfig, api: SplitHorizonPhzConfig["api"], report: Report): void {
  const ids = new Map<string, string>();
  if (api.mode === "existing") {
    ids.set(api.restApiId, "api (this stack's API)");
  }
  for (const [name, other] of Object.entries(dns.otherPrivateApis)) {
    const path = ["dns", "otherPrivateApis", name];
    if (RESERVED_API_NAMES.includes(name)) {
      report(path, name, `uses the reserved name "${name}" (this stack's own API)`, "rename it");
      continue;
    }
    const first = ids.get(other.restApiId);
    if (first !== undefined) {
      report(
        [...path, "restApiId"],
        other.restApiId,
        `is also given for ${first}; one zone per API`,
        "list every API once",
      );
    }
    ids.set(other.restApiId, name);
  }
}

/**
 * Both modes resolve names of `execute-api.<region>.amazonaws.com` privately in the VPC: the
 * endpoint's private DNS, or private zones under the service domain.
 */
export function splitHorizonPhzDomainClaims(section: SplitHorizonPhzConfig): ExecuteApiDomainClaim[] {
  if (section.network.mode !== "existing") {
    return [];
  }
  return [
    {
      vpcId: section.network.vpcId,
      field: "network.vpcId",
      what:
        section.dns.mode === "custom-domains"
          ? "an execute-api endpoint with private DNS on"
          : "private hosted zones under the execute-api domain",
      underDomain: section.dns.mode === "per-api-zones",
    },
  ];
}

/** The private zones of custom-domains mode: zone name → the listed names it holds. */
export function customDomainZones(dns: CustomDomainsConfig): Map<string, string[]> {
  const zones = new Map<string, string[]>();
  for (const name of Object.keys(dns.publicApis).sort()) {
    const zone = dns.apexZones.find((apex) => isAtOrUnder(name, apex)) ?? name;
    zones.set(zone, [...(zones.get(zone) ?? []), name]);
  }
  return zones;
}

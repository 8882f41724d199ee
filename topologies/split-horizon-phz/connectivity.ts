/**
 * split-horizon-phz: the VPC calls its private API through the endpoint and keeps calling public APIs: by their
 * custom names, which private zones answer with API Gateway's public addresses (custom-domains mode), or by their
 * default URLs (per-api-zones mode), through the VPC's egress (a NAT gateway per zone in the shipped stacks).
 */
import type { Matrix } from "../../connectivity/matrix";
import type { StackModel } from "../../connectivity/model";
import type { ConnectivityRequest } from "../../connectivity/request";
import { withoutAll } from "../../connectivity/mutate";

const inVpc = "${aws_vpc.network_vpc.id}";

/** The public custom names the stack's private zones alias to API Gateway regional domain names. */
function publicNames(model: StackModel): string[] {
  return model.zones
    .flatMap((zone) => zone.records)
    .filter(
      (record) =>
        record.alias !== undefined && /regional_domain_name|^d-[a-z0-9]+\.execute-api\./.test(record.alias.name),
    )
    .map((record) => record.name);
}

function eachPublicName(model: StackModel): ConnectivityRequest[] {
  return publicNames(model).map((name) => ({ from: inVpc, url: `https://${name}/` }));
}

const privateDnsOn = (model: StackModel): boolean => model.endpoints.some((endpoint) => endpoint.privateDns);

/** A public API's default URL (an API id the stack does not hold). */
const publicDefaultUrl = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/";

/**
 * One call to each public API the VPC is meant to reach: every listed public custom name with private DNS on,
 * a public default URL with it off.
 */
function eachPublicApi(model: StackModel): ConnectivityRequest[] {
  return privateDnsOn(model) ? eachPublicName(model) : [{ from: inVpc, url: publicDefaultUrl }];
}

/** The created network's default routes of its private route tables (to its NAT gateways or transit gateway). */
const isPrivateDefaultRoute = (name: string): boolean => name.startsWith("network_default_route_");

/** The matrix: requests, the promised outcome, and the gaps of the shipped environments. */
export const matrix: Matrix = {
  topology: "split-horizon-phz",
  example: {
    description: "an instance in the VPC calls the private API's default URL, signed",
    environment: "prod",
    request: {
      from: "${aws_vpc.network_vpc.id}",
      url: "${aws_api_gateway_stage.api_stage.invoke_url}/health",
      signed: true,
    },
    outcome: "ok",
  },
  rows: [
    {
      client: "instance in the VPC",
      url: "private API's default URL /v1/health (signed)",
      request: { from: inVpc, url: "${aws_api_gateway_stage.api_stage.invoke_url}/health", signed: true },
      expect: { outcome: "ok" },
    },
    {
      client: "instance in the VPC",
      url: "a public API through egress: each listed public custom name (custom-domains), a public default URL (per-api-zones)",
      request: eachPublicApi,
      expect: { outcome: "ok" },
    },
    {
      client: "instance in the VPC (custom-domains mode: private DNS on)",
      url: "a public API's default URL",
      request: (model) => (privateDnsOn(model) ? [{ from: inVpc, url: publicDefaultUrl }] : []),
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
  ],
  mutations: [
    {
      name: "without the private route tables' default routes (no egress), a public API times out",
      changes: () => [withoutAll("aws_route", isPrivateDefaultRoute)],
      request: eachPublicApi,
      expect: { outcome: "timeout", hop: "route" },
    },
    {
      name: "with the NAT gateways' subnets not public (no route to the internet gateway), a public API times out",
      changes: () => [withoutAll("aws_route", (name) => name === "network_public_default_route")],
      appliesTo: (model) => model.natGateways.length > 0,
      request: eachPublicApi,
      expect: { outcome: "timeout", hop: "route" },
    },
    {
      name: "without the public names' zones, seed 002's failure: the CNAME lands on the endpoint, TLS name mismatch",
      changes: (_stack, model) => [
        withoutAll("aws_route53_zone", (name) =>
          model.lookedUpDomains.some((domain) => name.includes(domain.domainName.replace(/\./g, "_"))),
        ),
        withoutAll("aws_route53_record", (name) =>
          model.lookedUpDomains.some((domain) => name.includes(domain.domainName.replace(/\./g, "_"))),
        ),
      ],
      appliesTo: (model) => privateDnsOn(model) && model.lookedUpDomains.length > 0,
      request: (model) =>
        model.lookedUpDomains.map((domain) => ({ from: inVpc, url: `https://${domain.domainName}/` })),
      expect: { outcome: "tls-name-mismatch", hop: "tls" },
    },
    {
      name: "per-api-zones without the private API's zone: its default URL no longer resolves in the VPC",
      changes: () => [
        withoutAll("aws_route53_zone", (name) => name === "phz_api_zone"),
        withoutAll("aws_route53_record", (name) => name === "phz_api_alias"),
      ],
      appliesTo: (model) => !privateDnsOn(model),
      request: { from: inVpc, url: "${aws_api_gateway_stage.api_stage.invoke_url}/health", signed: true },
      expect: { outcome: "nxdomain", hop: "dns" },
    },
  ],
};

/**
 * split-horizon-phz: the VPC calls its private API through the endpoint and keeps calling listed public APIs by
 * their custom names, which private zones answer with API Gateway's public addresses.
 */
import type { Matrix } from "../../connectivity/matrix";
import type { StackModel } from "../../connectivity/model";
import type { ConnectivityRequest } from "../../connectivity/request";
import { withoutAll, withRoutes } from "../../connectivity/mutate";

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
const withNat = () => [withRoutes(inVpc, "0.0.0.0/0", { nat_gateway_id: "nat-0123456789abcdef0" })];

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
      url: "each listed public API's custom name",
      request: eachPublicName,
      expect: { outcome: "ok" },
      shipped: [
        {
          outcome: "timeout",
          hop: "route",
          gap: "the created VPC has private subnets only (no NAT or internet gateway): the public APIs the zones exist for are out of reach",
        },
      ],
    },
    {
      client: "instance in the VPC (custom-domains mode: private DNS on)",
      url: "a public API's default URL",
      request: (model) =>
        privateDnsOn(model)
          ? [{ from: inVpc, url: "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/" }]
          : [],
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
    {
      client: "instance in the VPC (per-api-zones mode: private DNS off)",
      url: "a public API's default URL",
      request: (model) =>
        privateDnsOn(model)
          ? []
          : [{ from: inVpc, url: "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/" }],
      expect: { outcome: "ok" },
      shipped: [{ outcome: "timeout", hop: "route", gap: "the created VPC has no route to the internet" }],
    },
  ],
  mutations: [
    {
      name: "with a NAT gateway route, each listed public name reaches its public API",
      changes: withNat,
      request: eachPublicName,
      appliesTo: (model) => publicNames(model).length > 0,
      expect: { outcome: "ok" },
    },
    {
      name: "with a NAT route but without the public names' zones, seed 002's failure: the CNAME lands on the endpoint, TLS name mismatch",
      changes: (_stack, model) => [
        ...withNat(),
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

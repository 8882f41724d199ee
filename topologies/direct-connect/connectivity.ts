/**
 * direct-connect: who reaches the private API. On-premises clients over Direct Connect call the endpoint's own
 * DNS name with the x-apigw-api-id header (private DNS off), or the {api-id}-{vpce-id} alias.
 */
import { printedCurl } from "../../connectivity/clients";
import type { Matrix } from "../../connectivity/matrix";
import type { StackModel } from "../../connectivity/model";
import type { ConnectivityRequest } from "../../connectivity/request";
import { without, withAttribute, withoutAll } from "../../connectivity/mutate";

const endpointUrl =
  "https://${local.execute_api_regional_dns_entry.dns_name}/${aws_api_gateway_stage.api_stage.stage_name}/health";
const apiHeader = { "x-apigw-api-id": "${aws_api_gateway_rest_api.api_rest_api.id}" };

/** One request per on-premises network of the prefix list. */
function fromEachOnPremisesNetwork(
  request: Omit<ConnectivityRequest, "from">,
): (model: StackModel) => ConnectivityRequest[] {
  return (model) =>
    model.prefixLists.flatMap((list) => list.entries).map((entry) => ({ ...request, from: entry.cidr }));
}

/**
 * A gateway created here without virtual interfaces (`virtualInterfaces` left out: attached
 * elsewhere) gives on-premises no way in that the stack can show, so the rows ask such a stack
 * nothing from on-premises (a mutation shows the failure).
 */
const interfacesElsewhere = (model: StackModel): boolean =>
  model.dxGateways.some((gateway) => gateway.address !== undefined && gateway.interfaces.length === 0);

/** A row's requests from on-premises: none where the interfaces are attached elsewhere. */
function onPremises(
  requests: (model: StackModel) => ConnectivityRequest[],
): (model: StackModel) => ConnectivityRequest[] {
  return (model) => (interfacesElsewhere(model) ? [] : requests(model));
}

const customUrl = "https://${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name}/health";

/** Where the stack runs a Resolver inbound endpoint, it serves the custom name: one request per on-premises network. */
function forwardedFromEachOnPremisesNetwork(model: StackModel): ConnectivityRequest[] {
  if (!model.resolverEndpoints.some((endpoint) => endpoint.direction === "INBOUND")) return [];
  return fromEachOnPremisesNetwork({ url: customUrl, dns: "on-premises", signed: true })(model);
}

/** The matrix: requests, the promised outcome, and the gaps of the shipped environments. */
export const matrix: Matrix = {
  topology: "direct-connect",
  example: {
    description: "an on-premises client calls the endpoint's name with the API id header, signed",
    environment: "prod",
    request: { from: "192.168.1.10", url: endpointUrl, headers: apiHeader, signed: true },
    outcome: "ok",
  },
  rows: [
    {
      client: "on-premises network (each prefix-list entry)",
      url: "endpoint DNS name + x-apigw-api-id (signed)",
      request: onPremises(fromEachOnPremisesNetwork({ url: endpointUrl, headers: apiHeader, signed: true })),
      expect: { outcome: "ok" },
    },
    {
      client: "on-premises network",
      url: "the curl_command output, as printed (signed where the API uses AWS_IAM)",
      request: (model, stack) => {
        const printed = printedCurl(stack);
        return printed === undefined ? [] : onPremises(fromEachOnPremisesNetwork(printed))(model);
      },
      expect: { outcome: "ok" },
    },
    {
      client: "on-premises network",
      url: "{api-id}-{vpce-id} alias URL (signed)",
      request: onPremises(
        fromEachOnPremisesNetwork({
          url: "https://${aws_api_gateway_rest_api.api_rest_api.id}-${aws_vpc_endpoint.execute_api_endpoint.id}.execute-api.eu-west-1.amazonaws.com/${aws_api_gateway_stage.api_stage.stage_name}/health",
          signed: true,
        }),
      ),
      expect: { outcome: "ok" },
    },
    {
      client: "on-premises network",
      url: "endpoint DNS name without the header (seed 003's 403)",
      request: onPremises(fromEachOnPremisesNetwork({ url: endpointUrl, signed: true })),
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
    {
      client: "on-premises network, public DNS",
      url: "default invoke URL",
      request: onPremises(
        fromEachOnPremisesNetwork({ url: "${aws_api_gateway_stage.api_stage.invoke_url}/health", signed: true }),
      ),
      expect: { outcome: "nxdomain", hop: "dns" },
    },
    {
      client: "on-premises network, DNS forwarded to the Resolver inbound endpoint",
      url: "custom name /health, no header (signed)",
      request: onPremises(forwardedFromEachOnPremisesNetwork),
      expect: { outcome: "ok" },
    },
    {
      client: "the VPC itself",
      url: "custom name /health, no header (signed)",
      request: (model) =>
        model.domainNames.length === 0 ? [] : [{ from: "${aws_vpc.network_vpc.id}", url: customUrl, signed: true }],
      expect: { outcome: "ok" },
    },
    {
      client: "on-premises range outside the prefix list (10.250.0.0/16)",
      url: "endpoint DNS name + x-apigw-api-id (signed)",
      request: onPremises(() => [{ from: "10.250.0.0/16", url: endpointUrl, headers: apiHeader, signed: true }]),
      expect: { outcome: "dropped", hop: "security-group" },
    },
  ],
  mutations: [
    {
      name: "allowed prefixes that do not contain the VPC CIDR: no route to the VPC is advertised",
      changes: (_stack, model) =>
        model.dxAssociations.map((association) =>
          withAttribute(association.address, "allowed_prefixes", ["192.0.2.0/24"]),
        ),
      request: fromEachOnPremisesNetwork({ url: endpointUrl, headers: apiHeader, signed: true }),
      expect: { outcome: "no-route", hop: "route" },
    },
    {
      name: "with one of two virtual interfaces gone (a connection or location down), on-premises still reaches",
      changes: (_stack, model) => {
        const gateway = model.dxGateways.find((candidate) => candidate.interfaces.length >= 2);
        return gateway?.interfaces[0] === undefined ? [] : [without(gateway.interfaces[0])];
      },
      appliesTo: (model) => model.dxGateways.some((gateway) => gateway.interfaces.length >= 2),
      request: fromEachOnPremisesNetwork({ url: endpointUrl, headers: apiHeader, signed: true }),
      expect: { outcome: "ok" },
    },
    {
      name: "without any virtual interface on a created gateway, on-premises traffic has no way in",
      changes: (_stack, model) =>
        model.dxGateways.flatMap((gateway) => gateway.interfaces).map((address) => without(address)),
      appliesTo: (model) => model.dxGateways.some((gateway) => gateway.address !== undefined),
      request: fromEachOnPremisesNetwork({ url: endpointUrl, headers: apiHeader, signed: true }),
      expect: { outcome: "no-route", hop: "route" },
    },
    {
      name: "without route propagation, replies to on-premises cannot return",
      changes: () => [withoutAll("aws_vpn_gateway_route_propagation")],
      request: fromEachOnPremisesNetwork({ url: endpointUrl, headers: apiHeader, signed: true }),
      expect: { outcome: "no-route", hop: "route" },
    },
    {
      name: "without the endpoint's rule for the prefix list, on-premises is dropped",
      changes: () => [without("aws_vpc_security_group_ingress_rule.execute_api_https_from_on_premises")],
      request: fromEachOnPremisesNetwork({ url: endpointUrl, headers: apiHeader, signed: true }),
      expect: { outcome: "dropped", hop: "security-group" },
    },
    {
      name: "without the private zone of the custom name, the forwarded query finds no answer",
      changes: () => [without("aws_route53_record.dns_alias"), without("aws_route53_zone.dns_zone")],
      appliesTo: (model) => model.resolverEndpoints.length > 0,
      request: forwardedFromEachOnPremisesNetwork,
      expect: { outcome: "nxdomain", hop: "dns" },
    },
    {
      name: "without the resolver's DNS rules, forwarded queries from on-premises never arrive",
      changes: () => [
        without("aws_vpc_security_group_ingress_rule.resolver_dns_tcp"),
        without("aws_vpc_security_group_ingress_rule.resolver_dns_udp"),
      ],
      appliesTo: (model) => model.resolverEndpoints.length > 0,
      request: forwardedFromEachOnPremisesNetwork,
      expect: { outcome: "nxdomain", hop: "dns" },
    },
    {
      name: "without the access association, the endpoint does not serve the custom name (its own certificate answers)",
      changes: () => [without("aws_api_gateway_domain_name_access_association.custom_domain_access_association")],
      appliesTo: (model) => model.resolverEndpoints.length > 0,
      request: forwardedFromEachOnPremisesNetwork,
      expect: { outcome: "tls-name-mismatch", hop: "tls" },
    },
    {
      name: "without the base path mapping, the custom name reaches no API",
      changes: () => [without("aws_api_gateway_base_path_mapping.custom_domain_mapping")],
      appliesTo: (model) => model.resolverEndpoints.length > 0,
      request: forwardedFromEachOnPremisesNetwork,
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
    {
      name: "a header naming a public API: the endpoint refuses it",
      changes: () => [],
      request: fromEachOnPremisesNetwork({
        url: endpointUrl,
        headers: { "x-apigw-api-id": "a1b2c3d4e5" },
        signed: true,
      }),
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
  ],
};

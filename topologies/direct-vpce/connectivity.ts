/**
 * direct-vpce: who reaches the private API. Clients in the VPC, or in networks something outside the stack
 * routes to it, call through the execute-api endpoint (private DNS on).
 */
import type { Matrix } from "../../connectivity/matrix";
import { admitsNamedPrincipals, clientNetworkRequests, OUTSIDE_PRINCIPAL } from "../../connectivity/clients";
import { without, withAttribute, withoutAll, withoutStatement, withPolicyCondition } from "../../connectivity/mutate";

const inVpc = "${aws_vpc.network_vpc.id}";
const defaultUrl = "${aws_api_gateway_stage.api_stage.invoke_url}/health";
const aliasUrl =
  "https://${aws_api_gateway_rest_api.api_rest_api.id}-${aws_vpc_endpoint.execute_api_endpoint.id}.execute-api.eu-west-1.amazonaws.com/${aws_api_gateway_stage.api_stage.stage_name}/health";

/** The matrix: requests, the promised outcome, and the gaps of the shipped environments. */
const RESOURCE_POLICY = "aws_api_gateway_rest_api_policy.api_resource_policy";

export const matrix: Matrix = {
  topology: "direct-vpce",
  example: {
    description: "an instance in the VPC calls the default URL, signed",
    environment: "prod",
    request: { from: inVpc, url: defaultUrl, signed: true },
    outcome: "ok",
  },
  rows: [
    {
      client: "instance in the VPC",
      url: "default URL /v1/health (signed)",
      request: { from: inVpc, url: defaultUrl, signed: true },
      expect: { outcome: "ok" },
    },
    {
      client: "instance in the VPC",
      url: "{api-id}-{vpce-id} alias URL (signed)",
      request: { from: inVpc, url: aliasUrl, signed: true },
      expect: { outcome: "ok" },
    },
    {
      client: "instance in the VPC",
      url: "endpoint DNS name + x-apigw-api-id (signed)",
      request: {
        from: inVpc,
        url: "https://${aws_vpc_endpoint.execute_api_endpoint.dns_entry[0].dns_name}/${aws_api_gateway_stage.api_stage.stage_name}/health",
        headers: { "x-apigw-api-id": "${aws_api_gateway_rest_api.api_rest_api.id}" },
        signed: true,
      },
      expect: { outcome: "ok" },
    },
    {
      client: "instance in the VPC",
      url: "default URL, wrong stage /v2/health",
      request: {
        from: inVpc,
        url: "https://${aws_api_gateway_rest_api.api_rest_api.id}.execute-api.eu-west-1.amazonaws.com/v2/health",
        signed: true,
      },
      expect: { outcome: "missing-authentication-token", hop: "stage" },
    },
    {
      client: "instance in the VPC",
      url: "a public API's default URL (seed 002, appendix A)",
      request: { from: inVpc, url: "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/", signed: true },
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
    {
      client: "client network (by how it arrives: peering, transit gateway, VPN gateway, Client VPN, routed outside)",
      url: "{api-id}-{vpce-id} alias URL (signed)",
      request: (model) =>
        clientNetworkRequests(
          model,
          ["vpc-peering", "transit-gateway", "vpn-gateway", "client-vpn", "routed-outside"],
          { url: aliasUrl, signed: true },
        ),
      expect: { outcome: "ok" },
    },
    {
      client: "instance in the VPC, signed by a principal of another organisation (where the policies name one)",
      url: "default URL /v1/health (signed)",
      request: (_model, stack) =>
        admitsNamedPrincipals(stack)
          ? [{ from: inVpc, url: defaultUrl, signed: true, principal: OUTSIDE_PRINCIPAL }]
          : [],
      expect: { outcome: "forbidden", hop: "policy" },
    },
    {
      client: "network outside the endpoint's security-group sources (routed by a transit gateway)",
      url: "{api-id}-{vpce-id} alias URL (signed)",
      request: { from: "10.250.0.0/16", url: aliasUrl, signed: true, routedBy: "a transit gateway outside the stack" },
      expect: { outcome: "dropped", hop: "security-group" },
    },
  ],
  mutations: [
    {
      name: "with api.sourceRanges narrowed to the VPC (aws:VpcSourceIp), a client network routed here is forbidden at the resource policy",
      changes: (_stack, model) => [
        withPolicyCondition(RESOURCE_POLICY, "AllowInvoke", "IpAddress", "aws:VpcSourceIp", [
          model.vpcs.find((vpc) => vpc.created)?.cidr ?? "",
        ]),
      ],
      appliesTo: (model) =>
        model.transitGatewayAttachments.length > 0 &&
        JSON.stringify(model.restApis.map((api) => api.policy)).includes("aws:VpcSourceIp"),
      request: (model) => clientNetworkRequests(model, ["transit-gateway"], { url: aliasUrl, signed: true }),
      expect: { outcome: "forbidden", hop: "policy" },
    },
    {
      name: "without the routes back to the client networks, their replies cannot return",
      changes: () => [withoutAll("aws_route", (name) => name.startsWith("client_networks_route_"))],
      appliesTo: (model) => model.transitGatewayAttachments.length > 0,
      request: (model) => clientNetworkRequests(model, ["transit-gateway"], { url: aliasUrl, signed: true }),
      expect: { outcome: "no-route", hop: "route" },
    },
    {
      name: "without the security-group rule for the VPC, an instance in the VPC is dropped",
      changes: () => [without("aws_vpc_security_group_ingress_rule.execute_api_https_from_vpc")],
      request: { from: inVpc, url: defaultUrl, signed: true },
      expect: { outcome: "dropped", hop: "security-group" },
    },
    {
      name: "with private DNS off, the default URL no longer resolves in the VPC",
      changes: () => [withAttribute("aws_vpc_endpoint.execute_api_endpoint", "private_dns_enabled", false)],
      request: { from: inVpc, url: defaultUrl, signed: true },
      expect: { outcome: "nxdomain", hop: "dns" },
    },
    {
      name: "without the endpoint in the API's vpc_endpoint_ids, the alias URL does not exist in public DNS",
      changes: (stack) => {
        const api = stack.hcl.resource.aws_api_gateway_rest_api?.api_rest_api;
        const configuration = (api?.endpoint_configuration as { types: string[] }[] | undefined)?.[0];
        return [
          withAttribute("aws_api_gateway_rest_api.api_rest_api", "endpoint_configuration", [
            { types: configuration?.types ?? ["PRIVATE"] },
          ]),
        ];
      },
      request: { from: inVpc, url: aliasUrl, signed: true, dns: "public" },
      expect: { outcome: "nxdomain", hop: "dns" },
    },
    {
      name: "without the resource policy's Allow statement, the API refuses the call",
      changes: () => [withoutStatement("aws_api_gateway_rest_api_policy.api_resource_policy", "AllowInvoke")],
      request: { from: inVpc, url: defaultUrl, signed: true },
      expect: { outcome: "forbidden", hop: "policy" },
    },
    {
      name: "without the endpoint policy's statement, the endpoint refuses the call",
      changes: () => [withoutStatement("aws_vpc_endpoint_policy.execute_api_policy", "InvokeServedApisOnly")],
      request: { from: inVpc, url: defaultUrl, signed: true },
      expect: { outcome: "forbidden", hop: "policy" },
    },
    {
      name: "the x-apigw-api-id header dropped from the endpoint-name request: no API is selected",
      changes: () => [],
      request: {
        from: inVpc,
        url: "https://${aws_vpc_endpoint.execute_api_endpoint.dns_entry[0].dns_name}/${aws_api_gateway_stage.api_stage.stage_name}/health",
        signed: true,
      },
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
  ],
};

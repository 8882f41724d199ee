/**
 * alb-front: who reaches the private API. Client networks (over peering, a transit gateway, a VPN gateway, or a
 * Client VPN endpoint in the VPC) call one custom name that resolves to an internal ALB, which forwards to the
 * execute-api endpoint; a custom domain name routes the Host.
 */
import type { Matrix } from "../../connectivity/matrix";
import type { StackModel } from "../../connectivity/model";
import {
  admitsNamedPrincipals,
  type Arrival,
  clientNetworkRequests,
  OUTSIDE_PRINCIPAL,
  printedCurl,
} from "../../connectivity/clients";
import { without, withAttribute, withoutAll, withoutStatement, withResource } from "../../connectivity/mutate";

const vpcResolver = "${aws_vpc.network_vpc.id}";
const customUrl = "https://${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name}/health";
/** A client network's call of the custom name, resolved by the VPC's resolver (forwarded to it, or the VPN's DNS server). */
const customNameCall = { url: customUrl, dns: vpcResolver, signed: true } as const;

/** The client networks whose return path the stack builds (routes, an attachment, propagation). */
const routedHere: readonly Arrival[] = ["vpc-peering", "transit-gateway", "vpn-gateway"];
const routedClients = (model: StackModel) => clientNetworkRequests(model, routedHere, customNameCall);
const clientVpnClients = (model: StackModel) => clientNetworkRequests(model, ["client-vpn"], customNameCall);
const everyClient = (model: StackModel) => [...routedClients(model), ...clientVpnClients(model)];

const inVpcCall = { from: vpcResolver, url: customUrl, signed: true } as const;
/** A call from the VPC to the endpoint itself: it would skip the ALB's access logs and TLS policy. */
const inVpcBypass = {
  from: vpcResolver,
  url: "https://${aws_api_gateway_rest_api.api_rest_api.id}-${aws_vpc_endpoint.execute_api_endpoint.id}.execute-api.eu-west-1.amazonaws.com/${aws_api_gateway_stage.api_stage.stage_name}/health",
  signed: true,
} as const;

/** The ALB's HTTPS and HTTP rules admitting client networks that arrive by `arrival`. */
const clientRules = (model: StackModel, arrival: Arrival) =>
  model.securityGroups.flatMap((group) => group.rules.filter((rule) => rule.tags?.["arrives-via"] === arrival));

const privateDomain = (model: StackModel): boolean =>
  model.domainNames.some((domain) => domain.types.includes("PRIVATE"));
const awsIam = (model: StackModel): boolean => model.methods.some((method) => method.authorization === "AWS_IAM");
const hasClientVpn = (model: StackModel): boolean => clientRules(model, "client-vpn").length > 0;
/** Whether a security group has the stack's rule of this address (the VPC's, by its construct id). */
const hasRule = (model: StackModel, address: string): boolean =>
  model.securityGroups.some((group) => group.rules.some((rule) => rule.address === address));
/** alb.admitVpc: the ALB admits the VPC itself. */
const albAdmitsVpc = (model: StackModel): boolean =>
  hasRule(model, "aws_vpc_security_group_ingress_rule.front_from_https_vpc");
/** endpoint.directVpcAccess: the endpoint admits the VPC itself, so callers there may skip the ALB. */
const endpointAdmitsVpc = (model: StackModel): boolean =>
  hasRule(model, "aws_vpc_security_group_ingress_rule.execute_api_https_from_vpc");

/** The matrix: requests, the promised outcome, and the gaps of the shipped environments. */
export const matrix: Matrix = {
  topology: "alb-front",
  example: {
    description: "a Client VPN user (NATed to the endpoint's interfaces in the VPC) calls the custom name",
    environment: "prod",
    request: {
      from: "${aws_vpc.network_vpc.id}",
      securityGroups: ["sg-0e1f2a3b4c5d6e7f8"],
      dns: "${aws_vpc.network_vpc.id}",
      url: "https://api.internal.example.com/health",
      signed: true,
    },
    outcome: "ok",
  },
  rows: [
    {
      client: "client network the stack routes (VPC peering, transit gateway, VPN gateway)",
      url: "custom name /health (signed)",
      request: routedClients,
      expect: { outcome: "ok" },
    },
    {
      client: "Client VPN user (NATed to its interfaces in the VPC, admitted by its security group)",
      url: "custom name /health (signed)",
      request: clientVpnClients,
      expect: { outcome: "ok" },
    },
    {
      client: "every client network",
      url: "the curl_command output, as printed (signed where the API uses AWS_IAM)",
      request: (model, stack) => {
        const printed = printedCurl(stack);
        return printed === undefined ? [] : everyClient(model).map((request) => ({ ...request, ...printed }));
      },
      expect: { outcome: "ok" },
    },
    {
      client: "a synthetic check in the VPC (alb.admitVpc), else in each client network",
      url: "the synthetic_check output's URL, signed as it says",
      request: (model, stack) => {
        const check = stack.hcl.outputs.synthetic_check as { url?: string; signed?: boolean } | undefined;
        if (check?.url === undefined) return [];
        const call = { url: check.url, signed: check.signed === true };
        return albAdmitsVpc(model)
          ? [{ from: vpcResolver, ...call }]
          : everyClient(model).map((request) => ({ ...request, ...call }));
      },
      expect: { outcome: "ok" },
    },
    {
      client:
        "every client network, unsigned, where the API uses AWS_IAM and admits the organisation's principals only",
      url: "custom name /health (unsigned: anonymous, so no principal the policies admit)",
      request: (model, stack) =>
        awsIam(model) && admitsNamedPrincipals(stack)
          ? everyClient(model).map((request) => ({ ...request, signed: false }))
          : [],
      expect: { outcome: "forbidden", hop: "policy" },
    },
    {
      client: "every client network, signed by a principal of another organisation",
      url: "custom name /health (signed)",
      request: (model, stack) =>
        admitsNamedPrincipals(stack)
          ? everyClient(model).map((request) => ({ ...request, principal: OUTSIDE_PRINCIPAL }))
          : [],
      expect: { outcome: "forbidden", hop: "policy" },
    },
    {
      client: "instance in the VPC",
      url: "custom name /health (signed), through the ALB (alb.admitVpc)",
      request: (model) => (albAdmitsVpc(model) ? [inVpcCall] : []),
      expect: { outcome: "ok" },
    },
    {
      client: "instance in the VPC",
      url: "{api-id}-{vpce-id} alias URL (signed), skipping the ALB (unless endpoint.directVpcAccess)",
      request: (model) => (endpointAdmitsVpc(model) ? [] : [inVpcBypass]),
      expect: { outcome: "dropped", hop: "security-group" },
    },
  ],
  mutations: [
    {
      name: "without the routes back to the client networks, their replies cannot return",
      changes: () => [withoutAll("aws_route", (name) => name.startsWith("client_networks_route_"))],
      appliesTo: (model) => routedClients(model).length > 0,
      request: (model) => clientNetworkRequests(model, ["vpc-peering", "transit-gateway"], customNameCall),
      expect: { outcome: "no-route", hop: "route" },
    },
    {
      name: "without the VPC's transit gateway attachment, the routes to the transit gateway carry nothing",
      changes: () => [withoutAll("aws_ec2_transit_gateway_vpc_attachment")],
      appliesTo: (model) => model.transitGatewayAttachments.length > 0,
      request: (model) => clientNetworkRequests(model, ["transit-gateway"], customNameCall),
      expect: { outcome: "no-route", hop: "route" },
    },
    {
      name: "with alb.admitVpc off, the Client VPN's users still arrive: its security group is admitted, not the VPC",
      changes: () => [
        withoutAll("aws_vpc_security_group_ingress_rule", (name) => /^front_from_https?_vpc$/.test(name)),
      ],
      appliesTo: hasClientVpn,
      request: clientVpnClients,
      expect: { outcome: "ok" },
    },
    {
      name: "with alb.admitVpc off and the Client VPN admitted by its pool (as before), its NATed users are dropped",
      changes: (_stack, model) => [
        withoutAll("aws_vpc_security_group_ingress_rule", (name) => /^front_from_https?_vpc$/.test(name)),
        ...clientRules(model, "client-vpn").flatMap((rule) => [
          withAttribute(rule.address, "referenced_security_group_id", undefined),
          withAttribute(rule.address, "cidr_ipv4", "172.16.0.0/22"),
        ]),
      ],
      appliesTo: hasClientVpn,
      // The rule no longer names the group; the users arrive with it all the same.
      request: (model) =>
        clientRules(model, "client-vpn")
          .filter((rule) => rule.fromPort === 443)
          .map(() => ({ ...customNameCall, from: vpcResolver, securityGroups: ["sg-0c0c0c0c0c0c0c0c0"] })),
      expect: { outcome: "dropped", hop: "security-group" },
    },
    {
      name: "without the base path mapping, no API is selected (seed 000's first attempt)",
      changes: () => [without("aws_api_gateway_base_path_mapping.custom_domain_mapping")],
      request: everyClient,
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
    {
      name: "with the ALB's HTTPS rules for the client networks moved to port 8443, the ALB drops them",
      changes: (_stack, model) =>
        model.securityGroups
          .flatMap((group) => group.rules)
          .filter((rule) => rule.tags?.["client-network"] !== undefined && rule.fromPort === 443)
          .flatMap((rule) => [
            withAttribute(rule.address, "from_port", 8443),
            withAttribute(rule.address, "to_port", 8443),
          ]),
      // The clients whose rules now admit 8443, calling on 443 as before.
      request: (model) => clientNetworkRequests(model, routedHere, customNameCall, 8443),
      appliesTo: (model) => routedClients(model).length > 0,
      expect: { outcome: "dropped", hop: "security-group" },
    },
    {
      name: "without the access association, the private domain refuses the endpoint",
      changes: () => [without("aws_api_gateway_domain_name_access_association.custom_domain_access_association")],
      appliesTo: privateDomain,
      request: everyClient,
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
    {
      name: "without the domain policy's Allow, the private domain refuses the call",
      changes: () => [withoutStatement("aws_api_gateway_domain_name.custom_domain_domain_name", "AllowInvoke")],
      appliesTo: privateDomain,
      request: everyClient,
      expect: { outcome: "forbidden", hop: "policy" },
    },
    {
      name: "without the endpoint's rule admitting the ALB (by group), the endpoint drops the ALB",
      changes: () => [without("aws_vpc_security_group_ingress_rule.execute_api_https_from_alb")],
      request: everyClient,
      expect: { outcome: "dropped", hop: "security-group" },
    },
    {
      name: "without the ALB's rule for the VPC (alb.admitVpc off), callers in the VPC cannot use the custom name",
      changes: () => [without("aws_vpc_security_group_ingress_rule.front_from_https_vpc")],
      request: inVpcCall,
      expect: { outcome: "dropped", hop: "security-group" },
    },
    {
      name: "with the endpoint admitting the whole VPC (endpoint.directVpcAccess), callers in the VPC can skip the ALB",
      changes: (_stack, model) => [
        withResource("aws_vpc_security_group_ingress_rule.execute_api_https_from_vpc", {
          security_group_id: "${aws_security_group.execute_api_security_group.id}",
          cidr_ipv4: model.vpcs.find((vpc) => vpc.address === "aws_vpc.network_vpc")?.cidr ?? "",
          ip_protocol: "tcp",
          from_port: 443,
          to_port: 443,
        }),
      ],
      request: inVpcBypass,
      expect: { outcome: "ok" },
    },
  ],
};

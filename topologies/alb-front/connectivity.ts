/**
 * alb-front: who reaches the private API. VPN and peered client networks call one custom name that resolves to
 * an internal ALB, which forwards to the execute-api endpoint; a custom domain name routes the Host.
 */
import type { Matrix } from "../../connectivity/matrix";
import type { StackModel } from "../../connectivity/model";
import {
  without,
  withAttribute,
  withoutStatement,
  withResource,
  withRoutes,
  type Change,
} from "../../connectivity/mutate";

const vpn = "${aws_vpc_security_group_ingress_rule.front_from_https_vpn.cidr_ipv4}";
const vpcResolver = "${aws_vpc.network_vpc.id}";
const customUrl = "https://${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name}/health";
const vpnCall = { from: vpn, url: customUrl, dns: vpcResolver, signed: true } as const;

const inVpcCall = { from: vpcResolver, url: customUrl, signed: true } as const;
/** A call from the VPC to the endpoint itself: it would skip the ALB's access logs and TLS policy. */
const inVpcBypass = {
  from: vpcResolver,
  url: "https://${aws_api_gateway_rest_api.api_rest_api.id}-${aws_vpc_endpoint.execute_api_endpoint.id}.execute-api.eu-west-1.amazonaws.com/v1/health",
  signed: true,
} as const;

/** The client networks' supernet (the VPN pools of every environment lie in it). */
const vpnPool = "172.16.0.0/12";

/** The missing return route, added for the mutations: the VPN pool routed back through a transit gateway. */
const routedBack = (): Change[] => [withRoutes(vpcResolver, vpnPool, { transit_gateway_id: "tgw-0123456789abcdef0" })];

const privateDomain = (model: StackModel): boolean =>
  model.domainNames.some((domain) => domain.types.includes("PRIVATE"));
const awsIam = (model: StackModel): boolean => model.methods.some((method) => method.authorization === "AWS_IAM");

/** The matrix: requests, the promised outcome, and the gaps of the shipped environments. */
export const matrix: Matrix = {
  topology: "alb-front",
  example: {
    description: "a VPN client calls the custom name through the VPC's resolver",
    environment: "prod",
    request: {
      from: "172.16.8.10",
      dns: "${aws_vpc.network_vpc.id}",
      url: "https://api.internal.example.com/health",
      signed: true,
    },
    outcome: "no-route",
  },
  rows: [
    {
      client: "VPN client (pool admitted by the ALB)",
      url: "custom name /health (signed)",
      request: vpnCall,
      expect: { outcome: "ok" },
      shipped: [
        {
          outcome: "no-route",
          hop: "route",
          gap: "the VPC's route tables have no route back to the client networks (no transit gateway, VPN or peering route), so replies never return",
        },
      ],
    },
    {
      client: "instance in the VPC",
      url: "custom name /health (signed), through the ALB (alb.admitVpc)",
      request: inVpcCall,
      expect: { outcome: "ok" },
    },
    {
      client: "instance in the VPC",
      url: "{api-id}-{vpce-id} alias URL (signed), skipping the ALB",
      request: inVpcBypass,
      expect: { outcome: "dropped", hop: "security-group" },
    },
  ],
  mutations: [
    {
      name: "with a route back to the VPN pool, the VPN client reaches the API through the ALB",
      changes: routedBack,
      request: vpnCall,
      expect: { outcome: "ok" },
    },
    {
      name: "with a route back, the curl_command as printed (unsigned) against AWS_IAM: gap, prod's command is unsigned",
      changes: routedBack,
      appliesTo: awsIam,
      request: { ...vpnCall, signed: false },
      expect: { outcome: "missing-authentication-token", hop: "stage" },
    },
    {
      name: "with a route back but without the base path mapping, no API is selected (seed 000's first attempt)",
      changes: () => [...routedBack(), without("aws_api_gateway_base_path_mapping.custom_domain_mapping")],
      request: vpnCall,
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
    {
      name: "with a route back but the ALB's rule for the VPN pool moved to port 8443, the ALB drops it",
      changes: () => [
        ...routedBack(),
        withAttribute("aws_vpc_security_group_ingress_rule.front_from_https_vpn", "from_port", 8443),
        withAttribute("aws_vpc_security_group_ingress_rule.front_from_https_vpn", "to_port", 8443),
      ],
      request: vpnCall,
      expect: { outcome: "dropped", hop: "security-group" },
    },
    {
      name: "with a route back but without the access association, the private domain refuses the endpoint",
      changes: () => [
        ...routedBack(),
        without("aws_api_gateway_domain_name_access_association.custom_domain_access_association"),
      ],
      appliesTo: privateDomain,
      request: vpnCall,
      expect: { outcome: "forbidden", hop: "api-selection" },
    },
    {
      name: "with a route back but without the domain policy's Allow, the private domain refuses the call",
      changes: () => [
        ...routedBack(),
        withoutStatement("aws_api_gateway_domain_name.custom_domain_domain_name", "AllowInvoke"),
      ],
      appliesTo: privateDomain,
      request: vpnCall,
      expect: { outcome: "forbidden", hop: "policy" },
    },
    {
      name: "with a route back but without the endpoint's rule admitting the ALB (by group), the endpoint drops the ALB",
      changes: () => [...routedBack(), without("aws_vpc_security_group_ingress_rule.execute_api_https_from_alb")],
      request: vpnCall,
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

/*
 * What the emulator's inventory (emulator.py `inventory`) lists, by Terraform resource type. The
 * lifecycle calls a destroy clean when the inventory after it equals the one before; that proves
 * something only for the resource types the inventory lists, or that cannot outlive one it lists.
 * A stack holding any other type is refused before it runs, naming the type, so a new topology's
 * resource never passes "destroy leaves nothing behind" without being looked for.
 */

/** Resource types the inventory lists, with the inventory kind that lists them. */
export const INVENTORIED: Readonly<Record<string, string>> = {
  aws_vpc: "ec2 vpc",
  aws_subnet: "ec2 subnet",
  aws_route_table: "ec2 route table",
  aws_security_group: "ec2 security group",
  aws_vpc_endpoint: "ec2 vpc endpoint",
  aws_flow_log: "ec2 flow log",
  aws_vpc_peering_connection: "ec2 vpc peering",
  aws_vpn_gateway: "ec2 vpn gateway",
  aws_ec2_managed_prefix_list: "ec2 managed prefix list",
  aws_ec2_transit_gateway_vpc_attachment: "ec2 transit gateway vpc attachment",
  aws_internet_gateway: "ec2 internet gateway",
  aws_nat_gateway: "ec2 nat gateway",
  aws_eip: "ec2 elastic ip",
  aws_api_gateway_rest_api: "apigateway rest api",
  aws_api_gateway_domain_name: "apigateway domain name",
  aws_cloudwatch_log_group: "logs log group",
  aws_kms_key: "kms key (not pending deletion)",
  aws_kms_alias: "kms alias",
  aws_lb: "elbv2 load balancer",
  aws_lb_target_group: "elbv2 target group",
  aws_acm_certificate: "acm certificate",
  aws_route53_resolver_endpoint: "route53resolver endpoint",
  aws_iam_role: "iam role",
  aws_route53_zone: "route53 hosted zone",
};

/**
 * Resource types the inventory does not list, and why a clean inventory still covers them: each
 * lives inside a listed resource (and goes with it) or is no resource that can be left behind.
 */
export const COVERED_OTHERWISE: Readonly<Record<string, string>> = {
  aws_default_security_group: "the VPC's own default group, gone with the VPC",
  aws_route: "a route of a listed route table",
  aws_route_table_association: "an association of a listed route table",
  aws_vpc_security_group_ingress_rule: "a rule of a listed security group",
  aws_vpc_security_group_egress_rule: "a rule of a listed security group",
  aws_vpc_endpoint_policy: "the policy of a listed endpoint",
  aws_vpc_peering_connection_accepter: "the accepter side of a listed peering connection",
  aws_vpn_gateway_attachment: "an attachment to a listed VPC, which cannot be deleted while it holds one",
  aws_iam_role_policy: "an inline policy of a listed role",
  aws_iam_role_policy_attachment: "an attachment to a listed role",
  aws_api_gateway_rest_api_policy: "the policy of a listed REST API",
  aws_api_gateway_resource: "a part of a listed REST API",
  aws_api_gateway_method: "a part of a listed REST API",
  aws_api_gateway_method_response: "a part of a listed REST API",
  aws_api_gateway_integration: "a part of a listed REST API",
  aws_api_gateway_integration_response: "a part of a listed REST API",
  aws_api_gateway_request_validator: "a part of a listed REST API",
  aws_api_gateway_deployment: "a part of a listed REST API",
  aws_api_gateway_stage: "a part of a listed REST API",
  aws_api_gateway_method_settings: "a part of a listed REST API's stage",
  aws_api_gateway_base_path_mapping: "a mapping of a listed custom domain name",
  aws_api_gateway_account: "account settings, not a resource: destroying resets them",
  aws_route53_record: "a record of a listed hosted zone",
  aws_lb_listener: "a listener of a listed load balancer",
  aws_lb_target_group_attachment: "a target of a listed target group",
  aws_acm_certificate_validation: "a wait on a listed certificate, nothing in AWS",
};

/**
 * The AWS resource types of `types` the inventory neither lists nor covers otherwise (a type of
 * another provider, such as `terraform_data`, lives in Terraform's state only).
 */
export function uninventoried(types: Iterable<string>): string[] {
  return [...new Set(types)]
    .filter((type) => type.startsWith("aws_") && !(type in INVENTORIED) && !(type in COVERED_OTHERWISE))
    .sort();
}

/** The resource types of a main.tf. */
export function resourceTypes(hcl: string): string[] {
  return [...hcl.matchAll(/^resource "([a-z0-9_]+)"/gm)].map((match) => match[1] ?? "");
}

/**
 * Which resource types the evaluator reads, and which it knows to play no part in who reaches an
 * API. Anything else in a stack (a transit gateway attachment, a network ACL, a NAT gateway) could
 * change an answer, so the evaluator refuses the stack, naming the resource, rather than answer as
 * if it were not there.
 */
import type { HclDocument } from "./hcl";
import { StackReadError } from "./hcl";

/** Resource types the model reads (connectivity/model.ts). */
export const MODELLED_TYPES: ReadonlySet<string> = new Set([
  "aws_acm_certificate",
  "aws_acm_certificate_validation",
  "aws_api_gateway_base_path_mapping",
  "aws_api_gateway_deployment",
  "aws_api_gateway_domain_name",
  "aws_api_gateway_domain_name_access_association",
  "aws_api_gateway_method",
  "aws_api_gateway_resource",
  "aws_api_gateway_rest_api",
  "aws_api_gateway_rest_api_policy",
  "aws_api_gateway_stage",
  "aws_dx_gateway",
  "aws_dx_gateway_association",
  "aws_dx_gateway_association_proposal",
  "aws_dx_hosted_private_virtual_interface_accepter",
  "aws_dx_private_virtual_interface",
  "aws_dx_transit_virtual_interface",
  "aws_ec2_managed_prefix_list",
  "aws_ec2_transit_gateway_vpc_attachment",
  "aws_eip",
  "aws_internet_gateway",
  "aws_lb",
  "aws_lb_listener",
  "aws_lb_target_group",
  "aws_lb_target_group_attachment",
  "aws_nat_gateway",
  "aws_route",
  "aws_route53_record",
  "aws_route53_resolver_endpoint",
  "aws_route53_zone",
  "aws_route53_zone_association",
  "aws_route_table",
  "aws_route_table_association",
  "aws_security_group",
  "aws_security_group_rule",
  "aws_subnet",
  "aws_vpc",
  "aws_vpc_endpoint",
  "aws_vpc_endpoint_policy",
  "aws_vpc_peering_connection",
  "aws_vpc_peering_connection_accepter",
  "aws_vpc_security_group_egress_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpn_gateway",
  "aws_vpn_gateway_attachment",
  "aws_vpn_gateway_route_propagation",
]);

/**
 * Resource types that play no part in reachability: logging, encryption keys, IAM roles of AWS
 * services, the default security group (stripped of its rules), and the parts of a REST API below
 * its methods (integrations, responses, validators, settings), which shape the answer's body, not
 * whether the call arrives.
 */
export const IRRELEVANT_TYPES: ReadonlySet<string> = new Set([
  "aws_api_gateway_account",
  "aws_api_gateway_integration",
  "aws_api_gateway_integration_response",
  "aws_api_gateway_method_response",
  "aws_api_gateway_method_settings",
  "aws_api_gateway_request_validator",
  "aws_cloudwatch_log_group",
  "aws_default_security_group",
  "aws_flow_log",
  "aws_iam_role",
  "aws_iam_role_policy",
  "aws_iam_role_policy_attachment",
  "aws_kms_alias",
  "aws_kms_key",
]);

/** The addresses of the stack's resources whose type the evaluator neither models nor knows to be irrelevant. */
export function unmodelledResources(hcl: HclDocument): string[] {
  return Object.entries(hcl.resource).flatMap(([type, blocks]) =>
    MODELLED_TYPES.has(type) || IRRELEVANT_TYPES.has(type) ? [] : Object.keys(blocks).map((name) => `${type}.${name}`),
  );
}

/** Fails, naming the resources, when the stack holds a resource the evaluator does not model. */
export function requireModelled(stackName: string, hcl: HclDocument): void {
  const unmodelled = unmodelledResources(hcl);
  if (unmodelled.length > 0) {
    throw new StackReadError(
      `${stackName} holds ${unmodelled.join(", ")}: a resource type the connectivity evaluator does not model, ` +
        "so it cannot say who reaches the API (connectivity/coverage.ts lists what it models)",
    );
  }
}

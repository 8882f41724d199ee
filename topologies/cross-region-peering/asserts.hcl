# terraform test runs for one cross-region-peering stack (STACK is its name), with the mock provider
# of mock-provider.hcl (mocking every aliased provider too). Assertions read the stack's own
# resources and outputs.

# The plan: the zone and where it is associated, the wildcard alias, and the policies.
run "STACK_plan" {
  command = plan
  module {
    source = "./stacks/STACK"
  }
  override_resource {
    target          = aws_vpc_endpoint.execute_api_endpoint
    override_during = plan
    values = {
      id        = "vpce-0123456789abcdef0"
      dns_entry = [{ dns_name = "vpce-0123456789abcdef0-abcdefgh.execute-api.eu-west-1.vpce.amazonaws.com", hosted_zone_id = "Z1" }]
    }
  }
  override_resource {
    target          = aws_api_gateway_rest_api.api_rest_api
    override_during = plan
    values = {
      id            = "a1b2c3d4e5"
      execution_arn = "arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5"
    }
  }
  assert {
    condition     = aws_vpc_endpoint.execute_api_endpoint.private_dns_enabled == true
    error_message = "STACK: the endpoint keeps private DNS on, so the API's VPC calls the default URL"
  }
  assert {
    condition     = length(aws_route53_zone.api_zone_zone.vpc) > 0
    error_message = "STACK: the private zone of the API's name must be associated with the client VPCs"
  }
  assert {
    condition     = alltrue([for vpc in aws_route53_zone.api_zone_zone.vpc : vpc.vpc_region != "eu-west-1"])
    error_message = "STACK: the zone must never be associated with a VPC of the API's region (the endpoint's private DNS owns the domain there)"
  }
  assert {
    condition     = jsondecode(aws_api_gateway_rest_api_policy.api_resource_policy.policy).Statement[1].Condition.StringNotEquals["aws:SourceVpce"] == ["vpce-0123456789abcdef0"]
    error_message = "STACK: the resource policy must name only the API region's endpoint (peered traffic arrives through it)"
  }
}

# After a mocked apply: what a client in another region needs.
run "STACK_apply" {
  command = apply
  module {
    source = "./stacks/STACK"
  }
  assert {
    condition     = length(output.client_vpcs) == length(aws_route53_zone.api_zone_zone.vpc)
    error_message = "STACK: every client VPC must be associated with the zone, and only they"
  }
  assert {
    condition     = aws_route53_zone.api_zone_zone.name == "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"
    error_message = "STACK: the private zone must be this API's default name only, not the region's whole execute-api domain"
  }
  assert {
    condition     = aws_route53_record.api_zone_alias.name == aws_route53_zone.api_zone_zone.name && aws_route53_record.api_zone_alias.alias[0].name == "vpce-0123456789abcdef0-abcdefgh.execute-api.eu-west-1.vpce.amazonaws.com"
    error_message = "STACK: the zone's apex must alias the endpoint's regional DNS name"
  }
  assert {
    condition     = alltrue([for name, client in output.client_vpcs : client.region != "eu-west-1" && client.peering_connection_id == "pcx-0123456789abcdef0" && client.invoke_url == "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1"])
    error_message = "STACK: each client VPC needs its region (not the API's), its peering connection and the URL it calls"
  }
}

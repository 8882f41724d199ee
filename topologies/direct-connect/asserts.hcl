# terraform test runs for one direct-connect stack (STACK is its name), with the mock provider of
# mock-provider.hcl. Assertions read the stack's own resources and outputs.

# The plan a reviewer reads shows the policies, the admitted on-premises networks and the prefixes
# advertised over Direct Connect, with the ids they name known (as in every plan after the first).
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
    condition     = aws_vpc_endpoint.execute_api_endpoint.private_dns_enabled == false
    error_message = "STACK: private DNS must be off, so that the VPC keeps reaching public APIs"
  }
  assert {
    condition     = length(aws_ec2_managed_prefix_list.on_premises_networks.entry) > 0 && aws_vpc_security_group_ingress_rule.execute_api_https_from_on_premises.from_port == 443
    error_message = "STACK: the endpoint must admit HTTPS from the on-premises prefix list"
  }
  assert {
    condition     = length(output.advertised_prefixes) > 0
    error_message = "STACK: the gateway association (or its proposal) must advertise the VPC's prefixes"
  }
  assert {
    condition     = jsondecode(aws_api_gateway_rest_api_policy.api_resource_policy.policy).Statement[1].Condition.StringNotEquals["aws:SourceVpce"] == ["vpce-0123456789abcdef0"]
    error_message = "STACK: the resource policy must be known in the plan and deny calls from outside the endpoint"
  }
}

# Outputs an on-premises client relies on, after a mocked apply (ids from mock-provider.hcl).
run "STACK_apply" {
  command = apply
  module {
    source = "./stacks/STACK"
  }
  assert {
    condition     = startswith(output.curl_command, "curl -sS ") && endswith(output.curl_command, " -H 'x-apigw-api-id: a1b2c3d4e5' https://vpce-0123456789abcdef0-abcdefgh.execute-api.eu-west-1.vpce.amazonaws.com/${output.stage_name}/health")
    error_message = "STACK: curl_command must call the endpoint's regional name with the x-apigw-api-id header"
  }
  assert {
    condition     = strcontains(output.curl_command, "--aws-sigv4 'aws:amz:eu-west-1:execute-api'") == strcontains(output.powershell_command, "--aws-sigv4 'aws:amz:eu-west-1:execute-api'")
    error_message = "STACK: curl_command and powershell_command must both be signed, or neither"
  }
  assert {
    condition     = strcontains(output.powershell_command, "@{'x-apigw-api-id'='a1b2c3d4e5'}") || strcontains(output.powershell_command, "-H 'x-apigw-api-id: a1b2c3d4e5'")
    error_message = "STACK: powershell_command must send the x-apigw-api-id header"
  }
  assert {
    condition     = output.vpce_alias_url == "https://a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.eu-west-1.amazonaws.com/${output.stage_name}"
    error_message = "STACK: vpce_alias_url must be https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com/{stage}"
  }
}

# terraform test runs for one direct-vpce stack (STACK is its name), with the mock provider of
# mock-provider.hcl. Assertions read the stack's own resources and outputs.

# The plan a reviewer reads shows every policy: none waits for apply ("known after apply"). The
# ids the policies name are known here, as they are in every plan after the first apply.
run "STACK_plan" {
  command = plan
  module {
    source = "./stacks/STACK"
  }
  override_resource {
    target          = aws_vpc_endpoint.execute_api_endpoint
    override_during = plan
    values = {
      id = "vpce-0123456789abcdef0"
      # AWS promises no order: the regional name last, after the private DNS name and a zonal one.
      dns_entry = [
        { dns_name = "*.execute-api.eu-west-1.amazonaws.com", hosted_zone_id = "ZHIDDEN" },
        { dns_name = "vpce-0123456789abcdef0-abcdefgh-eu-west-1a.execute-api.eu-west-1.vpce.amazonaws.com", hosted_zone_id = "Z1" },
        { dns_name = "vpce-0123456789abcdef0-abcdefgh.execute-api.eu-west-1.vpce.amazonaws.com", hosted_zone_id = "Z1" },
      ]
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
    condition     = jsondecode(aws_vpc_endpoint_policy.execute_api_policy.policy).Statement[0].Resource == ["arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5/*"]
    error_message = "STACK: the endpoint policy must be known in the plan and name only this API"
  }
  assert {
    condition     = jsondecode(aws_api_gateway_rest_api_policy.api_resource_policy.policy).Statement[1].Condition.StringNotEquals["aws:SourceVpce"] == ["vpce-0123456789abcdef0"]
    error_message = "STACK: the resource policy must be known in the plan and deny calls from outside the endpoint"
  }
}

# Outputs a client relies on, after a mocked apply (ids from mock-provider.hcl).
run "STACK_apply" {
  command = apply
  module {
    source = "./stacks/STACK"
  }
  assert {
    condition     = output.vpce_alias_url == "https://a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.eu-west-1.amazonaws.com/${output.stage_name}"
    error_message = "STACK: vpce_alias_url must be https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com/{stage}"
  }
  assert {
    condition     = output.vpc_endpoint_id == "vpce-0123456789abcdef0" && output.rest_api_id == "a1b2c3d4e5"
    error_message = "STACK: vpc_endpoint_id and rest_api_id must come from the endpoint and the API"
  }
  assert {
    condition     = output.invoke_url == "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1" && length(output.stage_name) > 0
    error_message = "STACK: invoke_url must be the stage's invoke URL and stage_name the stage"
  }
  assert {
    condition     = output.vpc_endpoint_dns_names == ["vpce-0123456789abcdef0-abcdefgh.execute-api.eu-west-1.vpce.amazonaws.com"]
    error_message = "STACK: vpc_endpoint_dns_names must hold the callable names and not the private DNS wildcard"
  }
}

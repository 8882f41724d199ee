# terraform test runs for one alb-front stack (STACK is its name), with the mock provider of
# mock-provider.hcl. Assertions read the stack's own resources and outputs.

# The plan a reviewer reads shows the ALB's targets and every policy, with the ids they name known
# (as in every plan after the first apply): nothing the ALB forwards to waits for apply.
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
    condition     = length(output.target_ips) >= 2 && alltrue([for address in values(output.target_ips) : can(cidrhost("${address}/32", 0))])
    error_message = "STACK: the ALB's targets must be the endpoint's fixed addresses, one per zone, known in the plan"
  }
  assert {
    condition     = aws_lb.front_alb.internal && aws_lb.front_alb.drop_invalid_header_fields
    error_message = "STACK: the ALB must be internal and drop invalid header fields"
  }
  assert {
    condition     = aws_lb_target_group.front_execute_api_targets.target_type == "ip" && aws_lb_target_group.front_execute_api_targets.protocol == "HTTPS" && aws_lb_target_group.front_execute_api_targets.health_check[0].matcher == "200,403"
    error_message = "STACK: the target group must be IP over HTTPS, healthy on 200 and 403"
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
    condition     = startswith(output.custom_url, "https://") && endswith(output.custom_url, "/")
    error_message = "STACK: custom_url must be the https URL of the custom name"
  }
  assert {
    condition     = endswith(output.curl_command, " ${output.custom_url}health") && startswith(output.curl_command, "curl -sS ")
    error_message = "STACK: curl_command must call the example method through the custom name"
  }
  assert {
    condition     = output.synthetic_check.url == "${output.custom_url}health"
    error_message = "STACK: synthetic_check must call the example method through the custom name"
  }
  assert {
    condition     = output.alb_dns_name == "internal-mock-123456789.eu-west-1.elb.amazonaws.com"
    error_message = "STACK: alb_dns_name must come from the ALB"
  }
  assert {
    condition     = aws_route53_record.dns_alias.alias[0].name == output.alb_dns_name
    error_message = "STACK: the custom name must be an alias of the ALB"
  }
}

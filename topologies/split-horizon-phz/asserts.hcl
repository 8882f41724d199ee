# terraform test runs for one split-horizon-phz stack (STACK is its name), with the mock provider of
# mock-provider.hcl. The same assertions hold in both modes: they read the stack's outputs, which
# list every zone and every configured name.

# The plan: the endpoint's private DNS setting and the policies a reviewer reads, with ids known.
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
    condition     = jsondecode(aws_api_gateway_rest_api_policy.api_resource_policy.policy).Statement[1].Condition.StringNotEquals["aws:SourceVpce"] == ["vpce-0123456789abcdef0"]
    error_message = "STACK: the resource policy must be known in the plan and deny calls from outside the endpoint"
  }
  assert {
    condition     = contains(jsondecode(aws_vpc_endpoint_policy.execute_api_policy.policy).Statement[0].Resource, "arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5/*")
    error_message = "STACK: the endpoint policy must let clients invoke the stack's API"
  }
}

# After a mocked apply: the zones and where each name resolves inside the VPC.
run "STACK_apply" {
  command = apply
  module {
    source = "./stacks/STACK"
  }
  assert {
    condition     = length(output.private_zone_ids) > 0
    error_message = "STACK: the split horizon needs at least one private hosted zone"
  }
  assert {
    condition     = alltrue([for zone in keys(output.private_zone_ids) : zone != "execute-api.eu-west-1.amazonaws.com" && !endswith("execute-api.eu-west-1.amazonaws.com", ".${zone}") && !strcontains(zone, "*")])
    error_message = "STACK: no zone may capture the whole execute-api domain (it would re-capture every public default URL)"
  }
  assert {
    condition     = aws_vpc_endpoint.execute_api_endpoint.private_dns_enabled == (length([for zone in keys(output.private_zone_ids) : zone if endswith(zone, ".execute-api.eu-west-1.amazonaws.com")]) == 0)
    error_message = "STACK: zones under the execute-api domain only with the endpoint's private DNS off (never both answering one name), and private DNS on otherwise"
  }
  assert {
    condition     = output.name_resolution["a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"].resolves_to == "vpce-0123456789abcdef0-abcdefgh.execute-api.eu-west-1.vpce.amazonaws.com"
    error_message = "STACK: the private API's default name must resolve to the endpoint inside the VPC"
  }
  assert {
    condition     = alltrue([for name, where in output.name_resolution : can(regex("^API Gateway's public addresses \\(alias to d-[a-z0-9]+\\.execute-api\\.eu-west-1\\.amazonaws\\.com\\)$", where.resolves_to)) if !endswith(name, "execute-api.eu-west-1.amazonaws.com")])
    error_message = "STACK: every public custom name must resolve to API Gateway's public addresses through an alias to its API's regional domain name inside the VPC"
  }
  assert {
    condition     = contains(["nat-gateway", "transit-gateway", "routed-outside"], output.internet_egress.via)
    error_message = "STACK: the VPC needs a way to the internet for the public APIs it keeps resolvable"
  }
  assert {
    condition     = output.invoke_url == "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1"
    error_message = "STACK: invoke_url must be the private API's default URL, which the split horizon keeps working"
  }
}

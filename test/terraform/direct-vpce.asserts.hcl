  # Outputs a client of STACK relies on, after a mocked apply (ids from mock-provider.hcl).
  assert {
    condition     = can(regex("^https://a1b2c3d4e5-vpce-0123456789abcdef0\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com/${module.STACK.stage_name}$", module.STACK.vpce_alias_url))
    error_message = "STACK: vpce_alias_url must be https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com/{stage}"
  }
  assert {
    condition     = module.STACK.vpc_endpoint_id == "vpce-0123456789abcdef0" && module.STACK.rest_api_id == "a1b2c3d4e5"
    error_message = "STACK: vpc_endpoint_id and rest_api_id must come from the endpoint and the API"
  }
  assert {
    condition     = module.STACK.invoke_url == "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1" && length(module.STACK.stage_name) > 0
    error_message = "STACK: invoke_url must be the stage's invoke URL and stage_name the stage"
  }

# Mocked AWS for `terraform test` (run by `npm run validate`): the plan and apply use the real
# provider schema, but no AWS API. Defaults are set where the provider validates a value's shape
# (ARNs) or where outputs and policies compose ids. Plan runs that must see ids add their own
# `override_resource` blocks with `override_during = plan`.
mock_provider "aws" {
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:111111111111:log-group:mock"
    }
  }
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::111111111111:role/mock"
    }
  }
  mock_resource "aws_vpc_endpoint" {
    defaults = {
      id = "vpce-0123456789abcdef0"
      dns_entry = [
        { dns_name = "vpce-0123456789abcdef0-abcdefgh.execute-api.eu-west-1.vpce.amazonaws.com", hosted_zone_id = "Z1" },
        { dns_name = "*.execute-api.eu-west-1.amazonaws.com", hosted_zone_id = "Z2" },
      ]
    }
  }
  mock_resource "aws_api_gateway_rest_api" {
    defaults = {
      id            = "a1b2c3d4e5"
      execution_arn = "arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5"
    }
  }
  mock_resource "aws_api_gateway_stage" {
    defaults = {
      invoke_url = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1"
    }
  }
}

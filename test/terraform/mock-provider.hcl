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
  mock_resource "aws_lb" {
    defaults = {
      arn      = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/mock/0123456789abcdef"
      dns_name = "internal-mock-123456789.eu-west-1.elb.amazonaws.com"
      zone_id  = "Z32O12XQLNTSW2"
    }
  }
  mock_resource "aws_lb_target_group" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/mock/0123456789abcdef"
    }
  }
  mock_resource "aws_acm_certificate" {
    defaults = {
      arn = "arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000"
      domain_validation_options = [
        {
          domain_name           = "mock.example.com"
          resource_record_name  = "_0123.mock.example.com."
          resource_record_type  = "CNAME"
          resource_record_value = "_4567.acm-validations.aws."
        },
      ]
    }
  }
  mock_resource "aws_acm_certificate_validation" {
    defaults = {
      certificate_arn = "arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000"
    }
  }
  mock_resource "aws_api_gateway_domain_name" {
    defaults = {
      arn            = "arn:aws:apigateway:eu-west-1::/domainnames/mock.example.com+abcdef1234"
      domain_name_id = "abcdef1234"
    }
  }
  mock_data "aws_api_gateway_domain_name" {
    defaults = {
      regional_domain_name = "d-mock123456.execute-api.eu-west-1.amazonaws.com"
      regional_zone_id     = "ZLY8HYME6SFDD"
    }
  }
  mock_resource "aws_vpc_peering_connection" {
    defaults = {
      id = "pcx-0123456789abcdef0"
    }
  }
  mock_resource "aws_route53_zone" {
    defaults = {
      zone_id = "Z0MOCKZONE0000000001"
    }
  }
  mock_resource "aws_ec2_managed_prefix_list" {
    defaults = {
      id = "pl-0123456789abcdef0"
    }
  }
  mock_resource "aws_dx_gateway" {
    defaults = {
      id = "5f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
    }
  }
  mock_resource "aws_vpn_gateway" {
    defaults = {
      id = "vgw-0123456789abcdef0"
    }
  }
}

terraform {
  required_providers {
    aws = {
      version = "6.25.0"
      source  = "hashicorp/aws"
    }
  }
  backend "s3" {
    key          = "private-api/split-horizon-phz-staging/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
  required_version = ">= 1.11.0"
}

locals {
  execute_api_regional_dns_entry = one([for entry in aws_vpc_endpoint.execute_api_endpoint.dns_entry : entry if can(regex("^vpce-[0-9a-f]+-[0-9a-z]+[.]execute-api[.][a-z0-9-]+[.]vpce[.]amazonaws[.]com$", entry.dns_name))])
}

provider "aws" {
  allowed_account_ids = [
    "222222222222"
  ]
  region = "eu-west-1"
  default_tags {
    tags = {
      owner       = "platform-networking"
      cost-center = "1234"
      environment = "staging"
      topology    = "split-horizon-phz"
      managed-by  = "cdktf"
    }
  }
}

resource "aws_vpc" "network_vpc" {
  cidr_block           = "10.23.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = {
    Name = "split-horizon-phz-staging-vpc"
  }
}

resource "aws_default_security_group" "network_default_security_group" {
  tags = {
    Name = "split-horizon-phz-staging-default-deny"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_subnet_eu-west-1a" {
  availability_zone       = "eu-west-1a"
  cidr_block              = "10.23.0.0/24"
  map_public_ip_on_launch = false
  tags = {
    Name = "split-horizon-phz-staging-private-eu-west-1a"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_subnet_eu-west-1b" {
  availability_zone       = "eu-west-1b"
  cidr_block              = "10.23.1.0/24"
  map_public_ip_on_launch = false
  tags = {
    Name = "split-horizon-phz-staging-private-eu-west-1b"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_route_table_eu-west-1a" {
  tags = {
    Name = "split-horizon-phz-staging-private-eu-west-1a"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_route_table_eu-west-1b" {
  tags = {
    Name = "split-horizon-phz-staging-private-eu-west-1b"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table_association" "network_route_table_association_eu-west-1a" {
  route_table_id = aws_route_table.network_route_table_eu-west-1a.id
  subnet_id      = aws_subnet.network_subnet_eu-west-1a.id
}

resource "aws_route_table_association" "network_route_table_association_eu-west-1b" {
  route_table_id = aws_route_table.network_route_table_eu-west-1b.id
  subnet_id      = aws_subnet.network_subnet_eu-west-1b.id
}

resource "aws_route" "network_default_route_eu-west-1a" {
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.network_nat_gateway_eu-west-1a.id
  route_table_id         = aws_route_table.network_route_table_eu-west-1a.id
}

resource "aws_route" "network_default_route_eu-west-1b" {
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.network_nat_gateway_eu-west-1b.id
  route_table_id         = aws_route_table.network_route_table_eu-west-1b.id
}

resource "aws_internet_gateway" "network_internet_gateway" {
  tags = {
    Name = "split-horizon-phz-staging-vpc"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_public_route_table" {
  tags = {
    Name = "split-horizon-phz-staging-public"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route" "network_public_default_route" {
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.network_internet_gateway.id
  route_table_id         = aws_route_table.network_public_route_table.id
}

resource "aws_subnet" "network_public_subnet_eu-west-1a" {
  availability_zone       = "eu-west-1a"
  cidr_block              = "10.23.128.0/28"
  map_public_ip_on_launch = false
  tags = {
    Name = "split-horizon-phz-staging-public-eu-west-1a"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_subnet_eu-west-1b" {
  availability_zone       = "eu-west-1b"
  cidr_block              = "10.23.128.16/28"
  map_public_ip_on_launch = false
  tags = {
    Name = "split-horizon-phz-staging-public-eu-west-1b"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table_association" "network_public_route_table_association_eu-west-1a" {
  route_table_id = aws_route_table.network_public_route_table.id
  subnet_id      = aws_subnet.network_public_subnet_eu-west-1a.id
}

resource "aws_route_table_association" "network_public_route_table_association_eu-west-1b" {
  route_table_id = aws_route_table.network_public_route_table.id
  subnet_id      = aws_subnet.network_public_subnet_eu-west-1b.id
}

resource "aws_eip" "network_nat_eip_eu-west-1a" {
  domain = "vpc"
  tags = {
    Name = "split-horizon-phz-staging-nat-eu-west-1a"
  }
}

resource "aws_eip" "network_nat_eip_eu-west-1b" {
  domain = "vpc"
  tags = {
    Name = "split-horizon-phz-staging-nat-eu-west-1b"
  }
}

resource "aws_nat_gateway" "network_nat_gateway_eu-west-1a" {
  allocation_id     = aws_eip.network_nat_eip_eu-west-1a.allocation_id
  connectivity_type = "public"
  subnet_id         = aws_subnet.network_public_subnet_eu-west-1a.id
  tags = {
    Name = "split-horizon-phz-staging-nat-eu-west-1a"
  }
  depends_on = [
    aws_internet_gateway.network_internet_gateway,
  ]
}

resource "aws_nat_gateway" "network_nat_gateway_eu-west-1b" {
  allocation_id     = aws_eip.network_nat_eip_eu-west-1b.allocation_id
  connectivity_type = "public"
  subnet_id         = aws_subnet.network_public_subnet_eu-west-1b.id
  tags = {
    Name = "split-horizon-phz-staging-nat-eu-west-1b"
  }
  depends_on = [
    aws_internet_gateway.network_internet_gateway,
  ]
}

resource "aws_cloudwatch_log_group" "network_flow_logs" {
  #checkov:skip=CKV_AWS_158:CloudWatch Logs encrypts this log group at rest with an AWS-owned key; the environment did not ask for a customer-managed key (logEncryption)
  #checkov:skip=CKV_AWS_338:retention is the environment's logRetentionDays, shorter than a year by choice outside production
  name              = "/aws/vpc/flow-logs/split-horizon-phz-staging"
  retention_in_days = 90
}

resource "aws_iam_role" "network_flow_logs_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "vpc-flow-logs.amazonaws.com"
        }
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = "222222222222"
          }
          ArnLike = {
            "aws:SourceArn" = "arn:aws:ec2:eu-west-1:222222222222:vpc-flow-log/*"
          }
        }
      },
    ]
  })
  description = "Lets VPC flow logs of this account deliver to the VPC's flow-log group"
  name        = "split-horizon-phz-staging-vpc-flow-logs"
}

resource "aws_iam_role_policy" "network_flow_logs_policy" {
  name = "write-flow-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "logs:DescribeLogStreams",
        ]
        Resource = "${aws_cloudwatch_log_group.network_flow_logs.arn}:*"
      },
      {
        Effect   = "Allow"
        Action   = "logs:DescribeLogGroups"
        Resource = "arn:aws:logs:eu-west-1:222222222222:log-group:*"
      },
    ]
  })
  role = aws_iam_role.network_flow_logs_role.id
}

resource "aws_flow_log" "network_flow_log" {
  iam_role_arn             = aws_iam_role.network_flow_logs_role.arn
  log_destination          = aws_cloudwatch_log_group.network_flow_logs.arn
  log_destination_type     = "cloud-watch-logs"
  max_aggregation_interval = 60
  tags = {
    Name = "split-horizon-phz-staging-vpc"
  }
  traffic_type = "ALL"
  vpc_id       = aws_vpc.network_vpc.id
  depends_on = [
    aws_iam_role_policy.network_flow_logs_policy,
  ]
}

resource "aws_security_group" "execute_api_security_group" {
  description = "execute-api interface endpoint: HTTPS from the VPC and named client networks only"
  name_prefix = "split-horizon-phz-staging-execute-api-endpoint-"
  tags = {
    Name = "split-horizon-phz-staging-execute-api-endpoint"
  }
  vpc_id = aws_vpc.network_vpc.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "execute_api_https_from_vpc" {
  cidr_ipv4         = "10.23.0.0/16"
  description       = "HTTPS from the VPC"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.execute_api_security_group.id
  to_port           = 443
}

resource "aws_vpc_endpoint" "execute_api_endpoint" {
  private_dns_enabled = false
  security_group_ids = [
    aws_security_group.execute_api_security_group.id
  ]
  service_name = "com.amazonaws.eu-west-1.execute-api"
  subnet_ids = [
    aws_subnet.network_subnet_eu-west-1a.id,
    aws_subnet.network_subnet_eu-west-1b.id
  ]
  tags = {
    Name = "split-horizon-phz-staging-execute-api"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.network_vpc.id
  lifecycle {
    postcondition {
      condition     = length([for entry in self.dns_entry : entry if can(regex("^vpce-[0-9a-f]+-[0-9a-z]+[.]execute-api[.][a-z0-9-]+[.]vpce[.]amazonaws[.]com$", entry.dns_name))]) == 1
      error_message = "The execute-api endpoint split-horizon-phz-staging-execute-api lists no single regional DNS name of the form vpce-<id>-<suffix>.execute-api.<region>.vpce.amazonaws.com to alias; its entries: ${join(", ", self.dns_entry[*].dns_name)}."
    }
  }
}

resource "aws_vpc_endpoint_policy" "execute_api_policy" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "InvokeServedApisOnly"
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource = [
          "${aws_api_gateway_rest_api.api_rest_api.execution_arn}/*",
          "arn:aws:execute-api:eu-west-1:444444444444:k3x9q2m7p1/*",
        ]
      },
    ]
  })
  vpc_endpoint_id = aws_vpc_endpoint.execute_api_endpoint.id
}

resource "aws_api_gateway_rest_api" "api_rest_api" {
  #checkov:skip=CKV_AWS_237:create_before_destroy on the REST API would be forced onto its execute-api endpoint, and a replacement endpoint with private DNS cannot coexist with the one it replaces
  description = "Private REST API split-horizon-phz-staging, reachable only through its VPC endpoints"
  name        = "split-horizon-phz-staging"
  endpoint_configuration {
    types = [
      "PRIVATE"
    ]
    vpc_endpoint_ids = [
      aws_vpc_endpoint.execute_api_endpoint.id
    ]
  }
}

resource "aws_api_gateway_rest_api_policy" "api_resource_policy" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowInvoke"
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.api_rest_api.execution_arn}/*"
      },
      {
        Sid       = "DenyOutsideVpcEndpoints"
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.api_rest_api.execution_arn}/*"
        Condition = {
          StringNotEquals = {
            "aws:SourceVpce" = [aws_vpc_endpoint.execute_api_endpoint.id]
          }
        }
      },
    ]
  })
  rest_api_id = aws_api_gateway_rest_api.api_rest_api.id
}

resource "aws_api_gateway_resource" "api_health" {
  parent_id   = aws_api_gateway_rest_api.api_rest_api.root_resource_id
  path_part   = "health"
  rest_api_id = aws_api_gateway_rest_api.api_rest_api.id
}

resource "aws_api_gateway_request_validator" "api_request_validator" {
  name                        = "parameters-and-body"
  rest_api_id                 = aws_api_gateway_rest_api.api_rest_api.id
  validate_request_body       = true
  validate_request_parameters = true
}

resource "aws_api_gateway_method" "api_health_get" {
  #checkov:skip=CKV_AWS_59:a PRIVATE API method without authorization: callers are admitted by network path
  authorization        = "NONE"
  http_method          = "GET"
  request_validator_id = aws_api_gateway_request_validator.api_request_validator.id
  resource_id          = aws_api_gateway_resource.api_health.id
  rest_api_id          = aws_api_gateway_rest_api.api_rest_api.id
}

resource "aws_api_gateway_integration" "api_health_get_integration" {
  http_method = aws_api_gateway_method.api_health_get.http_method
  request_templates = {
    "application/json" = "{\"statusCode\":200}"
  }
  resource_id = aws_api_gateway_resource.api_health.id
  rest_api_id = aws_api_gateway_rest_api.api_rest_api.id
  type        = "MOCK"
}

resource "aws_api_gateway_method_response" "api_health_get_200" {
  http_method = aws_api_gateway_method.api_health_get.http_method
  resource_id = aws_api_gateway_resource.api_health.id
  response_models = {
    "application/json" = "Empty"
  }
  rest_api_id = aws_api_gateway_rest_api.api_rest_api.id
  status_code = "200"
}

resource "aws_api_gateway_integration_response" "api_health_get_integration_200" {
  http_method = aws_api_gateway_method.api_health_get.http_method
  resource_id = aws_api_gateway_resource.api_health.id
  response_templates = {
    "application/json" = "{\"status\":\"ok\"}"
  }
  rest_api_id = aws_api_gateway_rest_api.api_rest_api.id
  status_code = aws_api_gateway_method_response.api_health_get_200.status_code
  depends_on = [
    aws_api_gateway_integration.api_health_get_integration,
  ]
}

resource "aws_api_gateway_deployment" "api_deployment" {
  description = "Managed by Terraform; replaced whenever the API or its resource policy changes"
  rest_api_id = aws_api_gateway_rest_api.api_rest_api.id
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_rest_api_policy.api_resource_policy.policy,
      aws_api_gateway_resource.api_health.id,
      aws_api_gateway_resource.api_health.path_part,
      aws_api_gateway_request_validator.api_request_validator.id,
      aws_api_gateway_request_validator.api_request_validator.validate_request_parameters,
      aws_api_gateway_request_validator.api_request_validator.validate_request_body,
      aws_api_gateway_method.api_health_get.id,
      aws_api_gateway_method.api_health_get.authorization,
      aws_api_gateway_method.api_health_get.request_validator_id,
      aws_api_gateway_integration.api_health_get_integration.id,
      aws_api_gateway_integration.api_health_get_integration.type,
      aws_api_gateway_integration.api_health_get_integration.request_templates,
      aws_api_gateway_method_response.api_health_get_200.id,
      aws_api_gateway_method_response.api_health_get_200.response_models,
      aws_api_gateway_integration_response.api_health_get_integration_200.id,
      aws_api_gateway_integration_response.api_health_get_integration_200.response_templates,
    ]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "api_execution_logs" {
  #checkov:skip=CKV_AWS_158:CloudWatch Logs encrypts this log group at rest with an AWS-owned key; the environment did not ask for a customer-managed key (logEncryption)
  #checkov:skip=CKV_AWS_338:retention is the environment's logRetentionDays, shorter than a year by choice outside production
  name              = "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.api_rest_api.id}/v1"
  retention_in_days = 90
}

resource "aws_cloudwatch_log_group" "api_access_logs" {
  #checkov:skip=CKV_AWS_158:CloudWatch Logs encrypts this log group at rest with an AWS-owned key; the environment did not ask for a customer-managed key (logEncryption)
  #checkov:skip=CKV_AWS_338:retention is the environment's logRetentionDays, shorter than a year by choice outside production
  name              = "/aws/apigateway/split-horizon-phz-staging/v1/access-logs"
  retention_in_days = 90
}

resource "aws_api_gateway_stage" "api_stage" {
  #checkov:skip=CKV2_AWS_51:a stage client certificate lets an HTTP backend verify that calls come from API Gateway; the built-in method is a MOCK integration with no backend, and an imported OpenAPI document brings integrations this project does not own
  #checkov:skip=CKV_AWS_120:response caching is a latency and cost feature, not an access control, and it is billed per hour whether used or not
  deployment_id        = aws_api_gateway_deployment.api_deployment.id
  rest_api_id          = aws_api_gateway_rest_api.api_rest_api.id
  stage_name           = "v1"
  xray_tracing_enabled = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access_logs.arn
    format          = "{\"requestId\":\"$context.requestId\",\"requestTime\":\"$context.requestTime\",\"httpMethod\":\"$context.httpMethod\",\"resourcePath\":\"$context.resourcePath\",\"status\":\"$context.status\",\"responseLength\":\"$context.responseLength\",\"integrationLatency\":\"$context.integration.latency\",\"sourceIp\":\"$context.identity.sourceIp\",\"vpceId\":\"$context.identity.vpceId\",\"vpcId\":\"$context.identity.vpcId\",\"userAgent\":\"$context.identity.userAgent\",\"errorMessage\":\"$context.error.message\",\"wafResponse\":\"$context.waf.status\"}"
  }
  depends_on = [
    aws_cloudwatch_log_group.api_execution_logs,
  ]
}

resource "aws_api_gateway_method_settings" "api_method_settings" {
  #checkov:skip=CKV_AWS_225:method caching needs the stage cache (CKV_AWS_120), which is off for the same reason
  method_path = "*/*"
  rest_api_id = aws_api_gateway_rest_api.api_rest_api.id
  stage_name  = aws_api_gateway_stage.api_stage.stage_name
  settings {
    data_trace_enabled = false
    logging_level      = "INFO"
    metrics_enabled    = true
  }
}

resource "aws_route53_zone" "phz_api_zone" {
  comment = "Split horizon: the default URL of this stack's private API resolves to the execute-api endpoint inside the VPC (split-horizon-phz-staging)"
  name    = "${aws_api_gateway_rest_api.api_rest_api.id}.execute-api.eu-west-1.amazonaws.com"
  tags = {
    Name = "split-horizon-phz-staging-${aws_api_gateway_rest_api.api_rest_api.id}.execute-api.eu-west-1.amazonaws.com"
  }
  vpc {
    vpc_id     = aws_vpc.network_vpc.id
    vpc_region = "eu-west-1"
  }
  depends_on = [
    aws_vpc_endpoint.execute_api_endpoint,
  ]
}

resource "aws_route53_record" "phz_api_alias" {
  name    = "${aws_api_gateway_rest_api.api_rest_api.id}.execute-api.eu-west-1.amazonaws.com"
  type    = "A"
  zone_id = aws_route53_zone.phz_api_zone.zone_id
  alias {
    evaluate_target_health = false
    name                   = local.execute_api_regional_dns_entry.dns_name
    zone_id                = local.execute_api_regional_dns_entry.hosted_zone_id
  }
}

resource "aws_route53_zone" "phz_api_orders_zone" {
  comment = "Split horizon: the default URL of private API orders resolves to the execute-api endpoint inside the VPC (split-horizon-phz-staging)"
  name    = "k3x9q2m7p1.execute-api.eu-west-1.amazonaws.com"
  tags = {
    Name = "split-horizon-phz-staging-k3x9q2m7p1.execute-api.eu-west-1.amazonaws.com"
  }
  vpc {
    vpc_id     = aws_vpc.network_vpc.id
    vpc_region = "eu-west-1"
  }
  depends_on = [
    aws_vpc_endpoint.execute_api_endpoint,
  ]
}

resource "aws_route53_record" "phz_api_orders_alias" {
  name    = "k3x9q2m7p1.execute-api.eu-west-1.amazonaws.com"
  type    = "A"
  zone_id = aws_route53_zone.phz_api_orders_zone.zone_id
  alias {
    evaluate_target_health = false
    name                   = local.execute_api_regional_dns_entry.dns_name
    zone_id                = local.execute_api_regional_dns_entry.hosted_zone_id
  }
}

output "rest_api_id" {
  value       = aws_api_gateway_rest_api.api_rest_api.id
  description = "REST API id (the x-apigw-api-id header value)"
}

output "stage_name" {
  value       = aws_api_gateway_stage.api_stage.stage_name
  description = "Stage clients call"
}

output "vpce_alias_url" {
  value       = "https://${aws_api_gateway_rest_api.api_rest_api.id}-${aws_vpc_endpoint.execute_api_endpoint.id}.execute-api.eu-west-1.amazonaws.com/${aws_api_gateway_stage.api_stage.stage_name}"
  description = "Endpoint-specific URL {api-id}-{vpce-id}; publicly resolvable to the endpoint's private IPs"
}

output "vpc_endpoint_id" {
  value       = aws_vpc_endpoint.execute_api_endpoint.id
  description = "execute-api interface endpoint id"
}

output "vpc_endpoint_dns_names" {
  value       = [for entry in aws_vpc_endpoint.execute_api_endpoint.dns_entry : entry.dns_name if can(regex("^vpce-[0-9a-f]+-[0-9a-z]+(-[a-z0-9-]+)?[.]execute-api[.][a-z0-9-]+[.]vpce[.]amazonaws[.]com$", entry.dns_name))]
  description = "Endpoint DNS names a client can call (regional and per zone), with the x-apigw-api-id header; the private DNS wildcard is left out"
}

output "invoke_url" {
  value       = aws_api_gateway_stage.api_stage.invoke_url
  description = "Default URL; inside the VPC its private zone resolves it to the endpoint"
}

output "name_resolution" {
  value = {
    "${aws_api_gateway_rest_api.api_rest_api.id}.execute-api.eu-west-1.amazonaws.com" = {
      resolves_to = local.execute_api_regional_dns_entry.dns_name
      answered_by = "private hosted zone ${aws_api_gateway_rest_api.api_rest_api.id}.execute-api.eu-west-1.amazonaws.com (alias to the execute-api endpoint)"
    }
    "k3x9q2m7p1.execute-api.eu-west-1.amazonaws.com" = {
      resolves_to = local.execute_api_regional_dns_entry.dns_name
      answered_by = "private hosted zone k3x9q2m7p1.execute-api.eu-west-1.amazonaws.com (alias to the execute-api endpoint)"
    }
    "*.execute-api.eu-west-1.amazonaws.com" = {
      resolves_to = "API Gateway's public addresses"
      answered_by = "public DNS (the endpoint's private DNS is off): public APIs resolve by their default URLs, reached through the VPC's egress (output internet_egress)"
    }
  }
  description = "Where each configured name resolves from inside the VPC, and what answers it there: resolution, not reachability (internet_egress says how the VPC reaches public addresses)"
}

output "internet_egress" {
  value = {
    via = "nat-gateway"
    public_subnets = {
      eu-west-1a = "10.23.128.0/28"
      eu-west-1b = "10.23.128.16/28"
    }
  }
  description = "How the VPC reaches API Gateway's public addresses: built here (a NAT gateway per zone, or a transit gateway attachment) or, for an adopted VPC, as declared"
}

output "private_zone_ids" {
  value = {
    "${aws_api_gateway_rest_api.api_rest_api.id}.execute-api.eu-west-1.amazonaws.com" = aws_route53_zone.phz_api_zone.zone_id
    "k3x9q2m7p1.execute-api.eu-west-1.amazonaws.com"                                  = aws_route53_zone.phz_api_orders_zone.zone_id
  }
  description = "The private hosted zones of the split horizon, by zone name"
}

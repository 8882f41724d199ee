terraform {
  required_providers {
    aws = {
      version = "6.25.0"
      source  = "hashicorp/aws"
    }
  }
  backend "s3" {
    key          = "private-api/direct-vpce-prod/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
  required_version = ">= 1.11.0"
}

provider "aws" {
  allowed_account_ids = [
    "333333333333"
  ]
  region = "eu-west-1"
  default_tags {
    tags = {
      owner               = "platform-networking"
      cost-center         = "1234"
      data-classification = "internal"
      environment         = "prod"
      topology            = "direct-vpce"
      managed-by          = "cdktf"
    }
  }
}

resource "aws_kms_key" "logs_key" {
  deletion_window_in_days = 30
  description             = "Encrypts the CloudWatch log groups of direct-vpce-prod"
  enable_key_rotation     = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AccountAdministersKeyThroughIam"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::333333333333:root"
        }
        Action   = "kms:*"
        Resource = "*"
      },
      {
        Sid    = "CloudWatchLogsEncryptsTheseLogGroupsOnly"
        Effect = "Allow"
        Principal = {
          Service = "logs.eu-west-1.amazonaws.com"
        }
        Action = [
          "kms:Encrypt*",
          "kms:Decrypt*",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:Describe*",
        ]
        Resource = "*"
        Condition = {
          ArnEquals = {
            "kms:EncryptionContext:aws:logs:arn" = [
              "arn:aws:logs:eu-west-1:333333333333:log-group:/aws/vpc/flow-logs/direct-vpce-prod",
              "arn:aws:logs:eu-west-1:333333333333:log-group:API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.api_rest_api.id}/v1",
              "arn:aws:logs:eu-west-1:333333333333:log-group:/aws/apigateway/direct-vpce-prod/v1/access-logs",
            ]
          }
        }
      },
    ]
  })
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_kms_alias" "logs_alias" {
  name          = "alias/direct-vpce-prod/logs"
  target_key_id = aws_kms_key.logs_key.key_id
}

resource "aws_vpc" "network_vpc" {
  cidr_block           = "10.30.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = {
    Name = "direct-vpce-prod-vpc"
  }
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_default_security_group" "network_default_security_group" {
  tags = {
    Name = "direct-vpce-prod-default-deny"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_subnet_eu-west-1a" {
  availability_zone       = "eu-west-1a"
  cidr_block              = "10.30.0.0/24"
  map_public_ip_on_launch = false
  tags = {
    Name = "direct-vpce-prod-private-eu-west-1a"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_subnet_eu-west-1b" {
  availability_zone       = "eu-west-1b"
  cidr_block              = "10.30.1.0/24"
  map_public_ip_on_launch = false
  tags = {
    Name = "direct-vpce-prod-private-eu-west-1b"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_subnet_eu-west-1c" {
  availability_zone       = "eu-west-1c"
  cidr_block              = "10.30.2.0/24"
  map_public_ip_on_launch = false
  tags = {
    Name = "direct-vpce-prod-private-eu-west-1c"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_route_table_eu-west-1a" {
  tags = {
    Name = "direct-vpce-prod-private-eu-west-1a"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_route_table_eu-west-1b" {
  tags = {
    Name = "direct-vpce-prod-private-eu-west-1b"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_route_table_eu-west-1c" {
  tags = {
    Name = "direct-vpce-prod-private-eu-west-1c"
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

resource "aws_route_table_association" "network_route_table_association_eu-west-1c" {
  route_table_id = aws_route_table.network_route_table_eu-west-1c.id
  subnet_id      = aws_subnet.network_subnet_eu-west-1c.id
}

resource "aws_cloudwatch_log_group" "network_flow_logs" {
  kms_key_id        = aws_kms_key.logs_key.arn
  name              = "/aws/vpc/flow-logs/direct-vpce-prod"
  retention_in_days = 365
  lifecycle {
    prevent_destroy = true
  }
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
            "aws:SourceAccount" = "333333333333"
          }
          ArnLike = {
            "aws:SourceArn" = "arn:aws:ec2:eu-west-1:333333333333:vpc-flow-log/*"
          }
        }
      },
    ]
  })
  description = "Lets VPC flow logs of this account deliver to the VPC's flow-log group"
  name        = "direct-vpce-prod-vpc-flow-logs"
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
        Resource = "arn:aws:logs:eu-west-1:333333333333:log-group:*"
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
    Name = "direct-vpce-prod-vpc"
  }
  traffic_type = "ALL"
  vpc_id       = aws_vpc.network_vpc.id
  depends_on = [
    aws_iam_role_policy.network_flow_logs_policy,
  ]
}

resource "aws_ec2_transit_gateway_vpc_attachment" "client_networks_attachment_tgw-0a1b2c3d4e5f60718" {
  subnet_ids = [
    aws_subnet.network_subnet_eu-west-1a.id,
    aws_subnet.network_subnet_eu-west-1b.id,
    aws_subnet.network_subnet_eu-west-1c.id
  ]
  tags = {
    Name = "direct-vpce-prod-clients"
  }
  transit_gateway_id = "tgw-0a1b2c3d4e5f60718"
  vpc_id             = aws_vpc.network_vpc.id
}

resource "aws_route" "client_networks_route_shared-services_eu-west-1a" {
  destination_cidr_block = "10.100.0.0/16"
  route_table_id         = aws_route_table.network_route_table_eu-west-1a.id
  transit_gateway_id     = "tgw-0a1b2c3d4e5f60718"
  depends_on = [
    aws_ec2_transit_gateway_vpc_attachment.client_networks_attachment_tgw-0a1b2c3d4e5f60718,
  ]
}

resource "aws_route" "client_networks_route_shared-services_eu-west-1b" {
  destination_cidr_block = "10.100.0.0/16"
  route_table_id         = aws_route_table.network_route_table_eu-west-1b.id
  transit_gateway_id     = "tgw-0a1b2c3d4e5f60718"
  depends_on = [
    aws_ec2_transit_gateway_vpc_attachment.client_networks_attachment_tgw-0a1b2c3d4e5f60718,
  ]
}

resource "aws_route" "client_networks_route_shared-services_eu-west-1c" {
  destination_cidr_block = "10.100.0.0/16"
  route_table_id         = aws_route_table.network_route_table_eu-west-1c.id
  transit_gateway_id     = "tgw-0a1b2c3d4e5f60718"
  depends_on = [
    aws_ec2_transit_gateway_vpc_attachment.client_networks_attachment_tgw-0a1b2c3d4e5f60718,
  ]
}

resource "aws_security_group" "execute_api_security_group" {
  description = "execute-api interface endpoint: HTTPS from the VPC and named client networks only"
  name_prefix = "direct-vpce-prod-execute-api-endpoint-"
  tags = {
    Name = "direct-vpce-prod-execute-api-endpoint"
  }
  vpc_id = aws_vpc.network_vpc.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "execute_api_https_from_vpc" {
  cidr_ipv4         = "10.30.0.0/16"
  description       = "HTTPS from the VPC"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.execute_api_security_group.id
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "execute_api_https_from_shared-services" {
  cidr_ipv4         = "10.100.0.0/16"
  description       = "HTTPS from client network shared-services"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.execute_api_security_group.id
  tags = {
    client-network = "shared-services"
    arrives-via    = "transit-gateway"
  }
  to_port = 443
}

resource "aws_vpc_endpoint" "execute_api_endpoint" {
  private_dns_enabled = true
  security_group_ids = [
    aws_security_group.execute_api_security_group.id
  ]
  service_name = "com.amazonaws.eu-west-1.execute-api"
  subnet_ids = [
    aws_subnet.network_subnet_eu-west-1a.id,
    aws_subnet.network_subnet_eu-west-1b.id,
    aws_subnet.network_subnet_eu-west-1c.id
  ]
  tags = {
    Name = "direct-vpce-prod-execute-api"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.network_vpc.id
  lifecycle {
    prevent_destroy = true
    postcondition {
      condition     = length([for entry in self.dns_entry : entry if can(regex("^vpce-[0-9a-f]+-[0-9a-z]+[.]execute-api[.][a-z0-9-]+[.]vpce[.]amazonaws[.]com$", entry.dns_name))]) == 1
      error_message = "The execute-api endpoint direct-vpce-prod-execute-api lists no single regional DNS name of the form vpce-<id>-<suffix>.execute-api.<region>.vpce.amazonaws.com to alias; its entries: ${join(", ", self.dns_entry[*].dns_name)}."
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
        Resource  = ["${aws_api_gateway_rest_api.api_rest_api.execution_arn}/*"]
        Condition = {
          StringEquals = {
            "aws:PrincipalOrgID" = "o-a1b2c3d4e5"
          }
        }
      },
    ]
  })
  vpc_endpoint_id = aws_vpc_endpoint.execute_api_endpoint.id
}

resource "aws_api_gateway_rest_api" "api_rest_api" {
  #checkov:skip=CKV_AWS_237:create_before_destroy on the REST API would be forced onto its execute-api endpoint, and a replacement endpoint with private DNS cannot coexist with the one it replaces
  description = "Private REST API direct-vpce-prod, reachable only through its VPC endpoints"
  name        = "direct-vpce-prod"
  endpoint_configuration {
    types = [
      "PRIVATE"
    ]
    vpc_endpoint_ids = [
      aws_vpc_endpoint.execute_api_endpoint.id
    ]
  }
  lifecycle {
    prevent_destroy = true
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
        Condition = {
          StringEquals = {
            "aws:PrincipalOrgID" = "o-a1b2c3d4e5"
          }
          IpAddress = {
            "aws:VpcSourceIp" = [
              "10.30.0.0/16",
              "10.100.0.0/16",
            ]
          }
        }
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
  authorization        = "AWS_IAM"
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
  kms_key_id        = aws_kms_key.logs_key.arn
  name              = "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.api_rest_api.id}/v1"
  retention_in_days = 365
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "api_access_logs" {
  kms_key_id        = aws_kms_key.logs_key.arn
  name              = "/aws/apigateway/direct-vpce-prod/v1/access-logs"
  retention_in_days = 365
  lifecycle {
    prevent_destroy = true
  }
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
    data_trace_enabled     = false
    logging_level          = "ERROR"
    metrics_enabled        = true
    throttling_burst_limit = 2000
    throttling_rate_limit  = 1000
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

output "invoke_url" {
  value       = aws_api_gateway_stage.api_stage.invoke_url
  description = "Default URL; resolves to the endpoint inside its VPC (private DNS on) and in VPCs given a private zone aliasing it"
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

terraform {
  required_providers {
    aws = {
      version = "6.25.0"
      source  = "hashicorp/aws"
    }
  }
  backend "s3" {
    key          = "private-api/alb-front-prod/terraform.tfstate"
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
      topology            = "alb-front"
      managed-by          = "cdktf"
    }
  }
}

resource "aws_kms_key" "logs_key" {
  deletion_window_in_days = 30
  description             = "Encrypts the CloudWatch log groups of alb-front-prod"
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
              "arn:aws:logs:eu-west-1:333333333333:log-group:/aws/vpc/flow-logs/alb-front-prod",
              "arn:aws:logs:eu-west-1:333333333333:log-group:API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.api_rest_api.id}/v1",
              "arn:aws:logs:eu-west-1:333333333333:log-group:/aws/apigateway/alb-front-prod/v1/access-logs",
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
  name          = "alias/alb-front-prod/logs"
  target_key_id = aws_kms_key.logs_key.key_id
}

resource "aws_vpc" "network_vpc" {
  cidr_block           = "10.31.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = {
    Name = "alb-front-prod-vpc"
  }
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_default_security_group" "network_default_security_group" {
  tags = {
    Name = "alb-front-prod-default-deny"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_subnet_eu-west-1a" {
  availability_zone       = "eu-west-1a"
  cidr_block              = "10.31.0.0/24"
  map_public_ip_on_launch = false
  tags = {
    Name = "alb-front-prod-private-eu-west-1a"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_subnet_eu-west-1b" {
  availability_zone       = "eu-west-1b"
  cidr_block              = "10.31.1.0/24"
  map_public_ip_on_launch = false
  tags = {
    Name = "alb-front-prod-private-eu-west-1b"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_subnet_eu-west-1c" {
  availability_zone       = "eu-west-1c"
  cidr_block              = "10.31.2.0/24"
  map_public_ip_on_launch = false
  tags = {
    Name = "alb-front-prod-private-eu-west-1c"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_route_table_eu-west-1a" {
  tags = {
    Name = "alb-front-prod-private-eu-west-1a"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_route_table_eu-west-1b" {
  tags = {
    Name = "alb-front-prod-private-eu-west-1b"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_route_table_eu-west-1c" {
  tags = {
    Name = "alb-front-prod-private-eu-west-1c"
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
  name              = "/aws/vpc/flow-logs/alb-front-prod"
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
  name        = "alb-front-prod-vpc-flow-logs"
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
    Name = "alb-front-prod-vpc"
  }
  traffic_type = "ALL"
  vpc_id       = aws_vpc.network_vpc.id
  depends_on = [
    aws_iam_role_policy.network_flow_logs_policy,
  ]
}

resource "aws_vpc_peering_connection_accepter" "client_networks_accepter_pcx-0b1c2d3e4f5a6b7c8" {
  auto_accept = true
  tags = {
    Name = "alb-front-prod-client-peering"
  }
  vpc_peering_connection_id = "pcx-0b1c2d3e4f5a6b7c8"
}

resource "aws_route" "client_networks_route_partner-vpc_eu-west-1a" {
  destination_cidr_block    = "10.130.0.0/16"
  route_table_id            = aws_route_table.network_route_table_eu-west-1a.id
  vpc_peering_connection_id = "pcx-0b1c2d3e4f5a6b7c8"
  depends_on = [
    aws_vpc_peering_connection_accepter.client_networks_accepter_pcx-0b1c2d3e4f5a6b7c8,
  ]
}

resource "aws_route" "client_networks_route_partner-vpc_eu-west-1b" {
  destination_cidr_block    = "10.130.0.0/16"
  route_table_id            = aws_route_table.network_route_table_eu-west-1b.id
  vpc_peering_connection_id = "pcx-0b1c2d3e4f5a6b7c8"
  depends_on = [
    aws_vpc_peering_connection_accepter.client_networks_accepter_pcx-0b1c2d3e4f5a6b7c8,
  ]
}

resource "aws_route" "client_networks_route_partner-vpc_eu-west-1c" {
  destination_cidr_block    = "10.130.0.0/16"
  route_table_id            = aws_route_table.network_route_table_eu-west-1c.id
  vpc_peering_connection_id = "pcx-0b1c2d3e4f5a6b7c8"
  depends_on = [
    aws_vpc_peering_connection_accepter.client_networks_accepter_pcx-0b1c2d3e4f5a6b7c8,
  ]
}

resource "aws_security_group" "execute_api_security_group" {
  description = "execute-api interface endpoint: HTTPS from the VPC and named client networks only"
  name_prefix = "alb-front-prod-execute-api-endpoint-"
  tags = {
    Name = "alb-front-prod-execute-api-endpoint"
  }
  vpc_id = aws_vpc.network_vpc.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "execute_api_https_from_alb" {
  description                  = "HTTPS from the internal ALB"
  from_port                    = 443
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.front_security_group.id
  security_group_id            = aws_security_group.execute_api_security_group.id
  to_port                      = 443
}

resource "aws_vpc_endpoint" "execute_api_endpoint" {
  private_dns_enabled = false
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
    Name = "alb-front-prod-execute-api"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.network_vpc.id
  subnet_configuration {
    ipv4      = "10.31.0.20"
    subnet_id = aws_subnet.network_subnet_eu-west-1a.id
  }
  subnet_configuration {
    ipv4      = "10.31.1.20"
    subnet_id = aws_subnet.network_subnet_eu-west-1b.id
  }
  subnet_configuration {
    ipv4      = "10.31.2.20"
    subnet_id = aws_subnet.network_subnet_eu-west-1c.id
  }
  lifecycle {
    prevent_destroy = true
    postcondition {
      condition     = length([for entry in self.dns_entry : entry if can(regex("^vpce-[0-9a-f]+-[0-9a-z]+[.]execute-api[.][a-z0-9-]+[.]vpce[.]amazonaws[.]com$", entry.dns_name))]) == 1
      error_message = "The execute-api endpoint alb-front-prod-execute-api lists no single regional DNS name of the form vpce-<id>-<suffix>.execute-api.<region>.vpce.amazonaws.com to alias; its entries: ${join(", ", self.dns_entry[*].dns_name)}."
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
          "arn:aws:execute-api:eu-west-1:333333333333:/domainnames/${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name}+${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name_id}",
        ]
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
  description = "Private REST API alb-front-prod, reachable only through its VPC endpoints"
  name        = "alb-front-prod"
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
            "aws:VpcSourceIp" = ["10.31.0.0/16"]
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
  name              = "/aws/apigateway/alb-front-prod/v1/access-logs"
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

resource "aws_security_group" "front_security_group" {
  description = "Internal ALB in front of the execute-api endpoint: HTTPS from named client networks only"
  name_prefix = "alb-front-prod-alb-"
  tags = {
    Name = "alb-front-prod-alb"
  }
  vpc_id = aws_vpc.network_vpc.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "front_from_https_vpc" {
  cidr_ipv4         = "10.31.0.0/16"
  description       = "HTTPS from the VPC"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.front_security_group.id
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "front_from_http_vpc" {
  cidr_ipv4         = "10.31.0.0/16"
  description       = "HTTP from the VPC (redirected to HTTPS)"
  from_port         = 80
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.front_security_group.id
  to_port           = 80
}

resource "aws_vpc_security_group_ingress_rule" "front_from_https_partner-vpc" {
  cidr_ipv4         = "10.130.0.0/16"
  description       = "HTTPS from client network partner-vpc"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.front_security_group.id
  tags = {
    client-network = "partner-vpc"
    arrives-via    = "vpc-peering"
  }
  to_port = 443
}

resource "aws_vpc_security_group_ingress_rule" "front_from_http_partner-vpc" {
  cidr_ipv4         = "10.130.0.0/16"
  description       = "HTTP from client network partner-vpc (redirected to HTTPS)"
  from_port         = 80
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.front_security_group.id
  tags = {
    client-network = "partner-vpc"
    arrives-via    = "vpc-peering"
  }
  to_port = 80
}

resource "aws_vpc_security_group_ingress_rule" "front_from_https_vpn" {
  description                  = "HTTPS from client network vpn"
  from_port                    = 443
  ip_protocol                  = "tcp"
  referenced_security_group_id = "sg-0e1f2a3b4c5d6e7f8"
  security_group_id            = aws_security_group.front_security_group.id
  tags = {
    client-network = "vpn"
    arrives-via    = "client-vpn"
  }
  to_port = 443
}

resource "aws_vpc_security_group_ingress_rule" "front_from_http_vpn" {
  #checkov:skip=CKV_AWS_260:checkov reads a rule without a CIDR as open to 0.0.0.0/0; this rule admits only the Client VPN endpoint's security group
  description                  = "HTTP from client network vpn (redirected to HTTPS)"
  from_port                    = 80
  ip_protocol                  = "tcp"
  referenced_security_group_id = "sg-0e1f2a3b4c5d6e7f8"
  security_group_id            = aws_security_group.front_security_group.id
  tags = {
    client-network = "vpn"
    arrives-via    = "client-vpn"
  }
  to_port = 80
}

resource "aws_vpc_security_group_egress_rule" "front_https_to_endpoint" {
  description                  = "HTTPS to the execute-api endpoint (targets and health checks)"
  from_port                    = 443
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.execute_api_security_group.id
  security_group_id            = aws_security_group.front_security_group.id
  to_port                      = 443
}

resource "aws_lb" "front_alb" {
  drop_invalid_header_fields = true
  enable_deletion_protection = true
  internal                   = true
  load_balancer_type         = "application"
  name                       = "alb-front-prod"
  security_groups = [
    aws_security_group.front_security_group.id
  ]
  subnets = [
    aws_subnet.network_subnet_eu-west-1a.id,
    aws_subnet.network_subnet_eu-west-1b.id,
    aws_subnet.network_subnet_eu-west-1c.id
  ]
  tags = {
    Name = "alb-front-prod-alb"
  }
  access_logs {
    bucket  = "example-prod-alb-access-logs"
    enabled = true
    prefix  = "alb-front"
  }
  depends_on = [
    aws_vpc_endpoint.execute_api_endpoint,
  ]
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_lb_target_group" "front_execute_api_targets" {
  name_prefix = "vpce-"
  port        = 443
  protocol    = "HTTPS"
  tags = {
    Name = "alb-front-prod-execute-api-endpoint"
  }
  target_type = "ip"
  vpc_id      = aws_vpc.network_vpc.id
  health_check {
    enabled  = true
    matcher  = "200,403"
    path     = "/ping"
    port     = "traffic-port"
    protocol = "HTTPS"
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_target_group_attachment" "front_target_eu-west-1a" {
  port             = 443
  target_group_arn = aws_lb_target_group.front_execute_api_targets.arn
  target_id        = "10.31.0.20"
}

resource "aws_lb_target_group_attachment" "front_target_eu-west-1b" {
  port             = 443
  target_group_arn = aws_lb_target_group.front_execute_api_targets.arn
  target_id        = "10.31.1.20"
}

resource "aws_lb_target_group_attachment" "front_target_eu-west-1c" {
  port             = 443
  target_group_arn = aws_lb_target_group.front_execute_api_targets.arn
  target_id        = "10.31.2.20"
}

resource "aws_lb_listener" "front_https" {
  certificate_arn   = "arn:aws:acm:eu-west-1:333333333333:certificate/7d3e1f2a-9c4b-4e5d-b6a7-1c2d3e4f5a6b"
  load_balancer_arn = aws_lb.front_alb.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"
  default_action {
    target_group_arn = aws_lb_target_group.front_execute_api_targets.arn
    type             = "forward"
  }
}

resource "aws_lb_listener" "front_http_redirect" {
  load_balancer_arn = aws_lb.front_alb.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_api_gateway_domain_name" "custom_domain_domain_name" {
  certificate_arn = "arn:aws:acm:eu-west-1:333333333333:certificate/7d3e1f2a-9c4b-4e5d-b6a7-1c2d3e4f5a6b"
  domain_name     = "api.internal.example.com"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowInvoke"
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "arn:aws:execute-api:eu-west-1:333333333333:/domainnames/api.internal.example.com+*"
      },
      {
        Sid       = "DenyOutsideVpcEndpoint"
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "arn:aws:execute-api:eu-west-1:333333333333:/domainnames/api.internal.example.com+*"
        Condition = {
          StringNotEquals = {
            "aws:SourceVpce" = [aws_vpc_endpoint.execute_api_endpoint.id]
          }
        }
      },
    ]
  })
  security_policy = "TLS_1_2"
  tags = {
    Name = "alb-front-prod-api.internal.example.com"
  }
  endpoint_configuration {
    types = [
      "PRIVATE"
    ]
  }
}

resource "aws_api_gateway_domain_name_access_association" "custom_domain_access_association" {
  access_association_source      = aws_vpc_endpoint.execute_api_endpoint.id
  access_association_source_type = "VPCE"
  domain_name_arn                = aws_api_gateway_domain_name.custom_domain_domain_name.arn
  tags = {
    Name = "alb-front-prod-api.internal.example.com"
  }
}

resource "aws_api_gateway_base_path_mapping" "custom_domain_mapping" {
  api_id         = aws_api_gateway_rest_api.api_rest_api.id
  domain_name    = aws_api_gateway_domain_name.custom_domain_domain_name.domain_name
  domain_name_id = aws_api_gateway_domain_name.custom_domain_domain_name.domain_name_id
  stage_name     = aws_api_gateway_stage.api_stage.stage_name
}

data "aws_vpc" "client_vpc_partner" {
  id = "vpc-0fedcba9876543210"
  lifecycle {
    postcondition {
      condition     = self.enable_dns_support
      error_message = "The adopted VPC vpc-0fedcba9876543210 (prod: topologies.alb-front.domain.clientVpcs.partner) has DNS support off: private hosted zones and private DNS answer only in a VPC with DNS support and DNS hostnames on. Fix: aws ec2 modify-vpc-attribute --vpc-id vpc-0fedcba9876543210 --enable-dns-support."
    }
    postcondition {
      condition     = self.enable_dns_hostnames
      error_message = "The adopted VPC vpc-0fedcba9876543210 (prod: topologies.alb-front.domain.clientVpcs.partner) has DNS hostnames off: private hosted zones and private DNS answer only in a VPC with DNS support and DNS hostnames on. Fix: aws ec2 modify-vpc-attribute --vpc-id vpc-0fedcba9876543210 --enable-dns-hostnames."
    }
  }
}

resource "aws_route53_zone" "dns_zone" {
  comment = "Private name of the internal ALB in front of the private API (alb-front-prod)"
  name    = "api.internal.example.com"
  tags = {
    Name = "alb-front-prod-api.internal.example.com"
  }
  vpc {
    vpc_id     = aws_vpc.network_vpc.id
    vpc_region = "eu-west-1"
  }
  vpc {
    vpc_id     = "vpc-0fedcba9876543210"
    vpc_region = "eu-west-1"
  }
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_route53_record" "dns_alias" {
  name    = "api.internal.example.com"
  type    = "A"
  zone_id = aws_route53_zone.dns_zone.zone_id
  alias {
    evaluate_target_health = true
    name                   = aws_lb.front_alb.dns_name
    zone_id                = aws_lb.front_alb.zone_id
  }
}

resource "aws_route53_record" "dns_public_alias" {
  name    = "api.internal.example.com"
  type    = "A"
  zone_id = "Z0PRODEXAMPLE0000001"
  alias {
    evaluate_target_health = true
    name                   = aws_lb.front_alb.dns_name
    zone_id                = aws_lb.front_alb.zone_id
  }
}

output "custom_url" {
  value       = "https://api.internal.example.com/"
  description = "URL clients call (VPN and peered networks, and the VPC itself); the base path maps to the API's stage"
}

output "curl_command" {
  value       = "curl -sS --aws-sigv4 'aws:amz:eu-west-1:execute-api' --user $AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY -H x-amz-security-token:$AWS_SESSION_TOKEN https://api.internal.example.com/health"
  description = "Ready-to-paste check from a client network, SigV4-signed with the credentials in your environment (the example method answers {\"status\":\"ok\"})"
}

output "synthetic_check" {
  value = {
    url    = "https://api.internal.example.com/health"
    method = "GET"
    signed = true
    expect = "HTTP 200 and {\"status\":\"ok\"} (the example method)"
  }
  description = "What a synthetic check (e.g. a CloudWatch Synthetics canary in a client network or the VPC) should call to prove the API answers through the ALB: the ALB's own health checks name no API (every path answers 403), so they only prove the endpoint is up"
}

output "alb_dns_name" {
  value       = aws_lb.front_alb.dns_name
  description = "Internal ALB's DNS name (resolves to its private addresses)"
}

output "target_ips" {
  value = {
    eu-west-1a = "10.31.0.20"
    eu-west-1b = "10.31.1.20"
    eu-west-1c = "10.31.2.20"
  }
  description = "The execute-api endpoint's interface addresses, the ALB's targets, by availability zone"
}

output "rest_api_id" {
  value       = aws_api_gateway_rest_api.api_rest_api.id
  description = "REST API id"
}

output "stage_name" {
  value       = aws_api_gateway_stage.api_stage.stage_name
  description = "Stage the custom name maps to"
}

output "vpc_endpoint_id" {
  value       = aws_vpc_endpoint.execute_api_endpoint.id
  description = "execute-api interface endpoint id"
}

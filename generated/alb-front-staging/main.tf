terraform {
  required_providers {
    aws = {
      version = "6.25.0"
      source  = "hashicorp/aws"
    }
  }
  backend "s3" {
    key          = "private-api/alb-front-staging/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
  required_version = ">= 1.11.0"
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
      topology    = "alb-front"
      managed-by  = "cdktf"
    }
  }
}

resource "aws_vpc" "network_vpc" {
  cidr_block           = "10.21.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = {
    Name = "alb-front-staging-vpc"
  }
}

resource "aws_default_security_group" "network_default_security_group" {
  tags = {
    Name = "alb-front-staging-default-deny"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_subnet_eu-west-1a" {
  availability_zone       = "eu-west-1a"
  cidr_block              = "10.21.0.0/24"
  map_public_ip_on_launch = false
  tags = {
    Name = "alb-front-staging-private-eu-west-1a"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_subnet_eu-west-1b" {
  availability_zone       = "eu-west-1b"
  cidr_block              = "10.21.1.0/24"
  map_public_ip_on_launch = false
  tags = {
    Name = "alb-front-staging-private-eu-west-1b"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_route_table_eu-west-1a" {
  tags = {
    Name = "alb-front-staging-private-eu-west-1a"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_route_table_eu-west-1b" {
  tags = {
    Name = "alb-front-staging-private-eu-west-1b"
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

resource "aws_cloudwatch_log_group" "network_flow_logs" {
  #checkov:skip=CKV_AWS_158:CloudWatch Logs encrypts this log group at rest with an AWS-owned key; the environment did not ask for a customer-managed key (logEncryption)
  #checkov:skip=CKV_AWS_338:retention is the environment's logRetentionDays, shorter than a year by choice outside production
  name              = "/aws/vpc/flow-logs/alb-front-staging"
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
  name        = "alb-front-staging-vpc-flow-logs"
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
    Name = "alb-front-staging-vpc"
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
    aws_subnet.network_subnet_eu-west-1b.id
  ]
  tags = {
    Name = "alb-front-staging-clients"
  }
  transit_gateway_id = "tgw-0a1b2c3d4e5f60718"
  vpc_id             = aws_vpc.network_vpc.id
}

resource "aws_route" "client_networks_route_tools-vpc_eu-west-1a" {
  destination_cidr_block = "10.120.0.0/16"
  route_table_id         = aws_route_table.network_route_table_eu-west-1a.id
  transit_gateway_id     = "tgw-0a1b2c3d4e5f60718"
  depends_on = [
    aws_ec2_transit_gateway_vpc_attachment.client_networks_attachment_tgw-0a1b2c3d4e5f60718,
  ]
}

resource "aws_route" "client_networks_route_tools-vpc_eu-west-1b" {
  destination_cidr_block = "10.120.0.0/16"
  route_table_id         = aws_route_table.network_route_table_eu-west-1b.id
  transit_gateway_id     = "tgw-0a1b2c3d4e5f60718"
  depends_on = [
    aws_ec2_transit_gateway_vpc_attachment.client_networks_attachment_tgw-0a1b2c3d4e5f60718,
  ]
}

resource "aws_route" "client_networks_route_vpn_eu-west-1a" {
  destination_cidr_block = "172.16.4.0/22"
  route_table_id         = aws_route_table.network_route_table_eu-west-1a.id
  transit_gateway_id     = "tgw-0a1b2c3d4e5f60718"
  depends_on = [
    aws_ec2_transit_gateway_vpc_attachment.client_networks_attachment_tgw-0a1b2c3d4e5f60718,
  ]
}

resource "aws_route" "client_networks_route_vpn_eu-west-1b" {
  destination_cidr_block = "172.16.4.0/22"
  route_table_id         = aws_route_table.network_route_table_eu-west-1b.id
  transit_gateway_id     = "tgw-0a1b2c3d4e5f60718"
  depends_on = [
    aws_ec2_transit_gateway_vpc_attachment.client_networks_attachment_tgw-0a1b2c3d4e5f60718,
  ]
}

resource "aws_security_group" "execute_api_security_group" {
  description = "execute-api interface endpoint: HTTPS from the VPC and named client networks only"
  name_prefix = "alb-front-staging-execute-api-endpoint-"
  tags = {
    Name = "alb-front-staging-execute-api-endpoint"
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
    aws_subnet.network_subnet_eu-west-1b.id
  ]
  tags = {
    Name = "alb-front-staging-execute-api"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.network_vpc.id
  subnet_configuration {
    ipv4      = "10.21.0.10"
    subnet_id = aws_subnet.network_subnet_eu-west-1a.id
  }
  subnet_configuration {
    ipv4      = "10.21.1.10"
    subnet_id = aws_subnet.network_subnet_eu-west-1b.id
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
          "arn:aws:execute-api:eu-west-1:222222222222:/domainnames/${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name}+${aws_api_gateway_domain_name.custom_domain_domain_name.domain_name_id}",
        ]
      },
    ]
  })
  vpc_endpoint_id = aws_vpc_endpoint.execute_api_endpoint.id
}

resource "aws_api_gateway_rest_api" "api_rest_api" {
  #checkov:skip=CKV_AWS_237:create_before_destroy on the REST API would be forced onto its execute-api endpoint, and a replacement endpoint with private DNS cannot coexist with the one it replaces
  description = "Private REST API alb-front-staging, reachable only through its VPC endpoints"
  name        = "alb-front-staging"
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
  name              = "/aws/apigateway/alb-front-staging/v1/access-logs"
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

resource "aws_security_group" "front_security_group" {
  description = "Internal ALB in front of the execute-api endpoint: HTTPS from named client networks only"
  name_prefix = "alb-front-staging-alb-"
  tags = {
    Name = "alb-front-staging-alb"
  }
  vpc_id = aws_vpc.network_vpc.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "front_from_https_vpc" {
  cidr_ipv4         = "10.21.0.0/16"
  description       = "HTTPS from the VPC"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.front_security_group.id
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "front_from_http_vpc" {
  cidr_ipv4         = "10.21.0.0/16"
  description       = "HTTP from the VPC (redirected to HTTPS)"
  from_port         = 80
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.front_security_group.id
  to_port           = 80
}

resource "aws_vpc_security_group_ingress_rule" "front_from_https_tools-vpc" {
  cidr_ipv4         = "10.120.0.0/16"
  description       = "HTTPS from client network tools-vpc"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.front_security_group.id
  tags = {
    client-network = "tools-vpc"
    arrives-via    = "transit-gateway"
  }
  to_port = 443
}

resource "aws_vpc_security_group_ingress_rule" "front_from_http_tools-vpc" {
  cidr_ipv4         = "10.120.0.0/16"
  description       = "HTTP from client network tools-vpc (redirected to HTTPS)"
  from_port         = 80
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.front_security_group.id
  tags = {
    client-network = "tools-vpc"
    arrives-via    = "transit-gateway"
  }
  to_port = 80
}

resource "aws_vpc_security_group_ingress_rule" "front_from_https_vpn" {
  cidr_ipv4         = "172.16.4.0/22"
  description       = "HTTPS from client network vpn"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.front_security_group.id
  tags = {
    client-network = "vpn"
    arrives-via    = "transit-gateway"
  }
  to_port = 443
}

resource "aws_vpc_security_group_ingress_rule" "front_from_http_vpn" {
  cidr_ipv4         = "172.16.4.0/22"
  description       = "HTTP from client network vpn (redirected to HTTPS)"
  from_port         = 80
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.front_security_group.id
  tags = {
    client-network = "vpn"
    arrives-via    = "transit-gateway"
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
  #checkov:skip=CKV_AWS_150:deletion protection follows the environment's deletionProtection, off outside production so that the stack can be torn down
  #checkov:skip=CKV_AWS_91:access logs need an S3 bucket whose policy admits the region's ELB log delivery, which this project does not own; the environment gave none (alb.accessLogs)
  drop_invalid_header_fields = true
  enable_deletion_protection = false
  internal                   = true
  load_balancer_type         = "application"
  name                       = "alb-front-staging"
  security_groups = [
    aws_security_group.front_security_group.id
  ]
  subnets = [
    aws_subnet.network_subnet_eu-west-1a.id,
    aws_subnet.network_subnet_eu-west-1b.id
  ]
  tags = {
    Name = "alb-front-staging-alb"
  }
  depends_on = [
    aws_vpc_endpoint.execute_api_endpoint,
  ]
}

resource "aws_lb_target_group" "front_execute_api_targets" {
  name_prefix = "vpce-"
  port        = 443
  protocol    = "HTTPS"
  tags = {
    Name = "alb-front-staging-execute-api-endpoint"
  }
  target_type = "ip"
  vpc_id      = aws_vpc.network_vpc.id
  health_check {
    enabled  = true
    matcher  = "200,403"
    path     = "/"
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
  target_id        = "10.21.0.10"
}

resource "aws_lb_target_group_attachment" "front_target_eu-west-1b" {
  port             = 443
  target_group_arn = aws_lb_target_group.front_execute_api_targets.arn
  target_id        = "10.21.1.10"
}

resource "aws_lb_listener" "front_https" {
  certificate_arn   = "arn:aws:acm:eu-west-1:222222222222:certificate/0f6c2a9e-5b1d-4c3e-8a7f-2d9b6e4c1a35"
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
  certificate_arn = "arn:aws:acm:eu-west-1:222222222222:certificate/0f6c2a9e-5b1d-4c3e-8a7f-2d9b6e4c1a35"
  domain_name     = "api.staging.internal.example.com"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowInvoke"
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "arn:aws:execute-api:eu-west-1:222222222222:/domainnames/api.staging.internal.example.com+*"
      },
      {
        Sid       = "DenyOutsideVpcEndpoint"
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "arn:aws:execute-api:eu-west-1:222222222222:/domainnames/api.staging.internal.example.com+*"
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
    Name = "alb-front-staging-api.staging.internal.example.com"
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
    Name = "alb-front-staging-api.staging.internal.example.com"
  }
}

resource "aws_api_gateway_base_path_mapping" "custom_domain_mapping" {
  api_id         = aws_api_gateway_rest_api.api_rest_api.id
  domain_name    = aws_api_gateway_domain_name.custom_domain_domain_name.domain_name
  domain_name_id = aws_api_gateway_domain_name.custom_domain_domain_name.domain_name_id
  stage_name     = aws_api_gateway_stage.api_stage.stage_name
}

data "aws_vpc" "client_vpc_tools" {
  id = "vpc-0c2d3e4f5a6b70819"
  lifecycle {
    postcondition {
      condition     = self.enable_dns_support
      error_message = "The adopted VPC vpc-0c2d3e4f5a6b70819 (staging: topologies.alb-front.domain.clientVpcs.tools) has DNS support off: private hosted zones and private DNS answer only in a VPC with DNS support and DNS hostnames on. Fix: aws ec2 modify-vpc-attribute --vpc-id vpc-0c2d3e4f5a6b70819 --enable-dns-support."
    }
    postcondition {
      condition     = self.enable_dns_hostnames
      error_message = "The adopted VPC vpc-0c2d3e4f5a6b70819 (staging: topologies.alb-front.domain.clientVpcs.tools) has DNS hostnames off: private hosted zones and private DNS answer only in a VPC with DNS support and DNS hostnames on. Fix: aws ec2 modify-vpc-attribute --vpc-id vpc-0c2d3e4f5a6b70819 --enable-dns-hostnames."
    }
  }
}

resource "aws_route53_zone" "dns_zone" {
  comment = "Private name of the internal ALB in front of the private API (alb-front-staging)"
  name    = "api.staging.internal.example.com"
  tags = {
    Name = "alb-front-staging-api.staging.internal.example.com"
  }
  vpc {
    vpc_id     = aws_vpc.network_vpc.id
    vpc_region = "eu-west-1"
  }
  vpc {
    vpc_id     = "vpc-0c2d3e4f5a6b70819"
    vpc_region = "eu-west-1"
  }
}

resource "aws_route53_record" "dns_alias" {
  name    = "api.staging.internal.example.com"
  type    = "A"
  zone_id = aws_route53_zone.dns_zone.zone_id
  alias {
    evaluate_target_health = true
    name                   = aws_lb.front_alb.dns_name
    zone_id                = aws_lb.front_alb.zone_id
  }
}

output "custom_url" {
  value       = "https://api.staging.internal.example.com/"
  description = "URL clients call (VPN and peered networks, and the VPC itself); the base path maps to the API's stage"
}

output "curl_command" {
  value       = "curl -sS https://api.staging.internal.example.com/health"
  description = "Ready-to-paste check from a client network (the example method answers {\"status\":\"ok\"})"
}

output "synthetic_check" {
  value = {
    url    = "https://api.staging.internal.example.com/health"
    method = "GET"
    signed = false
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
    eu-west-1a = "10.21.0.10"
    eu-west-1b = "10.21.1.10"
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

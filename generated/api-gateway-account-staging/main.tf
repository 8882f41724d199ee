terraform {
  required_providers {
    aws = {
      version = "6.25.0"
      source  = "hashicorp/aws"
    }
  }
  backend "s3" {
    key          = "private-api/api-gateway-account-staging/terraform.tfstate"
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
      topology    = "api-gateway-account"
      managed-by  = "cdktf"
    }
  }
}

resource "aws_iam_role" "cloudwatch_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "apigateway.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  description = "Lets API Gateway write execution and access logs to CloudWatch Logs"
  name        = "api-gateway-cloudwatch-eu-west-1"
}

resource "aws_iam_role_policy_attachment" "cloudwatch_role_policy" {
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
  role       = aws_iam_role.cloudwatch_role.name
}

resource "aws_api_gateway_account" "account" {
  cloudwatch_role_arn = aws_iam_role.cloudwatch_role.arn
  depends_on = [
    aws_iam_role_policy_attachment.cloudwatch_role_policy,
  ]
}

output "cloudwatch_role_arn" {
  value       = aws_iam_role.cloudwatch_role.arn
  description = "Role API Gateway logs with in this account and region"
}

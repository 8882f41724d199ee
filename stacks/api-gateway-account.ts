import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../config";
import { EnvironmentStack } from "./environment-stack";

/**
 * The account-and-region singleton API Gateway logs with: the CloudWatch role in the API Gateway
 * account settings. Stage execution and access logging fail without it. It lives in a stack of
 * its own so that topology stacks never fight over it; deploy it once per account and region,
 * before any topology.
 */
export class ApiGatewayAccountStack extends EnvironmentStack {
  public static readonly topology = "api-gateway-account";

  public constructor(scope: Construct, environment: Environment) {
    super(scope, { environment, topology: ApiGatewayAccountStack.topology });
    const trust = new DataAwsIamPolicyDocument(this, "cloudwatch_trust", {
      statement: [
        {
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["apigateway.amazonaws.com"] }],
        },
      ],
    });
    const role = new IamRole(this, "cloudwatch_role", {
      name: `api-gateway-cloudwatch-${environment.region}`,
      description: "Lets API Gateway write execution and access logs to CloudWatch Logs",
      assumeRolePolicy: trust.json,
    });
    const permissions = new IamRolePolicyAttachment(this, "cloudwatch_role_policy", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    });
    // API Gateway checks the role's permissions when it is set, so attach them first.
    new ApiGatewayAccount(this, "account", {
      cloudwatchRoleArn: role.arn,
      dependsOn: [permissions],
    });
    new TerraformOutput(this, "cloudwatch_role_arn", {
      staticId: true,
      description: "Role API Gateway logs with in this account and region",
      value: role.arn,
    });
  }
}

import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { Construct } from "constructs";
import type { EnvironmentSettings } from "../config";
import { policyDocument } from "../lib/iam";
import { EnvironmentStack } from "./environment-stack";
import { addOutputs } from "./shared";

/** The name of this stack's "topology" (it is not one: it holds an account-wide singleton). */
export const API_GATEWAY_ACCOUNT = "api-gateway-account";

/**
 * The account-and-region singleton API Gateway logs with: the CloudWatch role in the API Gateway
 * account settings. Stage execution and access logging fail without it. It lives in a stack of
 * its own so that topology stacks never fight over it; deploy it once per account and region,
 * before any topology.
 *
 * Provider 6 always resets the account's API Gateway settings when `aws_api_gateway_account` is
 * destroyed, which turns off CloudWatch logging for every REST API of the account in the region.
 * With deletion protection it cannot be destroyed; the README shows how to retire it without a
 * destroy (a `removed` block with `destroy = false`).
 */
export class ApiGatewayAccountStack extends EnvironmentStack {
  public constructor(scope: Construct, { environment }: { readonly environment: EnvironmentSettings }) {
    super(scope, { environment, topology: API_GATEWAY_ACCOUNT });
    const lifecycle = environment.deletionProtection ? { preventDestroy: true } : undefined;
    const role = new IamRole(this, "cloudwatch_role", {
      name: `api-gateway-cloudwatch-${environment.region}`,
      description: "Lets API Gateway write execution and access logs to CloudWatch Logs",
      assumeRolePolicy: policyDocument([
        { Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]),
      lifecycle,
    });
    const permissions = new IamRolePolicyAttachment(this, "cloudwatch_role_policy", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    });
    // API Gateway checks the role's permissions when it is set, so attach them first.
    new ApiGatewayAccount(this, "account", {
      cloudwatchRoleArn: role.arn,
      dependsOn: [permissions],
      lifecycle,
    });
    addOutputs(this, { cloudwatch_role_arn: ["Role API Gateway logs with in this account and region", role.arn] });
  }
}

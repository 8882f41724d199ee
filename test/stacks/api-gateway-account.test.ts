import { Testing } from "cdktf";
import { ApiGatewayAccountStack } from "../../stacks/api-gateway-account";
import { decodePolicy, resource, settingsOf, synth } from "../helpers";

function accountStack(deletionProtection = false) {
  const environment = settingsOf({ deletionProtection });
  return new ApiGatewayAccountStack(Testing.app(), { environment });
}

describe("api-gateway-account", () => {
  test("all defaults: sets the account's CloudWatch role once its permissions are attached", () => {
    // GIVEN / WHEN
    const out = synth(accountStack());

    // THEN only API Gateway can assume the role
    const role = resource(out, "aws_iam_role", "cloudwatch_role");
    expect(role.name).toBe("api-gateway-cloudwatch-eu-west-1");
    expect(decodePolicy(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    // AND it carries AWS's managed policy for pushing logs
    expect(resource(out, "aws_iam_role_policy_attachment", "cloudwatch_role_policy")).toEqual({
      role: "${aws_iam_role.cloudwatch_role.name}",
      policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    });
    // AND the account setting waits for it: API Gateway checks the role when it is set
    expect(resource(out, "aws_api_gateway_account", "account")).toEqual({
      cloudwatch_role_arn: "${aws_iam_role.cloudwatch_role.arn}",
      depends_on: ["aws_iam_role_policy_attachment.cloudwatch_role_policy"],
    });
    // AND without deletion protection nothing refuses a destroy
    expect(role).not.toHaveProperty("lifecycle");
    expect(JSON.stringify(out.resource)).not.toContain("prevent_destroy");
    // AND policies are jsonencode, never a data source
    expect(out.data).toEqual({});
    expect(out.output.cloudwatch_role_arn.value).toBe("${aws_iam_role.cloudwatch_role.arn}");
    // AND its state lives beside the topologies', under its own key
    expect(out.terraform.backend.s3.key).toBe("private-api/api-gateway-account-test/terraform.tfstate");
  });

  test("all options: with deletion protection neither the role nor the account settings can be destroyed", () => {
    // GIVEN / WHEN
    const out = synth(accountStack(true));

    // THEN destroying the account settings would turn off logging for every API of the region
    expect(resource(out, "aws_api_gateway_account", "account").lifecycle).toEqual({ prevent_destroy: true });
    expect(resource(out, "aws_iam_role", "cloudwatch_role").lifecycle).toEqual({ prevent_destroy: true });
    // AND the account setting still waits for the role's permissions
    expect(resource(out, "aws_api_gateway_account", "account").depends_on).toEqual([
      "aws_iam_role_policy_attachment.cloudwatch_role_policy",
    ]);
  });
});

import { Testing } from "cdktf";
import { ApiGatewayAccountStack } from "../../stacks/api-gateway-account";
import { dataSource, environment, resource, synth } from "../helpers";

describe("api-gateway-account", () => {
  test("sets the account's CloudWatch role once its permissions are attached", () => {
    // GIVEN / WHEN
    const out = synth(new ApiGatewayAccountStack(Testing.app(), environment({}, "api-gateway-account")));

    // THEN only API Gateway can assume the role
    expect(dataSource(out, "aws_iam_policy_document", "cloudwatch_trust").statement).toEqual([
      {
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["apigateway.amazonaws.com"] }],
      },
    ]);
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
    expect(resource(out, "aws_iam_role", "cloudwatch_role").name).toBe("api-gateway-cloudwatch-eu-west-1");
    expect(out.output.cloudwatch_role_arn.value).toBe("${aws_iam_role.cloudwatch_role.arn}");
    // AND its state lives beside the topologies', under its own key
    expect(out.terraform.backend.s3.key).toBe("private-api/api-gateway-account-test/terraform.tfstate");
  });
});

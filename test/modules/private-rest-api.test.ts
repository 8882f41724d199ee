import { TerraformOutput, Testing } from "cdktf";
import { ReadableStack } from "../../lib/readable-stack";
import { ExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import { Network } from "../../modules/network";
import { ExistingPrivateApi, PrivateRestApi, type PrivateRestApiProps } from "../../modules/private-rest-api";
import { awkwardOpenApiDocument, dataSource, resource, resourcesOf, synth } from "../helpers";

/** A stack with an adopted network and an execute-api endpoint, ready for an API. */
function endpointStack() {
  const stack = new ReadableStack(Testing.app(), "test");
  const network = new Network(stack, "network", {
    mode: "existing",
    vpcId: "vpc-0123456789abcdef0",
    cidr: "10.0.0.0/16",
    subnetIds: { "eu-west-1a": "subnet-000000000000000aa", "eu-west-1b": "subnet-000000000000000bb" },
  });
  const endpoint = new ExecuteApiEndpoint(stack, "execute_api", { network, region: "eu-west-1", name: "demo" });
  return { stack, endpoint };
}

function apiStack(options: Partial<PrivateRestApiProps> = {}) {
  const { stack, endpoint } = endpointStack();
  const api = new PrivateRestApi(stack, "api", {
    name: "demo",
    endpoints: [endpoint],
    stageName: "v1",
    ...options,
  });
  return { stack, api, endpoint };
}

const ENDPOINT_ID = "${aws_vpc_endpoint.execute_api_endpoint.id}";
const API_RESOURCE = "${aws_api_gateway_rest_api.api_rest_api.execution_arn}/*";

describe("PrivateRestApi", () => {
  test("all defaults: a PRIVATE API bound to the endpoint, its policy a resource the deployment waits for", () => {
    const out = synth(apiStack().stack);
    const restApi = resource(out, "aws_api_gateway_rest_api", "api_rest_api");
    expect(restApi).toMatchObject({
      name: "demo",
      endpoint_configuration: { types: ["PRIVATE"], vpc_endpoint_ids: [ENDPOINT_ID] },
      lifecycle: { create_before_destroy: true },
    });
    // Never both an inline policy and the policy resource.
    expect(restApi).not.toHaveProperty("policy");
    expect(resource(out, "aws_api_gateway_rest_api_policy", "api_resource_policy")).toEqual({
      rest_api_id: "${aws_api_gateway_rest_api.api_rest_api.id}",
      policy: "${data.aws_iam_policy_document.api_resource_policy_document.json}",
    });
    // "Private REST API doesn't have a resource policy attached to it" otherwise.
    expect(resource(out, "aws_api_gateway_deployment", "api_deployment").depends_on).toEqual([
      "aws_api_gateway_rest_api_policy.api_resource_policy",
    ]);
  });

  test("all defaults: the resource policy denies every call that does not come through the endpoint", () => {
    const out = synth(apiStack().stack);
    const [allow, deny] = dataSource(out, "aws_iam_policy_document", "api_resource_policy_document").statement;
    expect(allow).toEqual({
      sid: "AllowInvoke",
      effect: "Allow",
      principals: [{ type: "*", identifiers: ["*"] }],
      actions: ["execute-api:Invoke"],
      // The full ARN, as AWS stores it: the execute-api:/* shorthand would show as a change on every plan.
      resources: [API_RESOURCE],
    });
    expect(deny).toMatchObject({
      effect: "Deny",
      actions: ["execute-api:Invoke"],
      resources: [API_RESOURCE],
      condition: [{ test: "StringNotEquals", variable: "aws:SourceVpce", values: [ENDPOINT_ID] }],
    });
  });

  test("all defaults: the endpoint policy names this API", () => {
    const out = synth(apiStack().stack);
    expect(dataSource(out, "aws_iam_policy_document", "execute_api_policy_document").statement[0].resources).toEqual([
      "${aws_api_gateway_rest_api.api_rest_api.execution_arn}/*",
    ]);
  });

  test("all defaults: GET /health answered by a MOCK integration with 200 JSON", () => {
    const out = synth(apiStack().stack);
    expect(resource(out, "aws_api_gateway_resource", "api_health")).toMatchObject({ path_part: "health" });
    expect(resource(out, "aws_api_gateway_method", "api_health_get")).toMatchObject({
      http_method: "GET",
      authorization: "NONE",
    });
    expect(resource(out, "aws_api_gateway_integration", "api_health_get_integration")).toMatchObject({
      type: "MOCK",
      request_templates: { "application/json": '{"statusCode":200}' },
    });
    expect(resource(out, "aws_api_gateway_integration_response", "api_health_get_integration_200")).toMatchObject({
      status_code: "${aws_api_gateway_method_response.api_health_get_200.status_code}",
      response_templates: { "application/json": '{"status":"ok"}' },
    });
  });

  test("all defaults: the deployment is replaced, new before old, whenever the API or its policy changes", () => {
    const out = synth(apiStack().stack);
    const deployment = resource(out, "aws_api_gateway_deployment", "api_deployment");
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    const trigger: string = deployment.triggers.redeployment;
    expect(trigger).toMatch(/^\$\{sha1\(jsonencode\(\[/);
    for (const part of [
      "aws_api_gateway_rest_api.api_rest_api.body",
      "data.aws_iam_policy_document.api_resource_policy_document.json",
      "aws_api_gateway_method.api_health_get",
      "aws_api_gateway_integration.api_health_get_integration",
      "aws_api_gateway_integration_response.api_health_get_integration_200",
    ]) {
      expect(trigger).toContain(part);
    }
  });

  test("all defaults: the stage logs access as JSON with the endpoint id, traces, and keeps logs bounded", () => {
    const out = synth(apiStack().stack);
    const stage = resource(out, "aws_api_gateway_stage", "api_stage");
    expect(stage).toMatchObject({
      stage_name: "v1",
      deployment_id: "${aws_api_gateway_deployment.api_deployment.id}",
      xray_tracing_enabled: true,
      access_log_settings: { destination_arn: "${aws_cloudwatch_log_group.api_access_logs.arn}" },
      depends_on: ["aws_cloudwatch_log_group.api_execution_logs"],
    });
    expect(JSON.parse(stage.access_log_settings.format)).toMatchObject({
      requestId: "$context.requestId",
      vpceId: "$context.identity.vpceId",
      status: "$context.status",
    });
    expect(resource(out, "aws_cloudwatch_log_group", "api_execution_logs")).toMatchObject({
      name: "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.api_rest_api.id}/v1",
      retention_in_days: 365,
    });
    expect(resource(out, "aws_cloudwatch_log_group", "api_access_logs")).toMatchObject({ retention_in_days: 365 });
    expect(resource(out, "aws_api_gateway_method_settings", "api_method_settings")).toEqual({
      rest_api_id: "${aws_api_gateway_rest_api.api_rest_api.id}",
      stage_name: "${aws_api_gateway_stage.api_stage.stage_name}",
      method_path: "*/*",
      settings: { metrics_enabled: true, logging_level: "ERROR", data_trace_enabled: false },
    });
  });

  test("all options: an OpenAPI body is merged, and logging, tracing, throttling and protection follow the props", () => {
    const openApiDocument = awkwardOpenApiDocument();
    const out = synth(
      apiStack({
        openApiDocument,
        logRetentionDays: 14,
        loggingLevel: "INFO",
        metricsEnabled: false,
        xrayTracingEnabled: false,
        throttling: { burstLimit: 20, rateLimit: 10 },
        preventDestroy: true,
        authorization: "AWS_IAM",
      }).stack,
    );
    const restApi = resource(out, "aws_api_gateway_rest_api", "api_rest_api");
    // merge keeps the PRIVATE endpoint binding that overwrite would drop
    expect(restApi.put_rest_api_mode).toBe("merge");
    // The document travels as base64, so quotes, backslashes and ${...} reach AWS verbatim
    const encoded = /^\$\{base64decode\("([A-Za-z0-9+/=]+)"\)\}$/.exec(restApi.body)?.[1] ?? "";
    expect(JSON.parse(Buffer.from(encoded, "base64").toString("utf8"))).toEqual(openApiDocument);
    expect(restApi.lifecycle).toEqual({ create_before_destroy: true, prevent_destroy: true });
    expect(resourcesOf(out, "aws_api_gateway_method")).toEqual({});
    expect(resource(out, "aws_api_gateway_stage", "api_stage").xray_tracing_enabled).toBe(false);
    expect(resource(out, "aws_api_gateway_method_settings", "api_method_settings").settings).toEqual({
      metrics_enabled: false,
      logging_level: "INFO",
      data_trace_enabled: false,
      throttling_burst_limit: 20,
      throttling_rate_limit: 10,
    });
    expect(resource(out, "aws_cloudwatch_log_group", "api_access_logs")).toMatchObject({
      retention_in_days: 14,
      lifecycle: { prevent_destroy: true },
    });
  });

  test("all options: IAM authorization on the example method", () => {
    const out = synth(apiStack({ authorization: "AWS_IAM" }).stack);
    expect(resource(out, "aws_api_gateway_method", "api_health_get").authorization).toBe("AWS_IAM");
  });

  test("fails without an endpoint", () => {
    const stack = new ReadableStack(Testing.app(), "test");
    expect(() => new PrivateRestApi(stack, "api", { name: "x", endpoints: [], stageName: "v1" })).toThrow(
      "[test/api] a private API needs at least one execute-api endpoint",
    );
  });
});

describe("ExistingPrivateApi", () => {
  test("adopts an API by id: nothing of it is created, the endpoint policy names it, its owner gets the policy", () => {
    const { stack, endpoint } = endpointStack();
    const api = new ExistingPrivateApi(stack, "api", {
      restApiId: "a1b2c3d4e5",
      stageName: "prod",
      region: "eu-west-1",
      accountId: "123456789012",
      endpoints: [endpoint],
    });
    new TerraformOutput(stack, "policy", { value: api.resourcePolicy });
    const out = synth(stack);

    expect(Object.keys(out.resource).filter((type) => type.startsWith("aws_api_gateway"))).toEqual([]);
    expect(api.invokeUrl).toBe("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod");
    expect(dataSource(out, "aws_iam_policy_document", "execute_api_policy_document").statement[0].resources).toEqual([
      "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*",
    ]);
    expect(out.output.policy.value).toBe("${data.aws_iam_policy_document.api_resource_policy_document.json}");
    const [, deny] = dataSource(out, "aws_iam_policy_document", "api_resource_policy_document").statement;
    expect(deny.resources).toEqual(["arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*"]);
    expect(deny.condition[0].values).toEqual([ENDPOINT_ID]);
  });
});

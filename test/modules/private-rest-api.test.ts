import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, Testing } from "cdktf";
import { ValidationError } from "../../lib/errors";
import { ReadableStack } from "../../lib/readable-stack";
import { ExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import { Network } from "../../modules/network";
import { PrivateRestApi, type PrivateRestApiProps } from "../../modules/private-rest-api";
import {
  awkwardOpenApiDocument,
  decodePolicy,
  expectEndpointPolicyFor,
  resource,
  resourcesOf,
  synth,
} from "../helpers";

/**
 * A stack with an adopted network and an execute-api endpoint, ready for an API; with
 * `aliasedProvider`, the endpoint uses a stack-level provider aliased "eu-central-1".
 */
function endpointStack(aliasedProvider = false) {
  const stack = new ReadableStack(Testing.app(), "test");
  const provider = aliasedProvider
    ? new AwsProvider(stack, "aws_eu-central-1", { region: "eu-central-1", alias: "eu-central-1" })
    : undefined;
  const network = Network.fromAttributes(stack, "network", {
    vpcId: "vpc-0123456789abcdef0",
    cidr: "10.0.0.0/16",
    subnetIds: { "eu-west-1a": "subnet-000000000000000aa", "eu-west-1b": "subnet-000000000000000bb" },
  });
  const endpoint = new ExecuteApiEndpoint(stack, "execute_api", {
    network,
    region: "eu-west-1",
    name: "demo",
    provider,
  });
  return { stack, endpoint, provider };
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
const API_ARN = "${aws_api_gateway_rest_api.api_rest_api.execution_arn}";
const API_RESOURCE = `${API_ARN}/*`;

describe("PrivateRestApi", () => {
  test("all defaults: a PRIVATE API bound to the endpoint, replaced in place rather than created first", () => {
    const out = synth(apiStack().stack);
    const restApi = resource(out, "aws_api_gateway_rest_api", "api_rest_api");
    expect(restApi).toMatchObject({
      name: "demo",
      endpoint_configuration: { types: ["PRIVATE"], vpc_endpoint_ids: [ENDPOINT_ID] },
    });
    // create_before_destroy would spread to the endpoint, whose replacement would briefly be a
    // second private-DNS execute-api endpoint in the VPC (which AWS refuses).
    expect(restApi).not.toHaveProperty("lifecycle");
    // Never both an inline policy and the policy resource; no OpenAPI body without a document.
    expect(restApi).not.toHaveProperty("policy");
    expect(restApi).not.toHaveProperty("body");
    expect(restApi).not.toHaveProperty("put_rest_api_mode");
    // AND policies are jsonencode, never a data source (the one lookup checks the adopted VPC)
    expect(Object.keys(out.data)).toEqual(["aws_vpc"]);
  });

  test("all options: callers and source ranges are conditions of the one Allow, the Deny outside the endpoint unchanged", () => {
    const out = synth(
      apiStack({
        callers: { of: "organization", organizationId: "o-a1b2c3d4e5" },
        sourceRanges: ["10.0.0.0/16", "172.16.0.0/16"],
      }).stack,
    );
    const [allow, deny] = decodePolicy(resource(out, "aws_api_gateway_rest_api_policy", "api_resource_policy").policy)
      .Statement as { Sid: string; Condition: unknown }[];
    expect(allow).toMatchObject({
      Sid: "AllowInvoke",
      Condition: {
        StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" },
        IpAddress: { "aws:VpcSourceIp": ["10.0.0.0/16", "172.16.0.0/16"] },
      },
    });
    expect(deny).toMatchObject({
      Sid: "DenyOutsideVpcEndpoints",
      Condition: { StringNotEquals: { "aws:SourceVpce": [ENDPOINT_ID] } },
    });
  });

  test("all defaults: the resource policy denies every call that does not come through the endpoint", () => {
    const out = synth(apiStack().stack);
    const policy = resource(out, "aws_api_gateway_rest_api_policy", "api_resource_policy");
    expect(policy.rest_api_id).toBe("${aws_api_gateway_rest_api.api_rest_api.id}");
    expect(decodePolicy(policy.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AllowInvoke",
          Effect: "Allow",
          Principal: "*",
          Action: "execute-api:Invoke",
          // The full ARN, as AWS stores it: the execute-api:/* shorthand would show as a change on every plan.
          Resource: API_RESOURCE,
        },
        {
          Sid: "DenyOutsideVpcEndpoints",
          Effect: "Deny",
          Principal: "*",
          Action: "execute-api:Invoke",
          Resource: API_RESOURCE,
          Condition: { StringNotEquals: { "aws:SourceVpce": [ENDPOINT_ID] } },
        },
      ],
    });
  });

  test("all defaults: the endpoint policy names this API", () => {
    expectEndpointPolicyFor(synth(apiStack().stack), [API_ARN]);
  });

  test("all defaults: GET /health answered by a MOCK integration with 200 JSON", () => {
    const out = synth(apiStack().stack);
    expect(resource(out, "aws_api_gateway_resource", "api_health")).toMatchObject({
      parent_id: "${aws_api_gateway_rest_api.api_rest_api.root_resource_id}",
      path_part: "health",
    });
    expect(resource(out, "aws_api_gateway_method", "api_health_get")).toMatchObject({
      http_method: "GET",
      authorization: "NONE",
    });
    expect(resource(out, "aws_api_gateway_integration", "api_health_get_integration")).toMatchObject({
      type: "MOCK",
      request_templates: { "application/json": '{"statusCode":200}' },
    });
    expect(resource(out, "aws_api_gateway_method_response", "api_health_get_200")).toMatchObject({
      status_code: "200",
    });
    expect(resource(out, "aws_api_gateway_integration_response", "api_health_get_integration_200")).toMatchObject({
      status_code: "${aws_api_gateway_method_response.api_health_get_200.status_code}",
      response_templates: { "application/json": '{"status":"ok"}' },
      depends_on: ["aws_api_gateway_integration.api_health_get_integration"],
    });
  });

  test("all defaults: the deployment is replaced, new before old, whenever the policy or a method changes", () => {
    const out = synth(apiStack().stack);
    const deployment = resource(out, "aws_api_gateway_deployment", "api_deployment");
    expect(deployment.rest_api_id).toBe("${aws_api_gateway_rest_api.api_rest_api.id}");
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    // Referencing the policy in the trigger orders the deployment after it; no depends_on needed.
    expect(deployment).not.toHaveProperty("depends_on");
    const trigger: string = deployment.triggers.redeployment;
    expect(trigger).toMatch(/^\$\{sha1\(jsonencode\(\[.*\]\)\)\}$/);
    for (const part of [
      "aws_api_gateway_rest_api_policy.api_resource_policy.policy",
      "aws_api_gateway_resource.api_health.id",
      "aws_api_gateway_method.api_health_get.id",
      "aws_api_gateway_integration.api_health_get_integration.id",
      "aws_api_gateway_integration.api_health_get_integration.request_templates",
      "aws_api_gateway_method_response.api_health_get_200.id",
      "aws_api_gateway_integration_response.api_health_get_integration_200.id",
      "aws_api_gateway_integration_response.api_health_get_integration_200.response_templates",
    ]) {
      expect(trigger).toContain(part);
    }
    // Never whole resources: a refresh fills in attributes nobody set, which would redeploy on every plan.
    const addresses = trigger.match(/aws_api_gateway_[a-z_]+\.[A-Za-z0-9_-]+(\.[a-z_]+)?/g) ?? [];
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => address.split(".").length < 3)).toEqual([]);
    // AND there is no body to hash
    expect(trigger).not.toContain(".body");
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
    // AND nothing is protected from destroy by default
    expect(JSON.stringify(out.resource)).not.toContain("prevent_destroy");
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
    expect(restApi.endpoint_configuration).toEqual({ types: ["PRIVATE"], vpc_endpoint_ids: [ENDPOINT_ID] });
    // The document travels as base64, so quotes, backslashes and ${...} reach AWS verbatim
    const encoded = /^\$\{base64decode\("([A-Za-z0-9+/=]+)"\)\}$/.exec(restApi.body)?.[1] ?? "";
    expect(JSON.parse(Buffer.from(encoded, "base64").toString("utf8"))).toEqual(openApiDocument);
    // Protection, and still no create_before_destroy
    expect(restApi.lifecycle).toEqual({ prevent_destroy: true });
    // The document replaces the example method, and the deployment follows the body and the policy
    expect(resourcesOf(out, "aws_api_gateway_method")).toEqual({});
    expect(resourcesOf(out, "aws_api_gateway_integration")).toEqual({});
    expect(resource(out, "aws_api_gateway_deployment", "api_deployment").triggers.redeployment).toBe(
      "${sha1(jsonencode([aws_api_gateway_rest_api.api_rest_api.body, aws_api_gateway_rest_api_policy.api_resource_policy.policy]))}",
    );
    expect(resource(out, "aws_api_gateway_stage", "api_stage").xray_tracing_enabled).toBe(false);
    expect(resource(out, "aws_api_gateway_method_settings", "api_method_settings").settings).toEqual({
      metrics_enabled: false,
      logging_level: "INFO",
      data_trace_enabled: false,
      throttling_burst_limit: 20,
      throttling_rate_limit: 10,
    });
    for (const group of ["api_access_logs", "api_execution_logs"]) {
      expect(resource(out, "aws_cloudwatch_log_group", group)).toMatchObject({
        retention_in_days: 14,
        lifecycle: { prevent_destroy: true },
      });
    }
  });

  test("all options: IAM authorization on the example method", () => {
    const out = synth(apiStack({ authorization: "AWS_IAM" }).stack);
    expect(resource(out, "aws_api_gateway_method", "api_health_get").authorization).toBe("AWS_IAM");
  });

  test("all options: several endpoints are bound and admitted by the resource policy", () => {
    // GIVEN a second endpoint in another VPC
    const { stack, endpoint } = endpointStack();
    const other = new ExecuteApiEndpoint(stack, "other_endpoint", {
      network: Network.fromAttributes(stack, "other_network", {
        vpcId: "vpc-0123456789abcdef1",
        cidr: "10.1.0.0/16",
        subnetIds: { "eu-west-1a": "subnet-000000000000000dd", "eu-west-1b": "subnet-000000000000000ee" },
      }),
      region: "eu-west-1",
      name: "other",
    });

    // WHEN
    new PrivateRestApi(stack, "api", { name: "demo", endpoints: [endpoint, other], stageName: "v1" });
    const out = synth(stack);

    // THEN
    const endpointIds = [ENDPOINT_ID, "${aws_vpc_endpoint.other_endpoint_endpoint.id}"];
    expect(resource(out, "aws_api_gateway_rest_api", "api_rest_api").endpoint_configuration.vpc_endpoint_ids).toEqual(
      endpointIds,
    );
    const [, deny] = decodePolicy(
      resource(out, "aws_api_gateway_rest_api_policy", "api_resource_policy").policy,
    ).Statement;
    expect(deny.Condition).toEqual({ StringNotEquals: { "aws:SourceVpce": endpointIds } });
    expect(decodePolicy(resource(out, "aws_vpc_endpoint_policy", "other_endpoint_policy").policy).Statement[0]).toEqual(
      expect.objectContaining({ Resource: [API_RESOURCE] }),
    );
  });

  test("all options: every resource uses the given provider", () => {
    // GIVEN an endpoint on a stack-level provider for another region
    const { stack, endpoint, provider } = endpointStack(true);

    // WHEN the API is given the same provider
    new PrivateRestApi(stack, "api", { name: "demo", endpoints: [endpoint], stageName: "v1", provider });
    const out = synth(stack);

    // THEN every resource lands in the provider's region
    const providers = Object.entries(out.resource).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, block]) => [`${type}.${name}`, block.provider]),
    );
    expect(providers.filter(([address]) => address.startsWith("aws_api_gateway"))).toHaveLength(11);
    expect(providers.map(([address]) => address)).toEqual(
      expect.arrayContaining([
        "aws_cloudwatch_log_group.api_access_logs",
        "aws_cloudwatch_log_group.api_execution_logs",
      ]),
    );
    expect(providers).toEqual(providers.map(([address]) => [address, "aws.eu-central-1"]));
  });

  test("fails without an endpoint", () => {
    const withoutEndpoint = () =>
      new PrivateRestApi(new ReadableStack(Testing.app(), "test"), "api", {
        name: "x",
        endpoints: [],
        stageName: "v1",
      });
    expect(withoutEndpoint).toThrow(ValidationError);
    expect(withoutEndpoint).toThrow("[test/api] a private API needs at least one execute-api endpoint");
  });
});

describe("PrivateRestApi.fromAttributes", () => {
  test("all defaults: adopts an API by id: nothing of it is created, the endpoint policy names it, its owner gets the policy", () => {
    // GIVEN
    const { stack, endpoint } = endpointStack();

    // WHEN
    const api = PrivateRestApi.fromAttributes(stack, "api", {
      restApiId: "a1b2c3d4e5",
      stageName: "prod",
      region: "eu-west-1",
      accountId: "123456789012",
      endpoints: [endpoint],
    });
    new TerraformOutput(stack, "policy", { value: api.resourcePolicy });
    const out = synth(stack);

    // THEN nothing of the API is managed here
    expect(Object.keys(out.resource).filter((type) => type.startsWith("aws_api_gateway"))).toEqual([]);
    expect(api.restApiId).toBe("a1b2c3d4e5");
    expect(api.stageName).toBe("prod");
    expect(api.executionArn).toBe("arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5");
    expect(api.invokeUrl).toBe("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod");
    // AND the endpoint may invoke it
    expectEndpointPolicyFor(out, ["arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5"]);
    // AND its owner gets a resource policy admitting only this endpoint
    const policy = decodePolicy(out.output.policy.value);
    const resourceArn = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*";
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Sid: "AllowInvoke", Effect: "Allow", Resource: resourceArn }),
      expect.objectContaining({
        Sid: "DenyOutsideVpcEndpoints",
        Effect: "Deny",
        Action: "execute-api:Invoke",
        Resource: resourceArn,
        Condition: { StringNotEquals: { "aws:SourceVpce": [ENDPOINT_ID] } },
      }),
    ]);
  });
});

import { Testing, type TerraformStack } from "cdktf";
import type { EnvironmentInput, EnvironmentSource } from "../../config";
import { resolveEnvironment } from "../../config";
import type { Environment } from "../../config";

/** A complete, valid environment; tests override what they exercise. */
export function environmentInput(overrides: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return {
    name: "test",
    accountId: "123456789012",
    region: "eu-west-1",
    stateBucket: "test-tfstate",
    tags: { owner: "tests" },
    network: {
      mode: "create",
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
    },
    clientCidrs: {},
    logRetentionDays: 30,
    deletionProtection: false,
    api: { stageName: "v1", loggingLevel: "INFO" },
    apiGatewayAccount: { manageCloudWatchRole: false },
    ...overrides,
  };
}

/** An environment file's content as the loader would return it. */
export function source(input: unknown, name = "test"): EnvironmentSource {
  return { name, file: `config/environments/${name}.ts`, input };
}

/** A validated environment for building stacks directly. */
export function environment(overrides: Partial<EnvironmentInput> = {}, topology = "direct-vpce"): Environment {
  const input = environmentInput(overrides);
  return resolveEnvironment(source(input, input.name), topology);
}

/** The synthesized JSON of a stack, with typed access to blocks by Terraform address. */
export interface Synthesized {
  readonly terraform: Record<string, any>;
  readonly provider: Record<string, any[]>;
  readonly resource: Record<string, Record<string, any>>;
  readonly data: Record<string, Record<string, any>>;
  readonly output: Record<string, any>;
}

export function synth(stack: TerraformStack): Synthesized {
  const parsed = JSON.parse(Testing.synth(stack)) as Partial<Synthesized>;
  return {
    terraform: parsed.terraform ?? {},
    provider: parsed.provider ?? {},
    resource: parsed.resource ?? {},
    data: parsed.data ?? {},
    output: parsed.output ?? {},
  };
}

/** Every resource of one type, keyed by name. */
export function resourcesOf(synthesized: Synthesized, type: string): Record<string, any> {
  return synthesized.resource[type] ?? {};
}

/** The single resource at `type.name`; fails the test when it is missing. */
export function resource(synthesized: Synthesized, type: string, name: string): any {
  const found = resourcesOf(synthesized, type)[name];
  if (found === undefined) {
    throw new Error(`no ${type}.${name}; have: ${Object.keys(resourcesOf(synthesized, type)).join(", ") || "none"}`);
  }
  return found;
}

/** The single data source at `data.type.name`. */
export function dataSource(synthesized: Synthesized, type: string, name: string): any {
  const found = synthesized.data[type]?.[name];
  if (found === undefined) {
    throw new Error(`no data.${type}.${name}`);
  }
  return found;
}

/** The endpoint policy every execute-api endpoint must carry: invoke on the served APIs only. */
export function expectEndpointPolicyFor(synthesized: Synthesized, apiArn: string): void {
  expect(resource(synthesized, "aws_vpc_endpoint_policy", "execute_api_policy")).toEqual({
    vpc_endpoint_id: "${aws_vpc_endpoint.execute_api_endpoint.id}",
    policy: "${data.aws_iam_policy_document.execute_api_policy_document.json}",
  });
  expect(dataSource(synthesized, "aws_iam_policy_document", "execute_api_policy_document").statement).toEqual([
    {
      sid: "InvokeServedApisOnly",
      effect: "Allow",
      principals: [{ type: "*", identifiers: ["*"] }],
      actions: ["execute-api:Invoke"],
      resources: [`${apiArn}/*`],
    },
  ]);
}

/** An OpenAPI document with what HCL strings mangle: quotes, backslashes and `${...}`. */
export function awkwardOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.0.1",
    info: { title: "orders", version: "1" },
    paths: {
      "/orders": {
        get: {
          "x-amazon-apigateway-integration": {
            type: "http_proxy",
            uri: "https://${stageVariables.backend}/orders",
            requestTemplates: { "application/json": '{"statusCode": 200, "pattern": "\\\\d+"}' },
          },
        },
      },
    },
  };
}

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

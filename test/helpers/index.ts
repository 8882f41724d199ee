import { Testing, type TerraformStack } from "cdktf";
import type { z } from "zod";
import {
  type EnvironmentSettings,
  type EnvironmentSource,
  type ResolvedEnvironment,
  resolveEnvironments,
} from "../../config";
import { ConfigError } from "../../lib/errors";
import { type Expression, parseExpression } from "../../tooling/hcl-expression";
import { defineStacks } from "../../topologies";
import { stackName } from "../../stacks/environment-stack";
import {
  type EnvironmentInput,
  FIRST_TOPOLOGY,
  TOPOLOGIES,
  TOPOLOGY_CATALOG,
  type TopologyName,
  type TopologySectionInputs,
} from "../../topologies/registry";

export { FIRST_TOPOLOGY } from "../../topologies/registry";

/**
 * A complete, valid environment running the registry's first topology with its defaults; tests
 * override what they exercise.
 */
export function environmentInput(overrides: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return {
    name: "test",
    accountId: "123456789012",
    region: "eu-west-1",
    tags: { owner: "tests" },
    logRetentionDays: 30,
    logEncryption: "aws-owned-key",
    deletionProtection: false,
    apiGatewayAccount: { manageCloudWatchRole: false },
    topologies: { [FIRST_TOPOLOGY]: TOPOLOGIES[FIRST_TOPOLOGY].fixtures.defaults() },
    ...overrides,
  };
}

/** An environment file's content as the loader would return it. */
export function source(input: unknown, name = "test"): EnvironmentSource {
  return { name, file: `environments/${name}.ts`, input };
}

/** Validates environments against the project's registry. */
export function resolve(...inputs: EnvironmentInput[]): ResolvedEnvironment[] {
  return resolveEnvironments(
    inputs.map((input) => source(input, input.name)),
    TOPOLOGY_CATALOG,
  );
}

/** The validated settings and one topology's section of one environment, for building stacks directly. */
export function resolvedSection<T extends TopologyName>(
  topology: T,
  overrides: Partial<EnvironmentInput> = {},
): { environment: EnvironmentSettings; section: SectionOf<T> } {
  const [resolved] = resolve(environmentInput(overrides));
  const section = resolved?.sections.find((s) => s.topology === topology)?.section;
  if (resolved === undefined || section === undefined) {
    throw new Error(`the fixture has no ${topology} section`);
  }
  return { environment: resolved.settings, section: section as SectionOf<T> };
}

/** A topology's validated section, as its schema outputs it. */
type SectionOf<T extends TopologyName> = z.output<ReturnType<(typeof TOPOLOGIES)[T]["schema"]>>;

/** The validated environment-wide settings of one environment, for building stacks directly. */
export function settingsOf(overrides: Partial<EnvironmentInput> = {}): EnvironmentSettings {
  return resolvedSection(FIRST_TOPOLOGY, overrides).environment;
}

/** The ConfigError message `run` fails with; the test fails when it fails otherwise or not at all. */
export function configErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

/** A stack the sources define, synthesized, with its topology section (none for the account stack). */
export interface SynthesizedStack {
  readonly name: string;
  readonly topology: string;
  /** cdktf's JSON, as text. */
  readonly json: string;
  readonly synthesized: Synthesized;
  readonly section: unknown;
}

/** Every stack `sources` define, synthesized once, with the section it was built from. */
export function synthesizedStacks(sources: readonly EnvironmentSource[]): SynthesizedStack[] {
  const sections = new Map<string, unknown>(
    resolveEnvironments(sources, TOPOLOGY_CATALOG).flatMap(({ settings, sections: all }) =>
      all.map(({ topology, section }): [string, unknown] => [stackName(topology, settings.name), section]),
    ),
  );
  return defineStacks(Testing.app(), sources).map((stack) => {
    const json = Testing.synth(stack);
    return {
      name: stack.node.id,
      topology: stack.topology,
      json,
      synthesized: parseSynthesized(json),
      section: sections.get(stack.node.id),
    };
  });
}

/** The synthesized JSON of a stack, with typed access to blocks by Terraform address. */
export interface Synthesized {
  readonly terraform: Record<string, any>;
  readonly provider: Record<string, any[]>;
  readonly resource: Record<string, Record<string, any>>;
  readonly data: Record<string, Record<string, any>>;
  readonly output: Record<string, any>;
  readonly locals: Record<string, any>;
}

export function synth(stack: TerraformStack): Synthesized {
  return parseSynthesized(Testing.synth(stack));
}

/** A stack's synthesized JSON text as `Synthesized`, every block present. */
export function parseSynthesized(json: string): Synthesized {
  const parsed = JSON.parse(json) as Partial<Synthesized>;
  return {
    terraform: parsed.terraform ?? {},
    provider: parsed.provider ?? {},
    resource: parsed.resource ?? {},
    data: parsed.data ?? {},
    output: parsed.output ?? {},
    locals: parsed.locals ?? {},
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

/**
 * The document inside a synthesized `${jsonencode({...})}` attribute, as data: strings as their
 * text, references as `${reference}`. Fails when the value is anything else.
 */
export function decodePolicy(value: unknown): any {
  const expression = typeof value === "string" ? /^\$\{([^]*)\}$/.exec(value)?.[1] : undefined;
  const parsed = expression === undefined ? undefined : parseExpression(expression);
  if (parsed?.kind !== "call" || parsed.name !== "jsonencode" || parsed.args.length !== 1) {
    throw new Error(`not a jsonencode(...) policy: ${String(value)}`);
  }
  return toData(parsed.args[0] as Expression);
}

function toData(expression: Expression): unknown {
  switch (expression.kind) {
    case "object":
      return Object.fromEntries(
        expression.entries.map(([key, value]) => [
          key.startsWith('"') ? (JSON.parse(key) as string) : key,
          toData(value),
        ]),
      );
    case "tuple":
      return expression.items.map(toData);
    case "text":
      return expression.text.startsWith('"') ? expression.text.slice(1, -1) : `\${${expression.text}}`;
    case "call":
      throw new Error(`a function call inside a policy: ${expression.name}`);
  }
}

/** The endpoint policy every execute-api endpoint must carry: invoke on the served APIs only. */
export function expectEndpointPolicyFor(synthesized: Synthesized, apiArns: readonly string[]): void {
  const policy = resource(synthesized, "aws_vpc_endpoint_policy", "execute_api_policy");
  expect(policy.vpc_endpoint_id).toBe("${aws_vpc_endpoint.execute_api_endpoint.id}");
  expect(decodePolicy(policy.policy)).toEqual({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "InvokeServedApisOnly",
        Effect: "Allow",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: apiArns.map((arn) => `${arn}/*`),
      },
    ],
  });
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

/**
 * The `topologies` of an environment running the registry's first topology with its defaults and
 * `patch` applied: for tests of what every topology shares (the network and api fragments, the
 * commands), which must not name a topology.
 */
export function firstTopologySections(patch: Record<string, unknown> = {}): TopologySectionInputs {
  return { [FIRST_TOPOLOGY]: { ...TOPOLOGIES[FIRST_TOPOLOGY].fixtures.defaults(), ...patch } };
}

/**
 * A topology of the registry whose plainest section (an adopted network and a created API) puts an
 * execute-api endpoint with private DNS on into its VPC: found by its claims, for the tests of
 * other topologies that must not share such a VPC.
 */
export const PRIVATE_DNS_TOPOLOGY: TopologyName = (() => {
  const network = {
    mode: "existing",
    vpcId: "vpc-00000000000000000",
    cidr: "10.0.0.0/16",
    subnetIds: { "eu-west-1a": "subnet-00000000000000000", "eu-west-1b": "subnet-00000000000000001" },
  };
  const api = { mode: "create", stageName: "v1", loggingLevel: "INFO" };
  const found = Object.entries(TOPOLOGY_CATALOG).find(([, unit]) => {
    const parsed = unit.schema({ region: "eu-west-1" }).safeParse({ network, api });
    return parsed.success && unit.executeApiDomainClaims(parsed.data).some((c) => c.what.includes("private DNS on"));
  });
  if (found === undefined) {
    throw new Error("no topology of the registry puts a private-DNS endpoint into an adopted VPC");
  }
  return found[0] as TopologyName;
})();

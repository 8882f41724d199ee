import type { App } from "cdktf";
import { type EnvironmentSource, loadEnvironmentSources, resolveEnvironments } from "../config";
import { API_GATEWAY_ACCOUNT, ApiGatewayAccountStack } from "../stacks/api-gateway-account";
import { type EnvironmentStack, stackName } from "../stacks/environment-stack";
import { TOPOLOGY_CATALOG } from "./registry";
import type { Topology } from "./topology";

/** A stack the configuration defines, and the topology it belongs to. */
export interface StackDescription {
  /** The stack name, `<topology>-<environment>`: its folder in generated/. */
  readonly name: string;
  /** The environment it belongs to. */
  readonly environment: string;
  /** The registry name of its topology, or `api-gateway-account`. */
  readonly topology: string;
  /** Its `terraform test` assertions (relative to the project root), if its topology has any. */
  readonly terraformAssertions?: string;
}

/** A stack the configuration defines, ready to be built. */
interface PlannedStack extends StackDescription {
  readonly build: (app: App) => EnvironmentStack;
}

/**
 * The plans of the sources planned so far: a command validates its environments to know their
 * stacks, then builds them, and validating them again is measurable from a few dozen environments on.
 */
const planned = new WeakMap<readonly EnvironmentSource[], PlannedStack[]>();

/**
 * One stack per topology section of each environment (`<topology>-<environment>`), plus the API
 * Gateway account stack for environments that manage the account's CloudWatch role. Every
 * environment is validated first, and the problems of all of them are reported together.
 */
function planStacks(sources: readonly EnvironmentSource[]): PlannedStack[] {
  const known = planned.get(sources);
  if (known !== undefined) {
    return known;
  }
  const stacks = resolveEnvironments(sources, TOPOLOGY_CATALOG).flatMap(({ settings, sections }) => [
    ...sections.map(({ topology, section }): PlannedStack => {
      const { Stack, terraformAssertions } = TOPOLOGY_CATALOG[topology] as Topology;
      return {
        name: stackName(topology, settings.name),
        environment: settings.name,
        topology,
        terraformAssertions,
        build: (app) => new Stack(app, { environment: settings, section }),
      };
    }),
    ...(settings.apiGatewayAccount.manageCloudWatchRole
      ? [
          {
            name: stackName(API_GATEWAY_ACCOUNT, settings.name),
            environment: settings.name,
            topology: API_GATEWAY_ACCOUNT,
            build: (app: App) => new ApiGatewayAccountStack(app, { environment: settings }),
          },
        ]
      : []),
  ]);
  planned.set(sources, stacks);
  return stacks;
}

/**
 * Adds every stack the configuration defines to `app`, or those `select` accepts; builds none when
 * any environment is invalid (all of them are validated, selected or not).
 */
export function defineStacks(
  app: App,
  sources: readonly EnvironmentSource[],
  select: (stack: StackDescription) => boolean = () => true,
): EnvironmentStack[] {
  return planStacks(sources)
    .filter((stack) => select(stack))
    .map((stack) => stack.build(app));
}

/** The stacks of one environment, ready to be added to an app. */
export interface EnvironmentStacks {
  readonly environment: string;
  /** Adds the environment's stacks to `app`. */
  readonly define: (app: App) => EnvironmentStack[];
}

/**
 * What `defineStacks` adds, one environment at a time, so that each can be built in an app of its
 * own (stacks never refer across environments). Environments none of whose stacks `select`
 * accepts are left out; all of them are validated first.
 */
export function stacksByEnvironment(
  sources: readonly EnvironmentSource[],
  select: (stack: StackDescription) => boolean = () => true,
): EnvironmentStacks[] {
  const selected = planStacks(sources).filter((stack) => select(stack));
  return [...new Set(selected.map((stack) => stack.environment))].map((environment) => ({
    environment,
    define: (app) => selected.filter((stack) => stack.environment === environment).map((stack) => stack.build(app)),
  }));
}

/**
 * Every stack the configuration defines, without building any: what the scripts use to know a
 * stack's topology (never by parsing its name, which may hold hyphens of its own).
 */
export function describeStacks(sources: readonly EnvironmentSource[]): StackDescription[] {
  return planStacks(sources).map(({ name, environment, topology, terraformAssertions }) =>
    terraformAssertions === undefined
      ? { name, environment, topology }
      : { name, environment, topology, terraformAssertions },
  );
}

/** The stacks of one topology that the shipped environment files define (committed in generated/). */
export async function shippedStacks(topology: string): Promise<StackDescription[]> {
  return describeStacks(await loadEnvironmentSources()).filter((stack) => stack.topology === topology);
}

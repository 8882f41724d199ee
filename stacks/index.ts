import type { App } from "cdktf";
import { type EnvironmentSource, resolveEnvironments } from "../config";
import { API_GATEWAY_ACCOUNT, ApiGatewayAccountStack } from "./api-gateway-account";
import { type EnvironmentStack, stackName } from "./environment-stack";
import { TOPOLOGY_CATALOG, type Topology } from "./registry";

/**
 * Adds one stack per topology section of each environment (`<topology>-<environment>`), plus the
 * API Gateway account stack for environments that manage the account's CloudWatch role. Every
 * environment is validated before any stack is built, and the problems of all of them are
 * reported together.
 */
export function defineStacks(app: App, sources: readonly EnvironmentSource[]): EnvironmentStack[] {
  const topologies = TOPOLOGY_CATALOG;
  return resolveEnvironments(sources, topologies).flatMap(({ settings, sections }) => [
    ...sections.map(({ topology, section }) => {
      const { Stack } = topologies[topology] as Topology;
      return new Stack(app, { environment: settings, section });
    }),
    ...(settings.apiGatewayAccount.manageCloudWatchRole
      ? [new ApiGatewayAccountStack(app, { environment: settings })]
      : []),
  ]);
}

/** A stack the configuration defines, and the topology it belongs to. */
export interface StackDescription {
  /** The stack name, `<topology>-<environment>`: its folder in generated/. */
  readonly name: string;
  /** The registry name of its topology, or `api-gateway-account`. */
  readonly topology: string;
  /** Its `terraform test` assertions (relative to the project root), if its topology has any. */
  readonly terraformAssertions?: string;
}

/**
 * Every stack the configuration defines, without building any: what the scripts use to know a
 * stack's topology (never by parsing its name, which may hold hyphens of its own).
 */
export function describeStacks(sources: readonly EnvironmentSource[]): StackDescription[] {
  const topologies = TOPOLOGY_CATALOG;
  return resolveEnvironments(sources, topologies).flatMap(({ settings, sections }) => [
    ...sections.map(({ topology }) => ({
      name: stackName(topology, settings.name),
      topology,
      terraformAssertions: topologies[topology]?.terraformAssertions,
    })),
    ...(settings.apiGatewayAccount.manageCloudWatchRole
      ? [{ name: stackName(API_GATEWAY_ACCOUNT, settings.name), topology: API_GATEWAY_ACCOUNT }]
      : []),
  ]);
}

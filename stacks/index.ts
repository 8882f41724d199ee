import type { App } from "cdktf";
import type { Construct } from "constructs";
import { type Environment, type EnvironmentSource, resolveEnvironment } from "../config";
import { ConfigError } from "../lib/errors";
import { ApiGatewayAccountStack } from "./api-gateway-account";
import { DirectVpceStack } from "./direct-vpce";
import type { EnvironmentStack } from "./environment-stack";

/** A stack class for one topology. */
interface TopologyStack {
  readonly topology: string;
  new (scope: Construct, environment: Environment): EnvironmentStack;
}

/** Every topology, in the order their stacks are listed. */
export const TOPOLOGIES: readonly TopologyStack[] = [DirectVpceStack];

/**
 * Adds one stack per topology per environment (`<topology>-<environment>`), plus the API Gateway
 * account stack for environments that manage the account's CloudWatch role.
 */
export function defineStacks(app: App, sources: readonly EnvironmentSource[]): EnvironmentStack[] {
  const stacks: EnvironmentStack[] = [];
  for (const source of sources) {
    for (const Stack of TOPOLOGIES) {
      stacks.push(new Stack(app, resolveEnvironment(source, Stack.topology)));
    }
  }
  const accountOwners = new Map<string, string>();
  for (const source of sources) {
    const environment = resolveEnvironment(source, ApiGatewayAccountStack.topology);
    if (!environment.apiGatewayAccount.manageCloudWatchRole) {
      continue;
    }
    const key = `${environment.accountId}/${environment.region}`;
    const owner = accountOwners.get(key);
    if (owner !== undefined) {
      throw new ConfigError({ environment: environment.name, topology: ApiGatewayAccountStack.topology }, [
        {
          field: "apiGatewayAccount.manageCloudWatchRole",
          value: true,
          problem: `environment "${owner}" already manages the API Gateway account settings of account ${environment.accountId} in ${environment.region} (one per account and region)`,
          fix: "set it to false in all but one environment sharing that account and region",
        },
      ]);
    }
    accountOwners.set(key, environment.name);
    stacks.push(new ApiGatewayAccountStack(app, environment));
  }
  return stacks;
}

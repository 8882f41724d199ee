import type { App } from "cdktf";
import type { Construct } from "constructs";
import { type Environment, type EnvironmentSource, resolveEnvironment } from "../config";
import { ConfigError, UserError } from "../lib/errors";
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
 * account stack for environments that manage the account's CloudWatch role. Every environment is
 * validated before any stack is built, and the problems of all of them are reported together.
 */
export function defineStacks(app: App, sources: readonly EnvironmentSource[]): EnvironmentStack[] {
  const errors: UserError[] = [];
  const resolve = (source: EnvironmentSource, topology: string): Environment | undefined => {
    try {
      return resolveEnvironment(source, topology);
    } catch (error) {
      if (error instanceof UserError) {
        errors.push(error);
        return undefined;
      }
      throw error;
    }
  };
  // One topology's resolution reports an environment's shared problems; later ones would repeat them.
  const environments = sources.flatMap((source) => {
    const first = resolve(source, TOPOLOGIES[0]?.topology ?? ApiGatewayAccountStack.topology);
    return first === undefined ? [] : [source];
  });
  const accountOwners = new Map<string, string>();
  for (const source of environments) {
    const environment = resolve(source, ApiGatewayAccountStack.topology);
    if (environment === undefined || !environment.apiGatewayAccount.manageCloudWatchRole) {
      continue;
    }
    const key = `${environment.accountId}/${environment.region}`;
    const owner = accountOwners.get(key);
    if (owner !== undefined) {
      errors.push(
        new ConfigError({ environment: environment.name, topology: ApiGatewayAccountStack.topology }, [
          {
            field: "apiGatewayAccount.manageCloudWatchRole",
            value: true,
            problem: `environment "${owner}" already manages the API Gateway account settings of account ${environment.accountId} in ${environment.region} (one per account and region)`,
            fix: "set it to false in all but one environment sharing that account and region",
          },
        ]),
      );
    }
    accountOwners.set(key, environment.name);
  }
  if (errors.length > 0) {
    throw new UserError(errors.map((error) => error.message).join("\n"));
  }

  const stacks: EnvironmentStack[] = [];
  for (const source of environments) {
    for (const Stack of TOPOLOGIES) {
      stacks.push(new Stack(app, resolveEnvironment(source, Stack.topology)));
    }
  }
  for (const source of environments) {
    const environment = resolveEnvironment(source, ApiGatewayAccountStack.topology);
    if (environment.apiGatewayAccount.manageCloudWatchRole) {
      stacks.push(new ApiGatewayAccountStack(app, environment));
    }
  }
  return stacks;
}

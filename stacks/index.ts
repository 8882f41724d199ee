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
  const planned: { readonly Stack: TopologyStack; readonly environment: Environment }[] = [];
  const accountOwners = new Map<string, string>();
  for (const source of sources) {
    for (const Stack of [...TOPOLOGIES, ApiGatewayAccountStack]) {
      let environment: Environment;
      try {
        environment = resolveEnvironment(source, Stack.topology);
      } catch (error) {
        if (!(error instanceof UserError)) {
          throw error;
        }
        // The environment's shared problems are reported once, under its first topology.
        errors.push(error);
        break;
      }
      if (Stack !== ApiGatewayAccountStack) {
        planned.push({ Stack, environment });
        continue;
      }
      if (!environment.apiGatewayAccount.manageCloudWatchRole) {
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
      planned.push({ Stack, environment });
    }
  }
  if (errors.length > 0) {
    throw new UserError(errors.map((error) => error.message).join("\n"));
  }
  return planned.map(({ Stack, environment }) => new Stack(app, environment));
}

import { TerraformOutput } from "cdktf";
import { ExecuteApiEndpoint } from "../modules/execute-api-endpoint";
import { Network } from "../modules/network";
import { ExistingPrivateApi, type PrivateApi, PrivateRestApi } from "../modules/private-rest-api";
import type { EnvironmentStack } from "./environment-stack";

/**
 * Config-to-props mapping shared by the topology stacks: the one place that decides how an
 * environment's settings reach the modules.
 */

/** The environment's VPC: created or adopted, as its `network.mode` says. */
export function addNetwork(stack: EnvironmentStack): Network {
  const env = stack.environment;
  const network = env.network;
  return new Network(
    stack,
    "network",
    network.mode === "create"
      ? {
          mode: "create",
          name: stack.namePrefix,
          cidr: network.cidr,
          privateSubnets: network.privateSubnets,
          accountId: env.accountId,
          region: env.region,
          flowLogRetentionDays: env.logRetentionDays,
          preventDestroy: env.deletionProtection,
        }
      : { mode: "existing", vpcId: network.vpcId, cidr: network.cidr, subnetIds: network.subnetIds },
  );
}

/** The execute-api endpoint, admitting the environment's client networks. */
export function addEndpoint(
  stack: EnvironmentStack,
  network: Network,
  options: { readonly privateDnsEnabled: boolean },
): ExecuteApiEndpoint {
  const env = stack.environment;
  return new ExecuteApiEndpoint(stack, "execute_api", {
    network,
    region: env.region,
    name: stack.namePrefix,
    privateDnsEnabled: options.privateDnsEnabled,
    clientCidrs: env.clientCidrs,
    preventDestroy: env.deletionProtection,
  });
}

/** The private API: created here, or adopted when `api.existing` is set. */
export function addPrivateApi(stack: EnvironmentStack, endpoints: readonly ExecuteApiEndpoint[]): PrivateApi {
  const env = stack.environment;
  const api = env.api;
  if (api.existing !== undefined) {
    const existing = new ExistingPrivateApi(stack, "api", {
      restApiId: api.existing.restApiId,
      stageName: api.existing.stageName,
      region: env.region,
      accountId: env.accountId,
      endpoints,
    });
    new TerraformOutput(stack, "resource_policy_for_api_owner", {
      staticId: true,
      description:
        "Complete resource policy admitting only this endpoint. If the adopted API already admits other endpoints, add vpc_endpoint_id to the aws:SourceVpce values of its existing Deny statement instead. Redeploy the API afterwards.",
      value: existing.resourcePolicy,
    });
    return existing;
  }
  return new PrivateRestApi(stack, "api", {
    name: stack.namePrefix,
    endpoints,
    stageName: api.stageName,
    openApiDocument: env.openApiDocument,
    authorization: api.authorization,
    logRetentionDays: env.logRetentionDays,
    loggingLevel: api.loggingLevel,
    metricsEnabled: api.metricsEnabled,
    xrayTracingEnabled: api.xrayTracingEnabled,
    throttling: api.throttling,
    preventDestroy: env.deletionProtection,
  });
}

/** Outputs every topology gives its clients: how to reach the API through the endpoint. */
export function addClientOutputs(stack: EnvironmentStack, api: PrivateApi, endpoint: ExecuteApiEndpoint): void {
  const region = stack.environment.region;
  const output = (id: string, description: string, value: unknown) =>
    new TerraformOutput(stack, id, { staticId: true, description, value });

  output("rest_api_id", "REST API id (the x-apigw-api-id header value)", api.restApiId);
  output("stage_name", "Stage clients call", api.stageName);
  output(
    "invoke_url",
    "Default URL; resolves to the endpoint only inside a VPC whose endpoint has private DNS on",
    api.invokeUrl,
  );
  output(
    "vpce_alias_url",
    "Endpoint-specific URL {api-id}-{vpce-id}; publicly resolvable to the endpoint's private IPs",
    `https://${api.restApiId}-${endpoint.endpointId}.execute-api.${region}.amazonaws.com/${api.stageName}`,
  );
  output("vpc_endpoint_id", "execute-api interface endpoint id", endpoint.endpointId);
  output(
    "vpc_endpoint_dns_names",
    "Endpoint DNS names (the regional name and one per zone); call them with the x-apigw-api-id header",
    endpoint.dnsNames,
  );
}

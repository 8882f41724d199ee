import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentSettings } from "../config";
import type { ApiConfig, NetworkConfig } from "../config/fragments";
import type { IExecuteApiEndpoint } from "../modules/execute-api-endpoint";
import { ClientNetworkRoutes } from "../modules/client-networks";
import type { ClientNetwork } from "../lib/client-networks";
import { type INetwork, Network } from "../modules/network";
import { type IPrivateApi, PrivateRestApi } from "../modules/private-rest-api";
import type { EnvironmentStack } from "./environment-stack";

/**
 * How the shared configuration fragments become modules. Each function takes what it needs
 * explicitly, so a topology stack reads as config section → modules → outputs, and no topology
 * branches on "created or adopted" itself.
 */

/**
 * The section's VPC: a new `Network`, or the adopted one through `Network.fromAttributes` (checked
 * at plan time against the configuration).
 */
export function networkFrom(
  scope: EnvironmentStack,
  id: string,
  config: NetworkConfig,
  context: {
    readonly environment: EnvironmentSettings;
    readonly name: string;
    readonly region?: string;
    readonly provider?: AwsProvider;
    /** Where the section puts this network. @default "network" */
    readonly field?: string;
  },
): INetwork {
  if (config.mode === "existing") {
    return Network.fromAttributes(scope, id, {
      vpcId: config.vpcId,
      field: sectionField(scope, `${context.field ?? "network"}.vpcId`),
      provider: context.provider,
      cidr: config.cidr,
      subnetIds: config.subnetIds,
      // Keyed by id: an adopted route table may serve several zones.
      routeTableIds: Object.fromEntries(
        (config.routeTableIds ?? []).map((routeTableId) => [routeTableId, routeTableId]),
      ),
    });
  }
  const env = context.environment;
  const region = context.region ?? env.region;
  return new Network(scope, id, {
    name: context.name,
    cidr: config.cidr,
    privateSubnets: config.privateSubnets,
    egress: config.egress,
    accountId: env.accountId,
    region,
    flowLogRetentionDays: env.logRetentionDays,
    logEncryptionKey: scope.logEncryptionKeyFor(region),
    preventDestroy: env.deletionProtection,
    provider: context.provider,
  });
}

/** A field of the stack's section as an environment file names it, for messages the plan prints. */
export function sectionField(scope: EnvironmentStack, field: string): string {
  return `${scope.environment.name}: topologies.${scope.topology}.${field}`;
}

/**
 * The return path to the section's client networks (routes, attachments, route propagation), as
 * `client_networks`: what makes their replies leave the VPC by the way they came.
 */
export function routeClientNetworks(
  scope: EnvironmentStack,
  network: INetwork,
  config: NetworkConfig,
  clients: Readonly<Record<string, ClientNetwork>>,
): void {
  new ClientNetworkRoutes(scope, "client_networks", {
    network,
    networkCreated: config.mode === "create",
    clients,
    name: scope.namePrefix,
  });
}

/**
 * The section's private API: a new `PrivateRestApi`, or the adopted one through
 * `PrivateRestApi.fromAttributes`, which also outputs the resource policy its owner must apply.
 */
export function privateApiFrom(
  scope: EnvironmentStack,
  id: string,
  config: ApiConfig,
  context: {
    readonly environment: EnvironmentSettings;
    readonly name: string;
    readonly endpoints: readonly IExecuteApiEndpoint[];
  },
): IPrivateApi {
  const env = context.environment;
  if (config.mode === "existing") {
    const api = PrivateRestApi.fromAttributes(scope, id, {
      restApiId: config.restApiId,
      stageName: config.stageName,
      region: env.region,
      accountId: env.accountId,
      endpoints: context.endpoints,
      callers: config.callers,
      sourceRanges: config.sourceRanges,
    });
    new TerraformOutput(scope, "resource_policy_for_api_owner", {
      staticId: true,
      description:
        "Complete resource policy admitting only this endpoint. If the adopted API already admits other endpoints, add vpc_endpoint_id to the aws:SourceVpce values of its existing Deny statement instead. Redeploy the API afterwards.",
      value: api.resourcePolicy,
    });
    return api;
  }
  return new PrivateRestApi(scope, id, {
    name: context.name,
    endpoints: context.endpoints,
    stageName: config.stageName,
    openApiDocument: config.openApiDocument,
    authorization: config.authorization,
    logRetentionDays: env.logRetentionDays,
    logEncryptionKey: scope.logEncryptionKeyFor(env.region),
    loggingLevel: config.loggingLevel,
    metricsEnabled: config.metricsEnabled,
    xrayTracingEnabled: config.xrayTracingEnabled,
    throttling: config.throttling,
    preventDestroy: env.deletionProtection,
    callers: config.callers,
    sourceRanges: config.sourceRanges,
  });
}

/** An output: its description, then its value. */
export type OutputSpec = readonly [description: string, value: unknown];

/** Adds outputs by Terraform name (the record's keys are the `output` block names). */
export function addOutputs(scope: Construct, outputs: Readonly<Record<string, OutputSpec>>): void {
  for (const [id, [description, value]] of Object.entries(outputs)) {
    new TerraformOutput(scope, id, { staticId: true, description, value });
  }
}

/**
 * The outputs every client of an API behind an endpoint needs, by output name. The default URL
 * (`invoke_url`) is one only with the endpoint's private DNS on: with it off, the name resolves
 * to API Gateway's public addresses, where a private API answers nobody.
 */
export function apiClientOutputs(
  api: IPrivateApi,
  endpoint: IExecuteApiEndpoint,
  region: string,
): Record<string, OutputSpec> {
  return {
    rest_api_id: ["REST API id (the x-apigw-api-id header value)", api.restApiId],
    stage_name: ["Stage clients call", api.stageName],
    ...(endpoint.privateDnsEnabled
      ? {
          invoke_url: [
            "Default URL; resolves to the endpoint inside its VPC (private DNS on) and in VPCs given a private zone aliasing it",
            api.invokeUrl,
          ] as OutputSpec,
        }
      : {}),
    vpce_alias_url: [
      "Endpoint-specific URL {api-id}-{vpce-id}; publicly resolvable to the endpoint's private IPs",
      `https://${api.restApiId}-${endpoint.endpointId}.execute-api.${region}.amazonaws.com/${api.stageName}`,
    ],
    vpc_endpoint_id: ["execute-api interface endpoint id", endpoint.endpointId],
    vpc_endpoint_dns_names: [
      "Endpoint DNS names a client can call (regional and per zone), with the x-apigw-api-id header; the private DNS wildcard is left out",
      endpoint.dnsNames,
    ],
  };
}

/**
 * Whether callers must sign their requests with SigV4: the example method uses AWS_IAM, or this
 * stack does not define the methods (an adopted API, or one imported from OpenAPI), where signing
 * is what works either way (a method without authorization ignores a signature).
 */
export function callsAreSigned(api: ApiConfig): boolean {
  return api.mode === "existing" || api.openApiDocument !== undefined || api.authorization === "AWS_IAM";
}

/**
 * A ready-to-paste curl command for `url`: signed with SigV4 for execute-api in `region` when
 * `signed`, with the caller's credentials from the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, and AWS_SESSION_TOKEN for temporary ones; curl 7.75 or later). Single
 * quotes and unquoted variables only: cdktf's HCL writer does not escape double quotes next to
 * references, and the credential variables hold no spaces.
 */
export function curlCommand(
  url: string,
  options: { readonly region: string; readonly signed: boolean; readonly headers?: Readonly<Record<string, string>> },
): string {
  return [
    "curl -sS",
    ...(options.signed
      ? [
          `--aws-sigv4 'aws:amz:${options.region}:execute-api'`,
          "--user $AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY",
          // Empty for long-term keys, and curl then sends no such header.
          "-H x-amz-security-token:$AWS_SESSION_TOKEN",
        ]
      : []),
    ...Object.entries(options.headers ?? {}).map(([name, value]) => `-H '${name}: ${value}'`),
    url,
  ].join(" ");
}

/**
 * The same call for Windows PowerShell: `Invoke-RestMethod` when unsigned; signed, `curl.exe`
 * (Windows 10 1803 and later ship it; SigV4 needs 7.75 or later) with the credentials read from
 * `$env:`, since Invoke-RestMethod cannot sign. Single quotes only, as for `curlCommand`.
 */
export function powershellCommand(
  url: string,
  options: { readonly region: string; readonly signed: boolean; readonly headers?: Readonly<Record<string, string>> },
): string {
  const headers = Object.entries(options.headers ?? {});
  if (!options.signed) {
    return [
      `Invoke-RestMethod -Uri ${url}`,
      ...(headers.length === 0
        ? []
        : [`-Headers @{${headers.map(([name, value]) => `'${name}'='${value}'`).join("; ")}}`]),
    ].join(" ");
  }
  return [
    "curl.exe -sS",
    `--aws-sigv4 'aws:amz:${options.region}:execute-api'`,
    "--user ($env:AWS_ACCESS_KEY_ID + ':' + $env:AWS_SECRET_ACCESS_KEY)",
    "-H ('x-amz-security-token:' + $env:AWS_SESSION_TOKEN)",
    ...headers.map(([name, value]) => `-H '${name}: ${value}'`),
    url,
  ].join(" ");
}

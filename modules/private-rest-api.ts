import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayIntegrationResponse } from "@cdktf/provider-aws/lib/api-gateway-integration-response";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodResponse } from "@cdktf/provider-aws/lib/api-gateway-method-response";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayRestApiPolicy } from "@cdktf/provider-aws/lib/api-gateway-rest-api-policy";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Fn, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../lib/errors";
import type { ExecuteApiEndpoint, InvokableApi } from "./execute-api-endpoint";

/** What a client and the other modules need to know of a private REST API. */
export interface PrivateApi extends InvokableApi {
  /** The REST API id. */
  readonly restApiId: string;
  /** The stage clients call. */
  readonly stageName: string;
  /** `https://{api-id}.execute-api.{region}.amazonaws.com/{stage}`. */
  readonly invokeUrl: string;
}

/** Stage-wide throttling. */
export interface Throttling {
  /** Burst limit, in requests. */
  readonly burstLimit: number;
  /** Steady-state limit, in requests per second. */
  readonly rateLimit: number;
}

export interface PrivateRestApiProps {
  /** API name; also the prefix of its log groups. */
  readonly name: string;
  /** Endpoints the API is bound to; the resource policy admits traffic through these only. */
  readonly endpoints: readonly ExecuteApiEndpoint[];
  /** Stage clients call. */
  readonly stageName: string;
  /**
   * OpenAPI 3 / Swagger 2 definition to import (merged, so the PRIVATE endpoint binding survives).
   * @default - `GET /health` answered by a MOCK integration with 200 `{"status":"ok"}`
   */
  readonly openApiDocument?: Readonly<Record<string, unknown>>;
  /**
   * Authorization of the example method (unused with `openApiDocument`). With `AWS_IAM`, callers
   * sign with SigV4; the resource policy still admits any principal that comes through the endpoint.
   * @default "NONE" - the resource policy and endpoint policy are the access controls
   */
  readonly authorization?: "NONE" | "AWS_IAM";
  /**
   * Retention of the access-log and execution-log groups, in days.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Execution logging level of every method. Needs the account-level CloudWatch role.
   * @default "ERROR"
   */
  readonly loggingLevel?: "INFO" | "ERROR";
  /**
   * CloudWatch metrics for every method.
   * @default true
   */
  readonly metricsEnabled?: boolean;
  /**
   * AWS X-Ray tracing on the stage.
   * @default true
   */
  readonly xrayTracingEnabled?: boolean;
  /**
   * Stage-wide throttling.
   * @default - the account-level limits
   */
  readonly throttling?: Throttling;
  /**
   * Refuse to destroy the API and its log groups (Terraform `prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** Access-log fields, one JSON object per request; `vpceId` shows which endpoint a call used. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  resourcePath: "$context.resourcePath",
  status: "$context.status",
  responseLength: "$context.responseLength",
  integrationLatency: "$context.integration.latency",
  sourceIp: "$context.identity.sourceIp",
  vpceId: "$context.identity.vpceId",
  vpcId: "$context.identity.vpcId",
  userAgent: "$context.identity.userAgent",
  errorMessage: "$context.error.message",
  wafResponse: "$context.waf.status",
});

const DEFAULT_LOG_RETENTION_DAYS = 365;

/**
 * The resource-policy statements of a private API: Allow invoke, then Deny every call that did not
 * arrive through one of the given endpoints. A private API without a policy cannot be deployed.
 * The resource is the API's full execution ARN: AWS stores the `execute-api:/*` shorthand expanded
 * to it, which Terraform would then report as a change on every plan.
 */
export function privateApiPolicyStatements(
  executionArn: string,
  endpointIds: readonly string[],
): DataAwsIamPolicyDocumentStatement[] {
  const invoke = {
    principals: [{ type: "*", identifiers: ["*"] }],
    actions: ["execute-api:Invoke"],
    resources: [`${executionArn}/*`],
  };
  return [
    { sid: "AllowInvoke", effect: "Allow", ...invoke },
    {
      sid: "DenyOutsideVpcEndpoints",
      effect: "Deny",
      ...invoke,
      condition: [{ test: "StringNotEquals", variable: "aws:SourceVpce", values: [...endpointIds] }],
    },
  ];
}

/**
 * A PRIVATE REST API bound to execute-api endpoints: resource policy admitting only those
 * endpoints, an example MOCK method or an imported OpenAPI definition, a deployment that is
 * redeployed whenever the API or its policy changes, and a stage with access logs, execution logs
 * with retention, X-Ray and per-method metrics.
 */
export class PrivateRestApi extends Construct implements PrivateApi {
  public readonly restApiId: string;
  public readonly stageName: string;
  public readonly executionArn: string;
  public readonly invokeUrl: string;

  public constructor(scope: Construct, id: string, props: PrivateRestApiProps) {
    super(scope, id);
    if (props.endpoints.length === 0) {
      throw new ValidationError(this.node.path, "a private API needs at least one execute-api endpoint");
    }
    const retentionInDays = props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    const preventDestroy = props.preventDestroy === true;

    const restApi = new ApiGatewayRestApi(this, "rest_api", {
      name: props.name,
      description: `Private REST API ${props.name}, reachable only through its VPC endpoints`,
      endpointConfiguration: {
        types: ["PRIVATE"],
        vpcEndpointIds: props.endpoints.map((endpoint) => endpoint.endpointId),
      },
      ...(props.openApiDocument === undefined
        ? {}
        : { body: openApiBody(props.openApiDocument), putRestApiMode: "merge" }),
      lifecycle: preventDestroy ? { createBeforeDestroy: true, preventDestroy } : { createBeforeDestroy: true },
    });
    for (const endpoint of props.endpoints) {
      endpoint.allowInvoke(restApi);
    }

    // A separate policy resource, because the policy names the API's own ARN. The deployment
    // depends on it: API Gateway refuses to deploy a private API that has no policy yet.
    const policyDocument = new DataAwsIamPolicyDocument(this, "resource_policy_document", {
      statement: privateApiPolicyStatements(
        restApi.executionArn,
        props.endpoints.map((endpoint) => endpoint.endpointId),
      ),
    });
    const policy = new ApiGatewayRestApiPolicy(this, "resource_policy", {
      restApiId: restApi.id,
      policy: policyDocument.json,
    });

    const methods = props.openApiDocument === undefined ? this.addHealthMethod(restApi, props) : [];

    const deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: restApi.id,
      description: "Managed by Terraform; replaced whenever the API or its resource policy changes",
      triggers: {
        // Whole resources, not ids: a changed template or status code must redeploy too. The
        // policy as written, not as AWS echoes it back.
        redeployment: Fn.sha1(
          Fn.jsonencode([restApi.body, policyDocument.json, ...methods.map((method) => method.fqn)]),
        ),
      },
      dependsOn: [policy],
      lifecycle: { createBeforeDestroy: true },
    });

    const lifecycle = preventDestroy ? { preventDestroy } : undefined;
    // API Gateway creates this group on first log line without retention; owning it keeps logs bounded.
    const executionLogs = new CloudwatchLogGroup(this, "execution_logs", {
      name: `API-Gateway-Execution-Logs_${restApi.id}/${props.stageName}`,
      retentionInDays,
      lifecycle,
    });
    const accessLogs = new CloudwatchLogGroup(this, "access_logs", {
      name: `/aws/apigateway/${props.name}/${props.stageName}/access-logs`,
      retentionInDays,
      lifecycle,
    });

    const stage = new ApiGatewayStage(this, "stage", {
      restApiId: restApi.id,
      deploymentId: deployment.id,
      stageName: props.stageName,
      xrayTracingEnabled: props.xrayTracingEnabled ?? true,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: [executionLogs],
    });

    new ApiGatewayMethodSettings(this, "method_settings", {
      restApiId: restApi.id,
      stageName: stage.stageName,
      methodPath: "*/*",
      settings: {
        metricsEnabled: props.metricsEnabled ?? true,
        loggingLevel: props.loggingLevel ?? "ERROR",
        // Full request/response bodies in logs leak payloads; never on.
        dataTraceEnabled: false,
        ...(props.throttling === undefined
          ? {}
          : {
              throttlingBurstLimit: props.throttling.burstLimit,
              throttlingRateLimit: props.throttling.rateLimit,
            }),
      },
    });

    this.restApiId = restApi.id;
    this.stageName = stage.stageName;
    this.executionArn = restApi.executionArn;
    this.invokeUrl = stage.invokeUrl;
  }

  /** `GET /health` answered by API Gateway itself, so the stack deploys with no backend. */
  private addHealthMethod(restApi: ApiGatewayRestApi, props: PrivateRestApiProps): ITerraformDependable[] {
    const resource = new ApiGatewayResource(this, "health", {
      restApiId: restApi.id,
      parentId: restApi.rootResourceId,
      pathPart: "health",
    });
    const method = new ApiGatewayMethod(this, "health_get", {
      restApiId: restApi.id,
      resourceId: resource.id,
      httpMethod: "GET",
      authorization: props.authorization ?? "NONE",
    });
    const integration = new ApiGatewayIntegration(this, "health_get_integration", {
      restApiId: restApi.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      type: "MOCK",
      requestTemplates: { "application/json": JSON.stringify({ statusCode: 200 }) },
    });
    const methodResponse = new ApiGatewayMethodResponse(this, "health_get_200", {
      restApiId: restApi.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      statusCode: "200",
      responseModels: { "application/json": "Empty" },
    });
    const integrationResponse = new ApiGatewayIntegrationResponse(this, "health_get_integration_200", {
      restApiId: restApi.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      statusCode: methodResponse.statusCode,
      responseTemplates: { "application/json": JSON.stringify({ status: "ok" }) },
      dependsOn: [integration],
    });
    return [resource, method, integration, methodResponse, integrationResponse];
  }
}

export interface ExistingPrivateApiProps {
  /** Id of the REST API to adopt. */
  readonly restApiId: string;
  /** Stage of the adopted API that clients call. */
  readonly stageName: string;
  /** Region of the API. */
  readonly region: string;
  /** Account that owns the API. */
  readonly accountId: string;
  /** Endpoints clients reach the API through. */
  readonly endpoints: readonly ExecuteApiEndpoint[];
}

/**
 * An API owned elsewhere, adopted by id and stage. Nothing of the API is managed here: the
 * endpoint policy names it, and `resourcePolicy` is the policy its owner must merge into the API
 * (and then redeploy) so that calls through these endpoints are admitted.
 */
export class ExistingPrivateApi extends Construct implements PrivateApi {
  public readonly restApiId: string;
  public readonly stageName: string;
  public readonly executionArn: string;
  public readonly invokeUrl: string;
  /** Resource-policy JSON admitting these endpoints, for the API's owner. */
  public readonly resourcePolicy: string;

  public constructor(scope: Construct, id: string, props: ExistingPrivateApiProps) {
    super(scope, id);
    this.restApiId = props.restApiId;
    this.stageName = props.stageName;
    this.executionArn = `arn:aws:execute-api:${props.region}:${props.accountId}:${props.restApiId}`;
    this.invokeUrl = `https://${props.restApiId}.execute-api.${props.region}.amazonaws.com/${props.stageName}`;
    const policy = new DataAwsIamPolicyDocument(this, "resource_policy_document", {
      statement: privateApiPolicyStatements(
        this.executionArn,
        props.endpoints.map((endpoint) => endpoint.endpointId),
      ),
    });
    this.resourcePolicy = policy.json;
    for (const endpoint of props.endpoints) {
      endpoint.allowInvoke(this);
    }
  }
}

/**
 * The document as Terraform receives it: base64 of its JSON, decoded by Terraform. cdktf's HCL
 * writer neither escapes backslashes nor quotes in strings that contain `${`, and Terraform would
 * read `${...}` (e.g. `${stageVariables.url}`) as its own interpolation; base64 carries any
 * document byte for byte. Review the source file named by `api.openApiSpec`.
 */
function openApiBody(document: Readonly<Record<string, unknown>>): string {
  return Fn.base64decode(Buffer.from(JSON.stringify(document), "utf8").toString("base64"));
}

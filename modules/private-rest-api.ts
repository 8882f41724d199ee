import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayIntegrationResponse } from "@cdktf/provider-aws/lib/api-gateway-integration-response";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodResponse } from "@cdktf/provider-aws/lib/api-gateway-method-response";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayRequestValidator } from "@cdktf/provider-aws/lib/api-gateway-request-validator";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayRestApiPolicy } from "@cdktf/provider-aws/lib/api-gateway-rest-api-policy";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { skipCheck } from "../lib/checkov";
import { ValidationError } from "../lib/errors";
import { type Callers, callersCondition, type PolicyStatement, policyDocument } from "../lib/iam";
import type { IExecuteApiEndpoint, IInvokableApi } from "./execute-api-endpoint";
import type { ILogEncryptionKey } from "./log-encryption-key";
import { logGroup } from "./log-group";

/** What a client and the other modules need to know of a private REST API. */
export interface IPrivateApi extends IInvokableApi {
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
  readonly endpoints: readonly IExecuteApiEndpoint[];
  /**
   * Admit only these principals, in the resource policy and the endpoints' policies; the methods
   * must require SigV4 (anonymous calls carry no principal).
   * @default - any principal that arrives through the endpoints
   */
  readonly callers?: Callers;
  /**
   * Admit only calls from these ranges as the endpoints see them (`aws:VpcSourceIp`).
   * @default - any address that arrives through the endpoints
   */
  readonly sourceRanges?: readonly string[];
  /** Stage clients call. */
  readonly stageName: string;
  /**
   * The AWS provider of the API's region.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
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
   * Customer-managed KMS key for the access-log and execution-log groups.
   * @default - CloudWatch Logs' own encryption with an AWS-owned key
   */
  readonly logEncryptionKey?: ILogEncryptionKey;
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
 * The resource policy of a private API: Allow invoke, then Deny every call that did not arrive
 * through one of the given endpoints. A private API without a policy cannot be deployed. The
 * resource is the API's full execution ARN: AWS stores the `execute-api:/*` shorthand expanded to
 * it, which Terraform would then report as a change on every plan.
 */
export function privateApiPolicy(
  executionArn: string,
  endpointIds: readonly string[],
  admitted: { readonly callers?: Callers; readonly sourceRanges?: readonly string[] } = {},
): string {
  const invoke = { Principal: "*", Action: "execute-api:Invoke", Resource: `${executionArn}/*` } as const;
  const condition = {
    ...(admitted.callers === undefined ? {} : callersCondition(admitted.callers)),
    // The caller's address as the endpoint sees it.
    ...(admitted.sourceRanges === undefined ? {} : { IpAddress: { "aws:VpcSourceIp": [...admitted.sourceRanges] } }),
  };
  const statements: PolicyStatement[] = [
    {
      Sid: "AllowInvoke",
      Effect: "Allow",
      ...invoke,
      ...(Object.keys(condition).length === 0 ? {} : { Condition: condition }),
    },
    {
      Sid: "DenyOutsideVpcEndpoints",
      Effect: "Deny",
      ...invoke,
      Condition: { StringNotEquals: { "aws:SourceVpce": endpointIds } },
    },
  ];
  return policyDocument(statements);
}

/** An API owned elsewhere, adopted by id and stage. */
export interface PrivateApiAttributes {
  /** Id of the REST API. */
  readonly restApiId: string;
  /** Stage clients call. */
  readonly stageName: string;
  /** Region of the API. */
  readonly region: string;
  /** Account that owns the API. */
  readonly accountId: string;
  /** Endpoints clients reach the API through; their policies are made to name it. */
  readonly endpoints: readonly IExecuteApiEndpoint[];
  /**
   * Admit only these principals (the handed-over resource policy and the endpoints' policies).
   * @default - any principal that arrives through the endpoints
   */
  readonly callers?: Callers;
  /**
   * Admit only calls from these ranges as the endpoints see them (the handed-over resource policy).
   * @default - any address that arrives through the endpoints
   */
  readonly sourceRanges?: readonly string[];
}

/** An adopted private API, with the resource policy its owner must apply. */
export interface IAdoptedPrivateApi extends IPrivateApi {
  /** Resource-policy JSON admitting only these endpoints, for the API's owner. */
  readonly resourcePolicy: string;
}

/**
 * An API owned elsewhere: nothing of it is managed here. The endpoints' policies name it, and
 * `resourcePolicy` is the policy its owner must merge into the API (and then redeploy) so that
 * calls through these endpoints are admitted.
 */
class AdoptedPrivateApi extends Construct implements IAdoptedPrivateApi {
  public readonly restApiId: string;
  public readonly stageName: string;
  public readonly executionArn: string;
  public readonly invokeUrl: string;
  public readonly resourcePolicy: string;

  public constructor(scope: Construct, id: string, attributes: PrivateApiAttributes) {
    super(scope, id);
    this.restApiId = attributes.restApiId;
    this.stageName = attributes.stageName;
    this.executionArn = `arn:aws:execute-api:${attributes.region}:${attributes.accountId}:${attributes.restApiId}`;
    this.invokeUrl = `https://${attributes.restApiId}.execute-api.${attributes.region}.amazonaws.com/${attributes.stageName}`;
    this.resourcePolicy = privateApiPolicy(
      this.executionArn,
      attributes.endpoints.map((endpoint) => endpoint.endpointId),
      attributes,
    );
    for (const endpoint of attributes.endpoints) {
      endpoint.allowInvoke(this, attributes.callers);
    }
  }
}

/**
 * A PRIVATE REST API bound to execute-api endpoints: resource policy admitting only those
 * endpoints, an example MOCK method or an imported OpenAPI definition, a deployment that is
 * redeployed whenever the API or its policy changes, and a stage with access logs, execution logs
 * with retention, X-Ray and per-method metrics. `PrivateRestApi.fromAttributes` adopts an
 * existing API instead.
 */
export class PrivateRestApi extends Construct implements IPrivateApi {
  /** Adopts an API owned elsewhere by id and stage; nothing of it is created. */
  public static fromAttributes(scope: Construct, id: string, attributes: PrivateApiAttributes): IAdoptedPrivateApi {
    return new AdoptedPrivateApi(scope, id, attributes);
  }

  public readonly restApiId: string;
  public readonly stageName: string;
  public readonly executionArn: string;
  public readonly invokeUrl: string;

  public constructor(scope: Construct, id: string, props: PrivateRestApiProps) {
    super(scope, id);
    if (props.endpoints.length === 0) {
      throw new ValidationError(this.node.path, "a private API needs at least one execute-api endpoint");
    }
    const provider = props.provider;
    const retentionInDays = props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    const lifecycle = props.preventDestroy === true ? { preventDestroy: true } : undefined;

    // No create_before_destroy: a new API has a new id and URL, so it buys nothing, and Terraform
    // would force it onto the endpoint, whose replacement would then briefly be a second
    // private-DNS execute-api endpoint in the VPC (which AWS refuses).
    const restApi = new ApiGatewayRestApi(this, "rest_api", {
      provider,
      name: props.name,
      description: `Private REST API ${props.name}, reachable only through its VPC endpoints`,
      endpointConfiguration: {
        types: ["PRIVATE"],
        vpcEndpointIds: props.endpoints.map((endpoint) => endpoint.endpointId),
      },
      ...(props.openApiDocument === undefined
        ? {}
        : { body: openApiBody(props.openApiDocument), putRestApiMode: "merge" }),
      lifecycle,
    });
    skipCheck(restApi, "CKV_AWS_237");
    for (const endpoint of props.endpoints) {
      endpoint.allowInvoke(restApi, props.callers);
    }

    // A separate policy resource, because the policy names the API's own ARN.
    const policy = new ApiGatewayRestApiPolicy(this, "resource_policy", {
      provider,
      restApiId: restApi.id,
      policy: privateApiPolicy(
        restApi.executionArn,
        props.endpoints.map((endpoint) => endpoint.endpointId),
        props,
      ),
    });

    const definition = props.openApiDocument === undefined ? this.addHealthMethod(restApi, props) : [];

    const deployment = new ApiGatewayDeployment(this, "deployment", {
      provider,
      restApiId: restApi.id,
      description: "Managed by Terraform; replaced whenever the API or its resource policy changes",
      triggers: {
        // What defines the API: the body, the policy (API Gateway refuses to deploy a private API
        // without one, so referencing it also orders the deployment after it), and each method's
        // ids and the attributes set here. Never whole resources: a refresh rewrites attributes
        // nobody set (null maps become empty ones), which would redeploy on every plan.
        redeployment: Fn.sha1(
          Fn.jsonencode([...(props.openApiDocument === undefined ? [] : [restApi.body]), policy.policy, ...definition]),
        ),
      },
      // The stage points at the deployment: the new one must exist before the old one goes.
      lifecycle: { createBeforeDestroy: true },
    });

    // API Gateway creates this group on first log line without retention; owning it keeps logs bounded.
    const logs = {
      provider,
      retentionInDays,
      encryptionKey: props.logEncryptionKey,
      preventDestroy: props.preventDestroy,
    };
    const executionLogs = logGroup(this, "execution_logs", {
      ...logs,
      name: `API-Gateway-Execution-Logs_${restApi.id}/${props.stageName}`,
    });
    const accessLogs = logGroup(this, "access_logs", {
      ...logs,
      name: `/aws/apigateway/${props.name}/${props.stageName}/access-logs`,
    });

    const stage = new ApiGatewayStage(this, "stage", {
      provider,
      restApiId: restApi.id,
      deploymentId: deployment.id,
      stageName: props.stageName,
      xrayTracingEnabled: props.xrayTracingEnabled ?? true,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: [executionLogs],
    });
    skipCheck(stage, "CKV_AWS_120");
    skipCheck(stage, "CKV2_AWS_51");

    const methodSettings = new ApiGatewayMethodSettings(this, "method_settings", {
      provider,
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
    skipCheck(methodSettings, "CKV_AWS_225");

    this.restApiId = restApi.id;
    this.stageName = stage.stageName;
    this.executionArn = restApi.executionArn;
    this.invokeUrl = stage.invokeUrl;
  }

  /**
   * `GET /health` answered by API Gateway itself, so the stack deploys with no backend. Returns
   * what defines it for the deployment trigger: ids, and the attributes set here.
   */
  private addHealthMethod(restApi: ApiGatewayRestApi, props: PrivateRestApiProps): unknown[] {
    const provider = props.provider;
    const resource = new ApiGatewayResource(this, "health", {
      provider,
      restApiId: restApi.id,
      parentId: restApi.rootResourceId,
      pathPart: "health",
    });
    // GET /health takes no parameters or body; validating them anyway rejects malformed calls
    // before the integration and is what every method of a created API should do.
    const validator = new ApiGatewayRequestValidator(this, "request_validator", {
      provider,
      restApiId: restApi.id,
      name: "parameters-and-body",
      validateRequestParameters: true,
      validateRequestBody: true,
    });
    const authorization = props.authorization ?? "NONE";
    const method = new ApiGatewayMethod(this, "health_get", {
      provider,
      restApiId: restApi.id,
      resourceId: resource.id,
      httpMethod: "GET",
      authorization,
      requestValidatorId: validator.id,
    });
    if (authorization === "NONE") {
      skipCheck(method, "CKV_AWS_59");
    }
    const integration = new ApiGatewayIntegration(this, "health_get_integration", {
      provider,
      restApiId: restApi.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      type: "MOCK",
      requestTemplates: { "application/json": JSON.stringify({ statusCode: 200 }) },
    });
    const methodResponse = new ApiGatewayMethodResponse(this, "health_get_200", {
      provider,
      restApiId: restApi.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      statusCode: "200",
      responseModels: { "application/json": "Empty" },
    });
    const integrationResponse = new ApiGatewayIntegrationResponse(this, "health_get_integration_200", {
      provider,
      restApiId: restApi.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      statusCode: methodResponse.statusCode,
      responseTemplates: { "application/json": JSON.stringify({ status: "ok" }) },
      dependsOn: [integration],
    });
    return [
      resource.id,
      resource.pathPart,
      validator.id,
      validator.validateRequestParameters,
      validator.validateRequestBody,
      method.id,
      method.authorization,
      method.requestValidatorId,
      integration.id,
      integration.type,
      integration.requestTemplates,
      methodResponse.id,
      methodResponse.responseModels,
      integrationResponse.id,
      integrationResponse.responseTemplates,
    ];
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

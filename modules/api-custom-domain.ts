import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { ApiGatewayDomainNameAccessAssociation } from "@cdktf/provider-aws/lib/api-gateway-domain-name-access-association";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { policyDocument } from "../lib/iam";
import type { IExecuteApiEndpoint } from "./execute-api-endpoint";
import type { IPrivateApi } from "./private-rest-api";

/** How API Gateway routes a custom name to a private API. */
export type CustomDomainMode = "private" | "regional";

/** TLS policy of the custom domain (the only one API Gateway offers for private domains). */
export const DOMAIN_SECURITY_POLICY = "TLS_1_2";

export interface ApiCustomDomainProps {
  /** The custom name. */
  readonly domainName: string;
  readonly mode: CustomDomainMode;
  /** Certificate for the name, in the API's region. */
  readonly certificateArn: string;
  /** The API (and stage) the name maps to, at the root path. */
  readonly api: IPrivateApi;
  /** The endpoint callers come through: admitted by a private domain's policy and access association. */
  readonly endpoint: IExecuteApiEndpoint;
  /** Prefix of Name tags. */
  readonly name: string;
  /** Region and account of the API, for the domain's `execute-api` ARN. */
  readonly region: string;
  readonly accountId: string;
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * A custom domain name for a private API, so that a request whose Host header is the custom name
 * (as the ALB forwards it) reaches the API:
 * - `private`: a PRIVATE domain name with a policy that admits only the endpoint, the endpoint's
 *   access association, and a base path mapping by `domain_name_id`;
 * - `regional`: a REGIONAL domain name mapped to the private API (the original write-up's way).
 */
export class ApiCustomDomain extends Construct {
  public readonly domainName: string;

  public constructor(scope: Construct, id: string, props: ApiCustomDomainProps) {
    super(scope, id);
    const provider = props.provider;
    const isPrivate = props.mode === "private";
    // The domain's own ARN, in a form known at plan time (its id is not): API Gateway keeps a full ARN
    // as written, where it may expand the `execute-api:/*` shorthand on read and show a diff on every plan.
    const invoke = {
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: `arn:aws:execute-api:${props.region}:${props.accountId}:/domainnames/${props.domainName}+*`,
    } as const;
    const domain = new ApiGatewayDomainName(this, "domain_name", {
      provider,
      domainName: props.domainName,
      securityPolicy: DOMAIN_SECURITY_POLICY,
      endpointConfiguration: { types: [isPrivate ? "PRIVATE" : "REGIONAL"] },
      ...(isPrivate
        ? {
            certificateArn: props.certificateArn,
            // A new private domain name denies every call until its policy admits the endpoint.
            policy: policyDocument([
              { Sid: "AllowInvoke", Effect: "Allow", ...invoke },
              {
                Sid: "DenyOutsideVpcEndpoint",
                Effect: "Deny",
                ...invoke,
                Condition: { StringNotEquals: { "aws:SourceVpce": [props.endpoint.endpointId] } },
              },
            ]),
          }
        : { regionalCertificateArn: props.certificateArn }),
      tags: { Name: `${props.name}-${props.domainName}` },
    });
    this.domainName = domain.domainName;
    if (isPrivate) {
      props.endpoint.allowInvokeDomain(
        `arn:aws:execute-api:${props.region}:${props.accountId}:/domainnames/${domain.domainName}+${domain.domainNameId}`,
      );
      new ApiGatewayDomainNameAccessAssociation(this, "access_association", {
        provider,
        accessAssociationSource: props.endpoint.endpointId,
        accessAssociationSourceType: "VPCE",
        domainNameArn: domain.arn,
        tags: { Name: `${props.name}-${props.domainName}` },
      });
    }
    new ApiGatewayBasePathMapping(this, "mapping", {
      provider,
      apiId: props.api.restApiId,
      stageName: props.api.stageName,
      domainName: domain.domainName,
      // Without the id, a private domain name is "Invalid domain name identifier".
      ...(isPrivate ? { domainNameId: domain.domainNameId } : {}),
    });
  }
}

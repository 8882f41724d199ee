import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcEndpointPolicy } from "@cdktf/provider-aws/lib/vpc-endpoint-policy";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Lazy, Token } from "cdktf";
import { Construct } from "constructs";
import { MIN_CLIENT_PREFIX_LENGTH, parseIpv4Cidr } from "../lib/cidr";
import { ValidationError } from "../lib/errors";
import { sortedEntries } from "../lib/records";
import type { Network } from "./network";

/** An API the endpoint may invoke. */
export interface InvokableApi {
  /** `arn:aws:execute-api:REGION:ACCOUNT:API_ID`. */
  readonly executionArn: string;
}

/** A source admitted on HTTPS by the endpoint's security group. */
export type HttpsSource = { readonly cidr: string } | { readonly securityGroupId: string };

export interface ExecuteApiEndpointProps {
  /** The network whose subnets receive the endpoint's network interfaces. */
  readonly network: Network;
  /** Region of the execute-api service, e.g. `eu-west-1`. */
  readonly region: string;
  /** Prefix of the security group name and Name tags. */
  readonly name: string;
  /**
   * Resolve `*.execute-api.REGION.amazonaws.com` to the endpoint inside the VPC. Needs the VPC's
   * DNS support and hostnames; makes every public API unreachable by its default URL from the VPC.
   * @default true
   */
  readonly privateDnsEnabled?: boolean;
  /**
   * Client networks admitted on TCP 443 besides the VPC CIDR, by name.
   * @default - only the VPC CIDR
   */
  readonly clientCidrs?: Readonly<Record<string, string>>;
  /**
   * Availability zones (keys of the network's subnets) that receive an endpoint interface.
   * @default - every subnet of the network
   */
  readonly availabilityZones?: readonly string[];
  /**
   * Refuse to destroy the endpoint (Terraform `prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/**
 * The `com.amazonaws.REGION.execute-api` interface endpoint: one interface per availability zone,
 * its own security group admitting only HTTPS from the VPC and named clients, and an endpoint
 * policy that allows `execute-api:Invoke` on exactly the APIs registered with `allowInvoke`.
 */
export class ExecuteApiEndpoint extends Construct {
  /** The endpoint id (`vpce-...`). */
  public readonly endpointId: string;
  /** The endpoint resource, for its DNS entries. */
  public readonly endpoint: VpcEndpoint;
  /** The endpoint's security group id. */
  public readonly securityGroupId: string;
  /** Whether private DNS is on. */
  public readonly privateDnsEnabled: boolean;
  private readonly apis: InvokableApi[] = [];

  public constructor(scope: Construct, id: string, props: ExecuteApiEndpointProps) {
    super(scope, id);
    const network = props.network;
    const zones = [...(props.availabilityZones ?? Object.keys(network.subnetIds))].sort();
    const unknown = zones.filter((zone) => network.subnetIds[zone] === undefined);
    if (unknown.length > 0) {
      throw new ValidationError(
        this.node.path,
        `availability zone(s) ${unknown.join(", ")} have no subnet in the network`,
      );
    }
    const subnetIds = zones.flatMap((zone) => network.subnetIds[zone] ?? []);
    if (zones.length < 2) {
      throw new ValidationError(
        this.node.path,
        `needs interfaces in at least 2 availability zones, got ${zones.length}`,
      );
    }
    this.privateDnsEnabled = props.privateDnsEnabled ?? true;

    // A name prefix and create_before_destroy: a replacement group is attached before the old one,
    // still held by the endpoint's interfaces, is deleted.
    const securityGroup = new SecurityGroup(this, "security_group", {
      namePrefix: `${props.name}-execute-api-endpoint-`,
      description: "execute-api interface endpoint: HTTPS from the VPC and named client networks only",
      vpcId: network.vpcId,
      tags: { Name: `${props.name}-execute-api-endpoint` },
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = securityGroup.id;
    this.allowHttpsFrom("vpc", { cidr: network.cidr }, "HTTPS from the VPC");
    for (const [client, cidr] of sortedEntries(props.clientCidrs ?? {})) {
      this.allowHttpsFrom(client, { cidr }, `HTTPS from client network ${client}`);
    }

    this.endpoint = new VpcEndpoint(this, "endpoint", {
      vpcId: network.vpcId,
      serviceName: `com.amazonaws.${props.region}.execute-api`,
      vpcEndpointType: "Interface",
      privateDnsEnabled: this.privateDnsEnabled,
      subnetIds,
      securityGroupIds: [securityGroup.id],
      tags: { Name: `${props.name}-execute-api` },
      lifecycle: props.preventDestroy === true ? { preventDestroy: true } : undefined,
    });
    this.endpointId = this.endpoint.id;

    // A separate policy resource: the API names the endpoint and the policy names the API, so an
    // inline policy would be a dependency cycle.
    const policy = new DataAwsIamPolicyDocument(this, "policy_document", {
      statement: [
        {
          sid: "InvokeServedApisOnly",
          effect: "Allow",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["execute-api:Invoke"],
          resources: Lazy.listValue({ produce: () => this.apis.map((api) => `${api.executionArn}/*`) }),
        },
      ],
    });
    new VpcEndpointPolicy(this, "policy", {
      vpcEndpointId: this.endpoint.id,
      policy: policy.json,
    });
    this.node.addValidation({
      validate: () =>
        this.apis.length === 0 ? ["the endpoint serves no API: call allowInvoke(api) so its policy can name one"] : [],
    });
  }

  /** The endpoint's DNS names: the regional name and one per availability zone. */
  public get dnsNames(): string[] {
    const address = `${this.endpoint.terraformResourceType}.${this.endpoint.friendlyUniqueId}`;
    return Token.asList(`\${${address}.dns_entry[*].dns_name}`);
  }

  /** Lets clients invoke `api` through this endpoint (adds it to the endpoint policy). */
  public allowInvoke(api: InvokableApi): void {
    this.apis.push(api);
  }

  /**
   * Admits HTTPS (TCP 443) from a CIDR block or a security group, as a described rule. Ranges
   * wider than /8 are refused: they are the internet, not a client network.
   */
  public allowHttpsFrom(name: string, source: HttpsSource, description: string): void {
    if ("cidr" in source && !Token.isUnresolved(source.cidr)) {
      const parsed = parseIpv4Cidr(source.cidr);
      if ("reason" in parsed || parsed.prefixLength < MIN_CLIENT_PREFIX_LENGTH) {
        throw new ValidationError(
          this.node.path,
          `client ${name}: ${source.cidr} is not a client network (an IPv4 CIDR of /${MIN_CLIENT_PREFIX_LENGTH} or narrower)`,
        );
      }
    }
    new VpcSecurityGroupIngressRule(this, `https_from_${name}`, {
      securityGroupId: this.securityGroupId,
      description,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      ...("cidr" in source ? { cidrIpv4: source.cidr } : { referencedSecurityGroupId: source.securityGroupId }),
    });
  }
}

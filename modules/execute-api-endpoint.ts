import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsNetworkInterface } from "@cdktf/provider-aws/lib/data-aws-network-interface";
import { DataAwsVpcEndpoint } from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcEndpointPolicy } from "@cdktf/provider-aws/lib/vpc-endpoint-policy";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { type ITerraformDependable, Lazy, propertyAccess, TerraformLocal, Token } from "cdktf";
import { Construct } from "constructs";
import { MIN_CLIENT_PREFIX_LENGTH, parseIpv4Cidr } from "../lib/cidr";
import { type ClientNetwork, clientRuleTags, clientSource } from "../lib/client-networks";
import { ValidationError } from "../lib/errors";
import { type Callers, callersCondition, policyDocument } from "../lib/iam";
import { sortedEntries } from "../lib/records";
import type { INetwork } from "./network";
import type { IAliasTarget } from "./private-alias-zone";

/**
 * An interface endpoint's regional DNS name, `vpce-<id>-<suffix>.execute-api.<region>.vpce.amazonaws.com`
 * (written without escapes, so the HCL reads as it matches).
 */
const REGIONAL_NAME = "^vpce-[0-9a-f]+-[0-9a-z]+[.]execute-api[.][a-z0-9-]+[.]vpce[.]amazonaws[.]com$";
/** Its regional or zonal names (a zonal one adds `-<zone>` to the first label). */
const CALLABLE_NAME = "^vpce-[0-9a-f]+-[0-9a-z]+(-[a-z0-9-]+)?[.]execute-api[.][a-z0-9-]+[.]vpce[.]amazonaws[.]com$";

/**
 * What an endpoint resource or lookup must list for the stack to alias it: exactly one regional
 * name; the plan (or the apply, where the entries are known only then) fails naming the entries.
 */
function regionalNamePostcondition(what: string) {
  return {
    condition: `\${length([for entry in self.dns_entry : entry if can(regex("${REGIONAL_NAME}", entry.dns_name))]) == 1}`,
    errorMessage: `${what} lists no single regional DNS name of the form vpce-<id>-<suffix>.execute-api.<region>.vpce.amazonaws.com to alias; its entries: \${join(", ", self.dns_entry[*].dns_name)}.`,
  };
}

/** An API an endpoint may invoke. */
export interface IInvokableApi {
  /** `arn:aws:execute-api:REGION:ACCOUNT:API_ID`. */
  readonly executionArn: string;
}

/** A source admitted on HTTPS by the endpoint's security group. */
export type HttpsSource =
  { readonly cidr: string } | { readonly securityGroupId: string } | { readonly prefixListId: string };

/** What clients and the other modules need to know of an execute-api interface endpoint. */
export interface IExecuteApiEndpoint {
  /** The endpoint id (`vpce-...`). */
  readonly endpointId: string;
  /** The endpoint's security group id. */
  readonly securityGroupId: string;
  /** Whether the endpoint resolves `*.execute-api.REGION.amazonaws.com` inside its VPC. */
  readonly privateDnsEnabled: boolean;
  /** DNS names a client can call (the regional name and one per zone; never the private DNS wildcard). */
  readonly dnsNames: string[];
  /** The endpoint's network interface ids (known after apply). */
  readonly networkInterfaceIds: string[];
  /** The endpoint's regional DNS name (chosen by its form) and its zone, for Route 53 alias records. */
  readonly aliasTarget: IAliasTarget;
  /**
   * The interface address in each zone, where known at plan time (as load balancer targets): a
   * created endpoint's fixed addresses (none when AWS picks them), an adopted one's looked up.
   */
  readonly interfaceAddresses: Readonly<Record<string, string>>;
  /**
   * What a user of the interface addresses must wait for: a created endpoint (its interfaces exist
   * once it does); nothing for an adopted one, which exists already.
   */
  readonly awaited: readonly ITerraformDependable[];
  /**
   * Lets clients invoke `api` through this endpoint (adds it to the endpoint policy); with
   * `callers`, only their principals.
   */
  allowInvoke(api: IInvokableApi, callers?: Callers): void;
  /**
   * Lets clients invoke through a private custom domain name (its `execute-api` ARN,
   * `arn:aws:execute-api:REGION:ACCOUNT:/domainnames/NAME+ID`): an endpoint policy must name the
   * domain as well as the API it maps to.
   */
  allowInvokeDomain(domainExecutionArn: string): void;
  /**
   * Admits HTTPS (TCP 443) from a CIDR block or a security group, as one described rule named
   * `name`, with `tags` (e.g. how a client network arrives).
   */
  allowHttpsFrom(name: string, source: HttpsSource, description: string, tags?: Record<string, string>): void;
}

export interface ExecuteApiEndpointProps {
  /** The network whose subnets receive the endpoint's network interfaces. */
  readonly network: INetwork;
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
   * Admit TCP 443 from the VPC's CIDR, so every caller in the VPC reaches the endpoint directly.
   * Off where something else fronts the endpoint (an ALB, admitted by `allowHttpsFrom`).
   * @default true
   */
  readonly admitVpc?: boolean;
  /**
   * Client networks admitted on TCP 443 besides the VPC CIDR, by name: their range, or the
   * security group of a Client VPN endpoint (`ClientNetworkRoutes` builds their return path).
   * @default - only the VPC CIDR
   */
  readonly clientNetworks?: Readonly<Record<string, ClientNetwork>>;
  /**
   * Availability zones (keys of the network's subnets) that receive an endpoint interface.
   * @default - every subnet of the network
   */
  readonly availabilityZones?: readonly string[];
  /**
   * A fixed address for the endpoint's interface in each zone (`subnet_configuration`), so that
   * the addresses are known at plan time, e.g. as load balancer targets. Every zone or none.
   * @default - AWS picks the addresses
   */
  readonly ipAddresses?: Readonly<Record<string, string>>;
  /**
   * Refuse to destroy the endpoint (Terraform `prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * The AWS provider of the endpoint's region.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/**
 * What a created and an adopted endpoint share: the APIs and domains its policy must allow,
 * the HTTPS rules on its security group, and its callable names.
 */
abstract class EndpointBase extends Construct implements IExecuteApiEndpoint {
  public abstract readonly endpointId: string;
  public abstract readonly securityGroupId: string;
  public abstract readonly privateDnsEnabled: boolean;
  public abstract readonly networkInterfaceIds: string[];
  public abstract readonly dnsNames: string[];
  public abstract readonly aliasTarget: IAliasTarget;
  public abstract readonly interfaceAddresses: Readonly<Record<string, string>>;
  public abstract readonly awaited: readonly ITerraformDependable[];
  /** The scope of the HTTPS rules; made by the subclass where its resources are ordered. */
  protected abstract readonly ingress: Construct;
  protected readonly apis: { readonly api: IInvokableApi; readonly callers?: Callers }[] = [];
  private readonly domains: string[] = [];
  private regional?: IAliasTarget;

  protected constructor(
    scope: Construct,
    id: string,
    protected readonly provider: AwsProvider | undefined,
  ) {
    super(scope, id);
  }

  public allowInvoke(api: IInvokableApi, callers?: Callers): void {
    this.apis.push(callers === undefined ? { api } : { api, callers });
  }

  public allowInvokeDomain(domainExecutionArn: string): void {
    this.domains.push(domainExecutionArn);
  }

  /** Ranges wider than /8 are refused: they are the internet, not a client network. */
  public allowHttpsFrom(name: string, source: HttpsSource, description: string, tags?: Record<string, string>): void {
    if (this.ingress.node.tryFindChild(name) !== undefined) {
      throw new ValidationError(
        this.node.path,
        `an HTTPS rule named "${name}" already exists; give the source another name`,
      );
    }
    if ("cidr" in source && !Token.isUnresolved(source.cidr)) {
      const parsed = parseIpv4Cidr(source.cidr);
      if ("reason" in parsed || parsed.prefixLength < MIN_CLIENT_PREFIX_LENGTH) {
        throw new ValidationError(
          this.node.path,
          `client ${name}: ${source.cidr} is not a client network (an IPv4 CIDR of /${String(MIN_CLIENT_PREFIX_LENGTH)} or narrower)`,
        );
      }
    }
    new VpcSecurityGroupIngressRule(this.ingress, name, {
      provider: this.provider,
      securityGroupId: this.securityGroupId,
      description,
      tags,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      ...("cidr" in source
        ? { cidrIpv4: source.cidr }
        : "prefixListId" in source
          ? { prefixListId: source.prefixListId }
          : { referencedSecurityGroupId: source.securityGroupId }),
    });
  }

  /**
   * The endpoint policy: `execute-api:Invoke` on exactly the APIs and domains registered with
   * `allowInvoke` and `allowInvokeDomain`. Written at synthesis, once every one is known.
   */
  protected invokePolicy(): string {
    return Lazy.stringValue({
      produce: () =>
        policyDocument(
          this.invokeGroups().map(({ callers, resources }, index) => ({
            Sid: index === 0 ? "InvokeServedApisOnly" : `InvokeServedApisOnly${String(index + 1)}`,
            Effect: "Allow",
            Principal: "*",
            Action: "execute-api:Invoke",
            Resource: resources,
            ...(callers === undefined ? {} : { Condition: callersCondition(callers) }),
          })),
        ),
    });
  }

  /**
   * The APIs (and domains, with the first) the policy allows, grouped by who may call them: one
   * statement per group, in the order the APIs were added.
   */
  private invokeGroups(): { callers?: Callers; resources: string[] }[] {
    const groups = new Map<string, { callers?: Callers; resources: string[] }>();
    for (const { api, callers } of this.apis) {
      const key = JSON.stringify(callers ?? null);
      const group = groups.get(key) ?? (callers === undefined ? { resources: [] } : { callers, resources: [] });
      group.resources.push(`${api.executionArn}/*`);
      groups.set(key, group);
    }
    const all = [...groups.values()];
    all[0]?.resources.push(...this.domains);
    return all;
  }

  /**
   * The regional entry of `dns_entry`, chosen by its form (`REGIONAL_NAME`): AWS promises no order,
   * and the list also holds zonal names (which pin clients to one zone) and, with private DNS on,
   * the service's wildcard in a zone hidden in the VPC (an alias to it fails at apply). A local, so
   * that every alias names it (`local.<id>.dns_name`, `.hosted_zone_id`).
   */
  protected regionalEntry(endpointFqn: string): IAliasTarget {
    this.regional ??= this.regionalEntryLocal(endpointFqn);
    return this.regional;
  }

  private regionalEntryLocal(endpointFqn: string): IAliasTarget {
    const entry = new TerraformLocal(
      this,
      "regional_dns_entry",
      `\${one([for entry in ${endpointFqn}.dns_entry : entry if can(regex("${REGIONAL_NAME}", entry.dns_name))])}`,
    );
    return {
      dnsName: Token.asString(propertyAccess(entry.asAnyMap, ["dns_name"])),
      zoneId: Token.asString(propertyAccess(entry.asAnyMap, ["hosted_zone_id"])),
    };
  }

  /**
   * The names a client can call, from an endpoint resource's or lookup's `dns_entry`: the regional
   * name and the zonal ones (`CALLABLE_NAME`), never the private DNS wildcard. A whole value (for an
   * output or an attribute): it is a Terraform `for` expression, which cdktf cannot nest inside
   * another function call.
   */
  protected static callableNames(endpointFqn: string): string[] {
    return Token.asList(
      `\${[for entry in ${endpointFqn}.dns_entry : entry.dns_name if can(regex("${CALLABLE_NAME}", entry.dns_name))]}`,
    );
  }
}

/**
 * The `com.amazonaws.REGION.execute-api` interface endpoint: one interface per availability zone,
 * its own security group admitting only HTTPS from the VPC and named clients, and an endpoint
 * policy that allows `execute-api:Invoke` on exactly the APIs registered with `allowInvoke`.
 */
export class ExecuteApiEndpoint extends EndpointBase {
  /**
   * Adopts an endpoint that exists already: its names and interface addresses are looked up at plan
   * time, rules admitting this stack's sources are added to its security group, and its policy,
   * which belongs to its owner, is handed over (`policyForOwner`).
   */
  public static fromAttributes(
    scope: Construct,
    id: string,
    attributes: ExecuteApiEndpointAttributes,
  ): IAdoptedExecuteApiEndpoint {
    return new AdoptedExecuteApiEndpoint(scope, id, attributes);
  }

  public readonly endpointId: string;
  public readonly securityGroupId: string;
  public readonly privateDnsEnabled: boolean;
  public readonly networkInterfaceIds: string[];
  public readonly interfaceAddresses: Readonly<Record<string, string>>;
  public readonly awaited: readonly ITerraformDependable[];
  /** The endpoint resource, for its DNS entries. */
  public readonly endpoint: VpcEndpoint;
  protected readonly ingress: Construct;

  public constructor(scope: Construct, id: string, props: ExecuteApiEndpointProps) {
    super(scope, id, props.provider);
    const network = props.network;
    const zones = [...(props.availabilityZones ?? Object.keys(network.subnetIds))].sort();
    const unknown = zones.filter((zone) => network.subnetIds[zone] === undefined);
    if (unknown.length > 0) {
      throw new ValidationError(
        this.node.path,
        `availability zone(s) ${unknown.join(", ")} have no subnet in the network`,
      );
    }
    if (zones.length < 2) {
      throw new ValidationError(
        this.node.path,
        `needs interfaces in at least 2 availability zones, got ${String(zones.length)}`,
      );
    }
    this.privateDnsEnabled = props.privateDnsEnabled ?? true;
    const addresses = props.ipAddresses;
    const unaddressed = addresses === undefined ? [] : zones.filter((zone) => addresses[zone] === undefined);
    if (unaddressed.length > 0) {
      throw new ValidationError(this.node.path, `ipAddresses has no address for ${unaddressed.join(", ")}`);
    }

    // A name prefix and create_before_destroy: a replacement group is attached before the old one,
    // still held by the endpoint's interfaces, is deleted.
    const securityGroup = new SecurityGroup(this, "security_group", {
      provider: this.provider,
      namePrefix: `${props.name}-execute-api-endpoint-`,
      description: "execute-api interface endpoint: HTTPS from the VPC and named client networks only",
      vpcId: network.vpcId,
      tags: { Name: `${props.name}-execute-api-endpoint` },
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = securityGroup.id;
    this.ingress = new Construct(this, "https_from");
    if (props.admitVpc ?? true) {
      this.allowHttpsFrom("vpc", { cidr: network.cidr }, "HTTPS from the VPC");
    }
    for (const [name, client] of sortedEntries(props.clientNetworks ?? {})) {
      this.allowHttpsFrom(
        name,
        clientSource(client),
        `HTTPS from client network ${name}`,
        clientRuleTags(name, client),
      );
    }

    this.endpoint = new VpcEndpoint(this, "endpoint", {
      provider: this.provider,
      vpcId: network.vpcId,
      serviceName: `com.amazonaws.${props.region}.execute-api`,
      vpcEndpointType: "Interface",
      privateDnsEnabled: this.privateDnsEnabled,
      subnetIds: zones.flatMap((zone) => network.subnetIds[zone] ?? []),
      subnetConfiguration:
        addresses === undefined
          ? undefined
          : zones.map((zone) => ({ subnetId: network.subnetIds[zone] as string, ipv4: addresses[zone] as string })),
      securityGroupIds: [securityGroup.id],
      tags: { Name: `${props.name}-execute-api` },
      lifecycle: {
        ...(props.preventDestroy === true ? { preventDestroy: true } : {}),
        postcondition: [regionalNamePostcondition(`The execute-api endpoint ${props.name}-execute-api`)],
      },
    });
    this.endpointId = this.endpoint.id;
    this.networkInterfaceIds = this.endpoint.networkInterfaceIds;
    this.interfaceAddresses = { ...(addresses ?? {}) };
    this.awaited = [this.endpoint];

    // A separate policy resource: the API names the endpoint and the policy names the API, so an
    // inline policy would be a dependency cycle.
    new VpcEndpointPolicy(this, "policy", {
      provider: this.provider,
      vpcEndpointId: this.endpoint.id,
      policy: this.invokePolicy(),
    });
    this.node.addValidation({
      validate: () =>
        this.apis.length === 0 ? ["the endpoint serves no API: call allowInvoke(api) so its policy can name one"] : [],
    });
  }

  /** The names a client can call (see `callableNames`). */
  public get dnsNames(): string[] {
    return EndpointBase.callableNames(this.endpoint.fqn);
  }

  public get aliasTarget(): IAliasTarget {
    return this.regionalEntry(this.endpoint.fqn);
  }
}

/** An adopted execute-api endpoint: what a created one exposes, and the policy its owner applies. */
export interface IAdoptedExecuteApiEndpoint extends IExecuteApiEndpoint {
  /**
   * The endpoint policy its owner must apply: `execute-api:Invoke` on what this stack's clients
   * invoke through it (the stack outputs it; the policy itself belongs to the owner).
   */
  readonly policyForOwner: string;
}

/** An execute-api endpoint that exists already, adopted by id. */
export interface ExecuteApiEndpointAttributes {
  readonly endpointId: string;
  /** The endpoint's security group; rules this stack needs are added to it. */
  readonly securityGroupId: string;
  /** Whether its private DNS is on. */
  readonly privateDnsEnabled: boolean;
  /** The availability zones its interfaces are in (one interface each). */
  readonly availabilityZones: readonly string[];
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * An adopted execute-api endpoint (`ExecuteApiEndpoint.fromAttributes`): its DNS names and its
 * interface address per zone are looked up at plan time (data sources).
 */
class AdoptedExecuteApiEndpoint extends EndpointBase implements IAdoptedExecuteApiEndpoint {
  public readonly endpointId: string;
  public readonly securityGroupId: string;
  public readonly privateDnsEnabled: boolean;
  public readonly networkInterfaceIds: string[];
  public readonly interfaceAddresses: Readonly<Record<string, string>>;
  public readonly awaited: readonly ITerraformDependable[] = [];
  public readonly policyForOwner: string;
  protected readonly ingress: Construct;
  private readonly lookup: DataAwsVpcEndpoint;

  public constructor(scope: Construct, id: string, attributes: ExecuteApiEndpointAttributes) {
    super(scope, id, attributes.provider);
    this.endpointId = attributes.endpointId;
    this.securityGroupId = attributes.securityGroupId;
    this.privateDnsEnabled = attributes.privateDnsEnabled;
    this.lookup = new DataAwsVpcEndpoint(this, "lookup", {
      provider: this.provider,
      id: attributes.endpointId,
      lifecycle: { postcondition: [regionalNamePostcondition(`The adopted endpoint ${attributes.endpointId}`)] },
    });
    this.networkInterfaceIds = this.lookup.networkInterfaceIds;
    const interfaces = new Construct(this, "interface");
    this.interfaceAddresses = Object.fromEntries(
      [...attributes.availabilityZones].sort().map((zone) => [
        zone,
        new DataAwsNetworkInterface(interfaces, zone, {
          provider: this.provider,
          filter: [
            // AWS describes an endpoint's interfaces as "VPC Endpoint Interface <endpoint id>".
            { name: "description", values: [`VPC Endpoint Interface ${attributes.endpointId}`] },
            { name: "availability-zone", values: [zone] },
          ],
        }).privateIp,
      ]),
    );
    this.ingress = new Construct(this, "https_from");
    this.policyForOwner = this.invokePolicy();
  }

  /** The names a client can call (see `callableNames`). */
  public get dnsNames(): string[] {
    return EndpointBase.callableNames(this.lookup.fqn);
  }

  public get aliasTarget(): IAliasTarget {
    return this.regionalEntry(this.lookup.fqn);
  }
}

import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53ResolverEndpoint } from "@cdktf/provider-aws/lib/route53-resolver-endpoint";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../../lib/errors";
import type { INetwork } from "../../modules/network";

export interface ResolverInboundProps {
  /** Prefix of names and Name tags. */
  readonly name: string;
  readonly network: INetwork;
  /** Zones (keys of the network's subnets) that get one resolver address each; at least two. */
  readonly availabilityZones: readonly string[];
  /** The managed prefix list of the networks that may query it (DNS, TCP and UDP 53). */
  readonly clientPrefixListId: string;
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * A Route 53 Resolver inbound endpoint, so that on-premises DNS servers can forward queries for
 * the VPC's names (conditional forwarders): one address per zone, and a security group that
 * admits DNS from the named client networks only.
 */
export class ResolverInbound extends Construct {
  /** The resolver's addresses, for the forwarders. */
  public readonly ipAddresses: string[];

  public constructor(scope: Construct, id: string, props: ResolverInboundProps) {
    super(scope, id);
    const provider = props.provider;
    const zones = [...new Set(props.availabilityZones)].sort();
    const unknown = zones.filter((zone) => props.network.subnetIds[zone] === undefined);
    if (zones.length < 2 || unknown.length > 0) {
      throw new ValidationError(
        this.node.path,
        `needs addresses in at least two zones of the network, got ${zones.join(", ") || "none"}`,
      );
    }
    const securityGroup = new SecurityGroup(this, "security_group", {
      provider,
      namePrefix: `${props.name}-resolver-inbound-`,
      description: "Route 53 Resolver inbound endpoint: DNS from the on-premises networks only",
      vpcId: props.network.vpcId,
      tags: { Name: `${props.name}-resolver-inbound` },
      lifecycle: { createBeforeDestroy: true },
    });
    for (const protocol of ["tcp", "udp"]) {
      new VpcSecurityGroupIngressRule(this, `dns_${protocol}`, {
        provider,
        securityGroupId: securityGroup.id,
        description: `DNS (${protocol.toUpperCase()} 53) from the on-premises networks`,
        ipProtocol: protocol,
        fromPort: 53,
        toPort: 53,
        prefixListId: props.clientPrefixListId,
      });
    }
    const endpoint = new Route53ResolverEndpoint(this, "endpoint", {
      provider,
      name: `${props.name}-inbound`,
      direction: "INBOUND",
      securityGroupIds: [securityGroup.id],
      ipAddress: zones.map((zone) => ({ subnetId: props.network.subnetIds[zone] as string })),
      tags: { Name: `${props.name}-resolver-inbound` },
    });
    this.ipAddresses = Token.asList(`\${[for address in ${endpoint.fqn}.ip_address : address.ip]}`);
  }
}

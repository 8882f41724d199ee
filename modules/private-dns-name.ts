import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Construct } from "constructs";
import { sortedEntries } from "../lib/records";

/** Something an alias record can point at. */
export interface IAliasTarget {
  readonly dnsName: string;
  readonly zoneId: string;
}

export interface PrivateDnsNameProps {
  /** The name, e.g. api.internal.example.com; the private zone is named exactly this. */
  readonly name: string;
  readonly target: IAliasTarget;
  /** The stack's VPC, and the VPCs of other clients by name, whose resolvers answer the name. */
  readonly vpcId: string;
  readonly vpcRegion: string;
  readonly clientVpcs: Readonly<Record<string, string>>;
  /** Also publish the name in this public zone. @default - not published */
  readonly publicZoneId?: string;
  /** Prefix of the zone's Name tag. */
  readonly tagPrefix: string;
  readonly preventDestroy?: boolean;
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * One name resolving to a load balancer: a private hosted zone named exactly that name (so it
 * captures nothing else of its parent domain), associated with the stack's VPC and the client
 * VPCs, holding an alias A record; and, when asked, the same alias in a public zone.
 */
export class PrivateDnsName extends Construct {
  public readonly fqdn: string;

  public constructor(scope: Construct, id: string, props: PrivateDnsNameProps) {
    super(scope, id);
    const provider = props.provider;
    const zone = new Route53Zone(this, "zone", {
      provider,
      name: props.name,
      comment: `Private name of the internal ALB in front of the private API (${props.tagPrefix})`,
      vpc: [
        { vpcId: props.vpcId, vpcRegion: props.vpcRegion },
        ...sortedEntries(props.clientVpcs).map(([, vpcId]) => ({ vpcId, vpcRegion: props.vpcRegion })),
      ],
      tags: { Name: `${props.tagPrefix}-${props.name}` },
      lifecycle: props.preventDestroy === true ? { preventDestroy: true } : undefined,
    });
    const alias = { name: props.target.dnsName, zoneId: props.target.zoneId, evaluateTargetHealth: true };
    const record = new Route53Record(this, "alias", {
      provider,
      zoneId: zone.zoneId,
      name: props.name,
      type: "A",
      alias,
    });
    this.fqdn = record.fqdn;
    if (props.publicZoneId !== undefined) {
      new Route53Record(this, "public_alias", {
        provider,
        zoneId: props.publicZoneId,
        name: props.name,
        type: "A",
        alias,
      });
    }
  }
}

import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Construct } from "constructs";
import { sortedEntries } from "../../lib/records";
import { type IAliasTarget, PrivateAliasZone } from "../../modules/private-alias-zone";

export type { IAliasTarget } from "../../modules/private-alias-zone";

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
 * VPCs, holding an alias A record that follows the target's health; and, when asked, the same
 * alias in a public zone.
 */
export class PrivateDnsName extends PrivateAliasZone {
  public readonly fqdn: string;

  public constructor(scope: Construct, id: string, props: PrivateDnsNameProps) {
    super(scope, id, {
      zoneName: props.name,
      comment: `Private name of the internal ALB in front of the private API (${props.tagPrefix})`,
      vpcs: [props.vpcId, ...sortedEntries(props.clientVpcs).map(([, vpcId]) => vpcId)].map((vpcId) => ({
        vpcId,
        region: props.vpcRegion,
      })),
      records: { [props.name]: props.target },
      evaluateTargetHealth: true,
      tagPrefix: props.tagPrefix,
      preventDestroy: props.preventDestroy,
      provider: props.provider,
    });
    this.fqdn = this.fqdns[props.name] as string;
    if (props.publicZoneId !== undefined) {
      new Route53Record(this, "public_alias", {
        provider: props.provider,
        zoneId: props.publicZoneId,
        name: props.name,
        type: "A",
        alias: { name: props.target.dnsName, zoneId: props.target.zoneId, evaluateTargetHealth: true },
      });
    }
  }
}

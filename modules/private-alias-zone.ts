import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { type ITerraformDependable, Token } from "cdktf";
import { Construct } from "constructs";
import { skipCheck } from "../lib/checkov";
import { ValidationError } from "../lib/errors";

/** Something an alias record can point at: a DNS name and the Route 53 zone that answers it. */
export interface IAliasTarget {
  readonly dnsName: string;
  readonly zoneId: string;
}

/** A VPC whose resolver answers from a private zone. */
export interface ZoneVpc {
  readonly vpcId: string;
  /** The VPC's region (a private zone may serve VPCs of any region). */
  readonly region: string;
}

export interface PrivateAliasZoneProps {
  /** The zone's name: every name at or under it resolves from this zone inside its VPCs. */
  readonly zoneName: string;
  /**
   * The VPCs the zone is associated with, written as the zone's inline `vpc` blocks, the only
   * form of association used (never mixed with `aws_route53_zone_association`). At least one.
   */
  readonly vpcs: readonly ZoneVpc[];
  /** Alias A records by fully qualified name, each the zone's name or a name under it. At least one. */
  readonly records: Readonly<Record<string, IAliasTarget>>;
  /** Let Route 53 answer a record only while its target is healthy (load balancers). @default false */
  readonly evaluateTargetHealth?: boolean;
  /** The zone's comment, shown in the Route 53 console. */
  readonly comment: string;
  /** Prefix of the zone's Name tag. */
  readonly tagPrefix: string;
  readonly preventDestroy?: boolean;
  /**
   * What the zone is created after (and, by Terraform's order, destroyed before it is updated):
   * an execute-api endpoint whose private DNS must be off before a zone under its domain exists.
   * @default - nothing beyond its references
   */
  readonly createdAfter?: readonly ITerraformDependable[];
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * A Route 53 private hosted zone that holds only alias A records, answering inside the VPCs it is
 * associated with. A record at the zone's apex has the id `alias`; one under it
 * `alias_<relative name>` (dots become underscores, `*` becomes `wildcard`), so addresses follow the names. A record whose
 * target is given as text, not a reference, is outside this configuration: checkov's
 * CKV2_AWS_23 (no attached resource) is skipped on it, with the catalogue's reason.
 */
export class PrivateAliasZone extends Construct {
  public readonly zoneId: string;
  public readonly zoneName: string;
  /** The Route 53 name of each record, by its configured name. */
  public readonly fqdns: Readonly<Record<string, string>>;

  public constructor(scope: Construct, id: string, props: PrivateAliasZoneProps) {
    super(scope, id);
    const names = Object.keys(props.records).sort();
    const outside = names.filter((name) => name !== props.zoneName && !name.endsWith(`.${props.zoneName}`));
    if (names.length === 0 || props.vpcs.length === 0 || outside.length > 0) {
      throw new ValidationError(
        this.node.path,
        `a private alias zone needs at least one VPC and one record, each record at or under ${props.zoneName}` +
          (outside.length > 0 ? `; outside it: ${outside.join(", ")}` : ""),
      );
    }
    const zone = new Route53Zone(this, "zone", {
      provider: props.provider,
      name: props.zoneName,
      comment: props.comment,
      vpc: props.vpcs.map((vpc) => ({ vpcId: vpc.vpcId, vpcRegion: vpc.region })),
      tags: { Name: `${props.tagPrefix}-${props.zoneName}` },
      lifecycle: props.preventDestroy === true ? { preventDestroy: true } : undefined,
      dependsOn: props.createdAfter === undefined ? undefined : [...props.createdAfter],
    });
    this.zoneId = zone.zoneId;
    this.zoneName = props.zoneName;
    this.fqdns = Object.fromEntries(
      names.map((name) => {
        const relative = name === props.zoneName ? "" : name.slice(0, -(props.zoneName.length + 1));
        const target = props.records[name] as IAliasTarget;
        const label = relative.replaceAll(".", "_").replaceAll("*", "wildcard");
        const record = new Route53Record(this, relative === "" ? "alias" : `alias_${label}`, {
          provider: props.provider,
          zoneId: zone.zoneId,
          name,
          type: "A",
          alias: {
            name: target.dnsName,
            zoneId: target.zoneId,
            evaluateTargetHealth: props.evaluateTargetHealth ?? false,
          },
        });
        // A target written as text is outside this configuration (another account's API).
        if (!Token.isUnresolved(target.dnsName)) {
          skipCheck(record, "CKV2_AWS_23");
        }
        return [name, record.fqdn];
      }),
    );
  }
}

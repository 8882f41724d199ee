import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { skipCheck } from "../../lib/checkov";
import { type ClientNetwork, clientRuleTags, type ClientSource, clientSource } from "../../lib/client-networks";
import { ValidationError } from "../../lib/errors";
import { sortedEntries } from "../../lib/records";
import type { IExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import type { INetwork } from "../../modules/network";

/** What DNS records and clients need of the load balancer. */
export interface IExecuteApiAlb {
  /** The ALB's DNS name (resolves to its private addresses). */
  readonly dnsName: string;
  /** The ALB's hosted zone id, for alias records. */
  readonly zoneId: string;
  /** The target addresses (the endpoint's interfaces), by availability zone. */
  readonly targetAddresses: Readonly<Record<string, string>>;
}

export interface ExecuteApiAlbProps {
  /** The load balancer's name, and the prefix of Name tags; at most 32 characters (AWS's limit for load balancer names). */
  readonly name: string;
  /** The VPC; the ALB gets a subnet in each of the endpoint's zones. */
  readonly network: INetwork;
  /** The endpoint the ALB forwards to; it is made to admit HTTPS from the ALB. */
  readonly endpoint: IExecuteApiEndpoint;
  /**
   * What the ALB is created after: the endpoint resource, whose fixed addresses must be claimed
   * before the ALB's own interfaces take free addresses in the same subnets.
   */
  readonly createdAfter: readonly ITerraformDependable[];
  /**
   * The endpoint's interface address in each of its zones: the targets, one per zone. Must be
   * known at plan time (fixed addresses), so that the attachments are planned with the ALB.
   */
  readonly targetAddresses: Readonly<Record<string, string>>;
  /**
   * Client networks admitted on HTTPS (and HTTP, when redirecting), by name: their range, or a
   * Client VPN endpoint's security group.
   */
  readonly clientNetworks: Readonly<Record<string, ClientNetwork>>;
  /** Also admit callers in the VPC itself (its CIDR), as the client networks are admitted. */
  readonly admitVpc: boolean;
  /** ACM certificate of the HTTPS listener (same region as the ALB). */
  readonly certificateArn: string;
  /** TLS policy of the HTTPS listener. */
  readonly sslPolicy: string;
  /** Add a port-80 listener that only redirects to HTTPS. */
  readonly redirectHttp: boolean;
  /** Path of the HTTPS health check. */
  readonly healthCheckPath: string;
  /** S3 bucket (and prefix) for access logs. @default - no access logs */
  readonly accessLogs?: { readonly bucket: string; readonly prefix?: string };
  /** ALB deletion protection, and `prevent_destroy`. */
  readonly deletionProtection: boolean;
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/** The health check's success codes: the endpoint answers a probe that names no API with 403. */
export const HEALTHY_STATUS_CODES = "200,403";

/**
 * An internal Application Load Balancer in front of an execute-api interface endpoint, for clients
 * that cannot use the endpoint's private DNS (VPN, peered VPCs): HTTPS on 443 with a modern TLS
 * policy, an IP target group over HTTPS whose targets are the endpoint's interface addresses, one
 * per zone, and a security group that admits only the named client networks and sends only to the
 * endpoint.
 */
export class ExecuteApiAlb extends Construct implements IExecuteApiAlb {
  public readonly dnsName: string;
  public readonly zoneId: string;
  public readonly targetAddresses: Readonly<Record<string, string>>;
  public readonly loadBalancer: Lb;

  public constructor(scope: Construct, id: string, props: ExecuteApiAlbProps) {
    super(scope, id);
    const provider = props.provider;
    const zones = Object.keys(props.targetAddresses).sort();
    const subnetZones = Object.keys(props.network.subnetIds).sort();
    const missing = zones.filter((zone) => props.network.subnetIds[zone] === undefined);
    if (missing.length > 0 || zones.length < 2) {
      throw new ValidationError(
        this.node.path,
        `the ALB must sit in exactly the endpoint's availability zones (${zones.join(", ") || "none"}), ` +
          `and in at least two; the network has subnets in ${subnetZones.join(", ")}`,
      );
    }
    if (props.name.length > 32) {
      throw new ValidationError(
        this.node.path,
        `name ${props.name} is longer than 32 characters (AWS's limit for load balancer names)`,
      );
    }
    this.targetAddresses = { ...props.targetAddresses };

    const securityGroup = new SecurityGroup(this, "security_group", {
      provider,
      namePrefix: `${props.name}-alb-`,
      description: "Internal ALB in front of the execute-api endpoint: HTTPS from named client networks only",
      vpcId: props.network.vpcId,
      tags: { Name: `${props.name}-alb` },
      lifecycle: { createBeforeDestroy: true },
    });
    const ingress = new Construct(this, "from");
    const ports: [string, number][] = props.redirectHttp
      ? [
          ["https", 443],
          ["http", 80],
        ]
      : [["https", 443]];
    // The name `vpc` is reserved for the VPC itself: no client network may take it.
    const sources: { client: string; source: ClientSource; what: string; tags?: Record<string, string> }[] = [
      ...(props.admitVpc ? [{ client: "vpc", source: { cidr: props.network.cidr }, what: "the VPC" }] : []),
      ...sortedEntries(props.clientNetworks).map(([client, network]) => ({
        client,
        source: clientSource(network),
        what: `client network ${client}`,
        tags: clientRuleTags(client, network),
      })),
    ];
    for (const { client, source, what, tags } of sources) {
      for (const [protocol, port] of ports) {
        const rule = new VpcSecurityGroupIngressRule(ingress, `${protocol}_${client}`, {
          provider,
          securityGroupId: securityGroup.id,
          description: `${protocol.toUpperCase()} from ${what}${port === 80 ? " (redirected to HTTPS)" : ""}`,
          tags,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          ...("cidr" in source ? { cidrIpv4: source.cidr } : { referencedSecurityGroupId: source.securityGroupId }),
        });
        if (port === 80 && !("cidr" in source)) {
          skipCheck(rule, "CKV_AWS_260");
        }
      }
    }
    new VpcSecurityGroupEgressRule(this, "https_to_endpoint", {
      provider,
      securityGroupId: securityGroup.id,
      description: "HTTPS to the execute-api endpoint (targets and health checks)",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: props.endpoint.securityGroupId,
    });
    props.endpoint.allowHttpsFrom("alb", { securityGroupId: securityGroup.id }, "HTTPS from the internal ALB");

    const lifecycle = props.deletionProtection ? { preventDestroy: true } : undefined;
    this.loadBalancer = new Lb(this, "alb", {
      provider,
      name: props.name,
      internal: true,
      loadBalancerType: "application",
      subnets: zones.map((zone) => props.network.subnetIds[zone] as string),
      securityGroups: [securityGroup.id],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection,
      accessLogs:
        props.accessLogs === undefined
          ? undefined
          : { bucket: props.accessLogs.bucket, prefix: props.accessLogs.prefix, enabled: true },
      tags: { Name: `${props.name}-alb` },
      // The endpoint claims its fixed addresses first; the ALB's own interfaces take any free ones.
      dependsOn: props.createdAfter.length > 0 ? [...props.createdAfter] : undefined,
      lifecycle,
    });
    if (props.accessLogs === undefined) {
      skipCheck(this.loadBalancer, "CKV_AWS_91");
    }
    if (!props.deletionProtection) {
      skipCheck(this.loadBalancer, "CKV_AWS_150");
    }
    this.dnsName = this.loadBalancer.dnsName;
    this.zoneId = this.loadBalancer.zoneId;

    // A generated name and create_before_destroy: a change that replaces the group (its port,
    // protocol or VPC) creates the new one and moves the listener to it before the old one, which the
    // listener holds, is deleted; a fixed name would collide, and the old group could not be deleted.
    const targetGroup = new LbTargetGroup(this, "execute_api_targets", {
      provider,
      namePrefix: "vpce-",
      targetType: "ip",
      protocol: "HTTPS",
      port: 443,
      vpcId: props.network.vpcId,
      healthCheck: {
        enabled: true,
        protocol: "HTTPS",
        port: "traffic-port",
        path: props.healthCheckPath,
        matcher: HEALTHY_STATUS_CODES,
      },
      tags: { Name: `${props.name}-execute-api-endpoint` },
      lifecycle: { createBeforeDestroy: true },
    });
    const targets = new Construct(this, "target");
    for (const zone of zones) {
      new LbTargetGroupAttachment(targets, zone, {
        provider,
        targetGroupArn: targetGroup.arn,
        targetId: props.targetAddresses[zone] as string,
        port: 443,
      });
    }

    new LbListener(this, "https", {
      provider,
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: props.sslPolicy,
      certificateArn: props.certificateArn,
      defaultAction: [{ type: "forward", targetGroupArn: targetGroup.arn }],
    });
    if (props.redirectHttp) {
      new LbListener(this, "http_redirect", {
        provider,
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      });
    }
  }
}

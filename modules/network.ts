import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../lib/errors";
import { policyDocument } from "../lib/iam";
import { sortedEntries } from "../lib/records";
import type { ILogEncryptionKey } from "./log-encryption-key";
import { logGroup } from "./log-group";

/** What the other modules need to know of a VPC, created here or adopted. */
export interface INetwork {
  /** The VPC's id. */
  readonly vpcId: string;
  /** The VPC's primary IPv4 CIDR block. */
  readonly cidr: string;
  /** Private subnet ids keyed by availability zone name. */
  readonly subnetIds: Readonly<Record<string, string>>;
  /**
   * The private route tables, keyed by availability zone name (created) or by their own id
   * (adopted, where one may serve several zones); empty when none are known.
   */
  readonly routeTableIds: Readonly<Record<string, string>>;
  /**
   * The VPC's attachments to transit gateways made with the network, by transit gateway id, so that
   * nothing attaches it to one of them twice.
   * @default - none
   */
  readonly transitGatewayAttachments?: Readonly<Record<string, ITerraformDependable>>;
}

/** How a created VPC reaches the internet. */
export type NetworkEgress =
  | {
      /** A NAT gateway per zone, each in a public subnet of its zone, behind one internet gateway. */
      readonly via: "nat-gateway";
      /** Public subnet CIDR per availability zone: the zones of `privateSubnets`, each once. */
      readonly publicSubnets: Readonly<Record<string, string>>;
    }
  | {
      /** A transit gateway whose owner routes 0.0.0.0/0 on to an egress; the VPC is attached to it. */
      readonly via: "transit-gateway";
      readonly transitGatewayId: string;
    };

/** An existing VPC, adopted by id. */
export interface NetworkAttributes {
  /** The VPC's id. */
  readonly vpcId: string;
  /** The VPC's primary IPv4 CIDR block. */
  readonly cidr: string;
  /** Subnet id per availability zone name, at least two zones. */
  readonly subnetIds: Readonly<Record<string, string>>;
  /**
   * Route tables by a stable key (zone name, or the id itself), for topologies that add routes.
   * @default - none known
   */
  readonly routeTableIds?: Readonly<Record<string, string>>;
  /**
   * Where the configuration names the VPC (e.g. `network.vpcId`), for the plan's error messages.
   * @default - the id alone
   */
  readonly field?: string;
  /**
   * The AWS provider of the VPC's region.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/** A VPC the stack uses but does not create, and what the configuration says of it. */
export interface AdoptedVpcProps {
  readonly vpcId: string;
  /**
   * Where the configuration names it (e.g. `domain.clientVpcs.tools`), for the plan's error messages.
   * @default - the id alone
   */
  readonly field?: string;
  /** Its primary IPv4 CIDR as configured, checked when given. */
  readonly cidr?: string;
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * Looks an adopted VPC up at plan time (`data "aws_vpc"`), with postconditions that fail the plan
 * unless DNS support and DNS hostnames are on (private hosted zones and private DNS answer only
 * then; without them a client silently resolves the public name) and, when configured, its
 * primary CIDR is the configured one (routes and security group rules are written for it).
 */
export function checkAdoptedVpc(scope: Construct, id: string, props: AdoptedVpcProps): DataAwsVpc {
  const named = props.field === undefined ? props.vpcId : `${props.vpcId} (${props.field})`;
  const attribute = (argument: string, label: string, option: string) => ({
    condition: `\${self.${argument}}`,
    errorMessage: `The adopted VPC ${named} has ${label} off: private hosted zones and private DNS answer only in a VPC with DNS support and DNS hostnames on. Fix: aws ec2 modify-vpc-attribute --vpc-id ${props.vpcId} --${option}.`,
  });
  return new DataAwsVpc(scope, id, {
    provider: props.provider,
    id: props.vpcId,
    lifecycle: {
      postcondition: [
        attribute("enable_dns_support", "DNS support", "enable-dns-support"),
        attribute("enable_dns_hostnames", "DNS hostnames", "enable-dns-hostnames"),
        ...(props.cidr === undefined
          ? []
          : [
              {
                condition: `\${self.cidr_block == "${props.cidr}"}`,
                errorMessage: `The adopted VPC ${named} has the primary CIDR \${self.cidr_block}, not the configured ${props.cidr}. Fix: correct the CIDR in the configuration.`,
              },
            ]),
      ],
    },
  });
}

export interface NetworkProps {
  /** Prefix of Name tags and of the flow-log group and role names. */
  readonly name: string;
  /** The VPC's IPv4 CIDR block. */
  readonly cidr: string;
  /** Private subnet CIDR per availability zone name, at least two zones. */
  readonly privateSubnets: Readonly<Record<string, string>>;
  /** AWS account id, used to scope the flow-logs trust policy. */
  readonly accountId: string;
  /** AWS region of the VPC, used to scope the flow-logs trust policy. */
  readonly region: string;
  /**
   * Retention of the VPC flow-log group, in days.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Customer-managed KMS key for the flow-log group.
   * @default - CloudWatch Logs' own encryption with an AWS-owned key
   */
  readonly logEncryptionKey?: ILogEncryptionKey;
  /**
   * The VPC's way to the internet: every private route table sends 0.0.0.0/0 there.
   * @default - none: private subnets only, no route to the internet
   */
  readonly egress?: NetworkEgress;
  /**
   * Refuse to destroy the VPC and its flow-log group (Terraform `prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * The AWS provider of the VPC's region.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

const DEFAULT_FLOW_LOG_RETENTION_DAYS = 365;

function assertTwoZones(scope: Construct, zones: Readonly<Record<string, string>>): void {
  const count = Object.keys(zones).length;
  if (count < 2) {
    throw new ValidationError(scope.node.path, `needs subnets in at least 2 availability zones, got ${String(count)}`);
  }
}

/** An adopted VPC: nothing is created, the attributes are what the other modules see. */
class ImportedNetwork extends Construct implements INetwork {
  public readonly vpcId: string;
  public readonly cidr: string;
  public readonly subnetIds: Readonly<Record<string, string>>;
  public readonly routeTableIds: Readonly<Record<string, string>>;

  public constructor(scope: Construct, id: string, attributes: NetworkAttributes) {
    super(scope, id);
    assertTwoZones(this, attributes.subnetIds);
    checkAdoptedVpc(this, "vpc", attributes);
    this.vpcId = attributes.vpcId;
    this.cidr = attributes.cidr;
    this.subnetIds = attributes.subnetIds;
    this.routeTableIds = attributes.routeTableIds ?? {};
  }
}

/**
 * A new VPC for an execute-api endpoint: DNS support and hostnames on, one private subnet and
 * route table per availability zone, flow logs to CloudWatch Logs, and the default security group
 * stripped of its rules. `Network.fromAttributes` adopts an existing one instead.
 */
export class Network extends Construct implements INetwork {
  /** Adopts an existing VPC and its subnets by id; nothing is created. */
  public static fromAttributes(scope: Construct, id: string, attributes: NetworkAttributes): INetwork {
    return new ImportedNetwork(scope, id, attributes);
  }

  public readonly vpcId: string;
  public readonly cidr: string;
  public readonly subnetIds: Readonly<Record<string, string>>;
  public readonly routeTableIds: Readonly<Record<string, string>>;
  public readonly transitGatewayAttachments: Readonly<Record<string, ITerraformDependable>>;

  public constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    assertTwoZones(this, props.privateSubnets);
    const provider = props.provider;
    const lifecycle = props.preventDestroy === true ? { preventDestroy: true } : undefined;
    const vpc = new Vpc(this, "vpc", {
      provider,
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: `${props.name}-vpc` },
      lifecycle,
    });
    this.vpcId = vpc.id;
    this.cidr = props.cidr;

    // Nothing uses the default security group; stripping its rules keeps it from being a
    // wide-open fallback.
    new DefaultSecurityGroup(this, "default_security_group", {
      provider,
      vpcId: vpc.id,
      tags: { Name: `${props.name}-default-deny` },
    });

    const subnets = new Construct(this, "subnet");
    const routeTables = new Construct(this, "route_table");
    const associations = new Construct(this, "route_table_association");
    const subnetIds: Record<string, string> = {};
    const routeTableIds: Record<string, string> = {};
    for (const [zone, cidrBlock] of sortedEntries(props.privateSubnets)) {
      const subnet = new Subnet(subnets, zone, {
        provider,
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-private-${zone}` },
      });
      const routeTable = new RouteTable(routeTables, zone, {
        provider,
        vpcId: vpc.id,
        tags: { Name: `${props.name}-private-${zone}` },
      });
      new RouteTableAssociation(associations, zone, {
        provider,
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
      subnetIds[zone] = subnet.id;
      routeTableIds[zone] = routeTable.id;
    }
    this.subnetIds = subnetIds;
    this.routeTableIds = routeTableIds;
    this.transitGatewayAttachments = this.addEgress(vpc, props);

    this.addFlowLogs(vpc, props);
  }

  /** The way out to the internet, and the default route of each private route table to it. */
  private addEgress(vpc: Vpc, props: NetworkProps): Record<string, ITerraformDependable> {
    const egress = props.egress;
    if (egress === undefined) {
      return {};
    }
    const provider = props.provider;
    const defaultRoutes = new Construct(this, "default_route");
    if (egress.via === "transit-gateway") {
      const attachment = new Ec2TransitGatewayVpcAttachment(this, "transit_gateway_attachment", {
        provider,
        transitGatewayId: egress.transitGatewayId,
        vpcId: vpc.id,
        subnetIds: sortedEntries(this.subnetIds).map(([, subnetId]) => subnetId),
        tags: { Name: `${props.name}-vpc` },
      });
      for (const [zone, routeTableId] of sortedEntries(this.routeTableIds)) {
        new Route(defaultRoutes, zone, {
          provider,
          routeTableId,
          destinationCidrBlock: "0.0.0.0/0",
          transitGatewayId: egress.transitGatewayId,
          // A route to a transit gateway the VPC is not yet attached to is refused.
          dependsOn: [attachment],
        });
      }
      return { [egress.transitGatewayId]: attachment };
    }

    const unserved = Object.keys(props.privateSubnets).filter((zone) => !(zone in egress.publicSubnets));
    if (unserved.length > 0) {
      throw new ValidationError(this.node.path, `has no public subnet for the NAT gateway of ${unserved.join(", ")}`);
    }
    const internetGateway = new InternetGateway(this, "internet_gateway", {
      provider,
      vpcId: vpc.id,
      tags: { Name: `${props.name}-vpc` },
    });
    const publicRouteTable = new RouteTable(this, "public_route_table", {
      provider,
      vpcId: vpc.id,
      tags: { Name: `${props.name}-public` },
    });
    new Route(this, "public_default_route", {
      provider,
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: internetGateway.id,
    });
    const publicSubnets = new Construct(this, "public_subnet");
    const associations = new Construct(this, "public_route_table_association");
    const addresses = new Construct(this, "nat_eip");
    const natGateways = new Construct(this, "nat_gateway");
    for (const [zone, cidrBlock] of sortedEntries(egress.publicSubnets)) {
      // Only the NAT gateway lives here; nothing launched in it gets a public address.
      const subnet = new Subnet(publicSubnets, zone, {
        provider,
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-public-${zone}` },
      });
      new RouteTableAssociation(associations, zone, {
        provider,
        subnetId: subnet.id,
        routeTableId: publicRouteTable.id,
      });
      const address = new Eip(addresses, zone, {
        provider,
        domain: "vpc",
        tags: { Name: `${props.name}-nat-${zone}` },
      });
      const natGateway = new NatGateway(natGateways, zone, {
        provider,
        allocationId: address.allocationId,
        subnetId: subnet.id,
        connectivityType: "public",
        tags: { Name: `${props.name}-nat-${zone}` },
        // A public NAT gateway needs the VPC's internet gateway (provider documentation).
        dependsOn: [internetGateway],
      });
      const routeTableId = this.routeTableIds[zone];
      if (routeTableId !== undefined) {
        // Each zone leaves through its own NAT gateway: no cross-zone traffic, and a zone's outage
        // takes only its own egress.
        new Route(defaultRoutes, zone, {
          provider,
          routeTableId,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: natGateway.id,
        });
      }
    }
    return {};
  }

  private addFlowLogs(vpc: Vpc, props: NetworkProps) {
    const provider = props.provider;
    const flowLogs = logGroup(this, "flow_logs", {
      provider,
      name: `/aws/vpc/flow-logs/${props.name}`,
      retentionInDays: props.flowLogRetentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS,
      encryptionKey: props.logEncryptionKey,
      preventDestroy: props.preventDestroy,
    });
    const role = new IamRole(this, "flow_logs_role", {
      provider,
      name: `${props.name}-vpc-flow-logs`,
      description: "Lets VPC flow logs of this account deliver to the VPC's flow-log group",
      assumeRolePolicy: policyDocument([
        {
          Effect: "Allow",
          Principal: { Service: "vpc-flow-logs.amazonaws.com" },
          Action: "sts:AssumeRole",
          // Confused-deputy guard: only flow logs of this account may assume the role.
          Condition: {
            StringEquals: { "aws:SourceAccount": props.accountId },
            ArnLike: { "aws:SourceArn": `arn:aws:ec2:${props.region}:${props.accountId}:vpc-flow-log/*` },
          },
        },
      ]),
    });
    const policy = new IamRolePolicy(this, "flow_logs_policy", {
      provider,
      name: "write-flow-logs",
      role: role.id,
      policy: policyDocument([
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: `${flowLogs.arn}:*`,
        },
        {
          // DescribeLogGroups authorizes against the account's log-group namespace, not one group.
          Effect: "Allow",
          Action: "logs:DescribeLogGroups",
          Resource: `arn:aws:logs:${props.region}:${props.accountId}:log-group:*`,
        },
      ]),
    });

    new FlowLog(this, "flow_log", {
      provider,
      vpcId: vpc.id,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: flowLogs.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      // The role must be able to write before the first delivery.
      dependsOn: [policy],
      tags: { Name: `${props.name}-vpc` },
    });
  }
}

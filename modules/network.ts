import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Construct } from "constructs";
import { ValidationError } from "../lib/errors";
import { sortedEntries } from "../lib/records";

/** Create a new VPC with one private subnet and route table per availability zone. */
export interface NewNetworkProps {
  /** Create the network. */
  readonly mode: "create";
  /** Prefix of Name tags and of the flow-log group and role names. */
  readonly name: string;
  /** The VPC's IPv4 CIDR block. */
  readonly cidr: string;
  /** Private subnet CIDR per availability zone name, at least two zones. */
  readonly privateSubnets: Readonly<Record<string, string>>;
  /** AWS account id, used to scope the flow-logs trust policy. */
  readonly accountId: string;
  /** AWS region, used to scope the flow-logs trust policy. */
  readonly region: string;
  /**
   * Retention of the VPC flow-log group, in days.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Refuse to destroy the VPC and its flow-log group (Terraform `prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** Adopt an existing VPC and its subnets by id; nothing is created. */
export interface ExistingNetworkProps {
  /** Adopt the network. */
  readonly mode: "existing";
  /** The VPC's id. */
  readonly vpcId: string;
  /** The VPC's primary IPv4 CIDR block. */
  readonly cidr: string;
  /** Subnet id per availability zone name, at least two zones. */
  readonly subnetIds: Readonly<Record<string, string>>;
  /**
   * Route table id per availability zone name, for topologies that add routes.
   * @default - none known
   */
  readonly routeTableIds?: Readonly<Record<string, string>>;
}

export type NetworkProps = NewNetworkProps | ExistingNetworkProps;

const DEFAULT_FLOW_LOG_RETENTION_DAYS = 365;

/**
 * The VPC an execute-api endpoint lives in: created here (DNS support and hostnames on, private
 * subnets keyed by availability zone, a route table each, flow logs to CloudWatch Logs, the default
 * security group stripped of rules) or adopted by id.
 */
export class Network extends Construct {
  /** The VPC's id. */
  public readonly vpcId: string;
  /** The VPC's IPv4 CIDR block. */
  public readonly cidr: string;
  /** Private subnet ids keyed by availability zone name. */
  public readonly subnetIds: Readonly<Record<string, string>>;
  /** Route table ids keyed by availability zone name (empty for an adopted VPC without them). */
  public readonly routeTableIds: Readonly<Record<string, string>>;

  public constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const zoneCount = Object.keys(props.mode === "create" ? props.privateSubnets : props.subnetIds).length;
    if (zoneCount < 2) {
      throw new ValidationError(this.node.path, `needs subnets in at least 2 availability zones, got ${zoneCount}`);
    }
    this.cidr = props.cidr;
    if (props.mode === "existing") {
      this.vpcId = props.vpcId;
      this.subnetIds = props.subnetIds;
      this.routeTableIds = props.routeTableIds ?? {};
      return;
    }

    const lifecycle = props.preventDestroy === true ? { preventDestroy: true } : undefined;
    const vpc = new Vpc(this, "vpc", {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: `${props.name}-vpc` },
      lifecycle,
    });
    this.vpcId = vpc.id;

    // Nothing uses the default security group; stripping its rules keeps it from being a
    // wide-open fallback.
    new DefaultSecurityGroup(this, "default_security_group", {
      vpcId: vpc.id,
      tags: { Name: `${props.name}-default-deny` },
    });

    const subnetIds: Record<string, string> = {};
    const routeTableIds: Record<string, string> = {};
    for (const [zone, cidrBlock] of sortedEntries(props.privateSubnets)) {
      const subnet = new Subnet(this, `subnet_${zone}`, {
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-private-${zone}` },
      });
      const routeTable = new RouteTable(this, `route_table_${zone}`, {
        vpcId: vpc.id,
        tags: { Name: `${props.name}-private-${zone}` },
      });
      new RouteTableAssociation(this, `route_table_association_${zone}`, {
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
      subnetIds[zone] = subnet.id;
      routeTableIds[zone] = routeTable.id;
    }
    this.subnetIds = subnetIds;
    this.routeTableIds = routeTableIds;

    this.addFlowLogs(vpc, props, lifecycle);
  }

  private addFlowLogs(vpc: Vpc, props: NewNetworkProps, lifecycle: { preventDestroy: boolean } | undefined) {
    const logGroup = new CloudwatchLogGroup(this, "flow_logs", {
      name: `/aws/vpc/flow-logs/${props.name}`,
      retentionInDays: props.flowLogRetentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS,
      lifecycle,
    });

    const trust = new DataAwsIamPolicyDocument(this, "flow_logs_trust", {
      statement: [
        {
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
          // Confused-deputy guard: only flow logs of this account may assume the role.
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
            {
              test: "ArnLike",
              variable: "aws:SourceArn",
              values: [`arn:aws:ec2:${props.region}:${props.accountId}:vpc-flow-log/*`],
            },
          ],
        },
      ],
    });
    const role = new IamRole(this, "flow_logs_role", {
      name: `${props.name}-vpc-flow-logs`,
      assumeRolePolicy: trust.json,
    });
    const permissions = new DataAwsIamPolicyDocument(this, "flow_logs_permissions", {
      statement: [
        {
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          resources: [`${logGroup.arn}:*`],
        },
        {
          // DescribeLogGroups authorizes against the account's log-group namespace, not one group.
          effect: "Allow",
          actions: ["logs:DescribeLogGroups"],
          resources: [`arn:aws:logs:${props.region}:${props.accountId}:log-group:*`],
        },
      ],
    });
    const policy = new IamRolePolicy(this, "flow_logs_policy", {
      name: "write-flow-logs",
      role: role.id,
      policy: permissions.json,
    });

    new FlowLog(this, "flow_log", {
      vpcId: vpc.id,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      // The role must be able to write before the first delivery.
      dependsOn: [policy],
      tags: { Name: `${props.name}-vpc` },
    });
  }
}

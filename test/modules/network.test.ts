import { TerraformOutput, Testing } from "cdktf";
import { ValidationError } from "../../lib/errors";
import { ReadableStack } from "../../lib/readable-stack";
import { Network, type NetworkAttributes, type NetworkProps } from "../../modules/network";
import { decodePolicy, resource, resourcesOf, synth } from "../helpers";

function networkStack(props: NetworkProps) {
  const stack = new ReadableStack(Testing.app(), "test");
  const network = new Network(stack, "network", props);
  return { stack, network };
}

function adoptedStack(attributes: NetworkAttributes) {
  const stack = new ReadableStack(Testing.app(), "test");
  const network = Network.fromAttributes(stack, "network", attributes);
  return { stack, network };
}

const created: NetworkProps = {
  name: "demo",
  cidr: "10.0.0.0/16",
  privateSubnets: { "eu-west-1b": "10.0.1.0/24", "eu-west-1a": "10.0.0.0/24" },
  accountId: "123456789012",
  region: "eu-west-1",
};

const adopted: NetworkAttributes = {
  vpcId: "vpc-0123456789abcdef0",
  cidr: "10.0.0.0/16",
  subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0", "eu-west-1b": "subnet-0123456789abcdef1" },
};

describe("Network", () => {
  test("all defaults: a DNS-enabled VPC, a private subnet and route table per zone, no default rules", () => {
    // GIVEN / WHEN
    const { stack, network } = networkStack(created);
    new TerraformOutput(stack, "vpc_id", { value: network.vpcId });
    new TerraformOutput(stack, "subnet_ids", { value: network.subnetIds });
    new TerraformOutput(stack, "route_table_ids", { value: network.routeTableIds });
    const out = synth(stack);

    // THEN private DNS on the endpoint will work
    expect(Object.keys(resourcesOf(out, "aws_vpc"))).toEqual(["network_vpc"]);
    expect(resource(out, "aws_vpc", "network_vpc")).toMatchObject({
      cidr_block: "10.0.0.0/16",
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
    expect(out.output.vpc_id.value).toBe("${aws_vpc.network_vpc.id}");
    expect(network.cidr).toBe("10.0.0.0/16");
    // AND subnets are keyed by zone, so adding one never renumbers the others
    expect(Object.keys(network.subnetIds)).toEqual(["eu-west-1a", "eu-west-1b"]);
    expect(out.output.subnet_ids.value).toEqual({
      "eu-west-1a": "${aws_subnet.network_subnet_eu-west-1a.id}",
      "eu-west-1b": "${aws_subnet.network_subnet_eu-west-1b.id}",
    });
    expect(
      Object.entries(resourcesOf(out, "aws_subnet")).map(([address, subnet]) => [
        address,
        subnet.availability_zone,
        subnet.cidr_block,
        subnet.map_public_ip_on_launch,
      ]),
    ).toEqual([
      ["network_subnet_eu-west-1a", "eu-west-1a", "10.0.0.0/24", false],
      ["network_subnet_eu-west-1b", "eu-west-1b", "10.0.1.0/24", false],
    ]);
    // AND each subnet has a route table of its own, for topologies that add routes
    expect(out.output.route_table_ids.value).toEqual({
      "eu-west-1a": "${aws_route_table.network_route_table_eu-west-1a.id}",
      "eu-west-1b": "${aws_route_table.network_route_table_eu-west-1b.id}",
    });
    expect(Object.keys(resourcesOf(out, "aws_route_table"))).toEqual([
      "network_route_table_eu-west-1a",
      "network_route_table_eu-west-1b",
    ]);
    expect(resource(out, "aws_route_table_association", "network_route_table_association_eu-west-1a")).toEqual({
      subnet_id: "${aws_subnet.network_subnet_eu-west-1a.id}",
      route_table_id: "${aws_route_table.network_route_table_eu-west-1a.id}",
    });
    expect(Object.keys(resourcesOf(out, "aws_route_table_association"))).toHaveLength(2);
    // AND the default security group has no rules
    const defaultGroup = resource(out, "aws_default_security_group", "network_default_security_group");
    expect(defaultGroup.vpc_id).toBe("${aws_vpc.network_vpc.id}");
    expect(defaultGroup).not.toHaveProperty("ingress");
    expect(defaultGroup).not.toHaveProperty("egress");
    // AND policies are jsonencode, never a data source
    expect(out.data).toEqual({});
    // AND nothing is protected from destroy by default
    expect(JSON.stringify(out.resource)).not.toContain("prevent_destroy");
  });

  test("all defaults: every packet is logged to a group with retention, once the role can write", () => {
    const out = synth(networkStack(created).stack);
    expect(resource(out, "aws_flow_log", "network_flow_log")).toMatchObject({
      vpc_id: "${aws_vpc.network_vpc.id}",
      traffic_type: "ALL",
      log_destination_type: "cloud-watch-logs",
      log_destination: "${aws_cloudwatch_log_group.network_flow_logs.arn}",
      iam_role_arn: "${aws_iam_role.network_flow_logs_role.arn}",
      depends_on: ["aws_iam_role_policy.network_flow_logs_policy"],
    });
    expect(resource(out, "aws_cloudwatch_log_group", "network_flow_logs")).toMatchObject({
      name: "/aws/vpc/flow-logs/demo",
      retention_in_days: 365,
    });
  });

  test("all defaults: only this account's flow logs can assume the role (confused-deputy guard)", () => {
    const out = synth(networkStack(created).stack);
    expect(decodePolicy(resource(out, "aws_iam_role", "network_flow_logs_role").assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "vpc-flow-logs.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*" },
          },
        },
      ],
    });
  });

  test("all defaults: the role writes to its own log group only", () => {
    const out = synth(networkStack(created).stack);
    const policy = resource(out, "aws_iam_role_policy", "network_flow_logs_policy");
    expect(policy.role).toBe("${aws_iam_role.network_flow_logs_role.id}");
    expect(decodePolicy(policy.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: "${aws_cloudwatch_log_group.network_flow_logs.arn}:*",
        },
        {
          Effect: "Allow",
          Action: "logs:DescribeLogGroups",
          Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:*",
        },
      ],
    });
  });

  test("all options: retention and deletion protection", () => {
    const out = synth(networkStack({ ...created, flowLogRetentionDays: 7, preventDestroy: true }).stack);
    expect(resource(out, "aws_vpc", "network_vpc").lifecycle).toEqual({ prevent_destroy: true });
    expect(resource(out, "aws_cloudwatch_log_group", "network_flow_logs")).toMatchObject({
      retention_in_days: 7,
      lifecycle: { prevent_destroy: true },
    });
  });

  test("fails with fewer than two availability zones", () => {
    const oneZone = { ...created, privateSubnets: { "eu-west-1a": "10.0.0.0/24" } };
    expect(() => networkStack(oneZone)).toThrow(ValidationError);
    expect(() => networkStack(oneZone)).toThrow("[test/network] needs subnets in at least 2 availability zones, got 1");
  });

  test("all defaults build no way to the internet", () => {
    const out = synth(networkStack(created).stack);
    for (const type of ["aws_internet_gateway", "aws_nat_gateway", "aws_eip", "aws_route"]) {
      expect(resourcesOf(out, type)).toEqual({});
    }
  });

  test("NAT egress: an internet gateway, and per zone a public subnet, an Elastic IP and a NAT gateway its private route table uses", () => {
    // GIVEN / WHEN
    const out = synth(
      networkStack({
        ...created,
        egress: {
          via: "nat-gateway",
          publicSubnets: { "eu-west-1a": "10.0.128.0/28", "eu-west-1b": "10.0.128.16/28" },
        },
      }).stack,
    );

    // THEN
    expect(Object.keys(resourcesOf(out, "aws_nat_gateway"))).toEqual([
      "network_nat_gateway_eu-west-1a",
      "network_nat_gateway_eu-west-1b",
    ]);
    expect(resource(out, "aws_nat_gateway", "network_nat_gateway_eu-west-1a").depends_on).toEqual([
      "aws_internet_gateway.network_internet_gateway",
    ]);
    expect(resource(out, "aws_route", "network_default_route_eu-west-1b")).toMatchObject({
      route_table_id: "${aws_route_table.network_route_table_eu-west-1b.id}",
      nat_gateway_id: "${aws_nat_gateway.network_nat_gateway_eu-west-1b.id}",
    });
    expect(resource(out, "aws_route_table_association", "network_public_route_table_association_eu-west-1a")).toEqual({
      route_table_id: "${aws_route_table.network_public_route_table.id}",
      subnet_id: "${aws_subnet.network_public_subnet_eu-west-1a.id}",
    });
    expect(resource(out, "aws_eip", "network_nat_eip_eu-west-1a")).toMatchObject({ domain: "vpc" });
  });

  test("fails on NAT egress without a public subnet in a private subnet's zone", () => {
    const egress = { via: "nat-gateway" as const, publicSubnets: { "eu-west-1a": "10.0.128.0/28" } };
    expect(() => networkStack({ ...created, egress })).toThrow(
      "[test/network] has no public subnet for the NAT gateway of eu-west-1b",
    );
  });

  test("transit gateway egress: the VPC attached once, every private route table's default route waiting for it", () => {
    const { stack, network } = networkStack({
      ...created,
      egress: { via: "transit-gateway", transitGatewayId: "tgw-0123456789abcdef0" },
    });
    const out = synth(stack);
    expect(Object.keys(network.transitGatewayAttachments)).toEqual(["tgw-0123456789abcdef0"]);
    expect(resource(out, "aws_route", "network_default_route_eu-west-1a")).toMatchObject({
      destination_cidr_block: "0.0.0.0/0",
      transit_gateway_id: "tgw-0123456789abcdef0",
      depends_on: ["aws_ec2_transit_gateway_vpc_attachment.network_transit_gateway_attachment"],
    });
  });
});

describe("Network.fromAttributes", () => {
  test("all defaults: an existing VPC is adopted by id, creates nothing and is checked at plan time", () => {
    // GIVEN / WHEN
    const { stack, network } = adoptedStack({ ...adopted, field: "network.vpcId" });

    // THEN
    const out = synth(stack);
    expect(out.resource).toEqual({});
    // One lookup whose postconditions fail the plan unless the VPC is what the stack relies on.
    const lookup = out.data.aws_vpc?.network_vpc;
    expect(lookup.id).toBe("vpc-0123456789abcdef0");
    expect(lookup.lifecycle.postcondition.map((check: { condition: string }) => check.condition)).toEqual([
      "${self.enable_dns_support}",
      "${self.enable_dns_hostnames}",
      '${self.cidr_block == "10.0.0.0/16"}',
    ]);
    expect(lookup.lifecycle.postcondition[1].error_message).toBe(
      "The adopted VPC vpc-0123456789abcdef0 (network.vpcId) has DNS hostnames off: private hosted zones and private DNS answer only in a VPC with DNS support and DNS hostnames on. Fix: aws ec2 modify-vpc-attribute --vpc-id vpc-0123456789abcdef0 --enable-dns-hostnames.",
    );
    expect(lookup.lifecycle.postcondition[2].error_message).toContain(
      "has the primary CIDR ${self.cidr_block}, not the configured 10.0.0.0/16",
    );
    expect(network.vpcId).toBe("vpc-0123456789abcdef0");
    expect(network.cidr).toBe("10.0.0.0/16");
    expect(network.subnetIds).toEqual(adopted.subnetIds);
    expect(network.routeTableIds).toEqual({});
  });

  test("all options: route tables are adopted too", () => {
    const routeTableIds = { "eu-west-1a": "rtb-0123456789abcdef0", "eu-west-1b": "rtb-0123456789abcdef1" };
    const { stack, network } = adoptedStack({ ...adopted, routeTableIds });
    expect(synth(stack).resource).toEqual({});
    expect(network.routeTableIds).toEqual(routeTableIds);
  });

  test("fails with fewer than two availability zones", () => {
    expect(() => adoptedStack({ ...adopted, subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0" } })).toThrow(
      "[test/network] needs subnets in at least 2 availability zones, got 1",
    );
  });
});

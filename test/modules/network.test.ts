import { Testing } from "cdktf";
import { ReadableStack } from "../../lib/readable-stack";
import { Network, type NetworkProps } from "../../modules/network";
import { ValidationError } from "../../lib/errors";
import { resource, resourcesOf, synth } from "../helpers";

function networkStack(props: NetworkProps) {
  const stack = new ReadableStack(Testing.app(), "test");
  const network = new Network(stack, "network", props);
  return { stack, network };
}

const created: NetworkProps = {
  mode: "create",
  name: "demo",
  cidr: "10.0.0.0/16",
  privateSubnets: { "eu-west-1b": "10.0.1.0/24", "eu-west-1a": "10.0.0.0/24" },
  accountId: "123456789012",
  region: "eu-west-1",
};

describe("Network", () => {
  test("all defaults: a DNS-enabled VPC, a private subnet and route table per zone, flow logs", () => {
    // GIVEN / WHEN
    const { stack, network } = networkStack(created);
    const out = synth(stack);

    // THEN private DNS on the endpoint will work
    const vpcs = resourcesOf(out, "aws_vpc");
    expect(Object.values(vpcs)).toHaveLength(1);
    expect(Object.values(vpcs)[0]).toMatchObject({
      cidr_block: "10.0.0.0/16",
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
    // AND subnets are keyed by zone, so adding one never renumbers the others
    expect(Object.keys(network.subnetIds)).toEqual(["eu-west-1a", "eu-west-1b"]);
    expect(
      Object.values(resourcesOf(out, "aws_subnet")).map((s) => [
        s.availability_zone,
        s.cidr_block,
        s.map_public_ip_on_launch,
      ]),
    ).toEqual([
      ["eu-west-1a", "10.0.0.0/24", false],
      ["eu-west-1b", "10.0.1.0/24", false],
    ]);
    expect(Object.keys(resourcesOf(out, "aws_route_table_association"))).toHaveLength(2);
    // AND the default security group has no rules
    expect(Object.values(resourcesOf(out, "aws_default_security_group"))[0]).not.toHaveProperty("ingress");
    // AND every packet is logged to a group with retention, by a role only this account's flow logs can assume
    expect(Object.values(resourcesOf(out, "aws_flow_log"))[0]).toMatchObject({
      traffic_type: "ALL",
      log_destination_type: "cloud-watch-logs",
    });
    expect(Object.values(resourcesOf(out, "aws_cloudwatch_log_group"))[0]).toMatchObject({ retention_in_days: 365 });
    const trust = out.data.aws_iam_policy_document?.network_flow_logs_trust;
    expect(trust.statement[0].principals[0].identifiers).toEqual(["vpc-flow-logs.amazonaws.com"]);
    expect(trust.statement[0].condition.map((c: { variable: string }) => c.variable)).toEqual([
      "aws:SourceAccount",
      "aws:SourceArn",
    ]);
    // AND nothing is protected from destroy by default
    expect(JSON.stringify(out.resource)).not.toContain("prevent_destroy");
  });

  test("all options: retention and deletion protection", () => {
    const { stack } = networkStack({ ...created, flowLogRetentionDays: 7, preventDestroy: true });
    const out = synth(stack);
    expect(resource(out, "aws_vpc", "network_vpc").lifecycle).toEqual({ prevent_destroy: true });
    expect(resource(out, "aws_cloudwatch_log_group", "network_flow_logs")).toMatchObject({
      retention_in_days: 7,
      lifecycle: { prevent_destroy: true },
    });
  });

  test("an existing VPC is adopted by id and creates nothing", () => {
    const { stack, network } = networkStack({
      mode: "existing",
      vpcId: "vpc-0123456789abcdef0",
      cidr: "10.0.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0", "eu-west-1b": "subnet-0123456789abcdef1" },
    });
    expect(synth(stack).resource).toEqual({});
    expect(network.vpcId).toBe("vpc-0123456789abcdef0");
    expect(network.subnetIds["eu-west-1b"]).toBe("subnet-0123456789abcdef1");
  });

  test("fails with fewer than two availability zones", () => {
    expect(() => networkStack({ ...created, privateSubnets: { "eu-west-1a": "10.0.0.0/24" } })).toThrow(
      ValidationError,
    );
    expect(() => networkStack({ ...created, privateSubnets: { "eu-west-1a": "10.0.0.0/24" } })).toThrow(
      "[test/network] needs subnets in at least 2 availability zones, got 1",
    );
  });
});

import {
  type Emulator,
  installEmulator,
  leftBehind,
  nominalAuthorization,
  startEmulator,
} from "../../lifecycle/emulator";

/*
 * The patch layer of lifecycle/emulator.py, against the real (pinned) moto: each patch restores
 * the AWS behaviour it names, and plain moto still lacks that behaviour, so a moto upgrade that
 * closes a gap fails here and its patch is removed. Requests are made as the provider makes them
 * (moto picks the service from the signature's credential scope and checks no signature).
 */

const INSTALL_AND_START_MS = 240_000;
let patched: Emulator;
let plain: Emulator;

beforeAll(async () => {
  const moto = await installEmulator();
  [patched, plain] = await Promise.all([startEmulator(moto), startEmulator(moto, { patched: false })]);
}, INSTALL_AND_START_MS);

afterAll(async () => {
  await Promise.all([patched.stop(), plain.stop()]);
});

async function call(
  emulator: Emulator,
  service: string,
  region: string,
  method: string,
  url: string,
  body?: string,
): Promise<string> {
  const response = await fetch(`${emulator.endpoint}${url}`, {
    method,
    headers: {
      authorization: nominalAuthorization(service, region),
      "content-type": service === "route53" ? "text/xml" : "application/json",
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${url}: HTTP ${String(response.status)}: ${text}`);
  }
  return text;
}

describe("patch: GetRestApi returns the resource policy escaped, as AWS does", () => {
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }],
  });

  async function policyReadBack(emulator: Emulator): Promise<unknown> {
    const created = JSON.parse(
      await call(emulator, "apigateway", "eu-west-1", "POST", "/restapis", JSON.stringify({ name: "t", policy })),
    ) as { id: string };
    const read = JSON.parse(await call(emulator, "apigateway", "eu-west-1", "GET", `/restapis/${created.id}`)) as {
      policy: unknown;
    };
    return read.policy;
  }

  it("returns the document with its quotes backslash-escaped, which the provider unquotes", async () => {
    const returned = await policyReadBack(patched);
    expect(returned).toBe(policy.replaceAll('"', '\\"'));
    // What the provider's flattenAPIPolicy does with it: unquote, then parse.
    expect(JSON.parse(JSON.parse(`"${String(returned)}"`) as string)).toEqual(JSON.parse(policy));
  });

  it("is still needed: plain moto returns the document unescaped", async () => {
    expect(await policyReadBack(plain)).toBe(policy);
  });
});

describe("patch: GetDomainName returns a private custom domain name's policy, as AWS does", () => {
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }],
  });

  async function policyReadBack(emulator: Emulator, name: string): Promise<unknown> {
    await call(
      emulator,
      "apigateway",
      "eu-west-1",
      "POST",
      "/domainnames",
      JSON.stringify({
        domainName: name,
        certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
        endpointConfiguration: { types: ["PRIVATE"] },
        securityPolicy: "TLS_1_2",
        policy,
      }),
    );
    const read = JSON.parse(await call(emulator, "apigateway", "eu-west-1", "GET", `/domainnames/${name}`)) as {
      policy?: unknown;
    };
    return read.policy;
  }

  it("returns the policy the domain name was created with", async () => {
    // As a JSON document: the provider reads it as one (a REST API's comes back escaped instead).
    expect(await policyReadBack(patched, "private.example.com")).toBe(policy);
  });

  it("is still needed: plain moto returns no policy", async () => {
    expect(await policyReadBack(plain, "private.example.com")).toBeUndefined();
  });
});

describe("patch: CreateHostedZone with a VPC makes a private zone, as AWS does", () => {
  // The request the provider sends for aws_route53_zone with a vpc block: a VPC, no PrivateZone flag.
  const request = (reference: string): string =>
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">' +
    `<Name>execute-api.eu-west-1.amazonaws.com</Name><CallerReference>${reference}</CallerReference>` +
    "<VPC><VPCRegion>eu-west-1</VPCRegion><VPCId>vpc-0123456789abcdef0</VPCId></VPC>" +
    "</CreateHostedZoneRequest>";

  async function createdZone(emulator: Emulator, reference: string): Promise<string> {
    const created = await call(emulator, "route53", "us-east-1", "POST", "/2013-04-01/hostedzone", request(reference));
    const id = /<Id>\/hostedzone\/([^<]+)<\/Id>/.exec(created)?.[1];
    if (id === undefined) {
      throw new Error(`no zone id in ${created}`);
    }
    return call(emulator, "route53", "us-east-1", "GET", `/2013-04-01/hostedzone/${id}`);
  }

  it("makes the zone private and associates the VPC", async () => {
    const zone = await createdZone(patched, "patched");
    expect(zone).toContain("<PrivateZone>true</PrivateZone>");
    expect(zone).toContain("<VPCId>vpc-0123456789abcdef0</VPCId>");
  });

  it("is still needed: plain moto makes a public zone without the VPC", async () => {
    const zone = await createdZone(plain, "plain");
    expect(zone).toContain("<PrivateZone>false</PrivateZone>");
    expect(zone).not.toContain("vpc-0123456789abcdef0");
  });
});

/** An EC2 Query API call, as the provider sends it (form-encoded), returning the XML answer. */
async function ec2(emulator: Emulator, action: string, params: Record<string, string>): Promise<string> {
  const body = new URLSearchParams({ Action: action, Version: "2016-11-15", ...params }).toString();
  const response = await fetch(emulator.endpoint, {
    method: "POST",
    headers: {
      authorization: nominalAuthorization("ec2", "eu-west-1"),
      "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    },
    body,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${action}: HTTP ${String(response.status)}: ${text}`);
  }
  return text;
}

function xmlValue(xml: string, tag: string): string {
  const value = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
  if (value === undefined) {
    throw new Error(`no <${tag}> in ${xml}`);
  }
  return value;
}

async function subnetOf(emulator: Emulator): Promise<string> {
  const vpc = xmlValue(await ec2(emulator, "CreateVpc", { CidrBlock: "10.9.0.0/16" }), "vpcId");
  return xmlValue(await ec2(emulator, "CreateSubnet", { VpcId: vpc, CidrBlock: "10.9.1.0/24" }), "subnetId");
}

describe("patch: an interface endpoint takes the address its SubnetConfiguration names, as in AWS", () => {
  async function interfaceAddress(emulator: Emulator): Promise<string> {
    const subnet = await subnetOf(emulator);
    const vpc = xmlValue(await ec2(emulator, "DescribeSubnets", { "SubnetId.1": subnet }), "vpcId");
    const created = await ec2(emulator, "CreateVpcEndpoint", {
      VpcId: vpc,
      ServiceName: "com.amazonaws.eu-west-1.execute-api",
      VpcEndpointType: "Interface",
      "SubnetId.1": subnet,
      "SubnetConfiguration.1.SubnetId": subnet,
      "SubnetConfiguration.1.Ipv4": "10.9.1.10",
    });
    const eni = /<networkInterfaceIdSet>\s*<item>([^<]+)<\/item>/.exec(created)?.[1] ?? "";
    const described = await ec2(emulator, "DescribeNetworkInterfaces", { "NetworkInterfaceId.1": eni });
    return xmlValue(described, "privateIpAddress");
  }

  it("puts the interface at the configured address", async () => {
    expect(await interfaceAddress(patched)).toBe("10.9.1.10");
  });

  it("is still needed: plain moto picks another address", async () => {
    expect(await interfaceAddress(plain)).not.toBe("10.9.1.10");
  });
});

describe("patch: an interface endpoint lists its DNS names in AWS's forms, the regional one not first", () => {
  async function dnsNames(emulator: Emulator): Promise<string[]> {
    const subnet = await subnetOf(emulator);
    const vpc = xmlValue(await ec2(emulator, "DescribeSubnets", { "SubnetId.1": subnet }), "vpcId");
    const created = await ec2(emulator, "CreateVpcEndpoint", {
      VpcId: vpc,
      ServiceName: "com.amazonaws.eu-west-1.execute-api",
      VpcEndpointType: "Interface",
      PrivateDnsEnabled: "true",
      "SubnetId.1": subnet,
    });
    return [...created.matchAll(/<dnsName>([^<]+)<\/dnsName>/g)].map((match) => match[1] ?? "");
  }

  it("lists the private DNS name, a zonal name per subnet, then the regional name", async () => {
    const names = await dnsNames(patched);
    expect(names).toHaveLength(3);
    expect(names[0]).toBe("*.execute-api.eu-west-1.amazonaws.com");
    expect(names[1]).toMatch(
      /^vpce-[0-9a-f]+-[0-9a-z]{8}-eu-west-1[a-z][.]execute-api[.]eu-west-1[.]vpce[.]amazonaws[.]com$/,
    );
    expect(names[2]).toMatch(/^vpce-[0-9a-f]+-[0-9a-z]{8}[.]execute-api[.]eu-west-1[.]vpce[.]amazonaws[.]com$/);
  });

  it("is still needed: plain moto lists one name in a form AWS does not use", async () => {
    const names = await dnsNames(plain);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^vpce-[0-9a-f]+-[0-9a-z]+[.]com[.]amazonaws[.]eu-west-1[.]execute-api$/);
  });
});

describe("patch: a transit gateway VPC attachment keeps its tags and stays visible as deleted, as in AWS", () => {
  /** The attachment's Name tag as read back after creation, and its state as read back after deletion. */
  async function attachmentLife(emulator: Emulator): Promise<{ name: string | undefined; afterDelete: string }> {
    const subnet = await subnetOf(emulator);
    const vpc = xmlValue(await ec2(emulator, "DescribeSubnets", { "SubnetId.1": subnet }), "vpcId");
    const gateway = xmlValue(await ec2(emulator, "CreateTransitGateway", {}), "transitGatewayId");
    const created = await ec2(emulator, "CreateTransitGatewayVpcAttachment", {
      TransitGatewayId: gateway,
      VpcId: vpc,
      "SubnetIds.1": subnet,
      "TagSpecifications.1.ResourceType": "transit-gateway-attachment",
      "TagSpecifications.1.Tag.1.Key": "Name",
      "TagSpecifications.1.Tag.1.Value": "clients",
    });
    const id = xmlValue(created, "transitGatewayAttachmentId");
    const described = await ec2(emulator, "DescribeTransitGatewayVpcAttachments", {
      "TransitGatewayAttachmentIds.1": id,
    });
    const name = /<key>Name<\/key>\s*<value>([^<]*)<\/value>/.exec(described)?.[1];
    await ec2(emulator, "DeleteTransitGatewayVpcAttachment", { TransitGatewayAttachmentId: id });
    const after = await ec2(emulator, "DescribeTransitGatewayVpcAttachments", { "TransitGatewayAttachmentIds.1": id });
    return { name, afterDelete: /<state>([^<]*)<\/state>/.exec(after)?.[1] ?? "gone" };
  }

  it("reads back the Name tag, and the deleted attachment in state deleted", async () => {
    expect(await attachmentLife(patched)).toEqual({ name: "clients", afterDelete: "deleted" });
  });

  it("is still needed: plain moto drops the tags and forgets the attachment", async () => {
    expect(await attachmentLife(plain)).toEqual({ name: undefined, afterDelete: "gone" });
  });
});

describe("patch: deleting a NAT gateway deletes its network interface, as in AWS", () => {
  /** Whether the NAT gateway's interface is still listed after the gateway is deleted. */
  async function interfaceOutlivesGateway(emulator: Emulator): Promise<boolean> {
    const subnet = await subnetOf(emulator);
    const allocation = xmlValue(await ec2(emulator, "AllocateAddress", { Domain: "vpc" }), "allocationId");
    const created = await ec2(emulator, "CreateNatGateway", { SubnetId: subnet, AllocationId: allocation });
    const id = xmlValue(created, "natGatewayId");
    const eni = xmlValue(created, "networkInterfaceId");
    await ec2(emulator, "DeleteNatGateway", { NatGatewayId: id });
    const listed = await ec2(emulator, "DescribeNetworkInterfaces", {});
    return listed.includes(eni);
  }

  it("leaves no interface behind", async () => {
    expect(await interfaceOutlivesGateway(patched)).toBe(false);
  });

  it("is still needed: plain moto keeps the interface", async () => {
    expect(await interfaceOutlivesGateway(plain)).toBe(true);
  });
});

describe("patch: a rule that references a security group or a prefix list keeps its description, as in AWS", () => {
  /** The descriptions DescribeSecurityGroupRules returns for a group rule and a prefix-list rule. */
  async function ruleDescriptions(emulator: Emulator): Promise<(string | undefined)[]> {
    const subnet = await subnetOf(emulator);
    const vpc = xmlValue(await ec2(emulator, "DescribeSubnets", { "SubnetId.1": subnet }), "vpcId");
    const group = (name: string): Promise<string> =>
      ec2(emulator, "CreateSecurityGroup", { GroupName: name, GroupDescription: name, VpcId: vpc }).then((xml) =>
        xmlValue(xml, "groupId"),
      );
    const [alb, endpoint] = [await group("alb"), await group("endpoint")];
    const prefixList = xmlValue(
      await ec2(emulator, "CreateManagedPrefixList", {
        PrefixListName: "on-premises",
        AddressFamily: "IPv4",
        MaxEntries: "1",
        "Entry.1.Cidr": "192.168.0.0/16",
      }),
      "prefixListId",
    );
    await ec2(emulator, "AuthorizeSecurityGroupEgress", {
      GroupId: alb,
      "IpPermissions.1.IpProtocol": "tcp",
      "IpPermissions.1.FromPort": "443",
      "IpPermissions.1.ToPort": "443",
      "IpPermissions.1.Groups.1.GroupId": endpoint,
      "IpPermissions.1.Groups.1.Description": "HTTPS to the endpoint",
    });
    await ec2(emulator, "AuthorizeSecurityGroupIngress", {
      GroupId: endpoint,
      "IpPermissions.1.IpProtocol": "tcp",
      "IpPermissions.1.FromPort": "443",
      "IpPermissions.1.ToPort": "443",
      "IpPermissions.1.PrefixListIds.1.PrefixListId": prefixList,
      "IpPermissions.1.PrefixListIds.1.Description": "HTTPS from on-premises",
    });
    const describe = async (groupId: string, references: string): Promise<string | undefined> => {
      const rules = await ec2(emulator, "DescribeSecurityGroupRules", {
        "Filter.1.Name": "group-id",
        "Filter.1.Value.1": groupId,
      });
      const rule = rules.split("<item>").find((item) => item.includes(references)) ?? "";
      return /<description>([^<]*)<\/description>/.exec(rule)?.[1];
    };
    return [await describe(alb, endpoint), await describe(endpoint, prefixList)];
  }

  it("returns the description given with the group or the prefix list", async () => {
    expect(await ruleDescriptions(patched)).toEqual(["HTTPS to the endpoint", "HTTPS from on-premises"]);
  });

  it("is still needed: plain moto returns none", async () => {
    expect(await ruleDescriptions(plain)).toEqual([undefined, undefined]);
  });
});

describe("patch: revoking a rule by an ID the group lacks fails with InvalidSecurityGroupRuleId.NotFound, as in AWS", () => {
  /** The error code of revoking one ingress and one egress rule twice by ID (the second time they are gone). */
  async function secondRevokeErrors(emulator: Emulator): Promise<string[]> {
    const subnet = await subnetOf(emulator);
    const vpc = xmlValue(await ec2(emulator, "DescribeSubnets", { "SubnetId.1": subnet }), "vpcId");
    const group = xmlValue(
      await ec2(emulator, "CreateSecurityGroup", { GroupName: "endpoint", GroupDescription: "endpoint", VpcId: vpc }),
      "groupId",
    );
    const errors: string[] = [];
    for (const direction of ["Ingress", "Egress"] as const) {
      const authorized = await ec2(emulator, `AuthorizeSecurityGroup${direction}`, {
        GroupId: group,
        "IpPermissions.1.IpProtocol": "tcp",
        "IpPermissions.1.FromPort": "443",
        "IpPermissions.1.ToPort": "443",
        "IpPermissions.1.IpRanges.1.CidrIp": "10.9.0.0/16",
      });
      const revoke = { GroupId: group, "SecurityGroupRuleId.1": xmlValue(authorized, "securityGroupRuleId") };
      await ec2(emulator, `RevokeSecurityGroup${direction}`, revoke);
      const second = await ec2(emulator, `RevokeSecurityGroup${direction}`, revoke).catch((error: unknown) =>
        String(error),
      );
      errors.push(/<Code>([^<]*)<\/Code>/.exec(second)?.[1] ?? `no error: ${second}`);
    }
    return errors;
  }

  it("answers with the code the provider takes for already deleted", async () => {
    expect(await secondRevokeErrors(patched)).toEqual([
      "InvalidSecurityGroupRuleId.NotFound",
      "InvalidSecurityGroupRuleId.NotFound",
    ]);
  });

  it("is still needed: plain moto answers InvalidPermission.NotFound", async () => {
    expect(await secondRevokeErrors(plain)).toEqual(["InvalidPermission.NotFound", "InvalidPermission.NotFound"]);
  });
});

describe("the emulator's inventory", () => {
  it("lists what was created through the AWS APIs and shows what a destroy would leave", async () => {
    await patched.reset();
    const before = await patched.inventory(["eu-west-1"]);
    await call(patched, "apigateway", "eu-west-1", "POST", "/restapis", JSON.stringify({ name: "left" }));
    await patched.createBucket("state");
    const after = await patched.inventory(["eu-west-1"]);
    expect(Object.values(before).flat()).toEqual([]);
    expect(leftBehind(before, after)).toEqual({
      "apigateway rest api@eu-west-1": [expect.any(String)],
      "s3 bucket": ["state"],
    });
    expect(leftBehind(before, after, { "s3 bucket": ["state"], "apigateway rest api@eu-west-1": [] })).toEqual({
      "apigateway rest api@eu-west-1": [expect.any(String)],
    });
  });

  it("reports a listing it could not make, and never takes it for nothing left", async () => {
    // moto answers 500 for a region it does not know: every regional listing fails.
    const inventory = await patched.inventory(["xx-nowhere-1"]);
    const failed = Object.values(inventory)
      .flat()
      .filter((id) => id.startsWith("<could not list: "));
    expect(failed.length).toBeGreaterThan(0);
    expect(Object.keys(leftBehind(inventory, inventory))).toContain("apigateway rest api@xx-nowhere-1");
  });
});

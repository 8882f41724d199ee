import { writeFileSync } from "node:fs";
import * as path from "node:path";
import type { EnvironmentInput } from "../registry";
import { configErrorOf, environmentInput, resolve, resolvedSection } from "../../test/helpers";
import { tempDir } from "../../test/helpers/temporary";
import { directVpceInput } from "./fixtures";

/** The validated settings and direct-vpce section of one environment. */
const directVpce = (overrides: Partial<EnvironmentInput> = {}) => resolvedSection("direct-vpce", overrides);

type Section = NonNullable<EnvironmentInput["topologies"]["direct-vpce"]>;

function specFile(content: string): string {
  const file = path.join(tempDir("spec-"), "spec.json");
  writeFileSync(file, content);
  return file;
}

/** The ConfigError message for a direct-vpce section that must fail. */
function errorFor(section: Partial<Section>): string {
  return configErrorOf(() => resolve(environmentInput({ topologies: { "direct-vpce": directVpceInput(section) } })));
}

const createNetwork = (cidr: string, privateSubnets: Record<string, string>): Partial<Section> => ({
  network: { mode: "create", cidr, privateSubnets },
});
const existingNetwork = (vpcId: string, subnetIds: Record<string, string>): Partial<Section> => ({
  network: { mode: "existing", vpcId, cidr: "10.0.0.0/16", subnetIds },
});
const twoZones = { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" };

describe("direct-vpce section", () => {
  test("all defaults: no client networks, the example API with metrics, tracing and no authorization", () => {
    const { section } = directVpce();
    expect(section.clientNetworks).toEqual({});
    expect(section.api).toMatchObject({
      mode: "create",
      metricsEnabled: true,
      xrayTracingEnabled: true,
      authorization: "NONE",
    });
  });

  test("an adopted VPC may be as small as AWS allows; a new one needs room for its subnets", () => {
    const { section } = directVpce({
      topologies: {
        "direct-vpce": directVpceInput(
          existingNetwork("vpc-0123456789abcdef0", {
            "eu-west-1a": "subnet-0123456789abcdef0",
            "eu-west-1b": "subnet-0123456789abcdef1",
          }),
        ),
      },
    });
    expect(section.network.mode).toBe("existing");
    expect(
      errorFor(createNetwork("10.0.0.0/26", { "eu-west-1a": "10.0.0.0/28", "eu-west-1b": "10.0.0.16/28" })),
    ).toContain('field "network.cidr": received "10.0.0.0/26"; is outside the /16 to /24 range of a new VPC CIDR');
  });

  test("api.sourceRanges must cover the VPC and every client network that keeps its own addresses", () => {
    const api = { mode: "create", stageName: "v1", loggingLevel: "INFO" } as const;
    const clientNetworks = {
      pool: { via: "transit-gateway", cidr: "172.16.0.0/16", transitGatewayId: "tgw-00000000000000001" },
      // NATed to the VPC: no range of its own at the endpoint.
      vpn: { via: "client-vpn", securityGroupId: "sg-00000000000000001" },
    } as const;
    const message = errorFor({ clientNetworks, api: { ...api, sourceRanges: ["10.0.0.0/16"] } });
    expect(message).toContain('field "api.sourceRanges": received ["10.0.0.0/16"]');
    expect(message).toContain(
      "does not cover 172.16.0.0/16 (clientNetworks.pool), the addresses those clients call the endpoint from: the resource policy would forbid them",
    );
    expect(message).toContain("add 172.16.0.0/16 (or a range containing it) to api.sourceRanges");
    expect(errorFor({ api: { ...api, sourceRanges: ["10.0.0.0/16", "10.0.0.0/16"] } })).toContain("is listed twice");
    const { section } = directVpce({
      topologies: {
        "direct-vpce": directVpceInput({
          clientNetworks,
          api: { ...api, sourceRanges: ["10.0.0.0/8", "172.16.0.0/12"] },
        }),
      },
    });
    expect(section.api.sourceRanges).toEqual(["10.0.0.0/8", "172.16.0.0/12"]);
  });

  test("reads an OpenAPI definition named by api.openApiSpec", () => {
    const file = specFile(JSON.stringify({ openapi: "3.0.1", info: { title: "orders", version: "1" }, paths: {} }));
    const { section } = directVpce({
      topologies: {
        "direct-vpce": directVpceInput({
          api: { mode: "create", stageName: "v1", loggingLevel: "INFO", openApiSpec: file },
        }),
      },
    });
    expect(section.api.mode === "create" && section.api.openApiDocument).toMatchObject({ openapi: "3.0.1" });
  });

  test.each<[string, Partial<Section>, string, string]>([
    [
      "a malformed CIDR",
      createNetwork("10.0.0/16", twoZones),
      'field "network.cidr": received "10.0.0/16"',
      "is not an IPv4 CIDR block",
    ],
    [
      "a CIDR with host bits set",
      createNetwork("10.0.0.1/16", twoZones),
      'field "network.cidr": received "10.0.0.1/16"',
      "the block it denotes is 10.0.0.0/16",
    ],
    [
      "a CIDR with leading zeros, which would be read as octal",
      createNetwork("010.010.0.0/16", twoZones),
      'field "network.cidr": received "010.010.0.0/16"',
      "has leading zeros, which are not allowed (some tools read them as octal); write 10.10.0.0/16",
    ],
    [
      "a subnet outside the VPC",
      createNetwork("10.0.0.0/16", { "eu-west-1a": "10.9.0.0/24", "eu-west-1b": "10.0.1.0/24" }),
      'field "network.privateSubnets.eu-west-1a": received "10.9.0.0/24"',
      "is not inside the VPC CIDR 10.0.0.0/16",
    ],
    [
      "overlapping subnets",
      createNetwork("10.0.0.0/16", { "eu-west-1a": "10.0.0.0/23", "eu-west-1b": "10.0.1.0/24" }),
      'field "network.privateSubnets.eu-west-1b": received "10.0.1.0/24"',
      "overlaps the subnet of eu-west-1a",
    ],
    [
      "fewer than 2 availability zones",
      createNetwork("10.0.0.0/16", { "eu-west-1a": "10.0.0.0/24" }),
      'field "network.privateSubnets"',
      "fewer than 2 availability zones",
    ],
    [
      "a zone of another region",
      createNetwork("10.0.0.0/16", { "eu-west-1a": "10.0.0.0/24", "us-east-1b": "10.0.1.0/24" }),
      'field "network.privateSubnets.us-east-1b": received "us-east-1b"',
      "is not an availability zone of eu-west-1",
    ],
    [
      "an unknown network mode",
      { network: { mode: "import" } as unknown as Section["network"] },
      'field "network.mode"',
      'Fix: use one of "create", "existing"',
    ],
    [
      "a malformed VPC id",
      existingNetwork("vpc-xyz", {
        "eu-west-1a": "subnet-0123456789abcdef0",
        "eu-west-1b": "subnet-0123456789abcdef1",
      }),
      'field "network.vpcId": received "vpc-xyz"',
      "is not a VPC id",
    ],
    [
      "one subnet given for two zones",
      existingNetwork("vpc-0123456789abcdef0", {
        "eu-west-1a": "subnet-0123456789abcdef0",
        "eu-west-1b": "subnet-0123456789abcdef0",
      }),
      'field "network.subnetIds.eu-west-1b"',
      "is also given for eu-west-1a",
    ],
    [
      "a client network of 0.0.0.0/0",
      { clientNetworks: { anywhere: { via: "routed-outside", cidr: "0.0.0.0/0", routedBy: "a test" } } },
      'field "clientNetworks.anywhere.cidr": received "0.0.0.0/0"',
      "the internet",
    ],
    [
      "a duplicate client range under two names",
      {
        clientNetworks: {
          vpn: { via: "transit-gateway", cidr: "172.16.0.0/16", transitGatewayId: "tgw-00000000000000001" },
          "vpn-again": { via: "transit-gateway", cidr: "172.16.0.0/16", transitGatewayId: "tgw-00000000000000001" },
        },
      },
      'field "clientNetworks.vpn-again.cidr": received "172.16.0.0/16"',
      'duplicates client "vpn"',
    ],
    [
      "a client range inside the VPC",
      {
        clientNetworks: {
          app: { via: "transit-gateway", cidr: "10.0.5.0/24", transitGatewayId: "tgw-00000000000000001" },
        },
      },
      'field "clientNetworks.app.cidr": received "10.0.5.0/24"',
      "overlaps the VPC CIDR 10.0.0.0/16",
    ],
    [
      "a reserved client name",
      {
        clientNetworks: {
          vpc: { via: "transit-gateway", cidr: "172.16.0.0/16", transitGatewayId: "tgw-00000000000000001" },
        },
      },
      'field "clientNetworks.vpc"',
      'reserved client name "vpc"',
    ],
    [
      "a client name that cannot be a Terraform address",
      {
        clientNetworks: {
          "Corporate VPN": { via: "transit-gateway", cidr: "172.16.0.0/16", transitGatewayId: "tgw-00000000000000001" },
        },
      },
      'field "clientNetworks.Corporate VPN"',
      "is not a valid name",
    ],
    [
      "a client network given as a bare CIDR, without how it arrives",
      { clientNetworks: { vpn: "172.16.0.0/22" } } as unknown as Partial<Section>,
      'field "clientNetworks.vpn": received "172.16.0.0/22"',
      'is a bare CIDR, which does not say how the network reaches the VPC (that decides the routes and what the security group admits). Fix: write { via: "transit-gateway", cidr: "172.16.0.0/22", transitGatewayId: "tgw-…" }',
    ],
    [
      "a client network arriving by a way the stack does not know",
      { clientNetworks: { vpn: { via: "dx-gateway", cidr: "172.16.0.0/22" } } } as unknown as Partial<Section>,
      'field "clientNetworks.vpn.via": received "dx-gateway"',
      'use one of "vpc-peering", "transit-gateway", "client-vpn", "vpn-gateway", "routed-outside"',
    ],
    [
      "a Client VPN endpoint given by its pool, which its NAT hides",
      {
        clientNetworks: { vpn: { via: "client-vpn", cidr: "172.16.0.0/22" } },
      } as unknown as Partial<Section>,
      'field "clientNetworks.vpn"',
      "securityGroupId",
    ],
    [
      "a routed client network of an adopted VPC whose route tables are not named",
      {
        ...existingNetwork("vpc-0123456789abcdef0", {
          "eu-west-1a": "subnet-0123456789abcdef0",
          "eu-west-1b": "subnet-0123456789abcdef1",
        }),
        clientNetworks: {
          partner: { via: "vpc-peering", cidr: "10.50.0.0/16", peeringConnectionId: "pcx-00000000000000001" },
        },
      },
      'field "clientNetworks.partner.via": received "vpc-peering"',
      "needs routes in the adopted VPC's route tables, and network.routeTableIds names none",
    ],
    [
      "a routed-outside client network whose router cannot be a tag",
      { clientNetworks: { legacy: { via: "routed-outside", cidr: "10.60.0.0/16", routedBy: "the team's router" } } },
      'field "clientNetworks.legacy.routedBy"',
      "is not a valid AWS tag text",
    ],
    [
      "callers on an API whose example method is anonymous (authorization NONE)",
      {
        api: {
          mode: "create",
          stageName: "v1",
          loggingLevel: "INFO",
          callers: { of: "organization", organizationId: "o-a1b2c3d4e5" },
        },
      },
      'field "api.callers"',
      'its calls are anonymous, carry no principal, and would all be denied. Fix: set api.authorization to "AWS_IAM", or remove callers',
    ],
    [
      "callers naming something that is not an organization id",
      {
        api: {
          mode: "create",
          stageName: "v1",
          loggingLevel: "INFO",
          authorization: "AWS_IAM",
          callers: { of: "organization", organizationId: "r-a1b2" },
        },
      },
      'field "api.callers.organizationId": received "r-a1b2"',
      "is not an AWS Organizations id",
    ],
    [
      "a field of the old shared layout",
      { clientCidrs: { vpn: "172.16.0.0/16" } } as unknown as Partial<Section>,
      'field "(section)": received ["clientCidrs"]',
      "unknown field(s) clientCidrs",
    ],
    [
      "a private DNS option, which this topology fixes",
      { privateDnsEnabled: false } as unknown as Partial<Section>,
      'field "(section)": received ["privateDnsEnabled"]',
      "unknown field(s) privateDnsEnabled",
    ],
    [
      "an OpenAPI file on an adopted API",
      {
        api: {
          mode: "existing",
          restApiId: "a1b2c3d4e5",
          stageName: "v1",
          openApiSpec: "x.json",
        } as unknown as Section["api"],
      },
      'field "api": received ["openApiSpec"]',
      "unknown field(s) openApiSpec",
    ],
    [
      "a malformed REST API id",
      { api: { mode: "existing", restApiId: "nope", stageName: "v1" } },
      'field "api.restApiId": received "nope"',
      "is not a REST API id",
    ],
    [
      "an OpenAPI file that does not exist",
      { api: { mode: "create", stageName: "v1", loggingLevel: "INFO", openApiSpec: "does/not/exist.json" } },
      'field "api.openApiSpec": received "does/not/exist.json"',
      "the file cannot be read",
    ],
  ])("fails on %s", (_case, section, field, problem) => {
    const message = errorFor(section);
    expect(message).toContain(`environment "test", topology "direct-vpce", ${field}`);
    expect(message).toContain(problem);
    expect(message).toMatch(/Fix: .+\.$/m);
  });

  test.each([
    ["not JSON", "openapi: 3.0.1\n", "the file is not JSON"],
    ["not an API definition", JSON.stringify({ name: "x" }), "is not an OpenAPI 3 or Swagger 2 definition"],
  ])("fails on an OpenAPI file that is %s", (_case, content, problem) => {
    const message = errorFor({
      api: { mode: "create", stageName: "v1", loggingLevel: "INFO", openApiSpec: specFile(content) },
    });
    expect(message).toContain('topology "direct-vpce", field "api.openApiSpec"');
    expect(message).toContain(problem);
  });
});

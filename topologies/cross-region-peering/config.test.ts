import type { EnvironmentInput } from "../registry";
import type { CrossRegionPeeringConfig } from "./config";
import { configErrorOf, environmentInput, PRIVATE_DNS_TOPOLOGY, resolve, resolvedSection } from "../../test/helpers";
import { crossRegionPeeringInput } from "./fixtures";

type Section = NonNullable<EnvironmentInput["topologies"]["cross-region-peering"]>;
type ClientVpc = Section["clientVpcs"][string];

function sectionOf(overrides: Partial<Section> = {}): CrossRegionPeeringConfig {
  return resolvedSection("cross-region-peering", {
    topologies: { "cross-region-peering": crossRegionPeeringInput(overrides) },
  }).section;
}

function errorFor(overrides: Partial<Section>): string {
  return configErrorOf(() => sectionOf(overrides));
}

const FIELD = 'environment "test", topology "cross-region-peering", field';

function created(region: string, second: number): ClientVpc {
  return {
    region,
    network: {
      mode: "create",
      cidr: `10.${String(second)}.0.0/16`,
      privateSubnets: { [`${region}a`]: `10.${String(second)}.0.0/24`, [`${region}b`]: `10.${String(second)}.1.0/24` },
    },
  };
}

const adoptedClient = (routeTableIds?: string[], region = "us-east-1"): ClientVpc => ({
  region,
  network: {
    mode: "existing",
    vpcId: "vpc-0123456789abcdef9",
    cidr: "10.120.0.0/16",
    subnetIds: { [`${region}a`]: "subnet-00000000000000c01", [`${region}b`]: "subnet-00000000000000c02" },
    ...(routeTableIds === undefined ? {} : { routeTableIds }),
  },
});

describe("cross-region-peering section", () => {
  test("all defaults: one client VPC, created in its own region", () => {
    const section = sectionOf();
    expect(Object.keys(section.clientVpcs)).toEqual(["us-app"]);
    expect(section.clientVpcs["us-app"]?.region).toBe("us-east-1");
  });

  test("two client regions, one adopted with its route tables", () => {
    const section = sectionOf({
      clientVpcs: {
        "us-app": created("us-east-1", 100),
        apac: adoptedClient(["rtb-00000000000000c01"], "ap-southeast-1"),
      },
    });
    expect(Object.values(section.clientVpcs).map((client) => client.region)).toEqual(["us-east-1", "ap-southeast-1"]);
  });

  test("fails on a client VPC in the API's region, pointing to an endpoint of its own", () => {
    expect(errorFor({ clientVpcs: { local: created("eu-west-1", 100) } })).toContain(
      `${FIELD} "clientVpcs.local.region": received "eu-west-1"; is the API's own region; interface endpoints serve their own region, so a VPC there reaches the API through an endpoint of its own, not over peering. Fix: give that VPC its own execute-api endpoint (a topology of its own region), or name a VPC of another region.`,
    );
  });

  test("fails on callers outside their client VPC, or listed twice", () => {
    const client = created("us-east-1", 100);
    const message = errorFor({
      clientVpcs: {
        app: {
          ...client,
          callers: [
            "10.200.0.0/24",
            `${client.network.cidr.split("/")[0] ?? ""}/24`,
            `${client.network.cidr.split("/")[0] ?? ""}/24`,
          ],
        },
      },
    });
    expect(message).toContain(
      `${FIELD} "clientVpcs.app.callers.0": received "10.200.0.0/24"; is not inside the client VPC's CIDR ${client.network.cidr}. Fix: name ranges (subnets) of the client VPC.`,
    );
    expect(message).toContain(`${FIELD} "clientVpcs.app.callers.2"`);
    expect(message).toContain("is listed twice");
  });

  test("fails on overlapping CIDRs between any two VPCs", () => {
    expect(errorFor({ clientVpcs: { "us-app": created("us-east-1", 0) } })).toContain(
      `${FIELD} "clientVpcs.us-app.network.cidr": received "10.0.0.0/16"; overlaps the API's VPC (10.0.0.0/16); AWS refuses to peer VPCs whose CIDRs overlap`,
    );
    expect(
      errorFor({ clientVpcs: { "us-app": created("us-east-1", 100), apac: created("ap-southeast-1", 100) } }),
    ).toContain(
      `${FIELD} "clientVpcs.apac.network.cidr": received "10.100.0.0/16"; overlaps client VPC us-app (10.100.0.0/16)`,
    );
  });

  test("fails on an adopted client VPC, or an adopted API VPC, without route tables to update", () => {
    expect(errorFor({ clientVpcs: { "us-app": adoptedClient() } })).toContain(
      `${FIELD} "clientVpcs.us-app.network.routeTableIds": received nothing; names no route table; the peering needs a route in the route tables of the subnets that talk to the other side.`,
    );
    expect(
      errorFor({
        network: {
          mode: "existing",
          vpcId: "vpc-0123456789abcdef0",
          cidr: "10.0.0.0/16",
          subnetIds: { "eu-west-1a": "subnet-000000000000000aa", "eu-west-1b": "subnet-000000000000000bb" },
          routeTableIds: [],
        },
      }),
    ).toContain(`${FIELD} "network.routeTableIds": received []; names no route table`);
  });

  test("fails on a route table listed twice", () => {
    expect(
      errorFor({ clientVpcs: { "us-app": adoptedClient(["rtb-00000000000000c01", "rtb-00000000000000c01"]) } }),
    ).toContain(
      `${FIELD} "clientVpcs.us-app.network.routeTableIds.1": received "rtb-00000000000000c01"; is listed twice`,
    );
  });

  test("fails on the same VPC named twice, on a reserved or too long name, on no client at all", () => {
    const twice = adoptedClient(["rtb-00000000000000c01"]);
    expect(errorFor({ clientVpcs: { one: twice, two: twice } })).toContain(
      `${FIELD} "clientVpcs.two.network.vpcId": received "vpc-0123456789abcdef9"; is also client VPC one; a VPC cannot peer with itself`,
    );
    expect(errorFor({ clientVpcs: { vpc: created("us-east-1", 100) } })).toContain(
      `${FIELD} "clientVpcs.vpc": received "vpc"; uses the reserved client name "vpc"`,
    );
    expect(errorFor({ clientVpcs: { "us-east-application": created("us-east-1", 100) } })).toContain(
      `${FIELD} "clientVpcs.us-east-application": received "us-east-application"; is not a valid client VPC name`,
    );
    expect(errorFor({ clientVpcs: {} })).toContain(`${FIELD} "clientVpcs": received {}; is empty`);
  });

  test("fails on an unknown region, or zones of another region than the client's", () => {
    expect(errorFor({ clientVpcs: { mars: { ...created("us-east-1", 100), region: "mars-north-1" } } })).toContain(
      `${FIELD} "clientVpcs.mars.region": received "mars-north-1"; is not a region this project supports`,
    );
    expect(errorFor({ clientVpcs: { "us-app": { ...created("us-east-1", 100), region: "us-west-2" } } })).toContain(
      `${FIELD} "clientVpcs.us-app.network.privateSubnets.us-east-1a": received "us-east-1a"; is not an availability zone of us-west-2`,
    );
  });

  test("an adopted client VPC may also hold another region's private-DNS endpoint, but not a second zone for this domain", () => {
    const client = adoptedClient(["rtb-00000000000000c01"]);
    const clientVpcId = (client.network as { vpcId: string }).vpcId;
    const section = crossRegionPeeringInput({ clientVpcs: { "us-app": client } });
    // A private-DNS endpoint in us-east-1 owns execute-api.us-east-1 in that VPC: another domain, no conflict.
    expect(() =>
      resolve(
        environmentInput({ topologies: { "cross-region-peering": section } }),
        environmentInput({
          name: "us",
          region: "us-east-1",
          topologies: {
            [PRIVATE_DNS_TOPOLOGY]: {
              network: { ...(client.network as object), routeTableIds: undefined } as Section["network"],
              api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
            },
          },
        }),
      ),
    ).not.toThrow();
    const message = configErrorOf(() =>
      resolve(
        environmentInput({ topologies: { "cross-region-peering": section } }),
        environmentInput({
          name: "other",
          topologies: {
            "cross-region-peering": crossRegionPeeringInput({
              network: {
                mode: "create",
                cidr: "10.1.0.0/16",
                privateSubnets: { "eu-west-1a": "10.1.0.0/24", "eu-west-1b": "10.1.1.0/24" },
              },
              clientVpcs: { "us-app": client },
            }),
          },
        }),
      ),
    );
    expect(message).toContain(
      `field "clientVpcs.us-app.network.vpcId": received "${clientVpcId}"; would put a private hosted zone for the API region's execute-api domain into the VPC where environment "test", topology "cross-region-peering" already puts a private hosted zone for the API region's execute-api domain`,
    );
  });
});

import type { EnvironmentInput } from "../registry";
import { customDomainZones, type SplitHorizonPhzConfig } from "./config";
import { configErrorOf, PRIVATE_DNS_TOPOLOGY, resolve, resolvedSection } from "../../test/helpers";
import { splitHorizonPhzInput } from "./fixtures";
import { environmentInput } from "../../test/helpers";

type Section = NonNullable<EnvironmentInput["topologies"]["split-horizon-phz"]>;
type Dns = Section["dns"];

function sectionOf(overrides: Partial<Section> = {}): SplitHorizonPhzConfig {
  return resolvedSection("split-horizon-phz", {
    topologies: { "split-horizon-phz": splitHorizonPhzInput(overrides) },
  }).section;
}

/** The ConfigError message for a section whose `dns` must fail. */
function errorFor(dns: Dns, overrides: Partial<Section> = {}): string {
  return configErrorOf(() => sectionOf({ ...overrides, dns }));
}

const FIELD = 'environment "test", topology "split-horizon-phz", field';
const lookup = { mode: "lookup" as const };
const configured = {
  mode: "configured" as const,
  regionalDomainName: "d-abc123defg.execute-api.eu-west-1.amazonaws.com",
  regionalZoneId: "ZLY8HYME6SFDD",
};

describe("split-horizon-phz section", () => {
  test("all defaults: custom-domains mode, no apex zone, one zone per listed name", () => {
    const section = sectionOf();
    expect(section.dns).toEqual({ mode: "custom-domains", publicApis: { "api.example.com": lookup }, apexZones: [] });
    expect(section.clientNetworks).toEqual({});
  });

  test("an apex zone holds every listed name under it; other names keep zones of their own", () => {
    const section = sectionOf({
      dns: {
        publicApis: {
          "example.net": configured,
          "special-api.example.net": lookup,
          "api.example.org": lookup,
        },
        apexZones: ["example.net"],
      },
    });
    if (section.dns.mode !== "custom-domains") {
      throw new Error("expected custom-domains");
    }
    expect(Object.fromEntries(customDomainZones(section.dns))).toEqual({
      "api.example.org": ["api.example.org"],
      "example.net": ["example.net", "special-api.example.net"],
    });
  });

  test("per-api-zones: other private APIs by name, their account defaulting to the environment's", () => {
    const section = sectionOf({
      dns: { mode: "per-api-zones", otherPrivateApis: { orders: { restApiId: "k3x9q2m7p1" } } },
    });
    expect(section.dns).toEqual({ mode: "per-api-zones", otherPrivateApis: { orders: { restApiId: "k3x9q2m7p1" } } });
  });

  test("fails on a misspelled mode, naming the mode received and the two accepted", () => {
    expect(errorFor({ mode: "per-api-zone", otherPrivateApis: {} } as unknown as Dns)).toContain(
      `${FIELD} "dns.mode": received "per-api-zone"; does not match any accepted form. Fix: use one of "custom-domains", "per-api-zones".`,
    );
  });

  describe("guard rails", () => {
    test("fails on a name under the execute-api domain: an alias to API Gateway must be named after a custom domain name", () => {
      for (const name of ["abcdef1234.execute-api.eu-west-1.amazonaws.com", "execute-api.eu-west-1.amazonaws.com"]) {
        expect(errorFor({ publicApis: { [name]: lookup } })).toContain(
          `${FIELD} "dns.publicApis.${name}": received "${name}"; is under execute-api.eu-west-1.amazonaws.com: an API Gateway name, never a custom domain name, and Route 53 answers an alias to API Gateway only under a custom domain name of the API; in this VPC the endpoint's private DNS answers it. Fix: call that public API by a custom domain name, or switch dns.mode to per-api-zones (private DNS off).`,
        );
      }
    });

    test("fails on an apex zone that contains the execute-api domain", () => {
      expect(errorFor({ publicApis: { "api.example.com": lookup }, apexZones: ["eu-west-1.amazonaws.com"] })).toContain(
        `${FIELD} "dns.apexZones.0": received "eu-west-1.amazonaws.com"; contains execute-api.eu-west-1.amazonaws.com: a zone for it would capture every API Gateway default URL of the region`,
      );
    });

    test("fails on another region's execute-api name, which resolves publicly already", () => {
      const name = "abcdef1234.execute-api.us-east-1.amazonaws.com";
      expect(errorFor({ publicApis: { [name]: lookup } })).toContain(
        `${FIELD} "dns.publicApis.${name}": received "${name}"; is an AWS service name, not a custom domain name`,
      );
    });

    test("fails on a wildcard, which would capture names the configuration does not list", () => {
      expect(errorFor({ publicApis: { "*.example.com": lookup } })).toContain(
        `${FIELD} "dns.publicApis.*.example.com": received "*.example.com"; is a wildcard; a private zone for it would capture every name under it, including names this configuration does not list.`,
      );
    });

    test.each(["API.example.com", "api.example.com.", "api_x.example.com", "localhost"])(
      "fails on the malformed host name %s",
      (name) => {
        expect(errorFor({ publicApis: { [name]: lookup } })).toContain(
          `${FIELD} "dns.publicApis.${name}": received "${name}"; is not a DNS host name`,
        );
      },
    );

    test("fails on a whole domain not declared as an apex zone (its zone would shadow every name under it)", () => {
      expect(errorFor({ publicApis: { "example.com": lookup } })).toContain(
        `${FIELD} "dns.publicApis.example.com": received "example.com"; is a whole domain; a private zone named after it would capture every name under it, which this configuration does not list. Fix: if every name under example.com that the VPC calls is an API listed here, add "example.com" to dns.apexZones; otherwise list the API host names only.`,
      );
    });

    test("fails on a public suffix, as a name or an apex zone", () => {
      expect(errorFor({ publicApis: { "co.uk": lookup } })).toContain(
        `${FIELD} "dns.publicApis.co.uk": received "co.uk"; is a public suffix`,
      );
      expect(errorFor({ publicApis: { "api.example.co.uk": lookup }, apexZones: ["co.uk"] })).toContain(
        `${FIELD} "dns.apexZones.0": received "co.uk"; is a public suffix`,
      );
    });

    test("fails on duplicate, nested or empty apex zones", () => {
      const publicApis = { "api.example.com": lookup, "api.eu.example.com": lookup };
      expect(errorFor({ publicApis, apexZones: ["example.com", "example.com"] })).toContain(
        `${FIELD} "dns.apexZones.1": received "example.com"; is listed twice`,
      );
      expect(errorFor({ publicApis, apexZones: ["example.com", "eu.example.com"] })).toContain(
        `${FIELD} "dns.apexZones.1": received "eu.example.com"; is under the apex zone example.com, which already holds its names`,
      );
      expect(errorFor({ publicApis, apexZones: ["example.org"] })).toContain(
        `${FIELD} "dns.apexZones.0": received "example.org"; holds none of the names in dns.publicApis; its zone would only stop every name under it from resolving`,
      );
    });

    test("fails on no public name at all in custom-domains mode", () => {
      expect(errorFor({ publicApis: {} })).toContain(`${FIELD} "dns.publicApis": received {}; is empty`);
    });

    test("fails on a configured target in another region, of an edge-optimized domain, or malformed", () => {
      expect(
        errorFor({
          publicApis: {
            "api.example.com": {
              ...configured,
              regionalDomainName: "d-abc123defg.execute-api.us-east-1.amazonaws.com",
            },
          },
        }),
      ).toContain(
        `${FIELD} "dns.publicApis.api.example.com.regionalDomainName": received "d-abc123defg.execute-api.us-east-1.amazonaws.com"; is in us-east-1; the endpoint's private DNS captures only execute-api names of eu-west-1`,
      );
      expect(
        errorFor({ publicApis: { "api.example.com": { ...configured, regionalZoneId: "Z2FDTNDATAQYW2" } } }),
      ).toContain(
        `${FIELD} "dns.publicApis.api.example.com.regionalZoneId": received "Z2FDTNDATAQYW2"; is the zone of edge-optimized (CloudFront) custom domains`,
      );
      expect(
        errorFor({ publicApis: { "api.example.com": { ...configured, regionalDomainName: "d123.cloudfront.net" } } }),
      ).toContain(
        `${FIELD} "dns.publicApis.api.example.com.regionalDomainName": received "d123.cloudfront.net"; is not an API Gateway regional domain name`,
      );
    });

    test("fails on the same private API listed twice, or under the reserved name", () => {
      expect(
        errorFor({
          mode: "per-api-zones",
          otherPrivateApis: { orders: { restApiId: "k3x9q2m7p1" }, billing: { restApiId: "k3x9q2m7p1" } },
        }),
      ).toContain(
        `${FIELD} "dns.otherPrivateApis.billing.restApiId": received "k3x9q2m7p1"; is also given for orders; one zone per API`,
      );
      expect(
        errorFor(
          { mode: "per-api-zones", otherPrivateApis: { legacy: { restApiId: "a1b2c3d4e5" } } },
          { api: { mode: "existing", restApiId: "a1b2c3d4e5", stageName: "v1" } },
        ),
      ).toContain(`received "a1b2c3d4e5"; is also given for api (this stack's API)`);
      expect(errorFor({ mode: "per-api-zones", otherPrivateApis: { api: { restApiId: "k3x9q2m7p1" } } })).toContain(
        `${FIELD} "dns.otherPrivateApis.api": received "api"; uses the reserved name "api"`,
      );
    });

    test("fails on an unknown mode, naming both", () => {
      expect(configErrorOf(() => sectionOf({ dns: { mode: "wildcard" } as unknown as Dns }))).toContain(
        `${FIELD} "dns.mode"`,
      );
    });
  });

  describe("a way out for the public APIs", () => {
    const created = {
      mode: "create" as const,
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
    };

    test("fails on a created VPC without egress, naming the field and both ways out", () => {
      expect(configErrorOf(() => sectionOf({ network: created }))).toContain(
        `${FIELD} "network.egress": received nothing; is not set: a created VPC has private subnets only, so the public APIs this topology keeps resolvable would be out of reach (the connection times out). Fix: add network.egress: { via: "nat-gateway"`,
      );
    });

    test("fails on an adopted VPC whose egress is not declared", () => {
      const adopted = {
        mode: "existing" as const,
        vpcId: "vpc-0123456789abcdef0",
        cidr: "10.0.0.0/16",
        subnetIds: { "eu-west-1a": "subnet-000000000000000aa", "eu-west-1b": "subnet-000000000000000bb" },
      };
      expect(configErrorOf(() => sectionOf({ network: adopted }))).toContain(
        `${FIELD} "network.egress": received nothing; is not set: the public APIs this topology keeps resolvable are reached only if the adopted VPC routes to the internet`,
      );
    });

    test("fails on NAT public subnets that miss a zone, sit in another, or overlap a private subnet", () => {
      const message = configErrorOf(() =>
        sectionOf({
          network: {
            ...created,
            egress: {
              via: "nat-gateway",
              publicSubnets: { "eu-west-1a": "10.0.0.0/28", "eu-west-1c": "10.0.128.0/28" },
            },
          },
        }),
      );
      expect(message).toContain(
        `${FIELD} "network.egress.publicSubnets.eu-west-1a": received "10.0.0.0/28"; overlaps the subnet of eu-west-1a (10.0.0.0/24). Fix: give every subnet its own range.`,
      );
      expect(message).toContain(
        `${FIELD} "network.egress.publicSubnets": received {"eu-west-1a":"10.0.0.0/28","eu-west-1c":"10.0.128.0/28"}; has no subnet in eu-west-1b; every zone of privateSubnets gets a NAT gateway of its own`,
      );
      expect(message).toContain(
        `${FIELD} "network.egress.publicSubnets.eu-west-1c": received "10.0.128.0/28"; is in eu-west-1c, where privateSubnets has no subnet`,
      );
    });

    test("a transit gateway egress is accepted as written", () => {
      const egress = { via: "transit-gateway" as const, transitGatewayId: "tgw-0123456789abcdef0" };
      expect(sectionOf({ network: { ...created, egress } }).network).toMatchObject({ egress });
    });
  });

  test("fails on a configured regional zone id that is not API Gateway's for the region", () => {
    expect(
      errorFor({ publicApis: { "api.example.com": { ...configured, regionalZoneId: "Z1UJRXOUMOOFQ8" } } }),
    ).toContain(
      `${FIELD} "dns.publicApis.api.example.com.regionalZoneId": received "Z1UJRXOUMOOFQ8"; is not API Gateway's hosted zone for regional endpoints in eu-west-1 (ZLY8HYME6SFDD, per the AWS General Reference "Amazon API Gateway endpoints and quotas"). Fix: copy the custom domain's "Hosted zone ID" from the API Gateway console; in eu-west-1 it is ZLY8HYME6SFDD.`,
    );
  });

  test("zones under the execute-api domain beside another owner are refused as unconfirmed, not as ConflictingDomainExists", () => {
    const adopted = {
      mode: "existing" as const,
      vpcId: "vpc-0123456789abcdef0",
      cidr: "10.0.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-000000000000000aa", "eu-west-1b": "subnet-000000000000000bb" },
    };
    const message = configErrorOf(() =>
      resolve(
        environmentInput({
          topologies: {
            [PRIVATE_DNS_TOPOLOGY]: {
              network: adopted,
              api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
            },
            "split-horizon-phz": splitHorizonPhzInput({
              network: { ...adopted, egress: { via: "routed-outside", routedBy: "NAT gateways of the shared VPC" } },
              dns: { mode: "per-api-zones" },
            }),
          },
        }),
      ),
    );
    expect(message).toContain(
      "two owners would answer names of execute-api.eu-west-1.amazonaws.com in one VPC, and whether AWS accepts zones under it beside another owner is unconfirmed (it documents ConflictingDomainExists for the identical name only), so one owner per VPC is required here",
    );
  });

  describe("one private owner of the execute-api domain per adopted VPC", () => {
    const adopted = {
      mode: "existing" as const,
      vpcId: "vpc-0123456789abcdef0",
      cidr: "10.0.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-000000000000000aa", "eu-west-1b": "subnet-000000000000000bb" },
    };

    test.each([
      ["custom-domains", { publicApis: { "api.example.com": lookup } }, "an execute-api endpoint with private DNS on"],
      ["per-api-zones", { mode: "per-api-zones" as const }, "private hosted zones under the execute-api domain"],
    ])("fails in %s mode beside another topology's private-DNS endpoint in the same VPC", (_mode, dns, what) => {
      const message = configErrorOf(() =>
        resolve(
          environmentInput({
            topologies: {
              [PRIVATE_DNS_TOPOLOGY]: {
                network: adopted,
                api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
              },
              "split-horizon-phz": splitHorizonPhzInput({
                network: { ...adopted, egress: { via: "routed-outside", routedBy: "NAT gateways of the shared VPC" } },
                dns: dns as Dns,
              }),
            },
          }),
        ),
      );
      expect(message).toContain(
        `${FIELD} "network.vpcId": received "vpc-0123456789abcdef0"; would put ${what} into the VPC where environment "test", topology "${PRIVATE_DNS_TOPOLOGY}" already puts an execute-api endpoint with private DNS on`,
      );
    });
  });
});

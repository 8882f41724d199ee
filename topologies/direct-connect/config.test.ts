import type { EnvironmentInput } from "../registry";
import type { DirectConnectConfig } from "./config";
import { configErrorOf, resolvedSection } from "../../test/helpers";
import { directConnectInput } from "./fixtures";

type Section = NonNullable<EnvironmentInput["topologies"]["direct-connect"]>;

function sectionOf(overrides: Partial<Section> = {}): DirectConnectConfig {
  return resolvedSection("direct-connect", {
    topologies: { "direct-connect": directConnectInput(overrides) },
  }).section;
}

/** The ConfigError message for a direct-connect section that must fail. */
function errorFor(overrides: Partial<Section>): string {
  return configErrorOf(() => sectionOf(overrides));
}

const FIELD = 'environment "test", topology "direct-connect", field';
const gateway = { mode: "create" as const, amazonSideAsn: 64512 };

describe("direct-connect section", () => {
  test("all defaults: a created gateway, the VGW on 64513, no virtual interface, no resolver", () => {
    const section = sectionOf();
    expect(section.directConnect).toEqual({ gateway, vgwAmazonSideAsn: 64513, virtualInterfaces: {} });
    expect(section.resolver).toBeUndefined();
  });

  test.each([
    [{ gateway: { mode: "create" as const, amazonSideAsn: 65535 } }, "directConnect.gateway.amazonSideAsn", "65535"],
    [{ gateway, vgwAmazonSideAsn: 7224 }, "directConnect.vgwAmazonSideAsn", "7224"],
  ])("fails on a public ASN %#", (directConnect, field, value) => {
    expect(errorFor({ directConnect })).toContain(
      `${FIELD} "${field}": received ${value}; is not a private ASN (64512-65534 or 4200000000-4294967294)`,
    );
  });

  test("fails on one hosted interface accepted twice (found with the property tests' duplicate-entry mutation)", () => {
    const partner = { kind: "hosted-accepter" as const, virtualInterfaceId: "dxvif-ffabc124" };
    expect(errorFor({ directConnect: { gateway, virtualInterfaces: { partner, "partner-copy": partner } } })).toContain(
      `${FIELD} "directConnect.virtualInterfaces.partner-copy.virtualInterfaceId": received "dxvif-ffabc124"; is also accepted as interface "partner"`,
    );
  });

  test("fails when both sides of the association share an ASN", () => {
    expect(errorFor({ directConnect: { gateway, vgwAmazonSideAsn: 64512 } })).toContain(
      `${FIELD} "directConnect.vgwAmazonSideAsn": received 64512; equals the Direct Connect gateway's Amazon-side ASN; the two sides of the association must differ.`,
    );
  });

  const vif = { kind: "private" as const, connectionId: "dxcon-fg5678gh", vlan: 101, customerAsn: 65001 };

  test.each([0, 4095])("fails on VLAN %i", (vlan) => {
    const message = errorFor({ directConnect: { gateway, virtualInterfaces: { primary: { ...vif, vlan } } } });
    expect(message).toContain(`${FIELD} "directConnect.virtualInterfaces.primary.vlan": received ${String(vlan)};`);
  });

  test("accepts several interfaces on separate connections, and a public customer ASN", () => {
    const section = sectionOf({
      directConnect: {
        gateway,
        virtualInterfaces: {
          primary: vif,
          secondary: { ...vif, connectionId: "dxcon-fh2345jk", vlan: 102, customerAsn: 196613 },
        },
      },
    });
    expect(Object.keys(section.directConnect.virtualInterfaces)).toEqual(["primary", "secondary"]);
  });

  test.each([0, 23456, 64500, 65535, 70000, 4294967295])("fails on customer ASN %i, which no router can use", (asn) => {
    expect(
      errorFor({ directConnect: { gateway, virtualInterfaces: { primary: { ...vif, customerAsn: asn } } } }),
    ).toContain(
      `${FIELD} "directConnect.virtualInterfaces.primary.customerAsn": received ${String(asn)}; is not an ASN a router can use`,
    );
  });

  test("fails on a customer ASN equal to the gateway's", () => {
    expect(
      errorFor({ directConnect: { gateway, virtualInterfaces: { primary: { ...vif, customerAsn: 64512 } } } }),
    ).toContain(
      `${FIELD} "directConnect.virtualInterfaces.primary.customerAsn": received 64512; equals the Direct Connect gateway's Amazon-side ASN`,
    );
  });

  test("fails on two interfaces on one connection: they fail together", () => {
    expect(
      errorFor({ directConnect: { gateway, virtualInterfaces: { primary: vif, secondary: { ...vif, vlan: 102 } } } }),
    ).toContain(
      `${FIELD} "directConnect.virtualInterfaces.secondary.connectionId": received "dxcon-fg5678gh"; is also the connection of interface "primary"`,
    );
  });

  test.each([
    [{ amazonAddress: "169.254.10.1/30" }, "customerAddress", "nothing; is not set while amazonAddress is"],
    [{ customerAddress: "169.254.10.2/30" }, "amazonAddress", "nothing; is not set while customerAddress is"],
    [
      { amazonAddress: "169.254.10.1/30", customerAddress: "169.254.10.5/30" },
      "customerAddress",
      `"169.254.10.5/30"; is not the other usable address of 169.254.10.1/30's /30 (169.254.10.0/30)`,
    ],
    [
      { amazonAddress: "169.254.10.1/30", customerAddress: "169.254.10.3/30" },
      "customerAddress",
      `"169.254.10.3/30"; is not the other usable address`,
    ],
    [
      { amazonAddress: "169.254.10.1/30", customerAddress: "169.254.10.1/30" },
      "customerAddress",
      `"169.254.10.1/30"; is not the other usable address`,
    ],
    [
      { amazonAddress: "169.254.10.0/31", customerAddress: "169.254.10.2/31" },
      "customerAddress",
      `"169.254.10.2/31"; is not the other usable address of 169.254.10.0/31's /31`,
    ],
  ])("fails on peer addresses that are not one pair of a /30 or /31 %#", (addresses, field, message) => {
    expect(
      errorFor({ directConnect: { gateway, virtualInterfaces: { primary: { ...vif, ...addresses } } } }),
    ).toContain(`${FIELD} "directConnect.virtualInterfaces.primary.${field}": received ${message}`);
  });

  test("accepts the two addresses of a /31", () => {
    const pair = { amazonAddress: "169.254.10.0/31", customerAddress: "169.254.10.1/31" };
    expect(
      sectionOf({ directConnect: { gateway, virtualInterfaces: { primary: { ...vif, ...pair } } } }).directConnect
        .virtualInterfaces.primary,
    ).toMatchObject(pair);
  });

  test("fails on virtual interfaces for another account's gateway: its owner attaches them", () => {
    expect(
      errorFor({
        directConnect: {
          gateway: {
            mode: "existing",
            gatewayId: "5f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
            ownerAccountId: "555555555555",
          },
          virtualInterfaces: { partner: { kind: "hosted-accepter", virtualInterfaceId: "dxvif-ffabc123" } },
        },
      }),
    ).toContain(
      `${FIELD} "directConnect.virtualInterfaces": received ["partner"]; attach to a gateway of account 555555555555; a virtual interface attaches only to a Direct Connect gateway of its own account`,
    );
  });

  test("fails on on-premises networks that overlap the VPC, are too wide, or are missing", () => {
    expect(errorFor({ onPremisesNetworks: { dc: "10.0.128.0/17" } })).toContain(
      `${FIELD} "onPremisesNetworks.dc": received "10.0.128.0/17"; overlaps the VPC CIDR 10.0.0.0/16`,
    );
    expect(errorFor({ onPremisesNetworks: { everyone: "0.0.0.0/0" } })).toContain(
      `${FIELD} "onPremisesNetworks.everyone": received "0.0.0.0/0"; opens the endpoint to a range far wider`,
    );
    expect(errorFor({ onPremisesNetworks: {} })).toContain(`${FIELD} "onPremisesNetworks": received {}; is empty`);
  });

  test("fails on allowed prefixes outside the VPC", () => {
    expect(errorFor({ directConnect: { gateway, allowedPrefixes: ["10.0.0.0/16", "10.9.0.0/16"] } })).toContain(
      `${FIELD} "directConnect.allowedPrefixes.1": received "10.9.0.0/16"; is outside the VPC CIDR 10.0.0.0/16`,
    );
  });

  test("fails on allowed prefixes that are all narrower than the VPC (found by the property tests)", () => {
    // AWS advertises the whole VPC CIDR through a prefix that equals or contains it; two halves strand on-premises.
    expect(errorFor({ directConnect: { gateway, allowedPrefixes: ["10.0.0.0/17", "10.0.128.0/17"] } })).toContain(
      `${FIELD} "directConnect.allowedPrefixes": received ["10.0.0.0/17","10.0.128.0/17"]; has no prefix that equals or contains the VPC CIDR 10.0.0.0/16`,
    );
  });

  test("a range containing the VPC CIDR is advertised as allowed", () => {
    expect(
      sectionOf({ directConnect: { gateway, allowedPrefixes: ["10.0.0.0/15"] } }).directConnect.allowedPrefixes,
    ).toEqual(["10.0.0.0/15"]);
  });

  const domain = {
    name: "api.dx.example.com",
    certificate: {
      mode: "existing" as const,
      arn: "arn:aws:acm:eu-west-1:123456789012:certificate/4b8c2d1e-6f3a-4e7b-9c5d-0a1b2c3d4e5f",
    },
  };

  test("fails on a resolver with no zone to serve, and says why", () => {
    expect(errorFor({ resolver: { availabilityZones: ["eu-west-1a", "eu-west-1b"] } })).toContain(
      `${FIELD} "resolver": received {"availabilityZones":["eu-west-1a","eu-west-1b"]}; has no zone to serve: without domain, the VPC holds no private name`,
    );
    expect(sectionOf({ domain, resolver: { availabilityZones: ["eu-west-1a", "eu-west-1b"] } }).resolver).toBeDefined();
  });

  test("fails on a domain certificate of another region", () => {
    const elsewhere = { ...domain.certificate, arn: domain.certificate.arn.replace("eu-west-1", "us-east-1") };
    expect(errorFor({ domain: { ...domain, certificate: elsewhere } })).toContain(
      `${FIELD} "domain.certificate.arn": received "${elsewhere.arn}"; is in us-east-1, but the custom domain is in eu-west-1`,
    );
  });

  test("fails on a resolver endpoint in fewer than two zones, or in a zone the network lacks", () => {
    expect(errorFor({ domain, resolver: { availabilityZones: ["eu-west-1a"] } })).toContain(
      `${FIELD} "resolver.availabilityZones": received ["eu-west-1a"]; names fewer than two availability zones`,
    );
    expect(errorFor({ domain, resolver: { availabilityZones: ["eu-west-1a", "eu-west-1c"] } })).toContain(
      `${FIELD} "resolver.availabilityZones.1": received "eu-west-1c"; is not a zone of the network. Fix: use one of eu-west-1a, eu-west-1b.`,
    );
  });

  test("fails on an adopted network (its route tables are not known here)", () => {
    expect(
      errorFor({
        network: {
          mode: "existing",
          vpcId: "vpc-0123456789abcdef0",
          cidr: "10.0.0.0/16",
          subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0", "eu-west-1b": "subnet-0123456789abcdef1" },
        },
      }),
    ).toContain(`${FIELD} "network.mode": received "existing"; is not supported by direct-connect`);
  });
});

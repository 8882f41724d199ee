import type { EnvironmentInput } from "../registry";
import { ACCEPTED_SSL_POLICIES, type AlbFrontConfig, DEFAULT_SSL_POLICY, endpointAddresses } from "./config";
import { configErrorOf, resolvedSection } from "../../test/helpers";
import { albFrontInput } from "./fixtures";

type Section = NonNullable<EnvironmentInput["topologies"]["alb-front"]>;

function sectionOf(overrides: Partial<Section> = {}): AlbFrontConfig {
  return resolvedSection("alb-front", { topologies: { "alb-front": albFrontInput(overrides) } }).section;
}

/** The ConfigError message for an alb-front section that must fail. */
function errorFor(overrides: Partial<Section>): string {
  return configErrorOf(() => sectionOf(overrides));
}

const FIELD = 'environment "test", topology "alb-front", field';

describe("alb-front section", () => {
  test("fails on a client VPC listed twice, or naming the ALB's own VPC (found with the property tests' duplicate-entry mutation)", () => {
    // Each is one more association of a VPC with the name's zone, which AWS refuses at apply.
    const domain = albFrontInput().domain;
    expect(
      errorFor({ domain: { ...domain, clientVpcs: { a: "vpc-0fedcba9876543210", b: "vpc-0fedcba9876543210" } } }),
    ).toContain(`${FIELD} "domain.clientVpcs.b": received "vpc-0fedcba9876543210"; is also client VPC "a"`);
    const network = {
      mode: "existing" as const,
      vpcId: "vpc-0123456789abcdef1",
      cidr: "10.2.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-000000000000000cc", "eu-west-1b": "subnet-000000000000000dd" },
    };
    expect(errorFor({ network, domain: { ...domain, clientVpcs: { own: "vpc-0123456789abcdef1" } } })).toContain(
      `${FIELD} "domain.clientVpcs.own": received "vpc-0123456789abcdef1"; is also the ALB's own VPC (network.vpcId)`,
    );
  });

  test("all defaults: private domain, TLS 1.3 policy, the VPC admitted at the ALB but not at the endpoint, no redirect, health check on /, addresses derived per subnet", () => {
    const section = sectionOf();
    expect(section.domain.mode).toBe("private");
    expect(section.alb).toEqual({
      sslPolicy: DEFAULT_SSL_POLICY,
      admitVpc: true,
      redirectHttp: false,
      healthCheckPath: "/",
    });
    expect(section.endpoint).toEqual({ mode: "create", directVpcAccess: false });
    expect(section.domain.clientVpcs).toEqual({});
    expect(endpointAddresses(section)).toEqual({ "eu-west-1a": "10.0.0.10", "eu-west-1b": "10.0.1.10" });
  });

  test("configured addresses win over derived ones; an adopted network takes them as given", () => {
    expect(
      endpointAddresses(sectionOf({ endpoint: { mode: "create", ipAddresses: { "eu-west-1a": "10.0.0.200" } } })),
    ).toEqual({
      "eu-west-1a": "10.0.0.200",
      "eu-west-1b": "10.0.1.10",
    });
    const adopted = sectionOf({
      network: {
        mode: "existing",
        vpcId: "vpc-0123456789abcdef0",
        cidr: "10.0.0.0/16",
        subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0", "eu-west-1b": "subnet-0123456789abcdef1" },
      },
      endpoint: { mode: "create", ipAddresses: { "eu-west-1a": "10.0.5.10", "eu-west-1b": "10.0.6.10" } },
    });
    expect(endpointAddresses(adopted)).toEqual({ "eu-west-1a": "10.0.5.10", "eu-west-1b": "10.0.6.10" });
  });

  test("fails on a client network of 0.0.0.0/0, and on none at all", () => {
    expect(
      errorFor({ clientNetworks: { anyone: { via: "routed-outside", cidr: "0.0.0.0/0", routedBy: "a test" } } }),
    ).toContain(
      `${FIELD} "clientNetworks.anyone.cidr": received "0.0.0.0/0"; opens the endpoint to a range far wider than any client network (the internet)`,
    );
    expect(errorFor({ clientNetworks: {} })).toContain(
      `${FIELD} "clientNetworks": received {}; is empty; the ALB exists for clients outside the VPC and admits no one else. Fix: name each VPN client pool`,
    );
  });

  test("fails on a certificate in another region than the API", () => {
    expect(
      errorFor({
        domain: {
          name: "api.internal.example.com",
          certificate: {
            mode: "existing",
            arn: "arn:aws:acm:us-east-1:123456789012:certificate/0f6c2a9e-5b1d-4c3e-8a7f-2d9b6e4c1a35",
          },
        },
      }),
    ).toContain(
      `${FIELD} "domain.certificate.arn": received "arn:aws:acm:us-east-1:123456789012:certificate/0f6c2a9e-5b1d-4c3e-8a7f-2d9b6e4c1a35"; is in us-east-1, but the ALB and the custom domain are in eu-west-1 and can only use a certificate of that region. Fix: request or import the certificate in eu-west-1.`,
    );
  });

  test.each([
    ["10.0.9.10", "is outside its subnet 10.0.0.0/24"],
    ["10.0.0.2", "is one of the five addresses AWS reserves in 10.0.0.0/24 (the first four and the last)"],
    ["10.0.0.255", "is one of the five addresses AWS reserves in 10.0.0.0/24 (the first four and the last)"],
    ["10.0.0.300", "is not an IPv4 address such as 10.0.0.10"],
  ])("fails on a fixed address %s: %s", (address, problem) => {
    expect(errorFor({ endpoint: { mode: "create", ipAddresses: { "eu-west-1a": address } } })).toContain(
      `${FIELD} "endpoint.ipAddresses.eu-west-1a": received "${address}"; ${problem}. Fix: choose a free address inside the zone's subnet`,
    );
  });

  test("fails on an address for a zone the network has no subnet in, and on missing addresses of an adopted network", () => {
    expect(errorFor({ endpoint: { mode: "create", ipAddresses: { "eu-west-1c": "10.0.2.10" } } })).toContain(
      `${FIELD} "endpoint.ipAddresses.eu-west-1c": received "10.0.2.10"; names a zone the network has no subnet in. Fix: use one of eu-west-1a, eu-west-1b.`,
    );
    expect(
      errorFor({
        network: {
          mode: "existing",
          vpcId: "vpc-0123456789abcdef0",
          cidr: "10.0.0.0/16",
          subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0", "eu-west-1b": "subnet-0123456789abcdef1" },
        },
      }),
    ).toContain(
      `${FIELD} "endpoint.ipAddresses.eu-west-1a": received nothing; is missing: an adopted subnet's range is not known here, so no address can be derived for it.`,
    );
  });

  test("an adopted endpoint needs an adopted network, and its ids checked; its addresses are looked up, not derived", () => {
    const adoptedNetwork = {
      mode: "existing" as const,
      vpcId: "vpc-0123456789abcdef0",
      cidr: "10.0.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0", "eu-west-1b": "subnet-0123456789abcdef1" },
    };
    const existing = {
      mode: "existing" as const,
      endpointId: "vpce-0123456789abcdef0",
      securityGroupId: "sg-0123456789abcdef0",
    };
    expect(endpointAddresses(sectionOf({ network: adoptedNetwork, endpoint: existing }))).toBeUndefined();
    expect(errorFor({ endpoint: existing })).toContain(
      `${FIELD} "endpoint.endpointId": received "vpce-0123456789abcdef0"; adopts an endpoint into a VPC this stack creates, where it cannot be. Fix: adopt the endpoint's VPC too`,
    );
    expect(
      errorFor({ network: adoptedNetwork, endpoint: { ...existing, endpointId: "vpce-1", securityGroupId: "sg_1" } }),
    ).toMatch(
      /field "endpoint\.endpointId": received "vpce-1"; is not a VPC endpoint id[^]*field "endpoint\.securityGroupId": received "sg_1"; is not a security group id/,
    );
  });

  test.each([
    "ELBSecurityPolicy-2016-08",
    "ELBSecurityPolicy-TLS13-1-0-2021-06",
    "ELBSecurityPolicy-TLS13-1-1-2021-06",
  ])("fails on the listener policy %s, whose minimum is below TLS 1.2, naming the accepted ones", (policy) => {
    const message = errorFor({ alb: { sslPolicy: policy } });
    expect(message).toContain(
      `${FIELD} "alb.sslPolicy": received "${policy}"; is not an accepted listener policy (a TLS 1.3 ELB policy whose minimum is TLS 1.2 or 1.3; TLS13-1-0 and TLS13-1-1 policies still negotiate TLS 1.0 and 1.1). Fix: use ${DEFAULT_SSL_POLICY} (the default), or one of `,
    );
    expect(message).toContain("ELBSecurityPolicy-TLS13-1-3-2021-06");
  });

  test.each(ACCEPTED_SSL_POLICIES)("accepts the listener policy %s", (policy) => {
    expect(sectionOf({ alb: { sslPolicy: policy } }).alb.sslPolicy).toBe(policy);
  });

  test("fails on a bad domain name", () => {
    expect(
      errorFor({
        domain: { name: "API_Example", certificate: { mode: "dns-validated", publicZoneId: "Z0123456789ABC" } },
      }),
    ).toContain(`${FIELD} "domain.name": received "API_Example"; is not a DNS host name.`);
  });
});

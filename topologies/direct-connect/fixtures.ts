import type { z } from "zod";
import type { TopologyFixtures } from "../topology";
import type { directConnectSchema } from "./config";

/** A direct-connect section as an environment file writes it. */
type Input = z.input<ReturnType<typeof directConnectSchema>>;

/** A complete, valid direct-connect section with every option at its default. */
export function directConnectInput(overrides: Partial<Input> = {}): Input {
  return {
    network: {
      mode: "create",
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
    },
    onPremisesNetworks: { "data-centre": "192.168.0.0/16" },
    api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
    directConnect: { gateway: { mode: "create", amazonSideAsn: 64512 } },
    ...overrides,
  };
}

/** The test sections of direct-connect: defaults, every option, adopted. */
export const directConnectFixtures: TopologyFixtures<Input> = {
  defaults: () => directConnectInput(),
  everyOption: directConnectInput({
    network: {
      mode: "create",
      cidr: "10.3.0.0/16",
      privateSubnets: { "eu-west-1a": "10.3.0.0/24", "eu-west-1b": "10.3.1.0/24", "eu-west-1c": "10.3.2.0/24" },
    },
    onPremisesNetworks: { "data-centre": "192.168.0.0/16", branches: "172.20.0.0/16" },
    directConnect: {
      gateway: { mode: "create", amazonSideAsn: 4200000001 },
      vgwAmazonSideAsn: 64600,
      // A range containing the VPC CIDR: the association advertises the VPC CIDR through it.
      allowedPrefixes: ["10.2.0.0/15"],
      virtualInterfaces: {
        primary: {
          kind: "private",
          connectionId: "dxcon-fg5678gh",
          vlan: 4094,
          customerAsn: 65001,
          amazonAddress: "169.254.10.1/30",
          customerAddress: "169.254.10.2/30",
        },
        // A public ASN the customer owns, and peer addresses AWS picks.
        secondary: { kind: "private", connectionId: "dxcon-fh2345jk", vlan: 7, customerAsn: 196613 },
        partner: { kind: "hosted-accepter", virtualInterfaceId: "dxvif-ffabc124" },
      },
    },
    domain: {
      name: "api.dx.example.com",
      certificate: { mode: "dns-validated", publicZoneId: "Z0EXAMPLE000000000001" },
    },
    resolver: { availabilityZones: ["eu-west-1a", "eu-west-1c"] },
  }),
  // The VPC stays created: route propagation needs route tables the stack owns.
  adopted: directConnectInput({
    api: { mode: "existing", restApiId: "a1b2c3d4e9", stageName: "prod" },
    directConnect: {
      // A shared gateway of the network account: an association proposal, no interfaces of its own.
      gateway: {
        mode: "existing",
        gatewayId: "5f0e6f2a-1b2c-4d3e-8f9a-0b1c2d3e4f5a",
        ownerAccountId: "555555555555",
      },
    },
  }),
};

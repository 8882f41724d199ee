import type { z } from "zod";
import type { TopologyFixtures } from "../topology";
import type { splitHorizonPhzSchema } from "./config";

/** A split-horizon-phz section as an environment file writes it. */
type Input = z.input<ReturnType<typeof splitHorizonPhzSchema>>;

/** A complete, valid split-horizon-phz section with every option at its default (custom-domains mode). */
export function splitHorizonPhzInput(overrides: Partial<Input> = {}): Input {
  return {
    network: {
      mode: "create",
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
      egress: {
        via: "nat-gateway",
        publicSubnets: { "eu-west-1a": "10.0.128.0/28", "eu-west-1b": "10.0.128.16/28" },
      },
    },
    api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
    dns: { publicApis: { "api.example.com": { mode: "lookup" } } },
    ...overrides,
  };
}

/** The test sections of split-horizon-phz: defaults, every option, adopted. */
export const splitHorizonPhzFixtures: TopologyFixtures<Input> = {
  defaults: () => splitHorizonPhzInput(),
  everyOption: splitHorizonPhzInput({
    network: {
      mode: "create",
      cidr: "10.4.0.0/16",
      privateSubnets: { "eu-west-1a": "10.4.0.0/24", "eu-west-1b": "10.4.1.0/24" },
      // The central egress is behind the transit gateway that also carries the VPN clients: one attachment.
      egress: { via: "transit-gateway", transitGatewayId: "tgw-00000000000000001" },
    },
    clientNetworks: {
      vpn: { via: "transit-gateway", cidr: "172.16.0.0/22", transitGatewayId: "tgw-00000000000000001" },
    },
    dns: {
      mode: "custom-domains",
      publicApis: {
        "example.net": {
          mode: "configured",
          regionalDomainName: "d-abc123defg.execute-api.eu-west-1.amazonaws.com",
          regionalZoneId: "ZLY8HYME6SFDD",
        },
        "special-api.example.net": { mode: "lookup" },
        "api.partner.example.org": { mode: "lookup" },
      },
      apexZones: ["example.net"],
    },
  }),
  adopted: splitHorizonPhzInput({
    network: {
      mode: "existing",
      vpcId: "vpc-0123456789abcdef2",
      cidr: "10.4.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-000000000000000ee", "eu-west-1b": "subnet-000000000000000ff" },
      egress: { via: "routed-outside", routedBy: "NAT gateways of the shared VPC" },
    },
    api: { mode: "existing", restApiId: "a1b2c3d4e7", stageName: "prod" },
    dns: {
      mode: "per-api-zones",
      otherPrivateApis: {
        orders: { restApiId: "k3x9q2m7p1" },
        billing: { restApiId: "b7c8d9e0f1", accountId: "444444444444" },
      },
    },
  }),
};

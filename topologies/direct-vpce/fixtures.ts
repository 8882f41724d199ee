import type { z } from "zod";
import type { TopologyFixtures } from "../topology";
import type { directVpceSchema } from "./config";

/** A direct-vpce section as an environment file writes it. */
type Input = z.input<ReturnType<typeof directVpceSchema>>;

/** A complete, valid direct-vpce section with every option at its default. */
export function directVpceInput(overrides: Partial<Input> = {}): Input {
  return {
    network: {
      mode: "create",
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
    },
    api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
    ...overrides,
  };
}

/** The test sections of direct-vpce: defaults, every option, adopted. */
export const directVpceFixtures: TopologyFixtures<Input> = {
  defaults: () => directVpceInput(),
  everyOption: directVpceInput({
    clientNetworks: {
      vpn: { via: "client-vpn", securityGroupId: "sg-00000000000000001" },
      "vpn-pool": { via: "transit-gateway", cidr: "172.16.0.0/16", transitGatewayId: "tgw-00000000000000001" },
      "on-premises": { via: "vpn-gateway", cidr: "192.168.0.0/20", vpnGatewayId: "vgw-00000000000000001" },
      partner: { via: "vpc-peering", cidr: "10.50.0.0/16", peeringConnectionId: "pcx-00000000000000001" },
      legacy: { via: "routed-outside", cidr: "10.60.0.0/16", routedBy: "the data-centre firewall" },
    },
    api: {
      mode: "create",
      stageName: "v1",
      loggingLevel: "ERROR",
      authorization: "AWS_IAM",
      throttling: { burstLimit: 100, rateLimit: 50 },
    },
  }),
  adopted: directVpceInput({
    network: {
      mode: "existing",
      vpcId: "vpc-0123456789abcdef0",
      cidr: "10.1.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-000000000000000aa", "eu-west-1b": "subnet-000000000000000bb" },
    },
    clientNetworks: { partner: { via: "routed-outside", cidr: "172.20.0.0/16", routedBy: "the network account TGW" } },
    api: { mode: "existing", restApiId: "a1b2c3d4e5", stageName: "prod" },
  }),
};

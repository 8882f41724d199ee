import type { z } from "zod";
import type { TopologyFixtures } from "../topology";
import type { albFrontSchema } from "./config";

/** A alb-front section as an environment file writes it. */
type Input = z.input<ReturnType<typeof albFrontSchema>>;

/** A complete, valid alb-front section with every option at its default. */
export function albFrontInput(overrides: Partial<Input> = {}): Input {
  return {
    network: {
      mode: "create",
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
    },
    clientNetworks: { vpn: { via: "client-vpn", securityGroupId: "sg-00000000000000001" } },
    api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
    domain: {
      name: "api.internal.example.com",
      certificate: { mode: "dns-validated", publicZoneId: "Z0123456789ABCDEFGHIJ" },
    },
    ...overrides,
  };
}

/** The test sections of alb-front: defaults, every option, adopted. */
export const albFrontFixtures: TopologyFixtures<Input> = {
  defaults: () => albFrontInput(),
  everyOption: albFrontInput({
    network: {
      mode: "create",
      cidr: "10.1.0.0/16",
      privateSubnets: { "eu-west-1a": "10.1.0.0/24", "eu-west-1b": "10.1.1.0/24", "eu-west-1c": "10.1.2.0/24" },
    },
    clientNetworks: {
      vpn: { via: "client-vpn", securityGroupId: "sg-00000000000000001" },
      peered: { via: "vpc-peering", cidr: "10.50.0.0/16", peeringConnectionId: "pcx-00000000000000001" },
      office: { via: "vpn-gateway", cidr: "192.168.0.0/20", vpnGatewayId: "vgw-00000000000000001" },
    },
    endpoint: { mode: "create", ipAddresses: { "eu-west-1a": "10.1.0.20" }, directVpcAccess: true },
    alb: {
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      admitVpc: false,
      redirectHttp: true,
      healthCheckPath: "/ping",
      accessLogs: { bucket: "alb-logs", prefix: "front" },
    },
    domain: {
      name: "api.options.example.com",
      mode: "regional",
      certificate: {
        mode: "existing",
        arn: "arn:aws:acm:eu-west-1:123456789012:certificate/0f6c2a9e-5b1d-4c3e-8a7f-2d9b6e4c1a35",
      },
      clientVpcs: { peered: "vpc-0fedcba9876543210" },
      publicZoneId: "Z0PUBLIC000000000001",
    },
  }),
  adopted: albFrontInput({
    network: {
      mode: "existing",
      vpcId: "vpc-0123456789abcdef1",
      cidr: "10.2.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-000000000000000cc", "eu-west-1b": "subnet-000000000000000dd" },
    },
    endpoint: {
      mode: "existing",
      endpointId: "vpce-0123456789abcdef1",
      securityGroupId: "sg-0123456789abcdef1",
    },
    api: { mode: "existing", restApiId: "a1b2c3d4e6", stageName: "prod" },
  }),
};

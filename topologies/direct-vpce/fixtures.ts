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
    clientNetworks: { vpn: "172.16.0.0/16", "on-premises": "192.168.0.0/20" },
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
    clientNetworks: { partner: "172.20.0.0/16" },
    api: { mode: "existing", restApiId: "a1b2c3d4e5", stageName: "prod" },
  }),
};

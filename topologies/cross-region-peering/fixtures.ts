import type { z } from "zod";
import type { TopologyFixtures } from "../topology";
import type { crossRegionPeeringSchema } from "./config";

/** A cross-region-peering section as an environment file writes it. */
type Input = z.input<ReturnType<typeof crossRegionPeeringSchema>>;

/** A complete, valid cross-region-peering section: one client VPC created in us-east-1. */
export function crossRegionPeeringInput(overrides: Partial<Input> = {}): Input {
  return {
    network: {
      mode: "create",
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
    },
    api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
    clientVpcs: {
      "us-app": {
        region: "us-east-1",
        network: {
          mode: "create",
          cidr: "10.100.0.0/16",
          privateSubnets: { "us-east-1a": "10.100.0.0/24", "us-east-1b": "10.100.1.0/24" },
        },
      },
    },
    ...overrides,
  };
}

/** The test sections of cross-region-peering: defaults, every option, adopted. */
export const crossRegionPeeringFixtures: TopologyFixtures<Input> = {
  defaults: () => crossRegionPeeringInput(),
  everyOption: crossRegionPeeringInput({
    network: {
      mode: "create",
      cidr: "10.5.0.0/16",
      privateSubnets: { "eu-west-1a": "10.5.0.0/24", "eu-west-1b": "10.5.1.0/24" },
    },
    clientVpcs: {
      "us-app": {
        region: "us-east-1",
        network: {
          mode: "create",
          cidr: "10.105.0.0/16",
          privateSubnets: { "us-east-1a": "10.105.0.0/24", "us-east-1b": "10.105.1.0/24" },
        },
      },
      "apac-app": {
        region: "ap-southeast-1",
        network: {
          mode: "existing",
          vpcId: "vpc-0123456789abcdef4",
          cidr: "10.106.0.0/16",
          subnetIds: {
            "ap-southeast-1a": "subnet-00000000000000a01",
            "ap-southeast-1b": "subnet-00000000000000a02",
          },
          routeTableIds: ["rtb-00000000000000a01", "rtb-00000000000000a02"],
        },
      },
    },
    // The seed's zone for the region's whole execute-api domain, as an opt-in.
    clientZone: "region-wildcard",
  }),
  adopted: crossRegionPeeringInput({
    network: {
      mode: "existing",
      vpcId: "vpc-0123456789abcdef3",
      cidr: "10.5.0.0/16",
      subnetIds: { "eu-west-1a": "subnet-00000000000000b01", "eu-west-1b": "subnet-00000000000000b02" },
      routeTableIds: ["rtb-00000000000000b01"],
    },
    api: { mode: "existing", restApiId: "a1b2c3d4e8", stageName: "prod" },
  }),
};

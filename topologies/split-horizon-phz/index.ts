import { adoptedNetwork, clientRanges, PEERED_CLIENTS_CHECK } from "../../config/fragments";
import { defineTopology, topologyFile } from "../topology";
import { splitHorizonPhzDomainClaims, splitHorizonPhzSchema } from "./config";
import { splitHorizonPhzFixtures } from "./fixtures";
import { SplitHorizonPhzStack } from "./stack";

/** split-horizon-phz: everything the project knows of it; the registry lists it. */
export const splitHorizonPhz = defineTopology({
  summary:
    "Clients in the VPC call the private API and keep calling public APIs; Route 53 private zones split the VPC's view of API Gateway names.",
  schema: splitHorizonPhzSchema,
  executeApiDomainClaims: splitHorizonPhzDomainClaims,
  adoptedVpcs: (section, region) => adoptedNetwork(section.network, region),
  Stack: SplitHorizonPhzStack,
  terraformAssertions: topologyFile(__dirname, "asserts.hcl"),
  readme: topologyFile(__dirname, "README.md"),
  configuration: topologyFile(__dirname, "configuration.md"),
  emulatorGaps: [],
  security: {
    applies: {
      "resource-policy": true,
      "endpoint-policy": true,
      "security-groups": true,
      "peering-routes": PEERED_CLIENTS_CHECK,
      secrets: true,
      "execute-api-zone": true,
    },
    admittedCidrs: (section) => [section.network.cidr, ...clientRanges(section.clientNetworks)],
  },
  connectivity: async () => (await import("./connectivity")).matrix,
  fixtures: splitHorizonPhzFixtures,
});

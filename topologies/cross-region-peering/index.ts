import { adoptedNetwork } from "../../config/fragments";
import { defineTopology, topologyFile } from "../topology";
import { callerRanges, crossRegionPeeringDomainClaims, crossRegionPeeringSchema } from "./config";
import { crossRegionPeeringFixtures } from "./fixtures";
import { CrossRegionPeeringStack } from "./stack";

/** cross-region-peering: everything the project knows of it; the registry lists it. */
export const crossRegionPeering = defineTopology({
  summary:
    "Clients in VPCs of other regions call the API over VPC peering, resolving its default URL through a private zone that aliases the endpoint.",
  schema: crossRegionPeeringSchema,
  executeApiDomainClaims: crossRegionPeeringDomainClaims,
  adoptedVpcs: (section, region) => [
    ...adoptedNetwork(section.network, region),
    ...Object.entries(section.clientVpcs).flatMap(([name, client]) =>
      adoptedNetwork(client.network, client.region, `clientVpcs.${name}.network`),
    ),
  ],
  Stack: CrossRegionPeeringStack,
  terraformAssertions: topologyFile(__dirname, "asserts.hcl"),
  readme: topologyFile(__dirname, "README.md"),
  configuration: topologyFile(__dirname, "configuration.md"),
  emulatorGaps: [],
  security: {
    applies: {
      "resource-policy": true,
      "endpoint-policy": true,
      "security-groups": true,
      "peering-routes": true,
      secrets: true,
      "execute-api-zone": true,
    },
    admittedCidrs: (section) => [section.network.cidr, ...Object.values(section.clientVpcs).flatMap(callerRanges)],
  },
  connectivity: async () => (await import("./connectivity")).matrix,
  fixtures: crossRegionPeeringFixtures,
});

import { adoptedNetwork, clientRanges, PEERED_CLIENTS_CHECK } from "../../config/fragments";
import { defineTopology, topologyFile } from "../topology";
import { directVpceDomainClaims, directVpceSchema } from "./config";
import { directVpceFixtures } from "./fixtures";
import { DirectVpceStack } from "./stack";

/** direct-vpce: everything the project knows of it; the registry lists it. */
export const directVpce = defineTopology({
  summary: "Clients in the VPC, or in networks already routed to it, call the API through its interface endpoint.",
  schema: directVpceSchema,
  executeApiDomainClaims: directVpceDomainClaims,
  adoptedVpcs: (section, region) => adoptedNetwork(section.network, region),
  Stack: DirectVpceStack,
  terraformAssertions: topologyFile(__dirname, "asserts.hcl"),
  readme: topologyFile(__dirname, "README.md"),
  configuration: topologyFile(__dirname, "configuration.md"),
  emulatorGaps: ["aws_vpn_gateway_route_propagation"],
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
  fixtures: directVpceFixtures,
});

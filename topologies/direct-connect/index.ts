import { adoptedNetwork } from "../../config/fragments";
import { defineTopology, topologyFile } from "../topology";
import { directConnectDomainClaims, directConnectSchema } from "./config";
import { directConnectFixtures } from "./fixtures";
import { DirectConnectStack } from "./stack";

/** direct-connect: everything the project knows of it; the registry lists it. */
export const directConnect = defineTopology({
  summary:
    "On-premises clients over Direct Connect call a private custom domain name their DNS forwards to a Resolver inbound endpoint, or the endpoint's own names with the x-apigw-api-id header; private DNS stays off.",
  schema: directConnectSchema,
  executeApiDomainClaims: directConnectDomainClaims,
  adoptedVpcs: (section, region) => adoptedNetwork(section.network, region),
  Stack: DirectConnectStack,
  terraformAssertions: topologyFile(__dirname, "asserts.hcl"),
  readme: topologyFile(__dirname, "README.md"),
  configuration: topologyFile(__dirname, "configuration.md"),
  emulatorGaps: [
    "aws_dx_gateway",
    "aws_dx_gateway_association",
    "aws_dx_gateway_association_proposal",
    "aws_vpn_gateway_route_propagation",
    "aws_dx_private_virtual_interface",
    "aws_dx_hosted_private_virtual_interface_accepter",
    "aws_api_gateway_domain_name_access_association",
  ],
  security: {
    applies: {
      "resource-policy": true,
      "endpoint-policy": true,
      "security-groups": true,
      "peering-routes": false,
      secrets: true,
      "execute-api-zone": false,
    },
    admittedCidrs: (section) => [section.network.cidr, ...Object.values(section.onPremisesNetworks)],
  },
  connectivity: async () => (await import("./connectivity")).matrix,
  fixtures: directConnectFixtures,
});

import { adoptedNetwork, clientRanges, PEERED_CLIENTS_CHECK } from "../../config/fragments";
import { defineTopology, topologyFile } from "../topology";
import { albFrontDomainClaims, albFrontSchema } from "./config";
import { albFrontFixtures } from "./fixtures";
import { AlbFrontStack } from "./stack";

/** alb-front: everything the project knows of it; the registry lists it. */
export const albFront = defineTopology({
  summary:
    "Clients over VPN or VPC peering call a custom name that resolves to an internal ALB, which forwards to the endpoint's fixed addresses.",
  schema: albFrontSchema,
  executeApiDomainClaims: albFrontDomainClaims,
  // Its own VPC, and the client VPCs whose resolvers answer the custom name (in its region).
  adoptedVpcs: (section, region) => [
    ...adoptedNetwork(section.network, region),
    ...Object.entries(section.domain.clientVpcs).map(([name, vpcId]) => ({
      vpcId,
      field: `domain.clientVpcs.${name}`,
      region,
    })),
  ],
  Stack: AlbFrontStack,
  terraformAssertions: topologyFile(__dirname, "asserts.hcl"),
  readme: topologyFile(__dirname, "README.md"),
  configuration: topologyFile(__dirname, "configuration.md"),
  emulatorGaps: ["aws_api_gateway_domain_name_access_association", "aws_vpn_gateway_route_propagation"],
  security: {
    applies: {
      "resource-policy": true,
      "endpoint-policy": true,
      "security-groups": true,
      "peering-routes": PEERED_CLIENTS_CHECK,
      secrets: true,
      "execute-api-zone": false,
    },
    // The VPC at the ALB when admitted there, or at a created endpoint with direct VPC access (an
    // adopted endpoint's own rules belong to its owner); the client networks at the ALB.
    admittedCidrs: (section) => [
      ...(section.alb.admitVpc || (section.endpoint.mode === "create" && section.endpoint.directVpcAccess)
        ? [section.network.cidr]
        : []),
      ...clientRanges(section.clientNetworks),
    ],
  },
  connectivity: async () => (await import("./connectivity")).matrix,
  fixtures: albFrontFixtures,
});

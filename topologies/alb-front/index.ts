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
  Stack: AlbFrontStack,
  terraformAssertions: topologyFile(__dirname, "asserts.hcl"),
  readme: topologyFile(__dirname, "README.md"),
  configuration: topologyFile(__dirname, "configuration.md"),
  emulatorGaps: ["aws_api_gateway_domain_name_access_association"],
  security: {
    applies: {
      "resource-policy": true,
      "endpoint-policy": true,
      "security-groups": true,
      "peering-routes": false,
      secrets: true,
      "execute-api-zone": false,
    },
    // An adopted endpoint's own rules (the VPC's, among them) belong to its owner.
    admittedCidrs: (section) => [
      ...(section.endpoint.mode === "existing" ? [] : [section.network.cidr]),
      ...Object.values(section.clientNetworks),
    ],
  },
  connectivity: async () => (await import("./connectivity")).matrix,
  fixtures: albFrontFixtures,
});

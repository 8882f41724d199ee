import type { Construct } from "constructs";
import type { z } from "zod";
import type { TopologyConfig } from "../config";
import { albFrontDomainClaims, albFrontSchema } from "../config/topologies/alb-front";
import { crossRegionPeeringDomainClaims, crossRegionPeeringSchema } from "../config/topologies/cross-region-peering";
import { directConnectDomainClaims, directConnectSchema } from "../config/topologies/direct-connect";
import { directVpceDomainClaims, directVpceSchema } from "../config/topologies/direct-vpce";
import { splitHorizonPhzDomainClaims, splitHorizonPhzSchema } from "../config/topologies/split-horizon-phz";
import { AlbFrontStack } from "./alb-front";
import { CrossRegionPeeringStack } from "./cross-region-peering";
import { DirectConnectStack } from "./direct-connect";
import { DirectVpceStack } from "./direct-vpce";
import { SplitHorizonPhzStack } from "./split-horizon-phz";
import type { EnvironmentStack, TopologyStackProps } from "./environment-stack";

/**
 * A topology: everything the project knows of it. Adding a topology is one schema file
 * (config/topologies/), one stack file (stacks/), one entry below, and its tests.
 */
export interface Topology<S extends z.ZodType = z.ZodType> extends TopologyConfig<S> {
  /** One line: who calls the API, and how. */
  readonly summary: string;
  /** The stack class; built once per environment that has a section for the topology. */
  readonly Stack: new (scope: Construct, props: TopologyStackProps<z.output<S>>) => EnvironmentStack;
  /** `terraform test` assertions for each of its stacks, relative to the project root. */
  readonly terraformAssertions: string;
  /** Heading of its README section. */
  readonly readmeSection: string;
}

function topology<S extends z.ZodType>(definition: Topology<S>): Topology<S> {
  return definition;
}

/** Every topology, by name, in the order their stacks are listed. */
export const TOPOLOGIES = {
  "direct-vpce": topology({
    summary: "Clients in the VPC, or in networks already routed to it, call the API through its interface endpoint.",
    schema: directVpceSchema,
    executeApiDomainClaims: directVpceDomainClaims,
    Stack: DirectVpceStack,
    terraformAssertions: "test/terraform/direct-vpce.asserts.hcl",
    readmeSection: "Topology: direct-vpce",
  }),
  "alb-front": topology({
    summary:
      "Clients over VPN or VPC peering call a custom name that resolves to an internal ALB, which forwards to the endpoint's fixed addresses.",
    schema: albFrontSchema,
    executeApiDomainClaims: albFrontDomainClaims,
    Stack: AlbFrontStack,
    terraformAssertions: "test/terraform/alb-front.asserts.hcl",
    readmeSection: "Topology: alb-front",
  }),
  "direct-connect": topology({
    summary:
      "On-premises clients over Direct Connect call the endpoint's own names with the x-apigw-api-id header; private DNS stays off.",
    schema: directConnectSchema,
    executeApiDomainClaims: directConnectDomainClaims,
    Stack: DirectConnectStack,
    terraformAssertions: "test/terraform/direct-connect.asserts.hcl",
    readmeSection: "Topology: direct-connect",
  }),
  "split-horizon-phz": topology({
    summary:
      "Clients in the VPC call the private API and keep calling public APIs; Route 53 private zones split the VPC's view of API Gateway names.",
    schema: splitHorizonPhzSchema,
    executeApiDomainClaims: splitHorizonPhzDomainClaims,
    Stack: SplitHorizonPhzStack,
    terraformAssertions: "test/terraform/split-horizon-phz.asserts.hcl",
    readmeSection: "Topology: split-horizon-phz",
  }),
  "cross-region-peering": topology({
    summary:
      "Clients in VPCs of other regions call the API over VPC peering, resolving its default URL through a private zone that aliases the endpoint.",
    schema: crossRegionPeeringSchema,
    executeApiDomainClaims: crossRegionPeeringDomainClaims,
    Stack: CrossRegionPeeringStack,
    terraformAssertions: "test/terraform/cross-region-peering.asserts.hcl",
    readmeSection: "Topology: cross-region-peering",
  }),
} as const;

export type TopologyName = keyof typeof TOPOLOGIES;

/** The sections an environment file may hold, typed from each topology's schema. */
export type TopologySectionInputs = {
  readonly [K in TopologyName]?: z.input<ReturnType<(typeof TOPOLOGIES)[K]["schema"]>>;
};

/** The registry as one type, for code that treats every topology alike. */
export const TOPOLOGY_CATALOG: Readonly<Record<string, Topology>> = TOPOLOGIES;

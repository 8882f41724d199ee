import type { z } from "zod";
import type { EnvironmentFields } from "../config";
import { albFront } from "./alb-front";
import { crossRegionPeering } from "./cross-region-peering";
import { directConnect } from "./direct-connect";
import { directVpce } from "./direct-vpce";
import { splitHorizonPhz } from "./split-horizon-phz";
import type { Topology } from "./topology";

/**
 * Every topology, by name, in the order their stacks are listed. Adding a topology is one folder
 * (topologies/<name>/, its index.ts exporting the unit) and one line here; see the README's
 * "Adding a topology".
 */
export const TOPOLOGIES = {
  "direct-vpce": directVpce,
  "alb-front": albFront,
  "direct-connect": directConnect,
  "split-horizon-phz": splitHorizonPhz,
  "cross-region-peering": crossRegionPeering,
} as const;

export type TopologyName = keyof typeof TOPOLOGIES;

/** The registry's first topology: the one examples and tests name when any one will do. */
export const FIRST_TOPOLOGY = Object.keys(TOPOLOGIES)[0] as TopologyName;

/** The registry as one type, for code that treats every topology alike. */
export const TOPOLOGY_CATALOG: Readonly<Record<string, Topology>> = TOPOLOGIES;

/** The sections an environment file may hold, typed from each topology's schema. */
export type TopologySectionInputs = {
  readonly [K in TopologyName]?: z.input<ReturnType<(typeof TOPOLOGIES)[K]["schema"]>>;
};

/** An environment as written in `environments/<name>.ts`. */
export type EnvironmentInput = EnvironmentFields & {
  /** The topologies this environment runs, keyed by topology name. */
  readonly topologies: TopologySectionInputs;
};

/** Typed identity function for environment files: gives completion and type errors in editors. */
export function defineEnvironment(environment: EnvironmentInput): EnvironmentInput {
  return environment;
}

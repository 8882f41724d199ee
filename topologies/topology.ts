import * as path from "node:path";
import type { Construct } from "constructs";
import type { z } from "zod";
import type { Matrix } from "../connectivity/matrix";
import type { TopologyConfig } from "../config";
import { PROJECT_ROOT } from "../lib/paths";
import type { EnvironmentStack, TopologyStackProps } from "../stacks/environment-stack";

/**
 * The security domain checks (test/security/domain-checks.ts) a topology says apply, or not, to
 * its stacks; a check that does not apply is itself asserted, so a stack that loses, say, its
 * security groups fails instead of passing vacuously.
 */
export type DomainCheckId =
  "resource-policy" | "endpoint-policy" | "security-groups" | "peering-routes" | "secrets" | "execute-api-zone";

/** A check that applies to the stacks whose section has what it looks at. */
export interface ConditionalCheck<Section> {
  readonly when: (section: Section) => boolean;
  /** The condition, in words: "where …". */
  readonly where: string;
}

/** Whether a check applies to a stack of the section. */
export function checkApplies<Section>(applies: boolean | ConditionalCheck<Section>, section: Section): boolean {
  return typeof applies === "boolean" ? applies : applies.when(section);
}

/** What the security domain checks need to know of a topology. */
export interface TopologySecurity<Section> {
  /**
   * Which checks apply to its stacks: always, never, or where the section has what the check looks
   * at (`when`, with the condition in words for SECURITY.md).
   */
  readonly applies: Readonly<Record<DomainCheckId, boolean | ConditionalCheck<Section>>>;
  /** Every CIDR its configuration admits to the stack's security groups. */
  readonly admittedCidrs: (section: Section) => readonly string[];
}

/**
 * Sections that, between them, exercise the topology: every option at its default, every option
 * switched on, and its resources adopted rather than created. The checks over every stack run on
 * them beside the shipped environments, so an option no shipped environment uses is covered.
 */
export interface TopologyFixtures<Input> {
  /** A complete, valid section with every option at its default. */
  readonly defaults: () => Input;
  /** A section that switches every option on (the "options" test environment). */
  readonly everyOption: Input;
  /** A section that adopts what can be adopted (the "adopted" test environment). */
  readonly adopted: Input;
}

/**
 * A topology: everything the project knows of it, from its own folder (`topologies/<name>/`).
 * The registry (topologies/registry.ts) lists them; everything that enumerates topologies reads it.
 */
export interface Topology<S extends z.ZodType = z.ZodType> extends TopologyConfig<S> {
  /** One line: who calls the API, and how (the README's topology table). */
  readonly summary: string;
  /** The stack class; built once per environment that has a section for the topology. */
  readonly Stack: new (scope: Construct, props: TopologyStackProps<z.output<S>>) => EnvironmentStack;
  /** Its `terraform test` assertions for each of its stacks, relative to the project root. */
  readonly terraformAssertions: string;
  /** Its README section (markdown, spliced into the README), relative to the project root. */
  readonly readme: string;
  /** Its part of the README's configuration reference (markdown), relative to the project root. */
  readonly configuration: string;
  /**
   * The resource types of its stacks that the emulator cannot create (lifecycle/gaps.ts gives each
   * one's reason); the lifecycle leaves them out and says so.
   */
  readonly emulatorGaps: readonly string[];
  /** What the security domain checks need of it. */
  readonly security: TopologySecurity<z.output<S>>;
  /**
   * Who reaches its API (its connectivity matrix: the tests, the README table, the explain
   * examples), loaded on demand: it brings the evaluator, which synthesis never needs.
   */
  readonly connectivity: () => Promise<Matrix>;
  /** Its test sections. */
  readonly fixtures: TopologyFixtures<z.input<S>>;
}

/** A file of a topology's folder, relative to the project root (`folder` is the unit's `__dirname`). */
export function topologyFile(folder: string, file: string): string {
  return path.relative(PROJECT_ROOT, path.join(folder, file));
}

/** Typed identity function for a topology's unit: infers its schema type. */
export function defineTopology<S extends z.ZodType>(definition: Topology<S>): Topology<S> {
  return definition;
}

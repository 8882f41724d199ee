/**
 * The shipped stacks: the committed Terraform of the stacks the registry describes. Callers name the
 * stacks (from `describeStacks`, which knows each stack's topology and environment); nothing here
 * parses a folder name, which may hold hyphens of its own.
 */
import { join } from "node:path";
import { GENERATED_DIR, STACK_FILE } from "../lib/paths";
import { loadStack, type ParsedStack } from "./hcl";

/** A committed stack, as the registry describes it. */
export interface ShippedStack {
  /** The stack's name (its folder in generated/). */
  readonly name: string;
  /** The environment it belongs to. */
  readonly environment: string;
}

/** The committed file of a stack by name (`generated/<name>/main.tf`). */
export function stackFile(name: string): string {
  return join(GENERATED_DIR, name, STACK_FILE);
}

/** Loads (once per process) the committed Terraform of each stack. */
export function loadShipped(
  stacks: readonly ShippedStack[],
): Promise<(ShippedStack & { readonly stack: ParsedStack })[]> {
  return Promise.all(
    stacks.map(async ({ name, environment }) => ({ name, environment, stack: await loadStack(stackFile(name), name) })),
  );
}

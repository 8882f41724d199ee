/**
 * A topology's connectivity matrix as data: requests, the outcome the topology promises, and where a shipped
 * environment does not deliver it (the gap, stated with what the evaluator finds). Used by each topology's
 * test and by the README's "who reaches what" tables.
 */
import type { Hop, Outcome } from "./evaluate";
import type { ParsedStack } from "./hcl";
import { modelOf, type StackModel } from "./model";
import type { Change } from "./mutate";
import type { ConnectivityRequest } from "./request";

/** One request, or a function of the stack giving one request per thing of that kind it lists. */
export type RequestOrRequests =
  ConnectivityRequest | ((model: StackModel, stack: ParsedStack) => ConnectivityRequest[]);

/** An expected result: an outcome, and for a failure the hop that decides it. */
export interface Expected {
  readonly outcome: Outcome;
  readonly hop?: Hop;
}

/** Where shipped environments fail a row's promise, and why (a later issue fixes the stacks). */
export interface Gap extends Expected {
  /** The gap, in one sentence. */
  readonly gap: string;
  /** The environments with the gap. @default every shipped environment */
  readonly environments?: readonly string[];
}

/** One request of the matrix. */
export interface MatrixRow {
  /** Who calls what, in words (the README table's client column). */
  readonly client: string;
  /** The URL as a reader knows it (the README table's URL column). */
  readonly url: string;
  /**
   * The request, or a function of the stack's model (and the stack, for its outputs) giving one request per
   * thing of that kind it lists.
   */
  readonly request: RequestOrRequests;
  /** What the topology promises. */
  readonly expect: Expected;
  /** Where shipped environments fail the promise. */
  readonly shipped?: readonly Gap[];
}

/** A mutation: one thing removed or changed in the synthesized stack, and the failure it must cause. */
export interface Mutation {
  readonly name: string;
  /** The changes, applied to each shipped stack; a function picks them from the stack. */
  readonly changes: (stack: ParsedStack, model: StackModel) => Change[];
  readonly request: RequestOrRequests;
  readonly expect: Expected;
  /** Only for stacks where this holds. @default every shipped stack */
  readonly appliesTo?: (model: StackModel) => boolean;
}

/**
 * The request `npm run explain --help` shows for a topology, on one of its shipped stacks, with the
 * answer that stack gives today (a test keeps it true, so the help never shows a stale command).
 */
export interface Example {
  /** What the example asks, in words. */
  readonly description: string;
  /** The shipped environment whose stack it asks. */
  readonly environment: string;
  readonly request: ConnectivityRequest;
  /** The outcome that stack gives it. */
  readonly outcome: Expected["outcome"];
}

/** A topology's matrix. */
export interface Matrix {
  readonly topology: string;
  /** What `npm run explain --help` shows for the topology. */
  readonly example: Example;
  readonly rows: readonly MatrixRow[];
  readonly mutations: readonly Mutation[];
}

/** The expectation of a row for one environment: its gap there, or its promise. */
export function expectedFor(row: MatrixRow, environment: string): Expected & { readonly gap?: string } {
  const gap = row.shipped?.find((candidate) => candidate.environments?.includes(environment) ?? true);
  return gap ?? row.expect;
}

/** The requests of a row (or mutation) for one stack. */
export function requestsOf(request: RequestOrRequests, stack: ParsedStack): ConnectivityRequest[] {
  return typeof request === "function" ? request(modelOf(stack.name, stack.hcl), stack) : [request];
}

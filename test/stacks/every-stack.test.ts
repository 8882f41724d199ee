import { Testing } from "cdktf";
import { loadEnvironmentSources } from "../../config";
import { defineStacks } from "../../topologies";
import { synth, type Synthesized } from "../helpers";
import { everyOptionSources } from "../helpers/fixtures";
import { EVERY_STACK_PROPERTIES } from "./every-stack-checks";

/**
 * Properties every stack the registry produces must have (every-stack-checks.ts), checked over the
 * committed environments and over fixtures that switch every option on: a topology is covered the
 * day it lands. The property tests (test/property) check them over generated environments too.
 */

let stacks: [string, Synthesized][] = [];
beforeAll(async () => {
  const all = [...(await loadEnvironmentSources()), ...everyOptionSources()];
  stacks = defineStacks(Testing.app(), all).map((stack) => [stack.node.id, synth(stack)]);
});

describe("every stack", () => {
  test("there are stacks to check", () => {
    expect(stacks.length).toBeGreaterThanOrEqual(8);
  });

  test.each(EVERY_STACK_PROPERTIES.map((property) => [property.title, property]))("%s", (_title, property) => {
    expect(stacks.flatMap(([name, out]) => property.problems(name, out))).toEqual([]);
  });
});

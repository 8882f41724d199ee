import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { type EnvironmentSource, loadEnvironmentSources } from "../../config";
import { EMULATOR_GAPS, MOTO_GAPS } from "../../lifecycle/gaps";
import { INVENTORIED, uninventoried } from "../../lifecycle/inventory";
import { PROJECT_ROOT } from "../../lib/paths";
import { defineStacks } from "../../topologies";
import { parseSynthesized } from "../helpers";
import { everyOptionSources } from "../helpers/fixtures";

/*
 * The declared emulator gaps stay exact: each topology declares every gap type its stacks hold
 * (shipped and every-option fixtures), and nothing its stacks do not hold, so the lifecycle never
 * leaves out more than it must and never meets an undeclared gap.
 */

let typesByTopology = new Map<string, Set<string>>();

beforeAll(async () => {
  const sources: EnvironmentSource[] = [...(await loadEnvironmentSources()), ...everyOptionSources()];
  typesByTopology = new Map();
  for (const stack of defineStacks(Testing.app(), sources)) {
    const types = typesByTopology.get(stack.topology) ?? new Set<string>();
    for (const type of Object.keys(parseSynthesized(Testing.synth(stack)).resource)) {
      types.add(type);
    }
    typesByTopology.set(stack.topology, types);
  }
});

test("every topology's stacks are covered by a gap list, and every list by stacks", () => {
  expect([...typesByTopology.keys()].sort()).toEqual(Object.keys(EMULATOR_GAPS).sort());
});

test.each(Object.entries(EMULATOR_GAPS))("%s declares exactly the emulator gaps its stacks meet", (topology, gaps) => {
  const types = typesByTopology.get(topology) ?? new Set<string>();
  const met = Object.keys(MOTO_GAPS)
    .filter((type) => types.has(type))
    .sort();
  expect(gaps.map((gap) => gap.resourceType).sort()).toEqual(met);
});

test("each gap names its resource type and gives a reason", () => {
  for (const [type, reason] of Object.entries(MOTO_GAPS)) {
    expect(type).toMatch(/^aws_/);
    expect(reason).toMatch(/^moto does not implement /);
  }
});

test.each([...typesByTopologyNames()])(
  "the emulator's inventory looks for every resource type of %s's stacks that the emulator can create",
  (topology) => {
    const gaps = new Set((EMULATOR_GAPS[topology] ?? []).map((gap) => gap.resourceType));
    const types = [...(typesByTopology.get(topology) ?? [])].filter((type) => !gaps.has(type));
    expect(uninventoried(types)).toEqual([]);
  },
);

test("every inventoried kind is one emulator.py lists, and a type nobody lists is refused", () => {
  const script = readFileSync(path.join(PROJECT_ROOT, "lifecycle", "emulator.py"), "utf8");
  for (const kind of new Set(Object.values(INVENTORIED))) {
    expect({ kind, listed: script.includes(`f"${kind}{at}"`) || script.includes(`"${kind}"`) }).toEqual({
      kind,
      listed: true,
    });
  }
  expect(uninventoried(["aws_vpc", "aws_ec2_transit_gateway", "terraform_data"])).toEqual(["aws_ec2_transit_gateway"]);
});

/** The stack kinds the gap lists cover: every topology of the registry and the account stack. */
function typesByTopologyNames(): string[] {
  return Object.keys(EMULATOR_GAPS);
}

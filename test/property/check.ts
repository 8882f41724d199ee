import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { type EnvironmentSource, type ResolvedEnvironment, resolveEnvironments } from "../../config";
import { evaluate } from "../../connectivity/evaluate";
import { formatAnswer } from "../../connectivity/format";
import { parseStack } from "../../connectivity/hcl";
import { expectedFor, type Matrix, requestsOf } from "../../connectivity/matrix";
import { RequestError } from "../../connectivity/request";
import { ConfigError, formatProblem, type LocatedProblem } from "../../lib/errors";
import { synthesizeStacks } from "../../synth/synthesize";
import { terraformFmtCheck } from "../../tooling/hcl";
import { TOPOLOGY_CATALOG } from "../../topologies/registry";
import { checkApplies, type DomainCheckId } from "../../topologies/topology";
import { STACK_FILE } from "../../lib/paths";
import type { EnvironmentStack } from "../../stacks/environment-stack";
import { defineStacks, type StackDescription } from "../../topologies";
import { parseSynthesized, source } from "../helpers";
import { DOMAIN_CHECKS } from "../security/domain-checks";
import { everyStackProblems } from "../stacks/every-stack-checks";
import { GENERATED_NAME } from "./arbitraries";
import { environmentFile } from "./environment-file";

/**
 * The property every generated environment file must have: it is rejected with configuration
 * errors that each name the environment, the topology (inside a topology's section), the field,
 * the value received and the fix; or it validates, and (for the sampled share) synthesizes into
 * stacks that hold the project's own invariants and deliver what their topology's matrix promises.
 * A violation throws an Error saying which.
 */

/** What became of a case. */
export type Outcome = "rejected" | "valid" | "synthesized";

/** The file a generated environment is reported as. */
const FILE = `environments/${GENERATED_NAME}.ts`;

/** The matrices of the registry, loaded once. */
export async function loadMatrices(): Promise<ReadonlyMap<string, Matrix>> {
  return new Map(
    await Promise.all(
      Object.entries(TOPOLOGY_CATALOG).map(async ([name, unit]): Promise<[string, Matrix]> => [
        name,
        await unit.connectivity(),
      ]),
    ),
  );
}

/** What to do with a case that validates. */
export interface SynthesisPlan {
  /** The topologies whose stacks to synthesize and check (none: validate only). */
  readonly topologies: readonly string[];
  /** Where the formatted HCL goes, for one `terraform fmt -check` of the whole run (see FmtBatch). */
  readonly fmt: FmtBatch;
}

/**
 * Checks one generated environment file through the configuration's entry point (the one `npm run
 * synth` uses) and, when `plan` names topologies, the synthesis of their stacks. Returns what
 * became of it; throws an Error naming the violation.
 */
export async function checkEnvironment(
  input: unknown,
  plan: SynthesisPlan | undefined,
  matrices: ReadonlyMap<string, Matrix>,
): Promise<Outcome> {
  const sources = [source(input, GENERATED_NAME)];
  let resolved: ResolvedEnvironment[];
  try {
    resolved = resolveEnvironments(sources, TOPOLOGY_CATALOG);
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw new Error(`validation threw instead of reporting a configuration error: ${describe(error)}`);
    }
    checkProblems(error.problems, input);
    return "rejected";
  }
  const chosen = new Set(plan?.topologies ?? []);
  if (plan === undefined || chosen.size === 0) {
    return "valid";
  }
  const sections = new Map(resolved.flatMap((environment) => environment.sections).map((s) => [s.topology, s.section]));
  await checkSynthesized(sources, (stack) => chosen.has(stack.topology), sections, matrices, input, plan.fmt);
  return "synthesized";
}

/**
 * The topology of a valid case worth synthesizing, as a list of one (none when it runs none): one
 * whose section the mutations changed, or (when only environment-wide fields changed, or nothing)
 * any; `focus` picks which. One per case: each stack costs about half a second.
 */
export function topologyToSynthesize(input: unknown, base: unknown, focus: number): string[] {
  const sectionsOf = (value: unknown) =>
    ((typeof value === "object" && value !== null ? (value as Data).topologies : undefined) ?? {}) as Data;
  const mine = sectionsOf(input);
  const names = Object.keys(mine).filter((name) => name in TOPOLOGY_CATALOG);
  const changed = names.filter((name) => JSON.stringify(mine[name]) !== JSON.stringify(sectionsOf(base)[name]));
  const pool = changed.length > 0 ? changed : names;
  const picked = pool[focus % Math.max(pool.length, 1)];
  return picked === undefined ? [] : [picked];
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
}

type Data = Record<string, unknown>;

/**
 * The value at a dotted field path; keys may hold dots themselves (host names), so every split is
 * tried. `found` is false when no split names a place in `root`.
 */
function valueAt(root: unknown, segments: readonly string[]): { found: boolean; value?: unknown } {
  if (segments.length === 0) {
    return { found: true, value: root };
  }
  if (typeof root !== "object" || root === null) {
    return { found: false };
  }
  for (let length = 1; length <= segments.length; length++) {
    const key = segments.slice(0, length).join(".");
    if (Object.prototype.hasOwnProperty.call(root, key)) {
      const rest = valueAt((root as Data)[key], segments.slice(length));
      if (rest.found) {
        return rest;
      }
    }
  }
  return { found: false };
}

/** Fields that name the whole of what was validated. */
const WHOLE = ["(environment)", "(section)", "(default export)"];

function checkProblems(problems: readonly LocatedProblem[], input: unknown): void {
  if (problems.length === 0) {
    throw new Error("a ConfigError with no problem");
  }
  const sections = (typeof input === "object" && input !== null ? (input as Data).topologies : undefined) as
    Data | undefined;
  for (const problem of problems) {
    const line = formatProblem(problem);
    const fail = (what: string) => {
      throw new Error(`a configuration error ${what}:\n  ${line}`);
    };
    if (problem.environment !== GENERATED_NAME || problem.file !== FILE) {
      fail(`names environment "${problem.environment}" in ${problem.file}`);
    }
    if (typeof problem.field !== "string" || problem.field.trim() === "") {
      fail("names no field");
    }
    if (problem.problem.trim() === "" || problem.fix.trim() === "") {
      fail("says no problem or no fix");
    }
    if (line.includes("\n") || /\bat .*\.(ts|js):\d+/.test(line)) {
      fail("is not one line (a stack trace?)");
    }
    const topology = problem.topology;
    if (topology !== undefined && !(topology in TOPOLOGY_CATALOG && sections !== undefined && topology in sections)) {
      fail(`names topology "${topology}", which the file does not run`);
    }
    const inSection = /^topologies\.([^.]+)\./.exec(problem.field)?.[1];
    if (topology === undefined && inSection !== undefined && inSection in TOPOLOGY_CATALOG) {
      fail(`lies in the section of topology "${inSection}" but does not name it`);
    }
    const root = topology === undefined ? input : sections?.[topology];
    const at = WHOLE.includes(problem.field) ? { found: true, value: root } : valueAt(root, problem.field.split("."));
    if (problem.value === undefined && at.found && at.value !== undefined) {
      fail("says it received nothing where the file has a value");
    }
  }
}

/**
 * The HCL of every synthesized case of a run, in one folder, for one `terraform fmt -check` at the
 * end (a process per case would cost a tenth of a second each): a file it would change is reported
 * with the environment file it came from.
 */
export class FmtBatch {
  private readonly folder = mkdtempSync(path.join(tmpdir(), "property-hcl-"));
  private readonly environments = new Map<string, unknown>();

  /** Adds one case's stacks (HCL by stack name). */
  public add(input: unknown, hcl: ReadonlyMap<string, string>): void {
    const name = `case-${String(this.environments.size)}`;
    this.environments.set(name, input);
    for (const [stack, text] of hcl) {
      mkdirSync(path.join(this.folder, name, stack), { recursive: true });
      writeFileSync(path.join(this.folder, name, stack, "main.tf"), text);
    }
  }

  /** How many cases were added. */
  public get size(): number {
    return this.environments.size;
  }

  /** `terraform fmt -check` over every case: each unformatted file with its environment file. */
  public check(): string[] {
    if (this.environments.size === 0) {
      return [];
    }
    const diff = terraformFmtCheck(this.folder);
    if (diff === "") {
      return [];
    }
    return [...this.environments]
      .filter(([name]) => diff.includes(name))
      .map(
        ([name, input]) =>
          `terraform fmt -check: ${name}\n${diff}\nfrom this environment file:\n${environmentFile(input)}`,
      );
  }

  public remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** Synthesizes the selected stacks both ways (cdktf's JSON and the formatted HCL) and checks them. */
async function checkSynthesized(
  sources: EnvironmentSource[],
  select: (stack: StackDescription) => boolean,
  sections: ReadonlyMap<string, unknown>,
  matrices: ReadonlyMap<string, Matrix>,
  input: unknown,
  fmt: FmtBatch,
): Promise<void> {
  let hcl: ReadonlyMap<string, string>;
  let stacks: EnvironmentStack[];
  try {
    hcl = (await synthesizeStacks(sources, select)).files;
    stacks = defineStacks(Testing.app(), sources, select);
  } catch (error) {
    throw new Error(`a valid environment fails to synthesize: ${describe(error)}`);
  }
  const problems: string[] = [];
  const formatted = new Map<string, string>();
  for (const built of stacks) {
    const name = built.node.id;
    const json = Testing.synth(built);
    const synthesized = parseSynthesized(json);
    const text = hcl.get(`${name}/${STACK_FILE}`) ?? "";
    formatted.set(name, text);
    problems.push(...everyStackProblems(name, synthesized));
    const unit = TOPOLOGY_CATALOG[built.topology];
    const section = sections.get(built.topology);
    const stack = {
      name,
      synthesized,
      text: `${json}\n${text}`,
      admittedCidrs: unit?.security.admittedCidrs(section) ?? [],
    };
    for (const check of DOMAIN_CHECKS) {
      const verdict = check.check(stack);
      if (verdict.applies) {
        problems.push(...verdict.problems.map((problem) => `${name}: ${check.id}: ${problem}`));
      }
      const rule = unit?.security.applies[check.id as DomainCheckId];
      if (rule !== undefined && checkApplies(rule, section) !== verdict.applies) {
        problems.push(
          `${name}: check ${check.id} ${verdict.applies ? "applies, but its topology says it does not" : "does not apply, but its topology says it does"}`,
        );
      }
    }
    const matrix = matrices.get(built.topology);
    if (matrix !== undefined) {
      problems.push(...(await brokenPromises(matrix, name, text, adopts(section))));
    }
  }
  fmt.add(input, formatted);
  if (problems.length > 0) {
    throw new Error(`the synthesized stacks break the project's invariants:\n  ${problems.join("\n  ")}`);
  }
}

/**
 * Whether a section adopts its network, endpoint or API: the matrices' rows name the resources a
 * stack creates (`aws_vpc.network_vpc`, `aws_api_gateway_stage.api_stage`), so on a stack that
 * adopts them a row may have nothing to ask.
 */
function adopts(section: unknown): boolean {
  const parts = (typeof section === "object" && section !== null ? section : {}) as Record<string, { mode?: unknown }>;
  return ["network", "endpoint", "api"].some((part) => parts[part]?.mode === "existing");
}

/**
 * Each request of the matrix whose answer on this stack is not what the topology promises; a row
 * that cannot be asked is one too, unless the stack adopts what it names (`adopted`).
 */
async function brokenPromises(matrix: Matrix, name: string, text: string, adopted: boolean): Promise<string[]> {
  const stack = await parseStack(name, text);
  return matrix.rows.flatMap((row) => {
    const expected = expectedFor(row, GENERATED_NAME);
    try {
      return requestsOf(row.request, stack).flatMap((request) => {
        const answer = evaluate(stack, request);
        const delivered =
          answer.outcome === expected.outcome && (expected.hop === undefined || answer.hop === expected.hop);
        return delivered
          ? []
          : [
              `${name}: ${row.client} → ${row.url}: promised ${expected.outcome}${expected.hop === undefined ? "" : ` at ${expected.hop}`}, got ${answer.outcome} at ${answer.hop}\n    ${formatAnswer(answer).split("\n").join("\n    ")}`,
            ];
      });
    } catch (error) {
      if (adopted && error instanceof RequestError) {
        return [];
      }
      return [`${name}: ${row.client} → ${row.url}: cannot be asked: ${(error as Error).message}`];
    }
  });
}

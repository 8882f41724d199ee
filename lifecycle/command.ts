import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { loadEnvironmentSources } from "../config";
import { parseCommandArgs } from "../tooling/arguments";
import { UsageError } from "../tooling/cli";
import { UserError } from "../lib/errors";
import { requireTerraform } from "../tooling/hcl";
import { findMirror, mirrorVersions, offlineTerraformEnv } from "../tooling/offline-terraform";
import { describeStacks, type StackDescription } from "../topologies";
import { selectedStacks } from "../synth/command";
import { GENERATED_DIR, STACK_FILE } from "../lib/paths";
import { stackFolders } from "../synth/synthesize";
import { removeTemporary, setInterruptNote, temporaryFolder } from "../synth/temporary";
import { type Emulator, installEmulator, startEmulator } from "./emulator";
import { FIRST_TOPOLOGY } from "../topologies/registry";
import { EMULATOR_GAPS } from "./gaps";
import { runStackLifecycle, type StackResult, STEP_LIMITS_S } from "./run";

export const USAGE = `Usage: npm run lifecycle -- [options]

Applies, re-plans and destroys each generated stack against the moto AWS emulator, offline, in a
temporary copy of its folder (generated/ is never touched), and fails unless every stack applies,
its second plan is empty and its destroy leaves nothing behind.

Options:
  --env <name>    only the stacks of this environment; repeatable
  --stack <name>  only this stack; repeatable (with --env: the stacks either names)
  --jobs <n>      stacks run side by side, each against its own emulator (default: 2)
  --keep          keep the temporary folders (printed): each stack's copy, with one log per step
  -h, --help      print this help

Examples:
  npm run lifecycle
  npm run lifecycle -- --env dev
  npm run lifecycle -- --stack ${FIRST_TOPOLOGY}-prod

Exit codes: 0 every stack passed, 1 a stack failed (or the emulator could not run), 2 usage.
`;

export interface LifecycleOptions {
  readonly envs: readonly string[];
  readonly stacks: readonly string[];
  readonly jobs: number;
  readonly keep: boolean;
  readonly help: boolean;
}

export function parseLifecycleArgs(args: readonly string[]): LifecycleOptions {
  const values = parseCommandArgs("lifecycle", args, {
    env: { type: "string", multiple: true },
    stack: { type: "string", multiple: true },
    jobs: { type: "string" },
    keep: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  const jobs = values.jobs === undefined ? 2 : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 8) {
    throw new UsageError(`--jobs takes a whole number from 1 to 8, got "${values.jobs ?? ""}".`);
  }
  return {
    envs: values.env ?? [],
    stacks: values.stack ?? [],
    jobs,
    keep: values.keep ?? false,
    help: values.help ?? false,
  };
}

/** The stacks to run: those of generated/ that the configuration defines, narrowed by the options. */
async function stacksToRun(options: LifecycleOptions): Promise<StackDescription[]> {
  const described = describeStacks(await loadEnvironmentSources());
  const selected = selectedStacks(described, options);
  if (!existsSync(GENERATED_DIR)) {
    throw new UserError(`${GENERATED_DIR} does not exist. Fix: run npm run synth first.`);
  }
  const generated = new Set(stackFolders(GENERATED_DIR));
  const wanted = described.filter((stack) => selected === undefined || selected.has(stack.name));
  const missing = wanted.filter((stack) => !generated.has(stack.name)).map((stack) => stack.name);
  if (missing.length > 0) {
    throw new UserError(`generated/ lacks ${missing.join(", ")}. Fix: run npm run synth.`);
  }
  return wanted;
}

/** Runs the lifecycle; returns the report's lines and whether every stack passed. */
export async function runLifecycle(options: LifecycleOptions): Promise<{ lines: string[]; passed: boolean }> {
  const stacks = await stacksToRun(options);
  requireTerraform("it applies, plans and destroys the stacks against the emulator");
  const mirror = findMirror();
  const moto = await installEmulator();
  setInterruptNote("the emulators stop with this command, and generated/ was never touched");
  const work = temporaryFolder("lifecycle-");
  const env = offlineTerraformEnv(work, mirror);
  const jobs = Math.min(options.jobs, stacks.length);
  const started = Date.now();
  process.stdout.write(
    `Lifecycle of ${String(stacks.length)} stacks against moto ${moto.version} (hashicorp/aws ${mirrorVersions(mirror)}, ` +
      `offline), ${String(jobs)} at a time; step limits ${Object.entries(STEP_LIMITS_S)
        .map(([step, seconds]) => `${step} ${String(seconds)} s`)
        .join(", ")}.\n`,
  );
  const emulators: Emulator[] = [];
  const results: StackResult[] = [];
  try {
    emulators.push(...(await Promise.all(Array.from({ length: jobs }, () => startEmulator(moto)))));
    const queue = largestFirst(
      stacks.map((stack) => ({ stack, hcl: readFileSync(path.join(GENERATED_DIR, stack.name, STACK_FILE), "utf8") })),
    );
    await Promise.all(
      emulators.map(async (emulator) => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          const { stack, hcl } = next;
          await emulator.reset();
          const result = await runStackLifecycle({
            stack: stack.name,
            hcl,
            // Every kind of stack has an entry: the list is built from the same registry as the stacks.
            gaps: EMULATOR_GAPS[stack.topology] ?? [],
            emulator,
            work: path.join(work, stack.name),
            env,
          });
          process.stdout.write(`  ${stack.name}: ${verdict(result)} in ${result.seconds.toFixed(0)} s\n`);
          results.push(result);
        }
      }),
    );
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.stop()));
    if (options.keep) {
      process.stdout.write(`Kept the working copies in ${work}\n`);
    } else {
      removeTemporary(work);
    }
  }
  const ordered = stacks.map((stack) => results.find((result) => result.stack === stack.name) as StackResult);
  const passed = ordered.every((result) => result.failures.length === 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  return {
    lines: [
      "",
      ...table(ordered),
      ...details(ordered),
      "",
      passed
        ? `Every stack applied, re-planned empty and destroyed clean (${seconds} s in all).`
        : `${String(ordered.filter((result) => result.failures.length > 0).length)} of ${String(ordered.length)} stacks failed (${seconds} s in all).`,
    ],
    passed,
  };
}

function verdict(result: StackResult): string {
  return result.failures.length === 0 ? "passed" : "FAILED";
}

/** The per-stack table: resources applied, second plan, destroy, seconds, left out. */
export function table(results: readonly StackResult[]): string[] {
  const rows = results.map((result) => [
    result.stack,
    result.applied === undefined ? "-" : String(result.applied),
    result.secondPlan,
    result.destroy,
    result.seconds.toFixed(0),
    String(result.excluded.length),
    verdict(result),
  ]);
  const header = ["stack", "applied", "second plan", "destroy", "seconds", "left out", "result"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === 0 || column === 2 || column === 3
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** What was left out (never silently), what was adjusted, and why each failure failed. */
function details(results: readonly StackResult[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    for (const exclusion of result.excluded) {
      lines.push(`  ${result.stack}: left out ${exclusion.address}: ${exclusion.reason} (not verified here)`);
    }
    for (const variable of result.standInVariables) {
      lines.push(`  ${result.stack}: variable ${variable}, left to the pipeline, given a stand-in value`);
    }
    for (const [configured, standIn] of Object.entries(result.standIns)) {
      lines.push(
        configured === standIn
          ? `  ${result.stack}: ${configured} (made outside the stack) created in the emulator under the same name`
          : `  ${result.stack}: ${configured} (made outside the stack) stood in for by the emulator's ${standIn}`,
      );
    }
    if (result.preventDestroyLifted.length > 0) {
      lines.push(
        `  ${result.stack}: prevent_destroy lifted in the copy on ${String(result.preventDestroyLifted.length)} resources, so that destroy can run`,
      );
    }
    for (const failure of result.failures) {
      lines.push(`  ${result.stack}: ${failure}`);
    }
  }
  return lines.length === 0 ? [] : ["", ...lines];
}

/**
 * The stacks in the order they start: the most resources first, so that the longest runs overlap
 * and the small stacks fill the slots left at the end (prod's six stacks at three at a time took
 * 245 s in the order of the registry).
 */
function largestFirst<T extends { readonly hcl: string }>(stacks: readonly T[]): T[] {
  const resources = ({ hcl }: T): number => hcl.match(/^resource "/gm)?.length ?? 0;
  return [...stacks].sort((a, b) => resources(b) - resources(a));
}

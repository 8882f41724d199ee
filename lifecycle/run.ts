import { spawn } from "node:child_process";
import { onInterrupt } from "../synth/temporary";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Emulator, Inventory } from "./emulator";
import { leftBehind } from "./emulator";
import { type EmulatorGap, MOTO_GAPS } from "./gaps";
import { resourceTypes, uninventoried } from "./inventory";
import { BACKEND_FILE, type Exclusion, externalReferences, prepareStack, withStandIns } from "./workspace";

/*
 * One stack's lifecycle against one emulator: init → apply → plan -detailed-exitcode (must be
 * empty) → destroy → nothing left in the emulator but the (empty) state object, and no lock.
 */

/** The bucket the emulator's S3 keeps state in. */
export const STATE_BUCKET = "lifecycle-state";

/** Per-step time limits: an operation the emulator lacks fails at once, or at the limit. */
export const STEP_LIMITS_S = { init: 60, apply: 300, plan: 120, destroy: 300 } as const;
type Step = keyof typeof STEP_LIMITS_S;

export interface StackResult {
  readonly stack: string;
  /** Resources in state after apply; undefined if apply did not complete. */
  readonly applied?: number;
  /** `empty`, `N to change`, `failed`, `not run`. */
  readonly secondPlan: string;
  /** `clean`, `left N`, `failed`, `not run`. */
  readonly destroy: string;
  readonly seconds: number;
  readonly excluded: readonly Exclusion[];
  readonly preventDestroyLifted: readonly string[];
  /** Variables the stack leaves to its pipeline, given a stand-in value. */
  readonly standInVariables: readonly string[];
  /** Configured ids of things outside the stack, and the emulator's stand-ins for them. */
  readonly standIns: Readonly<Record<string, string>>;
  /** Why the stack failed, with the part of Terraform's output that says so. */
  readonly failures: readonly string[];
}

export interface TerraformOutcome {
  /** Exit code, or undefined when the step was stopped at its time limit. */
  readonly code: number | undefined;
  readonly output: string;
}

/** Runs one terraform step in `cwd`, stopping it (SIGINT, then SIGKILL) at its time limit. */
export function terraformStep(
  cwd: string,
  env: NodeJS.ProcessEnv,
  step: Step,
  args: readonly string[],
  limitSeconds: number = STEP_LIMITS_S[step],
): Promise<TerraformOutcome> {
  return new Promise((resolve) => {
    // In a process group of its own, so that an interrupt stops terraform and its provider plugins
    // together; what they were doing to the emulator is thrown away with the emulator.
    const child = spawn("terraform", [step, "-input=false", "-no-color", ...args], { cwd, env, detached: true });
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        process.kill(-(child.pid ?? 0), signal);
      } catch {
        // the group is gone already
      }
    };
    const forget = onInterrupt(() => {
      killGroup("SIGKILL");
    });
    let output = "";
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup("SIGINT");
      setTimeout(() => {
        killGroup("SIGKILL");
      }, 10_000).unref();
    }, limitSeconds * 1000);
    child.once("error", (error) => {
      clearTimeout(timer);
      forget();
      resolve({ code: 127, output: `terraform could not be run: ${error.message}` });
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      forget();
      resolve({ code: timedOut ? undefined : (code ?? undefined), output });
    });
  });
}

/** The lines of Terraform's output that say what went wrong (its errors), or its tail. */
export function errorLines(output: string): string {
  const lines = output.split("\n");
  const start = lines.findIndex((line) => line.startsWith("Error:"));
  const relevant = start === -1 ? lines.slice(-15) : lines.slice(start);
  return relevant
    .filter((line) => line.trim() !== "")
    .slice(0, 20)
    .map((line) => `      ${line}`)
    .join("\n");
}

/** The `# <address> will be ...` lines of a plan. */
function plannedChanges(output: string): string[] {
  return output
    .split("\n")
    .map((line) => /^\s*# (\S+) (will be|must be) (.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${match[1] ?? ""} ${match[2] ?? ""} ${match[3] ?? ""}`);
}

/**
 * The lifecycle of the stack whose committed main.tf is `hcl`, in `work` (a fresh folder),
 * against `emulator` (already reset). Never throws for what Terraform or the emulator does:
 * every failure is in the result.
 */
export async function runStackLifecycle(options: {
  readonly stack: string;
  readonly hcl: string;
  readonly gaps: readonly EmulatorGap[];
  readonly emulator: Emulator;
  readonly work: string;
  readonly env: NodeJS.ProcessEnv;
}): Promise<StackResult> {
  const { stack, emulator, work, env } = options;
  const started = Date.now();
  const prepared = prepareStack(options.hcl, {
    endpoint: emulator.endpoint,
    bucket: STATE_BUCKET,
    gaps: options.gaps,
  });
  await emulator.createBucket(STATE_BUCKET);
  const main = prepared.files["main.tf"] ?? "";
  const external = externalReferences(main);
  const standIns = await emulator.standIns(prepared.regions[0] ?? "", external);
  mkdirSync(work, { recursive: true });
  for (const [name, content] of Object.entries({ ...prepared.files, "main.tf": withStandIns(main, standIns) })) {
    writeFileSync(path.join(work, name), content);
  }
  const failures: string[] = [];
  /** A step, with its whole output kept beside the copy as <step>.log (see --keep). */
  const step = async (name: Step, args: readonly string[], log: string = name): Promise<TerraformOutcome> => {
    const outcome = await terraformStep(work, env, name, args);
    writeFileSync(path.join(work, `${log}.log`), outcome.output);
    return outcome;
  };
  let applied: number | undefined;
  let secondPlan = "not run";
  let destroy = "not run";
  const result = (): StackResult => ({
    stack,
    ...(applied === undefined ? {} : { applied }),
    secondPlan,
    destroy,
    seconds: (Date.now() - started) / 1000,
    excluded: prepared.excluded,
    preventDestroyLifted: prepared.preventDestroyLifted,
    standIns,
    standInVariables: prepared.standInVariables,
    failures,
  });
  const failed = (step: Step, outcome: TerraformOutcome): string => {
    const how =
      outcome.code === undefined
        ? `stopped at its ${String(STEP_LIMITS_S[step])} s limit`
        : `failed (exit ${String(outcome.code)})`;
    failures.push(`${step} ${how}:\n${errorLines(outcome.output)}`);
    return "failed";
  };

  // A destroy is only shown clean for what the inventory looks at. Types moto lacks never reach it:
  // declared ones are left out of the copy, undeclared ones fail the apply.
  const unlisted = uninventoried(resourceTypes(main).filter((type) => !(type in MOTO_GAPS)));
  if (unlisted.length > 0) {
    failures.push(
      `the emulator's inventory does not look for ${unlisted.join(", ")}, so no destroy of this stack can be shown clean; ` +
        "list the type in lifecycle/inventory.ts and emulator.py's inventory",
    );
    return result();
  }
  const before: Inventory = await emulator.inventory(prepared.regions);

  const init = await step("init", [`-backend-config=${BACKEND_FILE}`]);
  if (init.code !== 0) {
    failed("init", init);
    return result();
  }
  const apply = await step("apply", ["-auto-approve"]);
  const summary = /Resources: (\d+) added/.exec(apply.output);
  if (apply.code === 0 && summary !== null) {
    applied = Number(summary[1]);
    const plan = await step("plan", ["-detailed-exitcode"], "second-plan");
    if (plan.code === 0) {
      secondPlan = "empty";
    } else if (plan.code === 2) {
      const changes = plannedChanges(plan.output);
      secondPlan = `${String(changes.length)} to change`;
      failures.push(`the second plan is not empty:\n${changes.map((change) => `      ${change}`).join("\n")}`);
    } else {
      secondPlan = failed("plan", plan);
    }
  } else {
    failed("apply", apply);
  }

  // Destroy even after a failed apply: what did apply must still go.
  const destroyed = await step("destroy", ["-auto-approve"]);
  if (destroyed.code !== 0) {
    destroy = failed("destroy", destroyed);
    return result();
  }
  const after = await emulator.inventory(prepared.regions);
  const left = leftBehind(before, after, { [`s3 object in ${STATE_BUCKET}`]: [prepared.stateKey] });
  const leftCount = Object.values(left).reduce((sum, ids) => sum + ids.length, 0);
  destroy = leftCount === 0 ? "clean" : `left ${String(leftCount)}`;
  if (leftCount > 0) {
    failures.push(
      `destroy left resources in the emulator:\n${Object.entries(left)
        .map(([kind, ids]) => `      ${kind}: ${ids.join(", ")}`)
        .join("\n")}`,
    );
  }
  return result();
}

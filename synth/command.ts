import { existsSync } from "node:fs";
import * as path from "node:path";
import { ENVIRONMENTS_DIR, loadEnvironmentSources } from "../config";
import { parseCommandArgs } from "../tooling/arguments";
import { fileSystemError, UsageError } from "../tooling/cli";
import { UserError } from "../lib/errors";
import { describeStacks } from "../topologies";
import { describeStaleness, isCurrent, staleness } from "./check";
import {
  applyReplacement,
  assertFolder,
  editedFiles,
  type FileOperations,
  foreignFiles,
  JOURNAL_FILE,
  NODE_FILE_OPERATIONS,
  planReplacement,
  readManifest,
  recover,
} from "./output";
import { FIRST_TOPOLOGY } from "../topologies/registry";
import { GENERATED_DIR } from "../lib/paths";
import { synthesizeStacks } from "./synthesize";

export const USAGE = `Usage: npm run synth -- [options]

Synthesizes every stack of every environment into <out>/<stack>/main.tf, formatted, and replaces
only what a previous run wrote there (recorded in <out>/.synth-manifest.json).

Options:
  --out <folder>           output folder (default: generated/)
  --environments <folder>  folder of environment files (default: environments/)
  --env <name>             only the stacks of this environment; repeatable
  --stack <name>           only this stack; repeatable (with --env: the stacks either names)
  --check                  write nothing; exit 1 with a per-stack diff if <out> is stale
  --force                  overwrite generated files that were edited by hand
  -h, --help               print this help

Relative folders are resolved against the folder you run the command in.

Examples:
  npm run synth
  npm run synth -- --env prod
  npm run synth -- --stack ${FIRST_TOPOLOGY}-dev --stack ${FIRST_TOPOLOGY}-staging
  npm run synth -- --check
  npm run synth -- --out /tmp/preview

Exit codes: 0 done (or up to date with --check), 1 configuration, file-system or stale output
(--check), 2 usage.
`;

/** The options of one run, resolved. */
export interface SynthOptions {
  /** The folder the user ran the command in; paths are shown relative to it. */
  readonly cwd: string;
  readonly out: string;
  readonly environments: string;
  readonly envs: readonly string[];
  readonly stacks: readonly string[];
  readonly check: boolean;
  readonly force: boolean;
  readonly help: boolean;
}

/**
 * Parses the command line strictly. `cwd` is where the user typed the command: npm runs scripts
 * in the project root and passes the original folder as INIT_CWD.
 */
export function parseSynthArgs(args: readonly string[], cwd: string): SynthOptions {
  const values = parseCommandArgs("synth", args, {
    out: { type: "string" },
    environments: { type: "string" },
    env: { type: "string", multiple: true },
    stack: { type: "string", multiple: true },
    check: { type: "boolean" },
    force: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  for (const [option, value] of [
    ["--out", values.out],
    ["--environments", values.environments],
  ] as const) {
    if (value === "") {
      throw new UsageError(`${option} needs a folder, got an empty value. Run \`npm run synth -- --help\` for usage.`);
    }
  }
  return {
    cwd,
    out: values.out === undefined ? GENERATED_DIR : path.resolve(cwd, values.out),
    environments: values.environments === undefined ? ENVIRONMENTS_DIR : path.resolve(cwd, values.environments),
    envs: values.env ?? [],
    stacks: values.stack ?? [],
    check: values.check ?? false,
    force: values.force ?? false,
    help: values.help ?? false,
  };
}

/** What a run reports. */
export interface SynthReport {
  /** Lines for stdout. */
  readonly lines: readonly string[];
  /** 0, or 1 for a stale folder in check mode. */
  readonly exitCode: number;
}

/** Runs `npm run synth` with parsed options. */
export async function runSynth(
  options: SynthOptions,
  ops: FileOperations = NODE_FILE_OPERATIONS,
): Promise<SynthReport> {
  if (options.help) {
    return { lines: [USAGE.trimEnd()], exitCode: 0 };
  }
  const started = process.hrtime.bigint();
  assertFolder(options.out);
  const sources = await loadEnvironmentSources(options.environments);
  const scope = selectedStacks(
    describeStacks(sources).map(({ name, environment }) => ({ name, environment })),
    options,
  );
  const { stacks, files } = await synthesizeStacks(
    sources,
    scope === undefined ? undefined : ({ name }) => scope.has(name),
  );
  const out = options.out;
  const where = path.relative(options.cwd, out) || ".";

  if (options.check) {
    const result = staleness(out, files, scope);
    if (isCurrent(result)) {
      return { lines: [`${where}/ is up to date (${String(stacks.length)} stacks).`], exitCode: 0 };
    }
    return {
      lines: [
        `${where}/ is stale:`,
        describeStaleness(result),
        `Run \`npm run synth\`${scopeArguments(options)} and commit the result.`,
      ],
      exitCode: 1,
    };
  }

  const lines: string[] = [];
  try {
    const notice = recover(out, ops);
    if (notice !== undefined) {
      lines.push(notice);
    }
    const current = readManifest(out);
    const foreign = foreignFiles(out, current);
    if (foreign.length > 0) {
      throw new UserError(
        `Refusing to write into ${where}/: it holds ${describeList(foreign)}, which npm run synth did not write. ` +
          "Fix: choose a new or empty folder for --out, or move those files away.",
      );
    }
    const replacement = planReplacement(out, current, files, scope);
    const edited = editedFiles(out, current, [...Object.keys(replacement.write), ...replacement.remove]);
    if (edited.length > 0 && !options.force) {
      throw new UserError(
        `Refusing to overwrite ${describeList(edited)} in ${where}/: edited by hand since npm run synth wrote it. ` +
          "Fix: move the change into the TypeScript (or config), or run again with --force to discard it.",
      );
    }
    applyReplacement(out, replacement, ops);
    const changed = Object.keys(replacement.write).length + replacement.remove.length;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    lines.push(
      `Synthesized ${String(stacks.length)} stacks into ${where}/ in ${ms.toFixed(0)} ms ` +
        `(${changed === 0 ? "no file changed" : `${String(changed)} ${changed === 1 ? "file" : "files"} changed`}): ${stacks.join(", ")}`,
    );
    return { lines, exitCode: 0 };
  } catch (error) {
    const failure = fileSystemError(error, `write ${where}/`);
    if (failure instanceof UserError && existsSync(path.join(out, JOURNAL_FILE))) {
      throw new UserError(
        `${failure.message} ${where}/ is part-way between two complete outputs; ` +
          "the next npm run synth completes it from its journal.",
      );
    }
    throw failure;
  }
}

/**
 * The stacks `--env` and `--stack` name (undefined: all). Unknown names are a usage error that
 * lists the known ones.
 */
export function selectedStacks(
  known: readonly { readonly name: string; readonly environment: string }[],
  options: Pick<SynthOptions, "envs" | "stacks">,
): Set<string> | undefined {
  if (options.envs.length === 0 && options.stacks.length === 0) {
    return undefined;
  }
  const environments = [...new Set(known.map((stack) => stack.environment))].sort();
  const names = known.map((stack) => stack.name).sort();
  for (const env of options.envs.filter((env) => !environments.includes(env))) {
    throw new UsageError(`Unknown environment "${env}" for --env. Known: ${environments.join(", ")}.`);
  }
  for (const stack of options.stacks.filter((stack) => !names.includes(stack))) {
    throw new UsageError(`Unknown stack "${stack}" for --stack. Known: ${names.join(", ")}.`);
  }
  return new Set(
    known
      .filter((stack) => options.envs.includes(stack.environment) || options.stacks.includes(stack.name))
      .map((stack) => stack.name),
  );
}

function scopeArguments(options: SynthOptions): string {
  const parts = [...options.envs.map((env) => `--env ${env}`), ...options.stacks.map((stack) => `--stack ${stack}`)];
  return parts.length === 0 ? "" : ` -- ${parts.join(" ")}`;
}

function describeList(items: readonly string[]): string {
  const shown = items.slice(0, 5).join(", ");
  return items.length > 5 ? `${shown} and ${String(items.length - 5)} more` : shown;
}

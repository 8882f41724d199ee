/**
 * Errors a user can cause and fix. Anything else is a bug and keeps its stack trace.
 */
export class UserError extends Error {
  /** The process exit code: 1 for a problem with the configuration or the machine. */
  public readonly exitCode: number = 1;

  public constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command line itself is wrong (unknown option, missing value): exit code 2, with a usage hint. */
export class UsageError extends UserError {
  public override readonly exitCode = 2;
}

/** What to say for a file-system error code, and how to fix it. */
const FILE_SYSTEM_PROBLEMS: Readonly<Record<string, readonly [problem: string, fix: string]>> = {
  EACCES: ["permission denied", "make it writable for this user, or choose another folder"],
  EPERM: ["operation not permitted", "make it writable for this user, or choose another folder"],
  EROFS: ["the file system is read-only", "choose a folder on a writable file system"],
  ENOSPC: ["no space left on the device", "free some space and run again"],
  EDQUOT: ["the disk quota is exhausted", "free some space and run again"],
  ENOTDIR: ["a path component is a file, not a folder", "choose a folder path"],
  EISDIR: ["it is a folder where a file was expected", "move the folder away"],
  ENOENT: ["it does not exist", "check the path"],
  EEXIST: ["it already exists", "move it away"],
};

/**
 * A file-system error as one line naming what was being done, the path and the fix; errors
 * that are not file-system errors are returned unchanged (they are bugs).
 */
export function fileSystemError(error: unknown, doing: string): unknown {
  const failure = error as NodeJS.ErrnoException;
  const known = failure.code === undefined ? undefined : FILE_SYSTEM_PROBLEMS[failure.code];
  if (known === undefined || error instanceof UserError) {
    return error;
  }
  const [problem, fix] = known;
  return new UserError(`Cannot ${doing}: ${failure.path ?? "?"}: ${problem} (${failure.code ?? ""}). Fix: ${fix}.`);
}

/** One problem with one field of an environment's configuration. */
export interface ConfigProblem {
  /** Dotted path of the field, e.g. `network.privateSubnets.eu-west-1a`. */
  readonly field: string;
  /** The value received; `undefined` when the field is missing. */
  readonly value: unknown;
  /** What is wrong, as a sentence fragment. */
  readonly problem: string;
  /** How to fix it, as an imperative sentence fragment. */
  readonly fix: string;
}

/** Renders a received value the way a user typed it; any value at all, never throwing. */
export function formatValue(value: unknown): string {
  let text: string;
  switch (typeof value) {
    case "undefined":
      return "nothing";
    case "function":
      return "a function";
    case "symbol":
    case "bigint":
      text = `${value.toString()}${typeof value === "bigint" ? "n" : ""}`;
      break;
    case "number":
      text = String(value);
      break;
    default:
      try {
        text = JSON.stringify(value);
      } catch {
        text = String(value);
      }
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** A problem and where it lives. */
export interface LocatedProblem extends ConfigProblem {
  /** Environment name, e.g. `prod`. */
  readonly environment: string;
  /** The topology whose section holds the field; undefined for an environment-wide field. */
  readonly topology?: string | undefined;
  /** The environment's file, relative to the project root. */
  readonly file: string;
}

/**
 * One problem as a single line naming the environment, the topology (when the field lies in a
 * topology's section), the field, the value received and the fix.
 */
export function formatProblem(p: LocatedProblem): string {
  const topology = p.topology === undefined ? "" : `, topology "${p.topology}"`;
  return (
    `environment "${p.environment}"${topology}, field "${p.field}": ` +
    `received ${formatValue(p.value)}; ${p.problem}. Fix: ${p.fix}.`
  );
}

/** Invalid environment configuration: every problem found, one line each, grouped by file. */
export class ConfigError extends UserError {
  public readonly problems: readonly LocatedProblem[];

  public constructor(problems: readonly LocatedProblem[]) {
    const files = [...new Set(problems.map((p) => p.file))];
    super(
      files
        .map(
          (file) =>
            `Invalid configuration (${file}):\n${problems
              .filter((p) => p.file === file)
              .map((p) => `  - ${formatProblem(p)}`)
              .join("\n")}`,
        )
        .join("\n"),
    );
    this.problems = problems;
  }
}

/** A construct received props it cannot build from. */
export class ValidationError extends UserError {
  public constructor(constructPath: string, message: string) {
    super(`[${constructPath}] ${message}`);
  }
}

/**
 * Runs a command-line entry point: user errors print their message and exit 1 without a stack
 * trace; anything else is a bug and is rethrown.
 */
export function runCli(main: () => Promise<void> | void): void {
  // A reader that stops early (`npm run synth -- --help | head -3`) is not an error of ours.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") {
      throw error;
    }
    process.exit();
  });
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      if (error instanceof UserError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(error.exitCode);
      }
      throw error;
    });
}

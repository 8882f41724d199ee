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

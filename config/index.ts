import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { transformSync } from "esbuild";
import type { z } from "zod";
import { ConfigError, type ConfigProblem, UserError } from "../lib/errors";
import { type EnvironmentConfig, environmentSchema } from "./schema";

export { defineEnvironment, type EnvironmentConfig, type EnvironmentInput } from "./schema";

/** The project root: relative paths in environment files are resolved against it. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** Where environment files live: one `<name>.ts` per environment. */
export const ENVIRONMENTS_DIR = path.join(__dirname, "environments");

/** An environment file as written, before validation. */
export interface EnvironmentSource {
  /** Environment name, from the file name. */
  readonly name: string;
  /** Path of the file relative to the project root, for error messages. */
  readonly file: string;
  /** The file's default export. */
  readonly input: unknown;
  /**
   * Keys written twice in one object of the file. JavaScript keeps the last silently and tsx does
   * not type-check, so the loader finds them in the source.
   */
  readonly duplicateKeys?: readonly ConfigProblem[];
}

/** A validated environment, with its OpenAPI document (if any) read from disk. */
export interface Environment extends EnvironmentConfig {
  /** Parsed `api.openApiSpec`, when one is configured. */
  readonly openApiDocument?: Readonly<Record<string, unknown>>;
}

/** Reads every environment file in `dir`, sorted by name. Adding an environment is adding a file. */
export async function loadEnvironmentSources(dir = ENVIRONMENTS_DIR): Promise<EnvironmentSource[]> {
  const folder = path.resolve(dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UserError(`No environments folder at ${folder}. Fix: point at the folder holding <name>.ts files.`);
  }
  const files = readdirSync(folder)
    .filter((file) => /^[^.]+\.ts$/.test(file))
    .sort();
  if (files.length === 0) {
    throw new UserError(
      `No environment files in ${folder}. Fix: add one <name>.ts per environment (see config/environments/dev.ts).`,
    );
  }
  return Promise.all(
    files.map(async (file) => {
      const absolute = path.join(folder, file);
      const relative = path.relative(PROJECT_ROOT, absolute);
      let module: { default?: unknown };
      try {
        module = (await import(absolute)) as { default?: unknown };
      } catch (error) {
        throw new UserError(
          `Invalid configuration (${relative}): the file cannot be loaded: ${error instanceof Error ? error.message : String(error)}\n` +
            "Fix: correct the file so that it ends with `export default defineEnvironment({ ... })`.",
        );
      }
      return {
        name: path.basename(file, ".ts"),
        file: relative,
        input: module.default,
        duplicateKeys: findDuplicateKeys(absolute, module.default),
      };
    }),
  );
}

/**
 * Every property written twice in one object literal of an environment file, found by esbuild
 * (already loaded by tsx) and named by its path in the exported environment where that is unique.
 */
export function findDuplicateKeys(file: string, input: unknown): ConfigProblem[] {
  const { warnings } = transformSync(readFileSync(file, "utf8"), {
    loader: "ts",
    sourcefile: file,
    logLevel: "silent",
  });
  return warnings
    .filter((warning) => warning.id === "duplicate-object-key")
    .map((warning) => {
      const key = /"(.*)"/.exec(warning.text)?.[1] ?? "?";
      const [only, ...others] = propertiesNamed(input, key);
      const line = warning.location?.line;
      const unique = only !== undefined && others.length === 0;
      return {
        field: unique ? only.path : key,
        value: unique ? only.value : undefined,
        problem: `is written twice in one object${line === undefined ? "" : ` (line ${String(line)})`}; only the last value would count`,
        fix: "keep one of them",
      };
    });
}

/** Dotted path and value of every property named `key` in a plain data value. */
function propertiesNamed(value: unknown, key: string, prefix = ""): { path: string; value: unknown }[] {
  if (typeof value !== "object" || value === null) {
    return [];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([name, child]) => {
    const here = prefix === "" ? name : `${prefix}.${name}`;
    return [...(name === key ? [{ path: here, value: child }] : []), ...propertiesNamed(child, key, here)];
  });
}

/**
 * Validates one environment for one topology. Throws a ConfigError listing every problem, each
 * naming the environment, the topology, the field, the value received and the fix.
 */
export function resolveEnvironment(source: EnvironmentSource, topology: string): Environment {
  const where = { environment: source.name, topology };
  const fail = (problems: ConfigProblem[]): never => {
    throw new ConfigError(where, problems, source.file);
  };
  if (source.duplicateKeys !== undefined && source.duplicateKeys.length > 0) {
    return fail([...source.duplicateKeys]);
  }
  if (typeof source.input !== "object" || source.input === null || Object.keys(source.input).length === 0) {
    return fail([
      {
        field: "(default export)",
        value: source.input,
        problem:
          typeof source.input === "function"
            ? "the file exports a function, not an environment"
            : "the file exports no environment",
        fix: "end the file with `export default defineEnvironment({ ... })`",
      },
    ]);
  }
  const parsed = environmentSchema.safeParse(source.input, { reportInput: true });
  if (!parsed.success) {
    return fail(parsed.error.issues.map(toProblem));
  }
  const environment = parsed.data;
  if (environment.name !== source.name) {
    return fail([
      {
        field: "name",
        value: environment.name,
        problem: `does not match the file name ${source.file}`,
        fix: `set name to "${source.name}" or rename the file`,
      },
    ]);
  }
  const spec = environment.api.openApiSpec;
  return spec === undefined ? environment : { ...environment, openApiDocument: readOpenApi(spec, fail) };
}

function readOpenApi(spec: string, fail: (problems: ConfigProblem[]) => never): Record<string, unknown> {
  const problem = (text: string, fixText: string) =>
    fail([{ field: "api.openApiSpec", value: spec, problem: text, fix: fixText }]);
  let text: string;
  try {
    text = readFileSync(path.resolve(PROJECT_ROOT, spec), "utf8");
  } catch {
    return problem("the file cannot be read", "give a path relative to the project root");
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return problem(`the file is not JSON (${(error as Error).message})`, "export the definition as JSON");
  }
  if (
    typeof document !== "object" ||
    document === null ||
    !("paths" in document) ||
    !("openapi" in document || "swagger" in document)
  ) {
    return problem(
      "the file is not an OpenAPI 3 or Swagger 2 definition (no openapi/swagger and paths fields)",
      "point it at an exported API definition",
    );
  }
  return document;
}

/** Zod's type names in plain words. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  record: "an object of names to values",
  array: "a list",
};

function toProblem(issue: z.core.$ZodIssue): ConfigProblem {
  const field = issue.path.map(String).join(".") || "(environment)";
  const value = "input" in issue ? issue.input : undefined;
  switch (issue.code) {
    case "invalid_key": {
      // A record key failed its own schema: report the key's problem at the key's path.
      const [keyIssue] = issue.issues;
      return keyIssue === undefined
        ? { field, value, problem: "is not an accepted key", fix: "rename it" }
        : { ...toProblem({ ...keyIssue, path: issue.path }), value };
    }
    case "custom":
      return {
        field,
        value,
        problem: issue.message,
        fix: (issue.params as { fix?: string } | undefined)?.fix ?? "correct the value",
      };
    case "invalid_type": {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      return value === undefined
        ? { field, value, problem: "is required", fix: `add it (${expected})` }
        : { field, value, problem: `is not ${expected}`, fix: `write ${expected}` };
    }
    case "unrecognized_keys":
      return {
        field,
        value: issue.keys,
        problem: `has unknown field(s) ${issue.keys.join(", ")}`,
        fix: "remove them or correct their spelling (config/schema.ts lists every field)",
      };
    case "invalid_value":
      return {
        field,
        value,
        problem: "is not an accepted value",
        fix: `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "invalid_union":
      return {
        field,
        value,
        problem: "does not match any accepted form",
        fix:
          "options" in issue && Array.isArray(issue.options)
            ? `use one of ${issue.options.map((v) => JSON.stringify(v)).join(", ")}`
            : "see config/schema.ts for the accepted forms",
      };
    case "too_small":
      return { field, value, problem: "is too small", fix: `use at least ${String(issue.minimum)}` };
    case "too_big":
      return { field, value, problem: "is too large", fix: `use at most ${String(issue.maximum)}` };
    default:
      return { field, value, problem: issue.message, fix: "see config/schema.ts for the accepted values" };
  }
}

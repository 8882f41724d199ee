import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { transformSync } from "esbuild";
import type { z } from "zod";
import { ConfigError, type ConfigProblem, type LocatedProblem, UserError } from "../lib/errors";
import { ENVIRONMENT_NAME, type EnvironmentSettings, environmentSchema } from "./environment";
import { ENVIRONMENTS_DIR } from "./paths";
import { PROJECT_ROOT } from "../lib/paths";
import { isRegion, type Region } from "./regions";
import type { AdoptedVpc } from "./fragments";
import type { TopologyConfig } from "./topology";

export type { EnvironmentFields, EnvironmentSettings } from "./environment";
export { ENVIRONMENTS_DIR } from "./paths";
export type { AdoptedVpc } from "./fragments";
export type { ExecuteApiDomainClaim, TopologyConfig } from "./topology";

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
      `No environment files in ${folder}. Fix: add one <name>.ts per environment (see environments/dev.ts).`,
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

/** A validated environment: its settings and the sections of the topologies it runs. */
export interface ResolvedEnvironment {
  /** The environment-wide settings. */
  readonly settings: EnvironmentSettings;
  /** Path of the file relative to the project root. */
  readonly file: string;
  /** Each topology the environment runs with its validated section, in the catalog's order. */
  readonly sections: readonly { readonly topology: string; readonly section: unknown }[];
}

/**
 * Validates every environment: the environment-wide fields, each topology section against its
 * topology's schema, and the rules that span topologies and environments. Throws one ConfigError
 * listing every problem of every environment, each naming the environment, the topology (for a
 * problem inside a topology's section), the field, the value received and the fix.
 */
export function resolveEnvironments(
  sources: readonly EnvironmentSource[],
  topologies: Readonly<Record<string, TopologyConfig>>,
): ResolvedEnvironment[] {
  const problems: LocatedProblem[] = [];
  const resolved: ResolvedEnvironment[] = [];
  for (const source of sources) {
    const at = (topology?: string) => (p: ConfigProblem) => {
      problems.push({ ...p, environment: source.name, file: source.file, topology });
    };
    const environment = resolveOne(source, topologies, at);
    if (environment !== undefined) {
      resolved.push(environment);
    }
  }
  if (problems.length === 0) {
    problems.push(
      ...executeApiDomainConflicts(resolved, topologies),
      ...adoptedVpcConflicts(resolved, topologies),
      ...accountSettingsConflicts(resolved),
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return resolved;
}

function resolveOne(
  source: EnvironmentSource,
  topologies: Readonly<Record<string, TopologyConfig>>,
  at: (topology?: string) => (p: ConfigProblem) => void,
): ResolvedEnvironment | undefined {
  const report = at();
  if (source.duplicateKeys !== undefined && source.duplicateKeys.length > 0) {
    source.duplicateKeys.forEach(report);
    return undefined;
  }
  if (typeof source.input !== "object" || source.input === null || Object.keys(source.input).length === 0) {
    report({
      field: "(default export)",
      value: source.input,
      problem:
        typeof source.input === "function"
          ? "the file exports a function, not an environment"
          : "the file exports no environment",
      fix: "end the file with `export default defineEnvironment({ ... })`",
    });
    return undefined;
  }
  const parsed = environmentSchema.safeParse(source.input, { reportInput: true });
  let valid = parsed.success;
  if (!parsed.success) {
    parsed.error.issues.map((issue) => toProblem(issue)).forEach(report);
  } else if (parsed.data.name !== source.name) {
    valid = false;
    report({
      field: "name",
      value: parsed.data.name,
      problem: `does not match the file name ${source.file}`,
      fix: ENVIRONMENT_NAME.test(source.name)
        ? `set name to "${source.name}" or rename the file`
        : `rename the file to ${parsed.data.name}.ts`,
    });
  }

  // Sections are checked even when an environment-wide field is wrong, so one run reports all.
  const input = source.input as { region?: unknown; accountId?: unknown; topologies?: unknown };
  const region = typeof input.region === "string" && isRegion(input.region) ? input.region : undefined;
  const accountId =
    typeof input.accountId === "string" && /^\d{12}$/.test(input.accountId) ? input.accountId : undefined;
  const written = (typeof input.topologies === "object" && input.topologies !== null ? input.topologies : {}) as Record<
    string,
    unknown
  >;
  for (const name of Object.keys(written).filter((key) => !(key in topologies))) {
    valid = false;
    report({
      field: `topologies.${name}`,
      value: name,
      problem: "is not a topology of this project",
      fix: `use one of ${Object.keys(topologies).join(", ")}`,
    });
  }
  if (Object.keys(written).length === 0 && parsed.success && !parsed.data.apiGatewayAccount.manageCloudWatchRole) {
    valid = false;
    report({
      field: "topologies",
      value: written,
      problem: "lists no topology, so the environment has no stack",
      fix: `add a section such as "${Object.keys(topologies)[0] ?? "<topology>"}": { ... }`,
    });
  }
  const sections: { topology: string; section: unknown }[] = [];
  for (const [name, topology] of Object.entries(topologies)) {
    if (!(name in written)) {
      continue;
    }
    const result = topology.schema({ region, accountId }).safeParse(written[name], { reportInput: true });
    if (result.success) {
      sections.push({ topology: name, section: result.data });
    } else {
      valid = false;
      result.error.issues.map((issue) => toProblem(issue, "(section)")).forEach(at(name));
    }
  }
  if (!parsed.success || !valid) {
    return undefined;
  }
  const settings: EnvironmentSettings = { ...parsed.data, region: parsed.data.region as Region };
  // The sections were validated above; the settings are what is environment-wide.
  delete (settings as { topologies?: unknown }).topologies;
  return { settings, file: source.file, sections };
}

/**
 * One private owner of the execute-api domain per VPC: two stacks that would both resolve
 * `execute-api.<region>.amazonaws.com` privately in one adopted VPC fail here, naming both: for the
 * domain itself AWS refuses the second at apply (`ConflictingDomainExists`); for zones under it
 * beside another owner the outcome is unconfirmed. Adopted VPC ids are global, so the
 * check spans environments too.
 */
function executeApiDomainConflicts(
  environments: readonly ResolvedEnvironment[],
  topologies: Readonly<Record<string, TopologyConfig>>,
): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const owners = new Map<string, { environment: string; topology: string; what: string; underDomain: boolean }>();
  for (const environment of environments) {
    for (const { topology, section } of environment.sections) {
      for (const claim of topologies[topology]?.executeApiDomainClaims(section) ?? []) {
        // The domain is the environment's region's: a VPC may hold one owner of each region's.
        const key = `${claim.vpcId} execute-api.${environment.settings.region}`;
        const owner = owners.get(key);
        if (owner === undefined) {
          owners.set(key, {
            environment: environment.settings.name,
            topology,
            what: claim.what,
            underDomain: claim.underDomain === true,
          });
          continue;
        }
        const domain = `execute-api.${environment.settings.region}.amazonaws.com`;
        problems.push({
          environment: environment.settings.name,
          topology,
          file: environment.file,
          field: claim.field,
          value: claim.vpcId,
          problem:
            `would put ${claim.what} into the VPC where environment "${owner.environment}", topology ` +
            `"${owner.topology}" already puts ${owner.what}; ` +
            (claim.underDomain === true || owner.underDomain
              ? `two owners would answer names of ${domain} in one VPC, and whether AWS accepts zones under it beside ` +
                `another owner is unconfirmed (it documents ConflictingDomainExists for the identical name only), so one owner per VPC is required here`
              : `AWS allows one private owner of ${domain} per VPC and refuses the second (ConflictingDomainExists)`),
          fix: "give one of the two topologies a VPC of its own, or run only one of them in this VPC",
        });
      }
    }
  }
  return problems;
}

/**
 * One VPC id is one VPC: in one region, with one CIDR. Two places that declare the same adopted
 * VPC in different regions or with different CIDRs cannot both be right, and one stack would fail
 * at apply; they fail here, naming both. VPC ids are global, so the check spans environments.
 */
function adoptedVpcConflicts(
  environments: readonly ResolvedEnvironment[],
  topologies: Readonly<Record<string, TopologyConfig>>,
): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const first = new Map<string, { environment: string; topology: string; vpc: AdoptedVpc }>();
  for (const environment of environments) {
    for (const { topology, section } of environment.sections) {
      for (const vpc of topologies[topology]?.adoptedVpcs(section, environment.settings.region) ?? []) {
        const earlier = first.get(vpc.vpcId);
        if (earlier === undefined) {
          first.set(vpc.vpcId, { environment: environment.settings.name, topology, vpc });
          continue;
        }
        const where = `environment "${earlier.environment}", topology "${earlier.topology}", field "${earlier.vpc.field}"`;
        const clash =
          earlier.vpc.region !== vpc.region
            ? `is declared in ${vpc.region} here but in ${earlier.vpc.region} by ${where}`
            : earlier.vpc.cidr !== undefined && vpc.cidr !== undefined && earlier.vpc.cidr !== vpc.cidr
              ? `is declared with CIDR ${vpc.cidr} here but ${earlier.vpc.cidr} by ${where}`
              : undefined;
        if (clash !== undefined) {
          problems.push({
            environment: environment.settings.name,
            topology,
            file: environment.file,
            field: vpc.field,
            value: vpc.vpcId,
            problem: `${clash}; a VPC id names one VPC, in one region, with one CIDR, and one of the two stacks would fail at apply`,
            fix: "correct the id, region or CIDR of one of the two declarations",
          });
        }
      }
    }
  }
  return problems;
}

/**
 * The API Gateway account settings are one per account and region: two environments managing
 * them would overwrite each other's CloudWatch role.
 */
function accountSettingsConflicts(environments: readonly ResolvedEnvironment[]): LocatedProblem[] {
  const owners = new Map<string, string>();
  return environments.flatMap(({ settings, file }) => {
    if (!settings.apiGatewayAccount.manageCloudWatchRole) {
      return [];
    }
    const key = `${settings.accountId}/${settings.region}`;
    const owner = owners.get(key);
    owners.set(key, owner ?? settings.name);
    return owner === undefined
      ? []
      : [
          {
            environment: settings.name,
            file,
            field: "apiGatewayAccount.manageCloudWatchRole",
            value: true,
            problem: `environment "${owner}" already manages the API Gateway account settings of account ${settings.accountId} in ${settings.region} (one per account and region)`,
            fix: "set it to false in all but one environment sharing that account and region",
          },
        ];
  });
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

/** One zod issue as a problem; `root` names the field when the issue is about the whole object. */
function toProblem(issue: z.core.$ZodIssue, root = "(environment)"): ConfigProblem {
  const field = issue.path.map(String).join(".") || root;
  const value = "input" in issue ? issue.input : undefined;
  switch (issue.code) {
    case "invalid_key": {
      // A record key failed its own schema: report the key's problem at the key's path.
      const [keyIssue] = issue.issues;
      return keyIssue === undefined
        ? { field, value, problem: "is not an accepted key", fix: "rename it" }
        : { ...toProblem({ ...keyIssue, path: issue.path }, root), value };
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
        fix: "remove them or correct their spelling (config/environment.ts and topologies/<name>/config.ts list every field)",
      };
    case "invalid_value":
      return {
        field,
        value,
        problem: "is not an accepted value",
        fix: `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "invalid_union": {
      // A discriminated union whose discriminator matches no form: the issue's path ends at the
      // discriminator but its input is the whole object; report the discriminator's own value and
      // the values it takes (an optional one, with a default, is listed by its default).
      const discriminator = "discriminator" in issue ? issue.discriminator : undefined;
      const received =
        typeof discriminator === "string" && typeof value === "object" && value !== null
          ? (value as Record<string, unknown>)[discriminator]
          : value;
      return {
        field,
        value: received,
        problem: "does not match any accepted form",
        fix:
          "options" in issue && Array.isArray(issue.options)
            ? `use one of ${issue.options
                .filter((option) => option !== undefined && option !== null)
                .map((option) => JSON.stringify(option))
                .join(", ")}`
            : "see config/fragments.ts for the accepted forms",
      };
    }
    case "too_small":
      return { field, value, problem: "is too small", fix: `use at least ${String(issue.minimum)}` };
    case "too_big":
      return { field, value, problem: "is too large", fix: `use at most ${String(issue.maximum)}` };
    default:
      return { field, value, problem: issue.message, fix: "see config/fragments.ts for the accepted values" };
  }
}

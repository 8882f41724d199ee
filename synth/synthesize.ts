import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { type EnvironmentSource, loadEnvironmentSources } from "../config";
import { STACK_FILE } from "../lib/paths";
import { UserError } from "../lib/errors";
import { canonicalizeHcl, requireTerraform } from "../tooling/hcl";
import { defineStacks, type StackDescription } from "../topologies";
import { removeTemporary, temporaryFolder } from "./temporary";

/** The stack folders of a folder of generated Terraform: those holding a `<stack>/main.tf`, sorted. */
export function stackFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, STACK_FILE)))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The stack folders of a folder a command was pointed at (`--dir`), which must hold some: a
 * missing or empty folder is a UserError that says how to fill it.
 */
export function requireStackFolders(dir: string): string[] {
  if (!existsSync(dir)) {
    throw new UserError(`${dir} does not exist. Fix: run npm run synth first, or pass --dir <folder>.`);
  }
  const stacks = stackFolders(dir);
  if (stacks.length === 0) {
    throw new UserError(`${dir} holds no <stack>/${STACK_FILE}. Fix: run npm run synth first, or pass --dir <folder>.`);
  }
  return stacks;
}

/** The output folder's own README, written by every run. */
export const README_FILE = "README.md";

const GENERATED_README = `# Generated Terraform

Written by \`npm run synth\` from the TypeScript in this repository; do not edit by hand.
One folder per stack (\`<topology>-<environment>\`), each a self-contained Terraform root module:

    terraform -chdir=generated/<stack> init -backend-config=bucket=<your-state-bucket>
    terraform -chdir=generated/<stack> plan

\`.synth-manifest.json\` records what synth wrote, with content hashes: synth replaces only those
files, and stops when it finds anything else here or a file changed by hand.
`;

/** What a run produces: file contents by path relative to the output folder. */
export interface Synthesized {
  /** The stacks synthesized, sorted. */
  readonly stacks: readonly string[];
  /** `<stack>/main.tf` of each, and `README.md`. */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Synthesizes the stacks `select` accepts (all by default) to formatted HCL, the same way
 * `cdktf synth --hcl` does (the app run with SYNTH_HCL_OUTPUT), minus the CLI, in a temporary
 * folder that is gone when this returns. Every environment is validated, selected or not: a
 * UserError names every problem before anything is built.
 */
export async function synthesizeStacks(
  sources?: readonly EnvironmentSource[],
  select?: (stack: StackDescription) => boolean,
): Promise<Synthesized> {
  requireTerraform();
  const loaded = sources ?? (await loadEnvironmentSources());
  const work = temporaryFolder("cdktf-synth-");
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "true";
  try {
    const stacks = withoutSourceMappedTraces(() => {
      const app = new App({ outdir: path.join(work, "cdktf.out"), stackTraces: false });
      const ids = defineStacks(app, loaded, select).map((stack) => stack.node.id);
      app.synth();
      return ids.sort();
    });
    const formatted = path.join(work, "formatted");
    for (const name of stacks) {
      mkdirSync(path.join(formatted, name), { recursive: true });
      writeFileSync(
        path.join(formatted, name, STACK_FILE),
        readFileSync(path.join(work, "cdktf.out", "stacks", name, "cdk.tf"), "utf8"),
      );
    }
    const files = new Map<string, string>();
    if (stacks.length > 0) {
      canonicalizeHcl(formatted);
      for (const name of stacks) {
        files.set(`${name}/${STACK_FILE}`, readFileSync(path.join(formatted, name, STACK_FILE), "utf8"));
      }
    }
    files.set(README_FILE, GENERATED_README);
    return { stacks, files };
  } finally {
    if (previous === undefined) {
      delete process.env.SYNTH_HCL_OUTPUT;
    } else {
      process.env.SYNTH_HCL_OUTPUT = previous;
    }
    removeTemporary(work);
  }
}

/**
 * Writes every stack's formatted HCL into `outDir` (a new or scratch folder) and returns the
 * stack names: for the developer scripts and tests that compare or inspect a synth. The product
 * command, which owns and safely replaces an output folder, is synth/command.ts.
 */
export async function synthesizeHcl(outDir: string, sources?: readonly EnvironmentSource[]): Promise<string[]> {
  const { stacks, files } = await synthesizeStacks(sources);
  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
    writeFileSync(path.join(outDir, file), text);
  }
  return [...stacks];
}

/**
 * Runs `build` with Node's source-map support for stack traces off, and restores it. cdktf
 * captures a stack trace for every token it creates (thousands per synth) and, with the source
 * maps tsx registers, each capture maps every frame: a quarter of a second of a two-second run.
 * The captured traces are only shown by cdktf's own diagnostics; an error escaping `build` gets its
 * trace formatted when it is read, after the support is back.
 */
function withoutSourceMappedTraces<T>(build: () => T): T {
  const enabled = process.sourceMapsEnabled;
  // A source-map library (Jest's, for one) maps traces in its own Error.prepareStackTrace instead.
  const prepare = Object.getOwnPropertyDescriptor(Error, "prepareStackTrace");
  process.setSourceMapsEnabled(false);
  Reflect.deleteProperty(Error, "prepareStackTrace");
  try {
    return build();
  } finally {
    process.setSourceMapsEnabled(enabled);
    if (prepare !== undefined) {
      Object.defineProperty(Error, "prepareStackTrace", prepare);
    }
  }
}

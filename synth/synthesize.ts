import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { type EnvironmentSource, loadEnvironmentSources } from "../config";
import { STACK_FILE } from "../lib/paths";
import { UserError } from "../lib/errors";
import { canonicalizeHcl, requireTerraform } from "../tooling/hcl";
import { type StackDescription, stacksByEnvironment } from "../topologies";
import { withoutTokenCreationTraces } from "../tooling/token-traces";
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

/** Stacks formatted together by `terraform fmt` while the following ones are synthesized. */
const FORMAT_BATCH = 60;

/**
 * Synthesizes the stacks `select` accepts (all by default) to formatted HCL, the same way
 * `cdktf synth --hcl` does (the app run with SYNTH_HCL_OUTPUT), minus the CLI, in a temporary
 * folder that is gone when this returns. Every environment is validated, selected or not: a
 * UserError names every problem before anything is built. Each environment is built in an app of
 * its own, dropped once its HCL is written, so that memory holds one environment's constructs at a
 * time. The stacks are formatted where cdktf wrote them, FORMAT_BATCH at a time, by terraform fmt
 * processes that run while the next environments are synthesized.
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
  const formatting: Promise<void>[] = [];
  try {
    // Where cdktf wrote each stack's HCL, which is formatted there.
    const written = new Map<string, string>();
    let unformatted: string[] = [];
    for (const [index, { define }] of stacksByEnvironment(loaded, select).entries()) {
      const outdir = path.join(work, String(index));
      const names = withoutTokenCreationTraces(() => {
        const app = new App({ outdir, stackTraces: false });
        const ids = define(app).map((stack) => stack.node.id);
        app.synth();
        return ids;
      });
      for (const name of names) {
        const file = path.join(outdir, "stacks", name, "cdk.tf");
        written.set(name, file);
        unformatted.push(file);
      }
      if (unformatted.length >= FORMAT_BATCH) {
        formatting.push(canonicalizeHcl(unformatted));
        unformatted = [];
      }
    }
    formatting.push(canonicalizeHcl(unformatted));
    await Promise.all(formatting);
    const sorted = [...written].sort(([a], [b]) => (a < b ? -1 : 1));
    const files = new Map(sorted.map(([name, file]) => [`${name}/${STACK_FILE}`, readFileSync(file, "utf8")]));
    files.set(README_FILE, GENERATED_README);
    return { stacks: sorted.map(([name]) => name), files };
  } finally {
    // A failure leaves formatting under way in the folder about to go.
    await Promise.allSettled(formatting);
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

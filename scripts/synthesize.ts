import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { type EnvironmentSource, loadEnvironmentSources, PROJECT_ROOT } from "../config";
import { canonicalizeHcl } from "../lib/hcl";
import { defineStacks } from "../stacks";

/** The committed folder of generated Terraform: one `<stack>/main.tf` per stack. */
export const GENERATED_DIR = path.join(PROJECT_ROOT, "generated");

/** The file each stack's Terraform is written to, inside `<dir>/<stack>/`. */
export const STACK_FILE = "main.tf";

const GENERATED_README = `# Generated Terraform

Written by \`npm run synth\` from the TypeScript in this repository; do not edit by hand.
One folder per stack (\`<topology>-<environment>\`), each a self-contained Terraform root module:

    terraform -chdir=generated/<stack> init -backend-config=bucket=<your-state-bucket>
    terraform -chdir=generated/<stack> plan
`;

/**
 * Synthesizes every stack to formatted HCL in `outDir/<stack>/main.tf`, the same way
 * `cdktf synth --hcl` does (the app run with SYNTH_HCL_OUTPUT), minus the CLI. Returns the stack
 * names. Throws a UserError for invalid configuration before anything is written.
 */
export async function synthesizeHcl(outDir: string, sources?: readonly EnvironmentSource[]): Promise<string[]> {
  const work = mkdtempSync(path.join(tmpdir(), "cdktf-synth-"));
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "true";
  try {
    const app = new App({ outdir: work, stackTraces: false });
    const stacks = defineStacks(app, sources ?? (await loadEnvironmentSources()));
    app.synth();
    const names = stacks.map((stack) => stack.node.id).sort();
    mkdirSync(outDir, { recursive: true });
    for (const name of names) {
      const hcl = readFileSync(path.join(work, "stacks", name, "cdk.tf"), "utf8");
      mkdirSync(path.join(outDir, name));
      writeFileSync(path.join(outDir, name, STACK_FILE), hcl);
    }
    canonicalizeHcl(outDir);
    writeFileSync(path.join(outDir, "README.md"), GENERATED_README);
    return names;
  } finally {
    if (previous === undefined) {
      delete process.env.SYNTH_HCL_OUTPUT;
    } else {
      process.env.SYNTH_HCL_OUTPUT = previous;
    }
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Synthesizes into a fresh folder beside `target` and swaps it in only when everything succeeded,
 * so a failed run leaves the previous Terraform untouched.
 */
export async function synthesizeInto(target: string, sources?: readonly EnvironmentSource[]): Promise<string[]> {
  const parent = path.dirname(path.resolve(target));
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(path.join(parent, ".synth-"));
  try {
    const next = path.join(staging, "next");
    const names = await synthesizeHcl(next, sources);
    rmSync(target, { recursive: true, force: true });
    renameSync(next, target);
    return names;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { type EnvironmentSource, loadEnvironmentSources, PROJECT_ROOT } from "../config";
import { UserError } from "../lib/errors";
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
  const folder = path.resolve(target);
  assertReplaceable(folder);
  const parent = path.dirname(folder);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(path.join(parent, ".synth-"));
  try {
    const next = path.join(staging, "next");
    const names = await synthesizeHcl(next, sources);
    keepWorkingFiles(folder, next, names);
    rmSync(folder, { recursive: true, force: true });
    renameSync(next, folder);
    return names;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** What `terraform init` leaves in a stack folder; kept across a synth. */
const WORKING_FILES = [".terraform", ".terraform.lock.hcl"];

/** Refuses to replace a folder holding anything synth did not write (or terraform init left). */
function assertReplaceable(folder: string): void {
  if (!existsSync(folder)) {
    return;
  }
  const foreign = readdirSync(folder).flatMap((entry) => {
    const entryPath = path.join(folder, entry);
    if (!statSync(entryPath).isDirectory()) {
      return entry === "README.md" ? [] : [entry];
    }
    return readdirSync(entryPath)
      .filter((file) => file !== STACK_FILE && !WORKING_FILES.includes(file))
      .map((file) => path.join(entry, file));
  });
  if (foreign.length > 0) {
    throw new UserError(
      `Refusing to replace ${folder}: it holds ${foreign.slice(0, 5).join(", ")}, which npm run synth did not write. ` +
        "Fix: choose a new or empty folder for --out, or move those files away.",
    );
  }
}

/** Moves terraform init's working files of stacks that still exist into the new folder. */
function keepWorkingFiles(from: string, to: string, stacks: readonly string[]): void {
  for (const stack of stacks) {
    for (const file of WORKING_FILES) {
      const source = path.join(from, stack, file);
      if (existsSync(source)) {
        renameSync(source, path.join(to, stack, file));
      }
    }
  }
}

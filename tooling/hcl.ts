import { execFile, execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { promisify } from "node:util";
import { UserError } from "../lib/errors";
import { onInterrupt } from "../synth/temporary";
import { interpolationOnly, parseExpression, renderExpression } from "./hcl-expression";

const execFileAsync = promisify(execFile);

/** Top-level blocks of a Terraform file; each gets a blank line before it. */
const TOP_LEVEL_BLOCK = /^(terraform|provider|resource|data|output|variable|locals|module|moved|import) ["{]/;

/**
 * An attribute or list item whose whole value is one quoted template, as cdktf writes every
 * reference (`"${aws_vpc.x.id}"`) and every function call (`"${jsonencode({...})}"`).
 */
const QUOTED_VALUE = /^(\s*(?:(?:[A-Za-z_][\w-]*|"[^"]*")\s*=\s*)?)(".*")(,?)$/;

/** Beyond this many characters an expression is laid out over several lines. */
const LONG_EXPRESSION = 100;

/** A quoted provider reference (`provider = "aws.us-east-1"`), as cdktf writes it. */
const QUOTED_PROVIDER = /^(\s*provider\s*=\s*)"([a-z][a-z0-9_-]*\.[A-Za-z][\w-]*)"$/;

/** A quoted address inside a `depends_on` list, as cdktf writes it. */
const QUOTED_DEPENDENCY = /^(\s*)"((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)"(,?)$/;

/**
 * A lifecycle's pre- or postconditions as cdktf writes them in HCL: a list attribute of objects
 * (`postcondition = [{ condition = ..., error_message = ... }]`), which Terraform refuses ("did you
 * mean to define a block"); each object is a block (`postcondition { ... }`). The JSON is right.
 */
const CONDITION_LIST = /^\s*(precondition|postcondition) = \[$/;

/**
 * Normalizes cdktf's HCL: writes lifecycle conditions as the blocks Terraform takes, unquotes
 * `depends_on` entries and `provider` references (cdktf writes the Terraform 0.11 form, which
 * Terraform warns is deprecated), unwraps interpolation-only strings (`"${aws_vpc.x.id}"` is
 * `aws_vpc.x.id`) and lays out long ones (policies) over several lines, and keeps exactly one
 * blank line between top-level blocks and none inside them, with one trailing newline.
 */
export function tidyHcl(hcl: string): string {
  const lines: string[] = [];
  let inDependsOn = false;
  let conditionList: string | undefined;
  for (const raw of hcl.split("\n")) {
    let line = raw;
    const conditions = CONDITION_LIST.exec(line);
    if (conditions !== null) {
      conditionList = conditions[1];
      continue;
    } else if (conditionList !== undefined && /^\s*\]$/.test(line)) {
      conditionList = undefined;
      continue;
    } else if (conditionList !== undefined && /^\s*\{$/.test(line)) {
      line = line.replace("{", `${conditionList} {`);
    } else if (conditionList !== undefined && /^\s*\},?$/.test(line)) {
      line = line.replace(/,$/, "");
    }
    if (/^\s*depends_on = \[$/.test(line)) {
      inDependsOn = true;
    } else if (inDependsOn && /^\s*\]$/.test(line)) {
      inDependsOn = false;
    } else if (inDependsOn) {
      line = line.replace(QUOTED_DEPENDENCY, "$1$2$3");
    }
    line = unwrapInterpolation(line.replace(QUOTED_PROVIDER, "$1$2"));
    if (line.trim() === "") {
      continue;
    }
    if (TOP_LEVEL_BLOCK.test(line) && lines.length > 0) {
      lines.push("");
    }
    lines.push(line);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `key = "${expr}"` as `key = expr`: Terraform gives an interpolation-only template the value of
 * its expression, so the two mean the same. Expressions of the grammar in hcl-expression.ts that
 * hold an object, or are long, are laid out over several lines; others stay as they are.
 */
function unwrapInterpolation(line: string): string {
  const match = QUOTED_VALUE.exec(line);
  if (match === null) {
    return line;
  }
  const [, prefix = "", quoted = "", comma = ""] = match;
  const expression = interpolationOnly(quoted);
  if (expression === undefined) {
    return line;
  }
  const parsed = parseExpression(expression);
  if (parsed === undefined || !(expression.includes("{") || expression.length > LONG_EXPRESSION)) {
    return `${prefix}${expression}${comma}`;
  }
  const indent = /^\s*/.exec(prefix)?.[0] ?? "";
  return `${prefix}${renderExpression(parsed, indent)}${comma}`;
}

/**
 * Brings the given `.tf` files to their canonical form, a fixed point of tidy and `terraform fmt`:
 * tidy, fmt, and again only for the files where tidy still changes what fmt wrote (fmt's output is
 * tidy already for what cdktf and the CLI write; the loop makes the result independent of the
 * input's layout without paying for a second fmt when it is not needed).
 */
export async function canonicalizeHcl(files: readonly string[]): Promise<void> {
  // The tidy text of each file fmt has yet to settle.
  let pending = new Map(files.map((file) => [file, tidyHcl(readFileSync(file, "utf8"))]));
  for (let round = 0; pending.size > 0; round++) {
    if (round === MAX_CANONICAL_ROUNDS) {
      throw new Error(`tidy and terraform fmt do not settle on ${[...pending.keys()].join(", ")}`);
    }
    for (const [file, tidy] of pending) {
      writeFileSync(file, tidy);
    }
    await terraformFmt([...pending.keys()]);
    pending = new Map(
      [...pending.keys()].flatMap((file) => {
        const text = readFileSync(file, "utf8");
        const tidy = tidyHcl(text);
        return tidy === text ? [] : [[file, tidy] as const];
      }),
    );
  }
}

/** tidy and fmt settle in one round on cdktf's output; a third round would be a bug in tidy. */
const MAX_CANONICAL_ROUNDS = 3;

/**
 * The environment for Terraform and cdktf CLIs run by this project's scripts: no CLI
 * configuration of the machine's (which may name a missing file) and no version check calls.
 */
export const OFFLINE_CLI_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  TF_CLI_CONFIG_FILE: "/dev/null",
  CHECKPOINT_DISABLE: "1",
};

/**
 * Formats the given `.tf` files in place with `terraform fmt`, which also unwraps cdktf's
 * interpolation-only strings (`"${aws_vpc.x.id}"` becomes `aws_vpc.x.id`). Works offline. fmt
 * formats one file after another, so the files are shared among one process per core.
 */
export async function terraformFmt(files: readonly string[]): Promise<void> {
  requireTerraform();
  const processes = Math.min(availableParallelism(), files.length);
  const shares = Array.from({ length: processes }, (_, share) =>
    files.filter((_, index) => index % processes === share),
  );
  await Promise.all(
    shares.map(async (share) => {
      const fmt = execFileAsync("terraform", ["fmt", "-list=false", ...share], { env: OFFLINE_CLI_ENV });
      const forget = onInterrupt(() => fmt.child.kill());
      try {
        await fmt;
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        throw new Error(`terraform fmt failed: ${`${stdout ?? ""}${stderr ?? ""}` || String(error)}`);
      } finally {
        forget();
      }
    }),
  );
}

/** `terraform fmt -check` on every `.tf` file under `dir`: the diff of what is unformatted, or "". */
export function terraformFmtCheck(dir: string): string {
  const { ok, output } = runTerraformFmt(["-check", "-diff", dir]);
  return ok ? "" : output || "terraform fmt -check failed without output";
}

function runTerraformFmt(args: string[]): { ok: boolean; output: string } {
  requireTerraform();
  try {
    execFileSync("terraform", ["fmt", "-recursive", ...args], { encoding: "utf8", env: OFFLINE_CLI_ENV });
    return { ok: true, output: "" };
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string | null; stderr?: string | null };
    return { ok: false, output: `${stdout ?? ""}${stderr ?? ""}` || String(error) };
  }
}

/** The oldest Terraform the generated code and these scripts work with (see REQUIRED_TERRAFORM_VERSION). */
export const MINIMUM_TERRAFORM_VERSION = [1, 11, 0] as const;

let terraformChecked = false;

/**
 * Fails with one line unless a `terraform` of MINIMUM_TERRAFORM_VERSION or newer is on the PATH
 * (asked once per process; `terraform version` works offline). `neededFor` says why, for the message.
 */
export function requireTerraform(neededFor = "it formats the generated HCL"): void {
  if (terraformChecked) {
    return;
  }
  const wanted = MINIMUM_TERRAFORM_VERSION.join(".");
  let output: string;
  try {
    output = execFileSync("terraform", ["version", "-json"], { encoding: "utf8", env: OFFLINE_CLI_ENV });
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new UserError(
      missing
        ? `terraform is not on the PATH (${neededFor}). Fix: install Terraform ${wanted} or newer and put it on the PATH.`
        : `terraform version failed: ${String((error as { stderr?: string }).stderr ?? error).trim()}. Fix: check the terraform binary on the PATH.`,
    );
  }
  const version = (JSON.parse(output) as { terraform_version?: string }).terraform_version ?? "";
  const parts = version.split(".").map((part) => Number.parseInt(part, 10) || 0);
  const [major = 0, minor = 0, patch = 0] = parts;
  const [wantedMajor, wantedMinor, wantedPatch] = MINIMUM_TERRAFORM_VERSION;
  const tooOld =
    major !== wantedMajor ? major < wantedMajor : minor !== wantedMinor ? minor < wantedMinor : patch < wantedPatch;
  if (tooOld) {
    throw new UserError(
      `terraform ${version} on the PATH is too old: the generated Terraform needs ${wanted} or newer. Fix: install Terraform ${wanted} or newer.`,
    );
  }
  terraformChecked = true;
}

/**
 * Splits tidy HCL (as written by `tidyHcl` and `terraform fmt`) into its top-level blocks: each
 * starts at column 0 and ends with a `}` at column 0.
 */
export function topLevelBlocks(hcl: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  for (const line of hcl.split("\n")) {
    if (current.length === 0 && line.trim() === "") {
      continue;
    }
    current.push(line);
    if (line === "}") {
      blocks.push(current.join("\n"));
      current = [];
    }
  }
  if (current.length > 0) {
    throw new Error(`unterminated top-level block: ${current[0] ?? ""}`);
  }
  return blocks;
}

/** The `alias` of a top-level `provider` block (as `topLevelBlocks` returns it), if it has one. */
export function providerAlias(block: string): string | undefined {
  return /\n\s*alias\s*=\s*"([^"]+)"/.exec(block)?.[1];
}

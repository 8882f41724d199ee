import { execFileSync } from "node:child_process";

/** Top-level blocks of a Terraform file; each gets a blank line before it. */
const TOP_LEVEL_BLOCK = /^(terraform|provider|resource|data|output|variable|locals|module|moved|import) /;

/** A quoted address inside a `depends_on` list, as cdktf writes it. */
const QUOTED_DEPENDENCY = /^(\s*)"((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)"(,?)$/;

/**
 * Normalizes cdktf's HCL: unquotes `depends_on` entries (cdktf writes the Terraform 0.11 form,
 * which Terraform warns is deprecated), one blank line between top-level blocks, none before a
 * closing brace, none doubled, one trailing newline. Runs on both the direct path and the
 * `cdktf synth --hcl` path, so their output can be compared byte for byte.
 */
export function tidyHcl(hcl: string): string {
  const out: string[] = [];
  let inDependsOn = false;
  for (const raw of hcl.split("\n")) {
    let line = raw;
    if (/^\s*depends_on = \[$/.test(line)) {
      inDependsOn = true;
    } else if (inDependsOn && /^\s*\]$/.test(line)) {
      inDependsOn = false;
    } else if (inDependsOn) {
      line = line.replace(QUOTED_DEPENDENCY, "$1$2$3");
    }
    const blank = line.trim() === "";
    const previous = out[out.length - 1];
    if (blank && (previous === undefined || previous.trim() === "")) {
      continue;
    }
    if (!blank && line.trim() === "}" && previous !== undefined && previous.trim() === "") {
      out.pop();
    }
    if (TOP_LEVEL_BLOCK.test(line) && previous !== undefined && previous.trim() !== "") {
      out.push("");
    }
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1]?.trim() === "") {
    out.pop();
  }
  return `${out.join("\n")}\n`;
}

/**
 * Formats every `.tf` file under `dir` in place with `terraform fmt`, which also unwraps cdktf's
 * interpolation-only strings (`"${aws_vpc.x.id}"` becomes `aws_vpc.x.id`). Works offline.
 */
export function terraformFmt(dir: string): void {
  try {
    execFileSync("terraform", ["fmt", "-recursive", "-list=false", dir], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`terraform fmt failed on ${dir}: ${stderr || String(error)}`);
  }
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

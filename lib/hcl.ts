import { execFileSync } from "node:child_process";

/** Top-level blocks of a Terraform file; each gets a blank line before it. */
const TOP_LEVEL_BLOCK = /^(terraform|provider|resource|data|output|variable|locals|module|moved|import) /;

/**
 * Normalizes the blank lines of cdktf's HCL: one blank line between top-level blocks, none before
 * a closing brace, none doubled, one trailing newline. Runs on both the direct path and the
 * `cdktf synth --hcl` path, so their output can be compared byte for byte.
 */
export function tidyHcl(hcl: string): string {
  const out: string[] = [];
  for (const line of hcl.split("\n")) {
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

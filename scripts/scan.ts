import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs, promisify } from "node:util";
import { PROJECT_ROOT } from "../config";
import { UserError, runCli } from "../lib/errors";
import { GENERATED_DIR, STACK_FILE, stackFolders } from "../synth/synthesize";

/*
 * npm run scan: checkov over every generated stack, failing on any failed check.
 *
 * checkov is pinned (security/checkov-requirements.txt, checkov and everything it imports at exact
 * versions) and installed once per clone into .tools/checkov-<version>/, a virtual environment of
 * this project's own (ignored by git). A changed requirements file or an interrupted install is
 * noticed by a marker holding the file's hash, and the environment is rebuilt.
 *
 * Skips are inline `#checkov:skip=ID:reason` comments on the resources they concern (written by
 * npm run synth from security/checkov-skips.json); checkov reports them as skipped, with the reason.
 */

const run = promisify(execFile);
const REQUIREMENTS = path.join(PROJECT_ROOT, "security", "checkov-requirements.txt");
const CONFIG = path.join(PROJECT_ROOT, ".checkov.yaml");
const USAGE = `Usage: npm run scan [-- --dir <folder>]

Runs checkov (the version pinned in security/checkov-requirements.txt) over every stack folder
in <folder> (default: generated/) and exits 1 if any check fails.

Options:
  --dir <folder>  folder holding one <stack>/${STACK_FILE} per stack (default: generated/)
  -h, --help      print this help
`;

/** checkov's JSON report of one framework. */
interface CheckovReport {
  readonly check_type: string;
  readonly results: {
    readonly passed_checks: readonly CheckResult[];
    readonly failed_checks: readonly CheckResult[];
    readonly skipped_checks: readonly CheckResult[];
  };
}

interface CheckResult {
  readonly check_id: string;
  readonly check_name: string;
  readonly resource: string;
  readonly file_path: string;
  readonly file_line_range: readonly number[];
  readonly check_result: { readonly result: string; readonly suppress_comment?: string };
}

interface StackCounts {
  passed: number;
  failed: number;
  skipped: number;
}

runCli(async () => {
  const { values } = parseOptions();
  if (values.help === true) {
    process.stdout.write(USAGE);
    return;
  }
  const dir = path.resolve(values.dir ?? GENERATED_DIR);
  const stacks = stacksIn(dir);
  const { checkov, version } = await installCheckov();
  const report = await scan(checkov, dir);
  const failed = summarize(report, stacks);
  if (failed > 0) {
    throw new UserError(`checkov ${version}: ${String(failed)} failed checks (listed above).`);
  }
  process.stdout.write(`\ncheckov ${version}: no failed check in ${String(stacks.length)} stacks.\n`);
});

function parseOptions(): ReturnType<typeof parseScanArgs> {
  try {
    return parseScanArgs();
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

function parseScanArgs() {
  return parseArgs({
    options: { dir: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: false,
  });
}

function stacksIn(dir: string): string[] {
  if (!existsSync(dir)) {
    throw new UserError(`${dir} does not exist. Fix: run npm run synth first, or pass --dir <folder>.`);
  }
  const stacks = stackFolders(dir);
  if (stacks.length === 0) {
    throw new UserError(`${dir} holds no <stack>/${STACK_FILE}. Fix: run npm run synth first, or pass --dir <folder>.`);
  }
  return stacks;
}

/** The pinned checkov version, read from the requirements file. */
export function pinnedCheckovVersion(requirements: string): string {
  const version = /^checkov==(\d+\.\d+\.\d+)$/m.exec(requirements)?.[1];
  if (version === undefined) {
    throw new UserError(`${REQUIREMENTS} pins no checkov==<version>.`);
  }
  return version;
}

/**
 * Installs the pinned checkov into .tools/ unless it is there already; returns its executable and
 * version.
 */
async function installCheckov(): Promise<{ checkov: string; version: string }> {
  const requirements = readFileSync(REQUIREMENTS, "utf8");
  const version = pinnedCheckovVersion(requirements);
  const venv = path.join(PROJECT_ROOT, ".tools", `checkov-${version}`);
  const marker = path.join(venv, ".installed");
  const digest = createHash("sha256").update(requirements).digest("hex");
  const checkov = path.join(venv, "bin", "checkov");
  if (existsSync(marker) && readFileSync(marker, "utf8") === digest) {
    return { checkov, version };
  }
  process.stdout.write(
    `Installing checkov ${version} into ${path.relative(PROJECT_ROOT, venv)}/ (once per clone)...\n`,
  );
  rmSync(venv, { recursive: true, force: true });
  await tool("python3", ["-m", "venv", venv], "python3 (with venv) is needed to install checkov");
  await tool(
    path.join(venv, "bin", "pip"),
    ["install", "--quiet", "--disable-pip-version-check", "--no-warn-script-location", "-r", REQUIREMENTS],
    "pip could not install checkov from PyPI",
  );
  writeFileSync(marker, digest);
  return { checkov, version };
}

async function tool(command: string, args: readonly string[], what: string): Promise<string> {
  try {
    const { stdout } = await run(command, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    const detail = failure.code === "ENOENT" ? `${command} is not on the PATH` : (failure.stderr ?? failure.message);
    throw new UserError(`${what}: ${detail.trim().split("\n").slice(-5).join("\n")}`);
  }
}

/** Runs checkov over `dir`; it exits 1 when a check fails, which is read from the report instead. */
async function scan(checkov: string, dir: string): Promise<CheckovReport> {
  let stdout: string;
  try {
    ({ stdout } = await run(checkov, ["--config-file", CONFIG, "--directory", dir, "--output", "json"], {
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, LOG_LEVEL: "WARNING" },
    }));
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.stdout === undefined || failure.stdout === "") {
      throw new UserError(`checkov did not run: ${(failure.stderr ?? failure.message).trim()}`);
    }
    stdout = failure.stdout;
  }
  const parsed = JSON.parse(stdout) as CheckovReport | CheckovReport[];
  const reports = Array.isArray(parsed) ? parsed : [parsed];
  const terraform = reports.find((report) => report.check_type === "terraform");
  if (terraform === undefined) {
    throw new UserError(`checkov found no Terraform to scan in ${dir}.`);
  }
  return terraform;
}

/** Prints per-stack counts, the skips with their reasons and every failure; returns the failures. */
function summarize(report: CheckovReport, stacks: readonly string[]): number {
  const counts = new Map<string, StackCounts>(stacks.map((stack) => [stack, { passed: 0, failed: 0, skipped: 0 }]));
  const stackOf = (result: CheckResult): string => result.file_path.split("/").filter(Boolean)[0] ?? "";
  const tally = (results: readonly CheckResult[], key: keyof StackCounts): void => {
    for (const result of results) {
      const entry = counts.get(stackOf(result));
      if (entry !== undefined) {
        entry[key] += 1;
      }
    }
  };
  const { passed_checks: passed, failed_checks: failed, skipped_checks: skipped } = report.results;
  tally(passed, "passed");
  tally(failed, "failed");
  tally(skipped, "skipped");

  const width = Math.max(5, ...stacks.map((stack) => stack.length));
  const rows = [...counts].map(
    ([stack, c]) =>
      `${stack.padEnd(width)}  ${String(c.passed).padStart(6)}  ${String(c.failed).padStart(6)}  ${String(c.skipped).padStart(7)}`,
  );
  const total = `${"total".padEnd(width)}  ${String(passed.length).padStart(6)}  ${String(failed.length).padStart(6)}  ${String(skipped.length).padStart(7)}`;
  process.stdout.write(`${"stack".padEnd(width)}  passed  failed  skipped\n${rows.join("\n")}\n${total}\n`);
  if (skipped.length > 0) {
    const reasons = new Map<string, string>();
    for (const result of skipped) {
      reasons.set(result.check_id, result.check_result.suppress_comment ?? "");
    }
    process.stdout.write(
      `\nSkipped (inline, per resource; SECURITY.md lists the compensating controls):\n${[...reasons]
        .map(([id, reason]) => `  ${id}: ${reason}`)
        .join("\n")}\n`,
    );
  }
  if (failed.length > 0) {
    process.stdout.write(
      `\nFailed:\n${failed
        .map(
          (result) =>
            `  ${result.check_id} ${result.check_name}\n    ${result.resource} (${result.file_path.replace(/^\//, "")}:${String(result.file_line_range[0] ?? 0)})`,
        )
        .join("\n")}\n`,
    );
  }
  return failed.length;
}

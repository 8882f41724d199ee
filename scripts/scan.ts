import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../lib/paths";
import { parseCommandLine, userPath } from "../tooling/arguments";
import { UserError } from "../lib/errors";
import { runCli } from "../tooling/cli";
import { installPythonTool } from "../tooling/python-tools";
import { GENERATED_DIR, STACK_FILE } from "../lib/paths";
import { requireStackFolders } from "../synth/synthesize";

/*
 * npm run scan: checkov over every generated stack, failing on any failed check.
 *
 * checkov is pinned (security/checkov-requirements.txt, checkov and everything it imports at exact
 * versions) and installed once per clone into .tools/checkov-<version>/ (tooling/python-tools.ts).
 *
 * Skips are inline `#checkov:skip=ID:reason` comments on the resources they concern (written by
 * npm run synth from security/checkov-skips.json); checkov reports them as skipped, with the reason.
 */

const run = promisify(execFile);
const CONFIG = path.join(PROJECT_ROOT, ".checkov.yaml");
const USAGE = `Usage: npm run scan [-- --dir <folder>]

Runs checkov (the version pinned in security/checkov-requirements.txt) over every stack folder
in <folder> (default: generated/) and exits 1 if any check fails (2 on a usage error).

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
  const values = parseCommandLine("scan", USAGE, { dir: { type: "string" } });
  if (values === undefined) {
    return;
  }
  const dir = values.dir === undefined ? GENERATED_DIR : userPath(values.dir);
  const stacks = requireStackFolders(dir);
  const checkov = await installPythonTool("checkov");
  const version = checkov.version;
  const report = await scan(checkov.bin("checkov"), dir);
  const failed = summarize(report, stacks);
  if (failed > 0) {
    throw new UserError(`checkov ${version}: ${String(failed)} failed checks (listed above).`);
  }
  process.stdout.write(`\ncheckov ${version}: no failed check in ${String(stacks.length)} stacks.\n`);
});

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

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/paths";
import { parseCommandLine } from "../tooling/arguments";
import { UsageError, runCli } from "../tooling/cli";
import { UserError } from "../lib/errors";
import { OFFLINE_CLI_ENV } from "../tooling/hcl";

/*
 * npm run bench [-- --runs N]: wall time and peak memory of synthesizing every stack to HCL.
 *   - this project's path: `npm run synth` (the app in-process, then tidy + terraform fmt);
 *   - the stock path on the same code: `cdktf synth --hcl` with a ts-node app, as `cdktf init`
 *     sets it up (`--app "npx ts-node main.ts"`).
 * Each is a fresh process per run, measured by GNU time (%e wall seconds, %M peak RSS in KiB of
 * the largest process). Target: the project's path <= 2 s wall on the 2-core CI machine.
 */
const TARGET_SECONDS = 2;

interface Sample {
  readonly seconds: number;
  readonly peakMiB: number;
}

const USAGE = `Usage: npm run bench [-- --runs <n>]

Measures the wall time and peak memory of synthesizing every stack to HCL, this project's way
(npm run synth) against the stock cdktf synth --hcl, and says whether the target (${String(TARGET_SECONDS)} s) is met.

Options:
  --runs <n>  runs of this project's path (default: 5; the stock path runs at most 3 times)
  -h, --help  print this help
`;

runCli(() => {
  const values = parseCommandLine("bench", USAGE, { runs: { type: "string" } });
  if (values === undefined) {
    return;
  }
  const runs = Number(values.runs ?? "5");
  if (!Number.isInteger(runs) || runs < 1) {
    throw new UsageError(
      `--runs takes a whole number from 1 up, got "${values.runs ?? ""}". Run \`npm run bench -- --help\` for usage.`,
    );
  }
  const work = mkdtempSync(path.join(tmpdir(), "bench-"));
  try {
    const env = { ...OFFLINE_CLI_ENV, CI: "true" };
    const ours = measure(
      runs,
      (i) => [process.execPath, "--import", "tsx", "synth/cli.ts", "--out", path.join(work, `ours-${i}`)],
      env,
    );
    const stock = measure(
      Math.min(runs, 3),
      (i) => [
        "npx",
        "--no-install",
        "cdktf",
        "synth",
        "--hcl",
        "--app",
        "npx ts-node main.ts",
        "--output",
        path.join(work, `stock-${i}`),
      ],
      env,
    );

    const o = median(ours);
    const s = median(stock);
    const rows: string[][] = [
      ["path", "runs", "median wall (s)", "min wall (s)", "peak RSS (MiB)"],
      [
        "npm run synth (this project)",
        String(ours.length),
        o.seconds.toFixed(2),
        min(ours).toFixed(2),
        o.peakMiB.toFixed(0),
      ],
      [
        "cdktf synth --hcl, ts-node app",
        String(stock.length),
        s.seconds.toFixed(2),
        min(stock).toFixed(2),
        s.peakMiB.toFixed(0),
      ],
    ];
    const widths = rows.reduce<number[]>((w, row) => row.map((cell, c) => Math.max(w[c] ?? 0, cell.length)), []);
    for (const row of rows) {
      process.stdout.write(
        `${row
          .map((cell, c) => cell.padEnd(widths[c] ?? 0))
          .join("  ")
          .trimEnd()}\n`,
      );
    }
    process.stdout.write(
      `\nratio (stock / this project): ${(s.seconds / o.seconds).toFixed(1)}x wall, ` +
        `${(s.peakMiB / o.peakMiB).toFixed(1)}x peak memory\n` +
        `target: this project's path <= ${TARGET_SECONDS} s wall: ${o.seconds <= TARGET_SECONDS ? "met" : "NOT met"}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

function measure(runs: number, command: (run: number) => string[], env: NodeJS.ProcessEnv): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const [file = "", ...args] = command(i);
    const report = path.join(tmpdir(), `bench-time-${String(process.pid)}-${String(i)}`);
    try {
      execFileSync("/usr/bin/time", ["-f", "%e %M", "-o", report, file, ...args], {
        cwd: PROJECT_ROOT,
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
    } catch (error) {
      throw new UserError(
        `benchmark run failed: ${[file, ...args].join(" ")}\n${String((error as { stderr?: Buffer }).stderr ?? error)}`,
      );
    }
    const [seconds = NaN, kib = NaN] = readFileSync(report, "utf8").trim().split(/\s+/).map(Number);
    rmSync(report, { force: true });
    samples.push({ seconds, peakMiB: kib / 1024 });
  }
  return samples;
}

function median(samples: readonly Sample[]): Sample {
  const bySeconds = [...samples].sort((a, b) => a.seconds - b.seconds);
  const middle = bySeconds[Math.floor(bySeconds.length / 2)];
  if (middle === undefined) {
    throw new Error("no samples");
  }
  return middle;
}

function min(samples: readonly Sample[]): number {
  return Math.min(...samples.map((s) => s.seconds));
}

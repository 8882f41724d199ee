import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ENVIRONMENTS_DIR } from "../config";
import { PROJECT_ROOT } from "../lib/paths";
import { parseCommandLine } from "../tooling/arguments";
import { UsageError, runCli } from "../tooling/cli";
import { UserError } from "../lib/errors";
import { OFFLINE_CLI_ENV } from "../tooling/hcl";

/*
 * npm run bench [-- --runs N]: wall time, CPU time and peak memory of synthesizing every stack to HCL.
 *   - this project's path, `npm run synth` (the app in-process, then tidy + terraform fmt), on the
 *     shipped environments and on a generated set of 50 (copies of the shipped ones with their own
 *     names, account ids and VPC ids, in a temporary folder);
 *   - `npm run synth -- --check` on the shipped environments, against the folder a run wrote;
 *   - the stock path on the same code: `cdktf synth --hcl` with a ts-node app, as `cdktf init`
 *     sets it up (`--app "npx ts-node main.ts"`).
 * Each is a fresh process per run, measured by GNU time (%e wall seconds, %U + %S CPU seconds of the
 * process and the children it waited for, %M peak RSS in KiB of the largest process).
 */
const TARGETS = {
  /** The stock path's wall time over this project's, on the shipped environments. */
  stockRatio: 8,
  /** CPU per stack beyond the shipped ones, from the two sizes. */
  msPerExtraStack: 30,
  /** Wall time of the 50-environment set. */
  largeSeconds: 15,
  /** `--check` over the synth it checks. */
  checkOverhead: 1.2,
};

/** Environments in the generated set. */
const GENERATED_ENVIRONMENTS = 50;

interface Sample {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakMiB: number;
}

const USAGE = `Usage: npm run bench [-- --runs <n>]

Measures the wall time, CPU time and peak memory of synthesizing every stack to HCL, this project's
way (npm run synth, on the shipped environments and on ${String(GENERATED_ENVIRONMENTS)} generated ones) against the stock
cdktf synth --hcl, and says which targets are met.

Options:
  --runs <n>  runs of each of this project's measurements (default: 5; the stock path and the
              generated set run at most 3 times)
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
    const synth = (...args: string[]) => [process.execPath, "--import", "tsx", "synth/cli.ts", ...args];
    const shippedOut = path.join(work, "shipped");
    const shipped = measure(runs, () => synth("--out", shippedOut), env);
    const check = measure(runs, () => synth("--out", shippedOut, "--check"), env);
    const generated = generateEnvironments(path.join(work, "environments"), GENERATED_ENVIRONMENTS);
    const largeOut = path.join(work, "large");
    const large = measure(
      Math.min(runs, 3),
      (i) => synth("--environments", generated, "--out", `${largeOut}-${String(i)}`),
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
        path.join(work, `stock-${String(i)}`),
      ],
      env,
    );

    const shippedStacks = stackCount(shippedOut);
    const largeStacks = stackCount(`${largeOut}-0`);
    const rows: string[][] = [
      ["path", "stacks", "runs", "median wall (s)", "min wall (s)", "median CPU (s)", "peak RSS (MiB)"],
      row("npm run synth", shippedStacks, shipped),
      row("npm run synth -- --check", shippedStacks, check),
      row(`npm run synth, ${String(GENERATED_ENVIRONMENTS)} environments`, largeStacks, large),
      row("cdktf synth --hcl, ts-node app", shippedStacks, stock),
    ];
    const widths = rows.reduce<number[]>((w, cells) => cells.map((cell, c) => Math.max(w[c] ?? 0, cell.length)), []);
    for (const cells of rows) {
      process.stdout.write(
        `${cells
          .map((cell, c) => cell.padEnd(widths[c] ?? 0))
          .join("  ")
          .trimEnd()}\n`,
      );
    }

    const ratio = median(stock, "seconds") / median(shipped, "seconds");
    const msPerStack =
      ((median(large, "cpuSeconds") - median(shipped, "cpuSeconds")) * 1000) / (largeStacks - shippedStacks);
    const largeSeconds = median(large, "seconds");
    const checkOverhead = median(check, "seconds") / median(shipped, "seconds");
    const verdict = (met: boolean) => (met ? "met" : "NOT met");
    process.stdout.write(
      [
        "",
        `stock / this project (shipped): ${ratio.toFixed(1)}x wall, ` +
          `${(median(stock, "peakMiB") / median(shipped, "peakMiB")).toFixed(1)}x peak memory ` +
          `(target >= ${String(TARGETS.stockRatio)}x: ${verdict(ratio >= TARGETS.stockRatio)})`,
        `CPU per extra stack: ${msPerStack.toFixed(0)} ms ` +
          `(target <= ${String(TARGETS.msPerExtraStack)} ms: ${verdict(msPerStack <= TARGETS.msPerExtraStack)})`,
        `${String(largeStacks)} stacks: ${largeSeconds.toFixed(2)} s wall ` +
          `(target < ${String(TARGETS.largeSeconds)} s: ${verdict(largeSeconds < TARGETS.largeSeconds)})`,
        `--check / synth: ${checkOverhead.toFixed(2)}x wall ` +
          `(target <= ${TARGETS.checkOverhead.toFixed(1)}x: ${verdict(checkOverhead <= TARGETS.checkOverhead)})`,
        "",
      ].join("\n"),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

/**
 * `count` environment files in `dir`, copies of the shipped ones in turn, each with its own name,
 * account id and VPC ids (two environments may not share an adopted VPC). Returns `dir`.
 */
function generateEnvironments(dir: string, count: number): string {
  mkdirSync(dir, { recursive: true });
  const shipped = readdirSync(ENVIRONMENTS_DIR)
    .filter((file) => file.endsWith(".ts"))
    .sort()
    .map((file) => ({
      name: path.basename(file, ".ts"),
      text: readFileSync(path.join(ENVIRONMENTS_DIR, file), "utf8"),
    }));
  for (let index = 0; index < count; index++) {
    const base = shipped[index % shipped.length];
    if (base === undefined) {
      throw new UserError(`no environment files in ${ENVIRONMENTS_DIR}`);
    }
    const number = String(index).padStart(2, "0");
    const name = `${base.name}${number}`;
    const text = base.text
      .replace(/from "\.\.\//g, `from "${PROJECT_ROOT}/`)
      .replace(`name: "${base.name}"`, `name: "${name}"`)
      .replace(/accountId: "\d{12}"/, `accountId: "${String(900_000_000_000 + index)}"`)
      .replace(/vpc-[0-9a-f]{2}/g, `vpc-${index.toString(16).padStart(2, "0")}`);
    writeFileSync(path.join(dir, `${name}.ts`), text);
  }
  return dir;
}

function stackCount(out: string): number {
  return readdirSync(out, { withFileTypes: true }).filter((entry) => entry.isDirectory()).length;
}

function row(label: string, stacks: number, samples: readonly Sample[]): string[] {
  return [
    label,
    String(stacks),
    String(samples.length),
    median(samples, "seconds").toFixed(2),
    Math.min(...samples.map((s) => s.seconds)).toFixed(2),
    median(samples, "cpuSeconds").toFixed(2),
    median(samples, "peakMiB").toFixed(0),
  ];
}

function measure(runs: number, command: (run: number) => string[], env: NodeJS.ProcessEnv): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const [file = "", ...args] = command(i);
    const report = path.join(tmpdir(), `bench-time-${String(process.pid)}-${String(i)}`);
    try {
      execFileSync("/usr/bin/time", ["-f", "%e %U %S %M", "-o", report, file, ...args], {
        cwd: PROJECT_ROOT,
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
    } catch (error) {
      throw new UserError(
        `benchmark run failed: ${[file, ...args].join(" ")}\n${String((error as { stderr?: Buffer }).stderr ?? error)}`,
      );
    }
    const [seconds = NaN, user = NaN, system = NaN, kib = NaN] = readFileSync(report, "utf8")
      .trim()
      .split(/\s+/)
      .map(Number);
    rmSync(report, { force: true });
    samples.push({ seconds, cpuSeconds: user + system, peakMiB: kib / 1024 });
  }
  return samples;
}

/** The median of one figure over the samples (each figure on its own). */
function median(samples: readonly Sample[], figure: keyof Sample): number {
  const sorted = samples.map((sample) => sample[figure]).sort((a, b) => a - b);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) {
    throw new Error("no samples");
  }
  return middle;
}

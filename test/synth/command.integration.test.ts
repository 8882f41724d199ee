import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/paths";
import { UsageError } from "../../tooling/cli";
import { UserError } from "../../lib/errors";
import { parseSynthArgs, runSynth, type SynthOptions, USAGE } from "../../synth/command";
import {
  applyReplacement,
  type FileOperations,
  JOURNAL_FILE,
  MANIFEST_FILE,
  manifestOf,
  NODE_FILE_OPERATIONS,
  planReplacement,
  readManifest,
  recover,
  sha256,
} from "../../synth/output";
import { environmentInput, FIRST_TOPOLOGY } from "../helpers";
import { environmentFile, environmentsDir, tempDir } from "../helpers/temporary";

/** A folder's files as comparable text, whatever order they were listed in. */
function canonical(files: Record<string, string>): string {
  return JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every file below `dir` (dotfiles included) and its content. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative)).sort()) {
      const child = relative === "" ? entry : `${relative}/${entry}`;
      if (statSync(path.join(dir, child)).isDirectory()) {
        walk(child);
      } else {
        files[child] = readFileSync(path.join(dir, child), "utf8");
      }
    }
  };
  if (existsSync(dir)) {
    walk("");
  }
  return files;
}

/** Environments qa and uat, each running the registry's first topology, with the given CIDR for qa. */
function environments(qaCidr = "10.0.0.0/16"): string {
  const qa = environmentInput({ name: "qa" });
  const network = {
    mode: "create",
    cidr: qaCidr,
    privateSubnets: {
      "eu-west-1a": qaCidr.replace(/\.0\.0\/16$/, ".0.0/24"),
      "eu-west-1b": qaCidr.replace(/\.0\.0\/16$/, ".1.0/24"),
    },
  };
  return environmentsDir({
    qa: environmentFile(
      JSON.stringify({ ...qa, topologies: { [FIRST_TOPOLOGY]: { ...qa.topologies[FIRST_TOPOLOGY], network } } }),
    ),
    uat: environmentFile(JSON.stringify(environmentInput({ name: "uat", tags: { owner: "uat" } }))),
  });
}

function options(out: string, envs: string, extra: Partial<SynthOptions> = {}): SynthOptions {
  return { ...parseSynthArgs(["--out", out, "--environments", envs], PROJECT_ROOT), ...extra };
}

function runCommand(args: readonly string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, ["--import", "tsx", "synth/cli.ts", ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env,
  });
}

describe("npm run synth arguments", () => {
  test("--help prints the usage, every option with examples, and exits 0", () => {
    const result = runCommand(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(USAGE);
    for (const option of ["--out", "--environments", "--env", "--stack", "--check", "--force", "--help"]) {
      expect(USAGE).toContain(option);
    }
    expect(USAGE).toContain("Examples:");
  });

  test.each([
    [["--bogus"], "Unknown option --bogus. Run `npm run synth -- --help` for usage."],
    [["--out"], "Option --out needs a value. Run `npm run synth -- --help` for usage."],
    [["stray"], "Unexpected argument stray: every option starts with --. Run `npm run synth -- --help` for usage."],
    [["--check=yes"], "Option --check takes no value. Run `npm run synth -- --help` for usage."],
  ])("%j is one line, exit code 2, no stack trace", (args, message) => {
    const result = runCommand(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.stdout).toBe("");
  });

  test("relative --out and --environments resolve against the folder the command was run in", () => {
    const parsed = parseSynthArgs(["--out", "build/tf", "--environments", "../envs"], "/home/me/infra");
    expect(parsed.out).toBe("/home/me/infra/build/tf");
    expect(parsed.environments).toBe("/home/me/envs");
    expect(() => parseSynthArgs(["--out", ""], "/")).toThrow(UsageError);
  });

  test("an unknown --env or --stack lists the known ones, exit code 2", async () => {
    const envs = environments();
    const out = path.join(tempDir("out-"), "generated");
    await expect(runSynth(options(out, envs, { envs: ["prod"] }))).rejects.toThrow(
      'Unknown environment "prod" for --env. Known: qa, uat.',
    );
    const error = await runSynth(options(out, envs, { stacks: [`${FIRST_TOPOLOGY}-prd`] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toBe(
      `Unknown stack "${FIRST_TOPOLOGY}-prd" for --stack. Known: ${FIRST_TOPOLOGY}-qa, ${FIRST_TOPOLOGY}-uat.`,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe("npm run synth subsets, check mode and ownership", () => {
  test("--env and --stack rewrite only their stacks; every other stack stays byte for byte", async () => {
    // GIVEN a complete output for qa and uat
    const out = path.join(tempDir("out-"), "generated");
    await runSynth(options(out, environments()));
    const before = snapshot(out);
    // WHEN qa's configuration changes but only uat is synthesized
    const changed = environments("10.7.0.0/16");
    const report = await runSynth(options(out, changed, { envs: ["uat"] }));
    // THEN nothing changed (uat is as it was), qa was not touched
    expect(report.lines.at(-1)).toMatch(
      new RegExp(String.raw`^Synthesized 1 stacks into .* \(no file changed\): ${FIRST_TOPOLOGY}-uat$`),
    );
    expect(snapshot(out)).toEqual(before);
    // AND --stack <first topology>-qa rewrites qa alone, and records it in the manifest
    await runSynth(options(out, changed, { stacks: [`${FIRST_TOPOLOGY}-qa`] }));
    const after = snapshot(out);
    expect(after[`${FIRST_TOPOLOGY}-qa/main.tf`]).toContain('"10.7.0.0/16"');
    expect(after[`${FIRST_TOPOLOGY}-uat/main.tf`]).toBe(before[`${FIRST_TOPOLOGY}-uat/main.tf`]);
    expect(readManifest(out).files[`${FIRST_TOPOLOGY}-qa/main.tf`]).toBe(
      sha256(after[`${FIRST_TOPOLOGY}-qa/main.tf`] ?? ""),
    );
  });

  test("--check writes nothing: exit 0 when current, 1 with a per-stack summary and diff when stale", async () => {
    const out = path.join(tempDir("out-"), "generated");
    await runSynth(options(out, environments()));
    const before = snapshot(out);
    expect(await runSynth(options(out, environments(), { check: true }))).toMatchObject({ exitCode: 0 });

    const report = await runSynth(options(out, environments("10.7.0.0/16"), { check: true }));

    expect(report.exitCode).toBe(1);
    const text = report.lines.join("\n");
    expect(text).toMatch(
      new RegExp(String.raw`is stale:\n {2}${FIRST_TOPOLOGY}-qa\/main\.tf: differs \(\+\d+ -\d+ lines\)\n`),
    );
    expect(text).not.toContain(`${FIRST_TOPOLOGY}-uat/main.tf:`);
    expect(text).toContain('+  cidr_block           = "10.7.0.0/16"');
    expect(text).toMatch(/Run `npm run synth` and commit the result\.$/);
    expect(snapshot(out)).toEqual(before);
  });

  test("a folder of someone else's Terraform is refused and left alone (the reported data-loss case)", async () => {
    const out = tempDir("infra-");
    mkdirSync(path.join(out, "vpc"));
    writeFileSync(path.join(out, "README.md"), "notes\n");
    writeFileSync(path.join(out, "vpc", "main.tf"), 'resource "aws_vpc" "mine" {}\n');
    const before = snapshot(out);
    await expect(runSynth(options(out, environments()))).rejects.toThrow(
      /^Refusing to write into .*: it holds README\.md, vpc\/main\.tf, which npm run synth did not write\. Fix: /,
    );
    expect(snapshot(out)).toEqual(before);
  });

  test("a file edited by hand is reported, not overwritten, unless --force", async () => {
    const out = path.join(tempDir("out-"), "generated");
    await runSynth(options(out, environments()));
    const edited = path.join(out, `${FIRST_TOPOLOGY}-qa`, "main.tf");
    writeFileSync(edited, `${readFileSync(edited, "utf8")}# my change\n`);
    const before = snapshot(out);
    const changed = environments("10.7.0.0/16");

    await expect(runSynth(options(out, changed))).rejects.toThrow(
      new RegExp(
        String.raw`^Refusing to overwrite ${FIRST_TOPOLOGY}-qa\/main\.tf in .*: edited by hand since npm run synth wrote it\. Fix: .*--force`,
      ),
    );
    expect(snapshot(out)).toEqual(before);

    await runSynth(options(out, changed, { force: true }));
    expect(readFileSync(edited, "utf8")).not.toContain("# my change");
  });

  test("--out naming a file is one line, and nothing is written", async () => {
    const file = path.join(tempDir("out-"), "not-a-folder");
    writeFileSync(file, "x\n");
    await expect(runSynth(options(file, environments()))).rejects.toThrow(
      /^.*not-a-folder is a file, not a folder\. Fix: give --out a folder/,
    );
    expect(readFileSync(file, "utf8")).toBe("x\n");
  });

  test("a folder it may not write is one line naming the path and the fix; the old output stays whole", async () => {
    const out = path.join(tempDir("out-"), "generated");
    await runSynth(options(out, environments()));
    const before = snapshot(out);
    const denied: FileOperations = {
      ...NODE_FILE_OPERATIONS,
      writeFile: (file) => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: "EACCES", path: file });
      },
    };
    const error = await runSynth(options(out, environments("10.7.0.0/16")), denied).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /^Cannot write .*generated\/: .*\.synth-journal\.json\.synth-pending: permission denied \(EACCES\)\. Fix: make it writable/,
    );
    expect(snapshot(out)).toEqual(before);
  });
});

/** A stop in the middle of a replacement: what a kill looks like to the file system. */
class Crash extends Error {}

describe("crash safety: stopped or failed between any two file-system operations", () => {
  /** Old set: two stacks and a README; new set: one changed, one removed, one added. */
  const oldFiles = { "README.md": "readme\n", "a/main.tf": "a = 1\n", "b/main.tf": "b = 1\n" };
  const newFiles = new Map([
    ["README.md", "readme\n"],
    ["a/main.tf", "a = 2\n"],
    ["c/main.tf", "c = 1\n"],
  ]);
  const complete = (files: Record<string, string>) => ({
    ...files,
    [MANIFEST_FILE]: `${JSON.stringify(manifestOf(files), null, 2)}\n`,
  });
  const oldSet = complete(oldFiles);
  const newSet = complete(Object.fromEntries(newFiles));

  function oldOutput(): string {
    const out = path.join(tempDir("crash-"), "generated");
    applyReplacement(out, planReplacement(out, { files: {} }, new Map(Object.entries(oldFiles))));
    // Terraform's working files are never touched.
    mkdirSync(path.join(out, "b", ".terraform"), { recursive: true });
    writeFileSync(path.join(out, "b", ".terraform.lock.hcl"), "# lock\n");
    expect(snapshot(out)).toEqual({ ...oldSet, "b/.terraform.lock.hcl": "# lock\n" });
    return out;
  }

  /** The operations, failing with `error` at the `at`-th call; returns how many calls were made. */
  function failing(at: number, error: () => Error): { ops: FileOperations; calls: () => number } {
    let calls = 0;
    const step =
      <A extends unknown[]>(operation: (...args: A) => void) =>
      (...args: A) => {
        if (calls++ === at) {
          throw error();
        }
        operation(...args);
      };
    const base = NODE_FILE_OPERATIONS;
    return {
      ops: {
        mkdir: step(base.mkdir),
        writeFile: step(base.writeFile),
        rename: step(base.rename),
        remove: step(base.remove),
        removeEmptyFolder: step(base.removeEmptyFolder),
      },
      calls: () => calls,
    };
  }

  /** The folder without Terraform's working files, which every state keeps. */
  function outputOf(out: string): Record<string, string> {
    const { "b/.terraform.lock.hcl": lock, ...rest } = snapshot(out);
    if (lock !== undefined) {
      expect(lock).toBe("# lock\n");
    }
    return rest;
  }

  const total = (() => {
    // Count the operations of an uninterrupted replacement once.
    let count = 0;
    const counting = failing(Number.MAX_SAFE_INTEGER, () => new Crash());
    const out = path.join(tempDir("count-"), "generated");
    applyReplacement(out, planReplacement(out, { files: {} }, new Map(Object.entries(oldFiles))));
    applyReplacement(out, planReplacement(out, readManifest(out), newFiles), counting.ops);
    count = counting.calls();
    return count;
  })();

  test("the replacement has enough steps to be worth proving", () => {
    expect(total).toBeGreaterThan(10);
  });

  test.each(Array.from({ length: total }, (_, at) => at))(
    "stopped before operation %i: the folder is old, new, or committed; the next run leaves it old or new",
    (at) => {
      const out = oldOutput();
      const { ops } = failing(at, () => new Crash());
      expect(() => {
        applyReplacement(out, planReplacement(out, readManifest(out), newFiles), ops);
      }).toThrow(Crash);

      const interrupted = outputOf(out);
      const committed = JOURNAL_FILE in interrupted;
      if (!committed) {
        // A killed run may leave its uncommitted journal under the pending name; the next run discards it.
        const pendingAside = Object.fromEntries(
          Object.entries(interrupted).filter(([f]) => !f.endsWith(".synth-pending")),
        );
        expect([canonical(oldSet), canonical(newSet)]).toContain(canonical(pendingAside));
      }

      const notice = recover(out);
      const recovered = outputOf(out);
      expect([canonical(oldSet), canonical(newSet)]).toContain(canonical(recovered));
      if (committed) {
        expect(recovered).toEqual(newSet);
      }
      if (committed) {
        expect(notice).toMatch(/^Completed an interrupted synth in .* from its journal \(2 files\)\.$/);
      }
      // And the run after that is an ordinary one.
      applyReplacement(out, planReplacement(out, readManifest(out), newFiles));
      expect(outputOf(out)).toEqual(newSet);
    },
  );

  test.each(Array.from({ length: total }, (_, at) => at))(
    "failing at operation %i (disk full): before the commit the old set is whole; after it the next run completes",
    (at) => {
      const out = oldOutput();
      const { ops } = failing(at, () =>
        Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC", path: out }),
      );
      expect(() => {
        applyReplacement(out, planReplacement(out, readManifest(out), newFiles), ops);
      }).toThrow(/ENOSPC/);

      const failed = outputOf(out);
      if (JOURNAL_FILE in failed) {
        recover(out);
        expect(outputOf(out)).toEqual(newSet);
      } else {
        // Not committed: exactly the old set, without even a pending journal.
        expect(failed).toEqual(oldSet);
      }
    },
  );
});

describe("interrupts and missing tools", () => {
  test("SIGINT at any moment leaves no temporary folder and a complete output", async () => {
    const envs = environments();
    for (const delay of [200, 600, 1000, 1300]) {
      const tmp = tempDir("sigint-tmp-");
      const out = path.join(tempDir("sigint-out-"), "generated");
      const child = spawn(process.execPath, ["--import", "tsx", "synth/cli.ts", "--out", out, "--environments", envs], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, TMPDIR: tmp },
        stdio: "ignore",
      });
      setTimeout(() => child.kill("SIGINT"), delay);
      await new Promise((resolve) => child.on("exit", resolve));
      // tsx keeps its compile cache there (tsx-<uid>), reused by every run: not a folder of synth's.
      expect(readdirSync(tmp).filter((entry) => !entry.startsWith("tsx-"))).toEqual([]);
      const files = snapshot(out);
      expect(JOURNAL_FILE in files).toBe(false);
      if (Object.keys(files).length > 0) {
        expect(Object.keys(files).sort()).toEqual(
          [MANIFEST_FILE, "README.md", `${FIRST_TOPOLOGY}-qa/main.tf`, `${FIRST_TOPOLOGY}-uat/main.tf`].sort(),
        );
      }
    }
  });

  test("without terraform on the PATH: one line naming the binary and the fix, for synth and check:fmt", () => {
    const env = { ...process.env, PATH: path.dirname(process.execPath) };
    const synth = runCommand(["--out", path.join(tempDir("noterraform-"), "generated")], env);
    expect(synth.status).toBe(1);
    expect(synth.stderr).toBe(
      "terraform is not on the PATH (it formats the generated HCL). Fix: install Terraform 1.11.0 or newer and put it on the PATH.\n",
    );
    const fmt = spawnSync(process.execPath, ["--import", "tsx", "scripts/check-fmt.ts"], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      env,
    });
    expect(fmt.status).toBe(1);
    expect(fmt.stderr).toContain("terraform is not on the PATH");
    expect(fmt.stderr).not.toContain("null");
  });

  test("a terraform older than 1.11 is refused with one line naming its version", () => {
    const bin = tempDir("old-terraform-");
    writeFileSync(
      path.join(bin, "terraform"),
      '#!/bin/sh\necho \'{"terraform_version":"1.5.7","platform":"linux_amd64"}\'\n',
      { mode: 0o755 },
    );
    const env = { ...process.env, PATH: `${bin}:${path.dirname(process.execPath)}` };
    const result = runCommand(["--out", path.join(tempDir("old-terraform-out-"), "generated")], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "terraform 1.5.7 on the PATH is too old: the generated Terraform needs 1.11.0 or newer. Fix: install Terraform 1.11.0 or newer.\n",
    );
  });

  test("the README's usage section is the --help text", () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    expect(readme).toContain(`\`\`\`text\n${USAGE}\`\`\``);
  });
});

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../lib/paths";
import { fileSystemError } from "./cli";
import { UserError } from "../lib/errors";

/*
 * The project's Python test tools (checkov for the security gate, moto for the deploy lifecycle),
 * each pinned in a requirements file that lists it and everything it imports at exact versions,
 * and installed once per clone into .tools/<tool>-<version>/, a virtual environment of this
 * project's own (ignored by git). Each tool has its own environment: checkov and moto pin
 * different botocore releases. A marker holding the requirements file's hash notices an edited
 * file or an interrupted install, and the environment is rebuilt. Installs take a lock, so two
 * commands (or test files) started together install once.
 */

/** The project's Python test tools, each with the requirements file that pins it. */
export const PYTHON_TOOLS = {
  checkov: path.join(PROJECT_ROOT, "security", "checkov-requirements.txt"),
  moto: path.join(PROJECT_ROOT, "lifecycle", "moto-requirements.txt"),
} as const;

export type PythonToolName = keyof typeof PYTHON_TOOLS;

const run = promisify(execFile);
const TOOLS_DIR = path.join(PROJECT_ROOT, ".tools");
const LOCK_WAIT_MS = 10 * 60 * 1000;

/** A tool installed into its environment. */
export interface PythonTool {
  /** Its pinned version, read from the requirements file. */
  readonly version: string;
  /** The environment's folder. */
  readonly venv: string;
  /** The environment's Python interpreter. */
  readonly python: string;
  /** An executable the environment installed (`bin/<name>`). */
  bin(name: string): string;
}

/** The version `requirements` pins for `tool` (`tool==x.y.z`, extras allowed). */
export function pinnedVersion(tool: string, requirements: string, file: string): string {
  const escaped = tool.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const version = new RegExp(`^${escaped}(?:\\[[^\\]]*\\])?==(\\d+\\.\\d+\\.\\d+)$`, "m").exec(requirements)?.[1];
  if (version === undefined) {
    throw new UserError(`${file} pins no ${tool}==<version>. Fix: add the exact version of ${tool} to it.`);
  }
  return version;
}

/** Installs `tool` from its requirements file unless its environment is already current. */
export async function installPythonTool(tool: PythonToolName): Promise<PythonTool> {
  const requirementsFile = PYTHON_TOOLS[tool];
  const requirements = readFileSync(requirementsFile, "utf8");
  const version = pinnedVersion(tool, requirements, path.relative(PROJECT_ROOT, requirementsFile));
  const venv = path.join(TOOLS_DIR, `${tool}-${version}`);
  const installed: PythonTool = {
    version,
    venv,
    python: path.join(venv, "bin", "python"),
    bin: (name) => path.join(venv, "bin", name),
  };
  const marker = path.join(venv, ".installed");
  const digest = createHash("sha256").update(requirements).digest("hex");
  const current = (): boolean => existsSync(marker) && readFileSync(marker, "utf8") === digest;
  if (current()) {
    return installed;
  }
  await withLock(path.join(TOOLS_DIR, `${tool}.lock`), install).catch((error: unknown) => {
    throw fileSystemError(error, `install ${tool} into ${path.relative(PROJECT_ROOT, venv)}/`);
  });
  return installed;

  async function install(): Promise<void> {
    if (current()) {
      return; // installed by whoever held the lock
    }
    process.stdout.write(
      `Installing ${tool} ${version} into ${path.relative(PROJECT_ROOT, venv)}/ (once per clone)...\n`,
    );
    rmSync(venv, { recursive: true, force: true });
    await runInstaller("python3", ["-m", "venv", venv], `python3 (with venv) is needed to install ${tool}`);
    await runInstaller(
      installed.bin("pip"),
      ["install", "--quiet", "--disable-pip-version-check", "--no-warn-script-location", "-r", requirementsFile],
      `pip could not install ${tool} from PyPI`,
    );
    writeFileSync(marker, digest);
  }
}

/** Runs `body` holding `lock` (a folder: creating one is atomic); waits for another holder. */
async function withLock(lock: string, body: () => Promise<void>): Promise<void> {
  mkdirSync(path.dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw error;
      }
      if (Date.now() - started > LOCK_WAIT_MS) {
        throw new UserError(
          `${lock} has been held for ten minutes. Fix: if no install is running, remove that folder.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const release = (): void => {
    rmSync(lock, { recursive: true, force: true });
  };
  process.once("exit", release);
  try {
    await body();
  } finally {
    release();
    process.removeListener("exit", release);
  }
}

async function runInstaller(command: string, args: readonly string[], what: string): Promise<void> {
  try {
    await run(command, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    const detail = failure.code === "ENOENT" ? `${command} is not on the PATH` : (failure.stderr ?? failure.message);
    throw new UserError(`${what}: ${detail.trim().split("\n").slice(-5).join("\n")}`);
  }
}

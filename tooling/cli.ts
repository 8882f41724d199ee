import { UserError } from "../lib/errors";

/** The command line itself is wrong (unknown option, missing value): exit code 2, with a usage hint. */
export class UsageError extends UserError {
  public override readonly exitCode = 2;
}

/** What to say for a file-system error code, and how to fix it. */
const FILE_SYSTEM_PROBLEMS: Readonly<Record<string, readonly [problem: string, fix: string]>> = {
  EACCES: ["permission denied", "make it writable for this user, or choose another folder"],
  EPERM: ["operation not permitted", "make it writable for this user, or choose another folder"],
  EROFS: ["the file system is read-only", "choose a folder on a writable file system"],
  ENOSPC: ["no space left on the device", "free some space and run again"],
  EDQUOT: ["the disk quota is exhausted", "free some space and run again"],
  ENOTDIR: ["a path component is a file, not a folder", "choose a folder path"],
  EISDIR: ["it is a folder where a file was expected", "move the folder away"],
  ENOENT: ["it does not exist", "check the path"],
  EEXIST: ["it already exists", "move it away"],
};

/**
 * A file-system error as one line naming what was being done, the path and the fix; errors
 * that are not file-system errors are returned unchanged (they are bugs).
 */
export function fileSystemError(error: unknown, doing: string): unknown {
  const failure = error as NodeJS.ErrnoException;
  const known = failure.code === undefined ? undefined : FILE_SYSTEM_PROBLEMS[failure.code];
  if (known === undefined || error instanceof UserError) {
    return error;
  }
  const [problem, fix] = known;
  return new UserError(`Cannot ${doing}: ${failure.path ?? "?"}: ${problem} (${failure.code ?? ""}). Fix: ${fix}.`);
}

/**
 * Runs a command-line entry point: user errors print their message and exit 1 without a stack
 * trace; anything else is a bug and is rethrown.
 */
export function runCli(main: () => Promise<void> | void): void {
  // A reader that stops early (`npm run synth -- --help | head -3`) is not an error of ours.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") {
      throw error;
    }
    process.exit();
  });
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      if (error instanceof UserError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(error.exitCode);
      }
      throw error;
    });
}

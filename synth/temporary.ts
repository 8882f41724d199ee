import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/**
 * Temporary folders of a run, all in the OS temp folder: removed by whoever made them when done
 * (success or error), and by a handler on SIGINT and SIGTERM, which then exits with the usual
 * 128 + signal code. The handler also defers the signal while the output folder is replaced:
 * that part is synchronous, so Node runs the handler only before or after it (see output.ts).
 */
const folders = new Set<string>();
const cleanups = new Set<() => void>();
let handlersInstalled = false;
/** What the interrupted command leaves behind, said after "temporary files removed". */
let interruptNote = "the output folder holds a complete output";

/** Replaces the interrupt message's note (the default is synth's). */
export function setInterruptNote(note: string): void {
  interruptNote = note;
}

/**
 * Runs `cleanup` (synchronously) on SIGINT/SIGTERM, before the folders go; e.g. to stop child
 * processes that a terminal's Ctrl-C would reach but a signal to this process alone would not.
 * Returns the function that unregisters it.
 */
export function onInterrupt(cleanup: () => void): () => void {
  installHandlers();
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/** A new folder in the OS temp folder, removed on SIGINT/SIGTERM until `removeTemporary`. */
export function temporaryFolder(prefix: string): string {
  installHandlers();
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  folders.add(folder);
  return folder;
}

/** Removes a folder made by `temporaryFolder`. */
export function removeTemporary(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  folders.delete(folder);
}

function installHandlers(): void {
  if (handlersInstalled) {
    return;
  }
  handlersInstalled = true;
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      for (const cleanup of cleanups) {
        cleanup();
      }
      for (const folder of folders) {
        rmSync(folder, { recursive: true, force: true });
      }
      process.stderr.write(`Interrupted (${signal}): temporary files removed; ${interruptNote}.\n`);
      process.exit(code);
    });
  }
}

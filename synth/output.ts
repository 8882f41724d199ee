import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import * as path from "node:path";
import { UserError } from "../lib/errors";

/*
 * The output folder synth owns, and how it is replaced without ever losing a file.
 *
 * Ownership. `.synth-manifest.json` lists every file synth wrote, with its SHA-256. Synth only
 * ever replaces or removes files the manifest lists. Anything else in the folder (but Terraform's
 * own working files in a stack folder, `.terraform/` and `.terraform.lock.hcl`) is foreign and
 * stops the run before anything is written; so does a listed file whose content no longer has
 * its recorded hash (edited by hand), unless the caller forces it.
 *
 * Crash safety. A replacement is a write-ahead journal:
 *   1. `.synth-journal.json` is written complete under a temporary name, then renamed into place.
 *      That rename is the commit point: before it, the folder holds the complete old set (a
 *      leftover temporary journal is deleted by the next run, which says so); after it, the
 *      journal holds everything needed to finish.
 *   2. Each new file is written under a temporary name beside its target and renamed over it
 *      (rename is atomic within a folder, so no file is ever half-written).
 *   3. Files of stacks that no longer exist are removed, then their folders if empty.
 *   4. The new manifest is written the same way (temporary name, rename).
 *   5. The journal is removed: the folder holds the complete new set.
 * A run that finds a journal first completes steps 2-5 from it (each is idempotent), with a
 * one-line notice, before it does anything else. So at every instant the folder holds the complete
 * old set, the complete new set, or a committed journal the next run completes. Steps 1-5 are
 * synchronous: a SIGINT or SIGTERM handler (synth/temporary.ts) runs only before or after them,
 * and a SIGKILL or power loss in between is what the journal is for.
 */

/** The manifest file, in the output folder. */
export const MANIFEST_FILE = ".synth-manifest.json";
/** The journal of a replacement in progress, in the output folder. */
export const JOURNAL_FILE = ".synth-journal.json";
/** Suffix of a file being written before it is renamed into place. */
const PENDING = ".synth-pending";
/** What `terraform init` leaves in a stack folder; never foreign, never touched. */
const WORKING_FILES = [".terraform", ".terraform.lock.hcl"];

/** What synth wrote: SHA-256 by path relative to the output folder. */
export interface Manifest {
  readonly files: Readonly<Record<string, string>>;
}

/** A replacement: files to write, files to remove, and the manifest afterwards. */
export interface Replacement {
  readonly write: Readonly<Record<string, string>>;
  readonly remove: readonly string[];
  readonly manifest: Manifest;
}

/**
 * The file-system operations a replacement performs, one call each, so that a test can fail or
 * stop the sequence between any two of them.
 */
export interface FileOperations {
  readonly mkdir: (folder: string) => void;
  readonly writeFile: (file: string, text: string) => void;
  readonly rename: (from: string, to: string) => void;
  readonly remove: (file: string) => void;
  /** Removes `folder` if it is empty. */
  readonly removeEmptyFolder: (folder: string) => void;
}

export const NODE_FILE_OPERATIONS: FileOperations = {
  mkdir: (folder) => {
    mkdirSync(folder, { recursive: true });
  },
  writeFile: (file, text) => {
    writeFileSync(file, text);
  },
  rename: (from, to) => {
    renameSync(from, to);
  },
  remove: (file) => {
    rmSync(file, { force: true });
  },
  removeEmptyFolder: (folder) => {
    if (existsSync(folder) && readdirSync(folder).length === 0) {
      rmdirSync(folder);
    }
  },
};

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The manifest of the files in `files`. */
export function manifestOf(files: Readonly<Record<string, string>>): Manifest {
  return {
    files: Object.fromEntries(
      Object.keys(files)
        .sort()
        .map((file) => [file, sha256(files[file] ?? "")]),
    ),
  };
}

/** The folder's manifest; an empty one when the folder or its manifest does not exist. */
export function readManifest(out: string): Manifest {
  const file = path.join(out, MANIFEST_FILE);
  if (!existsSync(file)) {
    return { files: {} };
  }
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { files?: unknown };
    if (typeof parsed.files !== "object" || parsed.files === null) {
      throw new Error("no files");
    }
    return { files: parsed.files as Record<string, string> };
  } catch {
    throw new UserError(
      `${file} is not a manifest npm run synth wrote. Fix: restore it (git checkout), or remove the folder and run again.`,
    );
  }
}

/**
 * Refuses a path that exists and is not a folder, or an output folder that is itself a stack's
 * parent of something else: what the ownership check below cannot express.
 */
export function assertFolder(out: string): void {
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new UserError(`${out} is a file, not a folder. Fix: give --out a folder (new, empty or written by synth).`);
  }
}

/**
 * Finishes or discards what an interrupted run left (see the top of this file). Returns the
 * notice to print, if there was anything to do.
 */
export function recover(out: string, ops: FileOperations = NODE_FILE_OPERATIONS): string | undefined {
  const journal = path.join(out, JOURNAL_FILE);
  if (existsSync(journal)) {
    const replacement = JSON.parse(readFileSync(journal, "utf8")) as Replacement;
    complete(out, replacement, ops);
    return `Completed an interrupted synth in ${out} from its journal (${String(Object.keys(replacement.write).length)} files).`;
  }
  if (existsSync(journal + PENDING)) {
    ops.remove(journal + PENDING);
    return `Discarded an interrupted synth in ${out} that had not changed anything yet.`;
  }
  return undefined;
}

/** Files in the folder that the manifest does not list (Terraform's working files aside). */
export function foreignFiles(out: string, manifest: Manifest): string[] {
  if (!existsSync(out)) {
    return [];
  }
  const listed = new Set(Object.keys(manifest.files));
  const foreign: string[] = [];
  for (const entry of readdirSync(out, { withFileTypes: true })) {
    if (entry.name === MANIFEST_FILE) {
      continue;
    }
    if (!entry.isDirectory()) {
      if (!listed.has(entry.name)) {
        foreign.push(entry.name);
      }
      continue;
    }
    for (const inner of readdirSync(path.join(out, entry.name))) {
      const relative = `${entry.name}/${inner}`;
      if (!listed.has(relative) && !WORKING_FILES.includes(inner)) {
        foreign.push(relative);
      }
    }
  }
  return foreign.sort();
}

/** Listed files whose content no longer has the recorded hash (missing files are not edits). */
export function editedFiles(out: string, manifest: Manifest, among: readonly string[]): string[] {
  return among.filter((file) => {
    const recorded = manifest.files[file];
    const target = path.join(out, file);
    return recorded !== undefined && existsSync(target) && sha256(readFileSync(target, "utf8")) !== recorded;
  });
}

/**
 * The replacement that turns the folder's current set into `next`, for the stacks in `scope`
 * (every stack when undefined): files of those stacks that `next` lacks are removed; files of
 * other stacks stay as they are. Files whose content already matches are not rewritten.
 */
export function planReplacement(
  out: string,
  current: Manifest,
  next: ReadonlyMap<string, string>,
  scope?: ReadonlySet<string>,
): Replacement {
  const inScope = (file: string) => scope === undefined || !file.includes("/") || scope.has(file.split("/")[0] ?? "");
  const write: Record<string, string> = {};
  for (const [file, text] of next) {
    const target = path.join(out, file);
    if (current.files[file] !== sha256(text) || !existsSync(target) || readFileSync(target, "utf8") !== text) {
      write[file] = text;
    }
  }
  const remove = Object.keys(current.files).filter((file) => inScope(file) && !next.has(file));
  const files: Record<string, string> = Object.fromEntries(
    Object.entries(current.files).filter(([file]) => !remove.includes(file)),
  );
  for (const [file, text] of next) {
    files[file] = sha256(text);
  }
  return { write, remove, manifest: { files: sortKeys(files) } };
}

function sortKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Applies a replacement: journal, commit, complete (see the top of this file). */
export function applyReplacement(
  out: string,
  replacement: Replacement,
  ops: FileOperations = NODE_FILE_OPERATIONS,
): void {
  const journal = path.join(out, JOURNAL_FILE);
  ops.mkdir(out);
  try {
    ops.writeFile(journal + PENDING, JSON.stringify(replacement));
    ops.rename(journal + PENDING, journal);
  } catch (error) {
    // Not committed: the folder still holds the complete old set.
    try {
      ops.remove(journal + PENDING);
    } catch {
      // The next run discards it.
    }
    throw error;
  }
  complete(out, replacement, ops);
}

/** Steps 2-5: idempotent, so that a run can redo them after an interruption at any point. */
function complete(out: string, replacement: Replacement, ops: FileOperations): void {
  for (const [file, text] of Object.entries(replacement.write)) {
    const target = path.join(out, file);
    ops.mkdir(path.dirname(target));
    ops.writeFile(target + PENDING, text);
    ops.rename(target + PENDING, target);
  }
  for (const file of replacement.remove) {
    ops.remove(path.join(out, file));
    if (file.includes("/")) {
      ops.removeEmptyFolder(path.dirname(path.join(out, file)));
    }
  }
  const manifest = path.join(out, MANIFEST_FILE);
  ops.writeFile(manifest + PENDING, `${JSON.stringify(replacement.manifest, null, 2)}\n`);
  ops.rename(manifest + PENDING, manifest);
  ops.remove(path.join(out, JOURNAL_FILE));
}

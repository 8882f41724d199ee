import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { createTwoFilesPatch, diffLines } from "diff";
import { foreignFiles, type Manifest, MANIFEST_FILE, planReplacement, readManifest } from "./output";

/** One file that would change, and how. */
export interface StaleFile {
  readonly file: string;
  readonly change: "differs" | "missing" | "would be removed";
  /** Lines added and removed, for "differs". */
  readonly added: number;
  readonly removed: number;
  /** Unified diff from the folder's content to the fresh content. */
  readonly patch: string;
}

/** How the folder differs from a fresh synth of the stacks in `scope` (all when undefined). */
export interface Staleness {
  readonly files: readonly StaleFile[];
  /** Files the manifest does not list, which a synth would refuse to replace. */
  readonly foreign: readonly string[];
  /** Whether the manifest differs from the one a synth would write. */
  readonly manifestStale: boolean;
}

/** Compares `out` with `next` without writing anything. */
export function staleness(out: string, next: ReadonlyMap<string, string>, scope?: ReadonlySet<string>): Staleness {
  const current: Manifest = readManifest(out);
  const replacement = planReplacement(out, current, next, scope);
  const files: StaleFile[] = [];
  for (const [file, text] of Object.entries(replacement.write)) {
    const target = path.join(out, file);
    const before = existsSync(target) ? readFileSync(target, "utf8") : undefined;
    files.push(stale(file, before, text));
  }
  for (const file of replacement.remove) {
    const target = path.join(out, file);
    files.push(stale(file, existsSync(target) ? readFileSync(target, "utf8") : "", undefined));
  }
  const manifestStale =
    JSON.stringify(current.files) !== JSON.stringify(replacement.manifest.files) ||
    !existsSync(path.join(out, MANIFEST_FILE));
  return {
    files: files.sort((a, b) => (a.file < b.file ? -1 : 1)),
    foreign: foreignFiles(out, current),
    manifestStale,
  };
}

function stale(file: string, before: string | undefined, after: string | undefined): StaleFile {
  const change = before === undefined ? "missing" : after === undefined ? "would be removed" : "differs";
  let added = 0;
  let removed = 0;
  for (const part of diffLines(before ?? "", after ?? "")) {
    if (part.added) {
      added += part.count;
    } else if (part.removed) {
      removed += part.count;
    }
  }
  const patch = createTwoFilesPatch(`current/${file}`, `fresh synth/${file}`, before ?? "", after ?? "");
  return { file, change, added, removed, patch };
}

/** The per-stack summary lines of a stale folder, then the diffs. */
export function describeStaleness(result: Staleness): string {
  const lines = result.files.map(
    (f) =>
      `  ${f.file}: ${f.change}${f.change === "differs" ? ` (+${String(f.added)} -${String(f.removed)} lines)` : ""}`,
  );
  if (result.manifestStale && result.files.length === 0) {
    lines.push(`  ${MANIFEST_FILE}: differs from the files it lists`);
  }
  for (const file of result.foreign) {
    lines.push(`  ${file}: not written by synth (synth would refuse to run)`);
  }
  const patches = result.files.map((f) => f.patch).join("\n");
  return `${lines.join("\n")}${patches === "" ? "" : `\n\n${patches}`}`;
}

/** Whether the folder is exactly what a synth would leave. */
export function isCurrent(result: Staleness): boolean {
  return result.files.length === 0 && result.foreign.length === 0 && !result.manifestStale;
}

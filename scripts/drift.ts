import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { createTwoFilesPatch } from "diff";

/** Every file below `dir`, as paths relative to it, sorted; dotfiles (terraform init's) aside. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative))
      .filter((name) => !name.startsWith("."))
      .sort()) {
      const child = path.join(relative, entry);
      if (statSync(path.join(dir, child)).isDirectory()) {
        walk(child);
      } else {
        files.push(child);
      }
    }
  };
  walk("");
  return files;
}

/**
 * Compares two folders of generated Terraform and returns a unified diff of every difference
 * (missing, extra or changed files); an empty string when they are identical byte for byte.
 */
export function diffFolders(
  expectedDir: string,
  actualDir: string,
  labels = { expected: "committed", actual: "fresh synth" },
): string {
  const expected = new Set(listFiles(expectedDir));
  const actual = new Set(listFiles(actualDir));
  const patches: string[] = [];
  for (const file of [...new Set([...expected, ...actual])].sort()) {
    const before = expected.has(file) ? readFileSync(path.join(expectedDir, file), "utf8") : "";
    const after = actual.has(file) ? readFileSync(path.join(actualDir, file), "utf8") : "";
    if (before !== after || expected.has(file) !== actual.has(file)) {
      patches.push(createTwoFilesPatch(`${labels.expected}/${file}`, `${labels.actual}/${file}`, before, after));
    }
  }
  return patches.join("\n");
}

/** Runs `produce` into a temporary folder, diffs it against `expectedDir`, and cleans up. */
export async function diffAgainst(expectedDir: string, produce: (dir: string) => Promise<unknown>): Promise<string> {
  const work = mkdtempSync(path.join(tmpdir(), "drift-"));
  try {
    const fresh = path.join(work, "fresh");
    await produce(fresh);
    return diffFolders(expectedDir, fresh);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

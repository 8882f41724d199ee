import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/**
 * Temporary folders for a test file: each is removed after the test that made it. Importing this
 * module registers the cleanup for the importing test file only.
 */
const temporary: string[] = [];

afterEach(() => {
  for (const dir of temporary.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A new, empty temporary folder, removed after the test. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Where environment files import `defineEnvironment` from. */
const DEFINE = path.resolve(__dirname, "../../topologies/registry");

/** An environment file exporting `expression` (TypeScript source) through `defineEnvironment`. */
export function environmentFile(expression: string): string {
  return `import { defineEnvironment } from ${JSON.stringify(DEFINE)};\nexport default defineEnvironment(${expression});\n`;
}

/** A temporary environments folder holding `<name>.ts` with the given text for each entry. */
export function environmentsDir(files: Readonly<Record<string, string>>): string {
  const dir = tempDir("envs-");
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(dir, `${name}.ts`), text);
  }
  return dir;
}

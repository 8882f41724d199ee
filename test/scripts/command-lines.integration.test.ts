import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** Every npm script that runs a command of this project's (`node --import tsx <file>`), by name. */
const COMMANDS = Object.entries(
  (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts,
).flatMap(([name, script]) => {
  const file = /^node --import tsx (\S+\.ts)$/.exec(script)?.[1];
  return file === undefined ? [] : [[name, file] as const];
});

function run(file: string, ...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", file, ...args], { cwd: ROOT, encoding: "utf8" });
}

test("the commands are found", () => {
  expect(COMMANDS.map(([name]) => name).sort()).toEqual(
    ["bench", "check:cli", "check:fmt", "docs", "explain", "lifecycle", "scan", "synth", "tools", "validate"].sort(),
  );
});

describe.each(COMMANDS)("npm run %s", (name, file) => {
  test("an unknown option is one line and exit code 2, pointing at --help", () => {
    const result = run(file, "--bogus");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`Unknown option --bogus. Run \`npm run ${name} -- --help\` for usage.\n`);
    expect(result.stdout).toBe("");
  });

  test("--help prints its usage and does nothing else", () => {
    const result = run(file, "--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: npm run ${name}\\b`));
    expect(result.stderr).toBe("");
  });
});

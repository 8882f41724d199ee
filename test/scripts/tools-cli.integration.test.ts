import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** `npm run tools` as a user runs it; these cases stop before anything is installed. */
function tools(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/tools.ts", ...args], { cwd: ROOT, encoding: "utf8" });
}

describe("npm run tools, before anything is installed", () => {
  test("an unknown tool is one line and exit code 2, listing the known ones", () => {
    const run = tools("--tool", "checkov", "--tool", "mot");
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('Unknown tool "mot" for --tool. Known: checkov, moto.');
    expect(run.stdout).toBe("");
  });

  test("--help names every tool and installs nothing", () => {
    const run = tools("--help");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("--tool <name>  only this tool (checkov or moto); repeatable");
  });
});

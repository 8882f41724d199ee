import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { tempDir } from "../helpers/temporary";

const ROOT = path.resolve(__dirname, "../..");

/** `npm run scan` as a user runs it; checkov is never reached in these cases. */
function scan(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/scan.ts", ...args], { cwd: ROOT, encoding: "utf8" });
}

describe("npm run scan, before checkov is involved", () => {
  test("an unknown option is one line and exit code 2, as for synth and lifecycle", () => {
    const run = scan("--dri", "x");
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe("Unknown option --dri. Run `npm run scan -- --help` for usage.");
  });

  test("a folder without stacks is one line and exit code 1, naming the folder and the fix", () => {
    const empty = tempDir("scan-");
    const run = scan("--dir", empty);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `${empty} holds no <stack>/main.tf. Fix: run npm run synth first, or pass --dir <folder>.`,
    );
  });
});

import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { TOPOLOGIES } from "../../topologies/registry";
import { FIRST_TOPOLOGY } from "../helpers";

const root = resolve(__dirname, "..", "..");

function explain(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/explain.ts", ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run explain", () => {
  it("answers each topology's example with exit 0 and JSON holding outcome, hop, reason and assumptions", async () => {
    for (const [name, unit] of Object.entries(TOPOLOGIES)) {
      const { environment, request, outcome } = (await unit.connectivity()).example;
      const result = explain(
        "--stack",
        `${name}-${environment}`,
        "--from",
        request.from,
        "--url",
        request.url,
        ...(request.dns === undefined ? [] : ["--dns", request.dns]),
        ...Object.entries(request.headers ?? {}).flatMap(([header, value]) => ["--header", `${header}: ${value}`]),
        ...(request.signed === true ? ["--signed"] : []),
        "--json",
      );
      expect({ name, status: result.status, stderr: result.stderr }).toEqual({ name, status: 0, stderr: "" });
      const answer = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(Object.keys(answer)).toEqual(expect.arrayContaining(["outcome", "hop", "reason", "assumptions"]));
      expect(answer.outcome).toBe(outcome);
    }
  });

  it("exits 1 with one line for an unreadable stack", () => {
    const result = explain("--stack", "no-such-stack", "--from", "10.0.0.1", "--url", "https://x.example.com/");
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 with one line on a usage mistake", () => {
    const result = explain("--stack", `${FIRST_TOPOLOGY}-dev`, "--bogus");
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("documents every flag with an example per topology", () => {
    const result = explain("--help");
    expect(result.status).toBe(0);
    for (const topology of Object.keys(TOPOLOGIES)) expect(result.stdout).toContain(topology);
  });
});

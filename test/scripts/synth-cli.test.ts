import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { environmentInput } from "../helpers";

const ROOT = path.resolve(__dirname, "../..");
const SCHEMA = path.join(ROOT, "config", "schema");

/** A folder with one environment file holding `input`. */
function environmentsDir(name: string, input: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), "envs-"));
  writeFileSync(
    path.join(dir, `${name}.ts`),
    `import { defineEnvironment } from ${JSON.stringify(SCHEMA)};\nexport default defineEnvironment(${JSON.stringify(input)});\n`,
  );
  return dir;
}

function runSynth(environments: string, out: string) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/synth.ts", "--environments", environments, "--out", out],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
}

describe("npm run synth", () => {
  test("fails on bad input with one clear message, exit code 1, no stack trace, and the old output untouched", () => {
    // GIVEN previously generated Terraform
    const out = path.join(mkdtempSync(path.join(tmpdir(), "generated-")), "generated");
    mkdirSync(path.join(out, "direct-vpce-qa"), { recursive: true });
    writeFileSync(path.join(out, "direct-vpce-qa", "main.tf"), "# previous\n");
    // AND an environment whose subnet lies outside its VPC
    const bad = environmentInput({
      name: "qa",
      network: {
        mode: "create",
        cidr: "10.0.0.0/16",
        privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.9.1.0/24" },
      },
    });

    // WHEN synth runs
    const result = runSynth(environmentsDir("qa", bad), out);

    // THEN it exits 1 naming environment, topology, field, value and fix
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Invalid configuration \(.*qa\.ts\):\n {2}- /);
    expect(result.stderr).toContain(
      'environment "qa", topology "direct-vpce", field "network.privateSubnets.eu-west-1b": received "10.9.1.0/24"; ' +
        "is not inside the VPC CIDR 10.0.0.0/16. Fix: choose a subnet inside the VPC CIDR.",
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    // AND the previous Terraform is untouched
    expect(readFileSync(path.join(out, "direct-vpce-qa", "main.tf"), "utf8")).toBe("# previous\n");
    expect(result.stdout).toBe("");
  });

  test("replaces the output folder only on success", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "generated-")), "generated");
    mkdirSync(path.join(out, "stale-stack"), { recursive: true });
    writeFileSync(path.join(out, "stale-stack", "main.tf"), "# stale\n");

    const result = runSynth(environmentsDir("qa", { ...environmentInput(), name: "qa" }), out);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Synthesized 1 stacks into .* direct-vpce-qa\n$/);
    expect(existsSync(path.join(out, "stale-stack"))).toBe(false);
    const hcl = readFileSync(path.join(out, "direct-vpce-qa", "main.tf"), "utf8");
    expect(hcl).toContain('resource "aws_vpc_endpoint" "execute_api_endpoint" {');
    // No machine-specific path reaches the Terraform.
    expect(hcl).not.toContain(ROOT);
    expect(hcl).not.toContain(tmpdir());
  });
});

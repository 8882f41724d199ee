import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { environmentInput, FIRST_TOPOLOGY, firstTopologySections } from "../helpers";
import { environmentFile, environmentsDir, tempDir } from "../helpers/temporary";

const ROOT = path.resolve(__dirname, "../..");

/** A valid environment named qa, running the registry's first topology. */
function qaInput() {
  return environmentInput({ name: "qa" });
}

/** A folder with one environment file of the given source text. */
function environmentsDirWithText(name: string, text: string): string {
  return environmentsDir({ [name]: text });
}

/** A folder with one environment file holding `input`. */
function environmentsDirWith(name: string, input: unknown): string {
  return environmentsDirWithText(name, environmentFile(JSON.stringify(input)));
}

/** A path for the output folder that does not exist yet, inside a temporary folder. */
function freshOut(): string {
  return path.join(tempDir("generated-"), "generated");
}

function runSynth(environments: string, out: string) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "synth/cli.ts", "--environments", environments, "--out", out],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
}

/** A user mistake: exit 1, the given message, no stack trace, nothing written. */
function expectUserError(result: ReturnType<typeof runSynth>, out: string, message: string | RegExp): void {
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).toBe("");
  expect(existsSync(path.join(out, `${FIRST_TOPOLOGY}-qa`))).toBe(false);
}

describe("npm run synth", () => {
  test("fails on bad input with one clear message, exit code 1, no stack trace, and the old output untouched", () => {
    // GIVEN previously generated Terraform
    const out = freshOut();
    mkdirSync(path.join(out, `${FIRST_TOPOLOGY}-qa`), { recursive: true });
    writeFileSync(path.join(out, `${FIRST_TOPOLOGY}-qa`, "main.tf"), "# previous\n");
    // AND an environment whose subnet lies outside its VPC
    const bad = environmentInput({
      name: "qa",
      topologies: firstTopologySections({
        network: {
          mode: "create",
          cidr: "10.0.0.0/16",
          privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.9.1.0/24" },
        },
      }),
    });

    // WHEN synth runs
    const result = runSynth(environmentsDirWith("qa", bad), out);

    // THEN it exits 1 naming environment, topology, field (relative to the section), value and fix
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Invalid configuration \(.*qa\.ts\):\n {2}- /);
    expect(result.stderr).toContain(
      `environment "qa", topology "${FIRST_TOPOLOGY}", field "network.privateSubnets.eu-west-1b": received "10.9.1.0/24"; ` +
        "is not inside the VPC CIDR 10.0.0.0/16. Fix: choose a subnet inside the VPC CIDR.",
    );
    // AND that is the only problem
    expect(result.stderr.match(/^ {2}- /gm)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    // AND the previous Terraform is untouched
    expect(readFileSync(path.join(out, `${FIRST_TOPOLOGY}-qa`, "main.tf"), "utf8")).toBe("# previous\n");
    expect(result.stdout).toBe("");
  });

  test("names no topology for a problem with an environment-wide field", () => {
    const out = freshOut();
    const dir = environmentsDirWith("qa", { ...qaInput(), region: "eu-nowhere-1" });

    const result = runSynth(dir, out);

    expectUserError(result, out, /^Invalid configuration \(.*qa\.ts\):\n {2}- /);
    expect(result.stderr).toContain(
      'environment "qa", field "region": received "eu-nowhere-1"; is not a region this project supports. Fix: use one of ',
    );
    expect(result.stderr).not.toMatch(/environment "qa", topology "[^"]*", field "region"/);
  });

  test("removes the stacks it wrote that the configuration no longer defines", () => {
    const out = freshOut();
    const withAccount = environmentInput({ name: "qa", apiGatewayAccount: { manageCloudWatchRole: true } });
    expect(runSynth(environmentsDirWith("qa", withAccount), out).status).toBe(0);
    expect(existsSync(path.join(out, "api-gateway-account-qa", "main.tf"))).toBe(true);

    const result = runSynth(environmentsDirWith("qa", qaInput()), out);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(String.raw`^Synthesized 1 stacks into .* \(1 file changed\): ${FIRST_TOPOLOGY}-qa\n$`),
    );
    expect(existsSync(path.join(out, "api-gateway-account-qa"))).toBe(false);
    const hcl = readFileSync(path.join(out, `${FIRST_TOPOLOGY}-qa`, "main.tf"), "utf8");
    expect(hcl).toContain('resource "aws_vpc_endpoint" "execute_api_endpoint" {');
    // No machine-specific path reaches the Terraform.
    expect(hcl).not.toContain(ROOT);
    expect(hcl).not.toContain(tmpdir());
  });

  test("adds the account stack only when the environment manages the CloudWatch role", () => {
    const out = freshOut();

    const result = runSynth(
      environmentsDirWith("qa", environmentInput({ name: "qa", apiGatewayAccount: { manageCloudWatchRole: true } })),
      out,
    );

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(String.raw`^Synthesized 2 stacks into .*: api-gateway-account-qa, ${FIRST_TOPOLOGY}-qa\n$`),
    );
    expect(existsSync(path.join(out, "api-gateway-account-qa", "main.tf"))).toBe(true);
    expect(existsSync(path.join(out, `${FIRST_TOPOLOGY}-qa`, "main.tf"))).toBe(true);
  });
});

describe("npm run synth refuses, with one clear message,", () => {
  test("an environment file that does not parse", () => {
    const out = freshOut();
    const dir = environmentsDirWithText("qa", environmentFile(`{ name: "qa", `).replace(/\);\n$/, ""));
    expectUserError(
      runSynth(dir, out),
      out,
      /^Invalid configuration \(.*qa\.ts\): the file cannot be loaded: [^]*qa\.ts:2:\d+: ERROR: [^]*\nFix: /,
    );
  });

  test("an environment file that exports a function", () => {
    const out = freshOut();
    const dir = environmentsDirWithText("qa", "export default () => ({ name: 'qa' });\n");
    expectUserError(
      runSynth(dir, out),
      out,
      'environment "qa", field "(default export)": received a function; the file exports a function',
    );
  });

  test("an environment file that exports nothing", () => {
    const out = freshOut();
    const dir = environmentsDirWithText("qa", "// nothing yet\n");
    expectUserError(runSynth(dir, out), out, "the file exports no environment");
  });

  test("a value of a type JSON cannot show", () => {
    const out = freshOut();
    const body = JSON.stringify(qaInput()).replace('"123456789012"', "123456789012n");
    const dir = environmentsDirWithText("qa", environmentFile(`${body} as never`));
    expectUserError(
      runSynth(dir, out),
      out,
      'environment "qa", field "accountId": received 123456789012n; is not a string',
    );
  });

  test("an environments folder that is empty or missing", () => {
    const out = freshOut();
    const empty = tempDir("envs-");
    expectUserError(runSynth(empty, out), out, /^No environment files in .*\. Fix: /);
    expectUserError(runSynth(path.join(empty, "missing"), out), out, /^No environments folder at .*\. Fix: /);
  });

  test("an output folder holding files it did not write, and leaves them alone", () => {
    const out = freshOut();
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "important.txt"), "keep me\n");
    const result = runSynth(environmentsDirWith("qa", qaInput()), out);
    expectUserError(
      result,
      out,
      /^Refusing to write into .*: it holds important\.txt, which npm run synth did not write\./,
    );
    expect(readFileSync(path.join(out, "important.txt"), "utf8")).toBe("keep me\n");
  });
});

describe("npm run synth keeps", () => {
  test("what terraform init left in a stack folder, and takes a relative --environments path", () => {
    const out = freshOut();
    mkdirSync(path.join(out, `${FIRST_TOPOLOGY}-qa`, ".terraform"), { recursive: true });
    writeFileSync(path.join(out, `${FIRST_TOPOLOGY}-qa`, ".terraform.lock.hcl"), "# lock\n");
    const environments = path.relative(ROOT, environmentsDirWith("qa", qaInput()));
    expect(path.isAbsolute(environments)).toBe(false);

    const result = runSynth(environments, out);

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(out, `${FIRST_TOPOLOGY}-qa`, ".terraform.lock.hcl"), "utf8")).toBe("# lock\n");
    expect(existsSync(path.join(out, `${FIRST_TOPOLOGY}-qa`, ".terraform"))).toBe(true);
    expect(existsSync(path.join(out, `${FIRST_TOPOLOGY}-qa`, "main.tf"))).toBe(true);
  });
});

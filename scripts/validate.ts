import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { loadEnvironmentSources } from "../config";
import { PROJECT_ROOT } from "../lib/paths";
import { parseCommandLine, userPath } from "../tooling/arguments";
import { UserError } from "../lib/errors";
import { runCli } from "../tooling/cli";
import { providerAlias, topLevelBlocks } from "../tooling/hcl";
import {
  findMirror,
  mirrorVersions,
  offlineTerraformEnv,
  relaxProviderConstraint,
  requiredVariables,
  STAND_IN_VARIABLE_VALUE,
  vpcLookup,
  type VpcLookup,
} from "../tooling/offline-terraform";
import { describeStacks, type StackDescription } from "../topologies";
import { GENERATED_DIR, STACK_FILE } from "../lib/paths";
import { requireStackFolders } from "../synth/synthesize";

/*
 * npm run validate: every generated stack against the real AWS provider schema, offline.
 *
 * The machine carries a filesystem mirror of hashicorp/aws 5.100.0 and nothing can be downloaded,
 * so this works on temporary copies whose provider constraint admits that version (the committed
 * HCL keeps its 6.25.0 pin). Loading the provider schema costs seconds, so all stacks share two
 * roots instead of one each:
 *   1. validate/: every stack, unchanged but for the constraint, as a child module of one root;
 *      `terraform init -backend=false` + `terraform validate` check them all in one schema load.
 *      Child modules' backend blocks are ignored there (that one warning is expected).
 *   2. test/: the same stacks without their provider and backend blocks, so that the test's
 *      `mock_provider "aws"` reaches every resource. One `terraform test` runs, for every stack,
 *      a plan and then an apply against that stack as the module under test, with mocked values
 *      that are known during the plan too (`override_during = plan`), as ids are in any plan after
 *      the first apply. The runs come from the registry's assertions file of the stack's topology
 *      (topologies/<topology>/asserts.hcl, STACK standing for the stack's name): they assert
 *      that policies are known in the plan and the outputs clients use after the apply. A stack
 *      whose topology has no such file gets a bare plan and apply. Each adopted VPC's lookup is
 *      given the VPC its postconditions require (DNS support and hostnames on, the configured
 *      CIDR) in every run, and one plan per way of differing (each DNS attribute off, another
 *      CIDR) must fail exactly that lookup (`expect_failures`).
 */

const run = promisify(execFile);
const MOCK_FILE = path.join(PROJECT_ROOT, "test", "terraform", "mock-provider.hcl");
const TEST_ROOT = `terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}
`;
/** The runs of a stack whose topology has no assertions file. */
const BARE_RUNS = `run "STACK_plan" {
  command = plan
  module {
    source = "./stacks/STACK"
  }
}

run "STACK_apply" {
  command = apply
  module {
    source = "./stacks/STACK"
  }
}
`;
/** Warnings the combined validate root causes by construction, not defects of a stack. */
const EXPECTED_WARNINGS = ["Backend configuration ignored"];

interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
}

const USAGE = `Usage: npm run validate [-- options]

Runs terraform validate, and terraform test with a mock provider, over every stack folder in
<folder> against the AWS provider schema of the offline mirror; exits 1 on any error or
unexpected warning (2 on a usage error).

Options:
  --dir <folder>  folder holding one <stack>/${STACK_FILE} per stack (default: generated/)
  --keep          keep the temporary roots (printed) for inspection
  -h, --help      print this help
`;

runCli(async () => {
  const values = parseCommandLine("validate", USAGE, { dir: { type: "string" }, keep: { type: "boolean" } });
  if (values === undefined) {
    return;
  }
  const dir = values.dir === undefined ? GENERATED_DIR : userPath(values.dir);
  const mirror = findMirror();
  const stacks = requireStackFolders(dir);
  const described = new Map(describeStacks(await loadEnvironmentSources()).map((stack) => [stack.name, stack]));
  const unknown = stacks.filter((stack) => !described.has(stack));
  if (unknown.length > 0) {
    throw new UserError(
      `${dir} holds stacks the configuration does not define: ${unknown.join(", ")}. Fix: run \`npm run synth\`.`,
    );
  }
  const work = mkdtempSync(path.join(tmpdir(), "tf-validate-"));
  const env = offlineTerraformEnv(work, mirror);
  const started = Date.now();
  try {
    const validateRoot = path.join(work, "validate");
    const testRoot = path.join(work, "test");
    // Variables a stack leaves to its pipeline (a secret, say) get a stand-in value here.
    const variables = new Map<string, string[]>();
    const aliases = new Set<string>();
    const hcls = new Map<string, string>();
    for (const stack of stacks) {
      const hcl = relaxProviderConstraint(readFileSync(path.join(dir, stack, STACK_FILE), "utf8"));
      hcls.set(stack, hcl);
      write(path.join(validateRoot, "stacks", stack, STACK_FILE), hcl);
      const stackAliases = providerAliases(hcl);
      write(path.join(testRoot, "stacks", stack, STACK_FILE), forMockTest(hcl, stackAliases));
      variables.set(stack, requiredVariables(hcl));
      stackAliases.forEach((alias) => aliases.add(alias));
    }
    const assignments = (stack: string, indent: string): string =>
      (variables.get(stack) ?? []).map((name) => `${indent}${name} = "${STAND_IN_VARIABLE_VALUE}"\n`).join("");
    const calls = stacks
      .map((stack) => `module "${stack}" {\n  source = "./stacks/${stack}"\n${assignments(stack, "  ")}}\n`)
      .join("\n");
    write(path.join(validateRoot, "main.tf"), calls);
    write(path.join(testRoot, "main.tf"), TEST_ROOT);
    write(
      path.join(testRoot, "tests", "stacks.tftest.hcl"),
      testFile(
        stacks.map((stack) => described.get(stack) as StackDescription),
        (stack) => hcls.get(stack) ?? "",
        (stack) => assignments(stack, "    "),
        [...aliases].sort(),
      ),
    );

    await Promise.all([init(validateRoot, env), init(testRoot, env)]);
    const [validated, tested] = await Promise.all([validate(validateRoot, env), test(testRoot, env)]);
    process.stdout.write(`${validated}\n${tested}\n`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `Validated and mock-planned/applied ${String(stacks.length)} stacks against hashicorp/aws ${mirrorVersions(mirror)} (offline mirror ${mirror}) in ${seconds} s.\n`,
    );
  } finally {
    if (values.keep === true) {
      process.stdout.write(`Kept the work folder ${work}\n`);
    } else {
      rmSync(work, { recursive: true, force: true });
    }
  }
});

/**
 * Drops provider blocks and the backend so the test's mock provider applies, and prevent_destroy
 * so the test can tear its mocked resources down (Jest asserts prevent_destroy itself).
 */
function forMockTest(hcl: string, aliases: readonly string[]): string {
  // A stack's aliased providers (other regions) become aliases the test passes in, mocked too.
  const accepted =
    aliases.length === 0
      ? ""
      : `\n      configuration_aliases = [${aliases.map((alias) => `aws.${alias}`).join(", ")}]`;
  return topLevelBlocks(hcl.replace(/\n\s*prevent_destroy\s*=\s*true/g, ""))
    .filter((block) => !block.startsWith("provider "))
    .map((block) =>
      block.startsWith("terraform {")
        ? block
            .replace(/\n {2}backend "s3" \{\n[^]*?\n {2}\}/, "")
            .replace(/(\n {6}source\s*=\s*"hashicorp\/aws")/, `$1${accepted}`)
        : block,
    )
    .join("\n\n")
    .concat("\n");
}

/** The aliases of a stack's provider blocks (one per region other than the environment's). */
function providerAliases(hcl: string): string[] {
  return topLevelBlocks(hcl)
    .filter((block) => block.startsWith('provider "aws"'))
    .flatMap((block) => providerAlias(block) ?? []);
}

function testFile(
  stacks: readonly StackDescription[],
  hclOf: (stack: string) => string,
  assignments: (stack: string) => string,
  aliases: readonly string[],
): string {
  const runs = stacks.map((stack) => {
    const template =
      stack.terraformAssertions === undefined
        ? BARE_RUNS
        : readFileSync(path.join(PROJECT_ROOT, stack.terraformAssertions), "utf8");
    if (!template.includes("./stacks/STACK")) {
      throw new Error(`${stack.terraformAssertions ?? "the bare runs"} must run against "./stacks/STACK"`);
    }
    const values = assignments(stack.name);
    const lookups = vpcLookups(hclOf(stack.name));
    // Every run sees the adopted VPCs as their lookups require them; a mutation of each fails the plan.
    const asserted = template.replace(
      /^(run "[^"]+" \{\n)/gm,
      `$1${lookups.map((lookup) => vpcOverride(lookup, {})).join("")}`,
    );
    const runs = [asserted, ...lookups.map(lookupMutations)].join("\n").replaceAll("STACK", stack.name);
    // Each run of a stack with required variables gets their stand-in values.
    return values === "" ? runs : runs.replace(/^(run "[^"]+" \{\n)/gm, `$1  variables {\n${values}  }\n`);
  });
  // One mock provider per alias any stack uses, with the same mocked values as the default one.
  const mock = readFileSync(MOCK_FILE, "utf8");
  const aliasedMocks = aliases.map((alias) =>
    mock.replace(/^mock_provider "aws" \{$/m, `mock_provider "aws" {\n  alias = "${alias}"`),
  );
  return [mock, ...aliasedMocks, ...runs].join("\n");
}

function vpcLookups(hcl: string): VpcLookup[] {
  return topLevelBlocks(hcl).flatMap((block) => vpcLookup(block) ?? []);
}

/** An `override_data` for a lookup: the VPC as the lookup requires it, but for `changed`. */
function vpcOverride(lookup: VpcLookup, changed: Record<string, string>): string {
  const values = {
    enable_dns_support: "true",
    enable_dns_hostnames: "true",
    ...(lookup.cidr === undefined ? {} : { cidr_block: `"${lookup.cidr}"` }),
    ...changed,
  };
  const assignments = Object.entries(values).map(([key, value]) => `      ${key} = ${value}\n`);
  return `  override_data {\n    target = data.aws_vpc.${lookup.name}\n    values = {\n${assignments.join("")}    }\n  }\n`;
}

/** Plans whose adopted VPC differs from what its lookup requires: each must fail that lookup's postconditions. */
function lookupMutations(lookup: VpcLookup): string {
  const mutations: Record<string, Record<string, string>> = {
    dns_support_off: { enable_dns_support: "false" },
    dns_hostnames_off: { enable_dns_hostnames: "false" },
    ...(lookup.cidr === undefined ? {} : { other_cidr: { cidr_block: '"192.0.2.0/24"' } }),
  };
  return Object.entries(mutations)
    .map(
      ([mutation, changed]) =>
        `run "STACK_${lookup.name}_${mutation}" {\n  command = plan\n  module {\n    source = "./stacks/STACK"\n  }\n` +
        vpcOverride(lookup, changed) +
        `  expect_failures = [data.aws_vpc.${lookup.name}]\n}\n`,
    )
    .join("\n");
}

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

interface Outcome {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

async function terraformOutcome(cwd: string, env: NodeJS.ProcessEnv, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run("terraform", args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, stdout, stderr };
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    return { ok: false, stdout, stderr: stderr || String(error) };
  }
}

async function terraform(cwd: string, env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const outcome = await terraformOutcome(cwd, env, args);
  if (!outcome.ok) {
    throw new UserError(`terraform ${args.join(" ")} failed in ${cwd}:\n${outcome.stdout}${outcome.stderr}`);
  }
  return outcome.stdout;
}

async function init(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  await terraform(root, env, ["init", "-backend=false", "-input=false", "-no-color"]);
}

async function validate(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  // validate -json exits 1 on errors but still prints its diagnostics as JSON on stdout.
  const outcome = await terraformOutcome(root, env, ["validate", "-json", "-no-color"]);
  if (!outcome.stdout.trim().startsWith("{")) {
    throw new UserError(`terraform validate failed in ${root}:\n${outcome.stderr}`);
  }
  const result = JSON.parse(outcome.stdout) as { valid: boolean; diagnostics: Diagnostic[] };
  const problems = result.diagnostics.filter((d) => d.severity === "error" || !EXPECTED_WARNINGS.includes(d.summary));
  if (!result.valid || problems.length > 0) {
    const lines = problems.map(
      (d) =>
        `${d.severity}: ${d.summary}${d.range ? ` (${d.range.filename}:${d.range.start.line})` : ""}\n  ${d.detail ?? ""}`,
    );
    throw new UserError(`terraform validate found problems:\n${lines.join("\n")}`);
  }
  return "terraform validate: every stack is valid (no errors, no unexpected warnings)";
}

async function test(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  const output = await terraform(root, env, ["test", "-no-color"]);
  const summary = output.trim().split("\n").pop() ?? "";
  if (/warning/i.test(output)) {
    throw new UserError(`terraform test passed with warnings:\n${output}`);
  }
  return `terraform test: ${summary}`;
}

import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse } from "@cdktf/hcl2json";
import { createTwoFilesPatch } from "diff";
import { PROJECT_ROOT } from "../lib/paths";
import { parseCommandLine } from "../tooling/arguments";
import { UserError } from "../lib/errors";
import { runCli } from "../tooling/cli";
import { canonicalizeHcl, OFFLINE_CLI_ENV } from "../tooling/hcl";
import { canonicalExpression, parseExpression } from "../tooling/hcl-expression";
import { sortedEntries } from "../lib/records";
import { diffAgainst, listFiles } from "./drift";
import { GENERATED_DIR, STACK_FILE } from "../lib/paths";

/*
 * npm run check:cli: the stock CLI paths must produce the Terraform committed in generated/.
 *   1. `cdktf synth --hcl` (cdktf.json's app, the CLI's own formatter): byte for byte, after the
 *      same tidy + terraform fmt that `npm run synth` applies.
 *   2. `cdktf synth` (JSON, what `cdktf deploy` applies): the same configuration, compared as
 *      data after parsing the committed HCL with @cdktf/hcl2json (blocks, references and values;
 *      cdktf's "//" metadata aside).
 */
const run = promisify(execFile);
const USAGE = `Usage: npm run check:cli

Synthesizes every stack through the stock cdktf CLI, as HCL and as JSON, and exits 1 unless both
match generated/ (2 on a usage error).
`;

runCli(async () => {
  if (parseCommandLine("check:cli", USAGE, {}) === undefined) {
    return;
  }
  const work = mkdtempSync(path.join(tmpdir(), "check-cli-"));
  try {
    const hclDiff = await diffAgainst(GENERATED_DIR, async (dir) => {
      const stacksDir = await cdktfSynth(path.join(work, "hcl"), ["--hcl"]);
      const stale = listFiles(stacksDir).filter((file) => file.endsWith("cdk.tf.json"));
      if (stale.length > 0) {
        throw new UserError(`cdktf synth --hcl left JSON next to the HCL: ${stale.join(", ")}`);
      }
      const written: string[] = [];
      for (const file of listFiles(stacksDir).filter((f) => path.basename(f) === "cdk.tf")) {
        const stack = path.dirname(file);
        mkdirSync(path.join(dir, stack), { recursive: true });
        writeFileSync(path.join(dir, stack, STACK_FILE), readFileSync(path.join(stacksDir, file), "utf8"));
        written.push(path.join(dir, stack, STACK_FILE));
      }
      await canonicalizeHcl(written);
      // The folder's README is written by npm run synth, not by the app.
      writeFileSync(path.join(dir, "README.md"), readFileSync(path.join(GENERATED_DIR, "README.md")));
    });
    const failures: string[] = [];
    if (hclDiff === "") {
      process.stdout.write("cdktf synth --hcl produces the same Terraform as generated/, byte for byte.\n");
    } else {
      failures.push(`${hclDiff}\n\`cdktf synth --hcl\` produces different Terraform than generated/ (diff above).`);
    }

    const jsonDir = await cdktfSynth(path.join(work, "json"), []);
    const stacks = listFiles(jsonDir)
      .filter((file) => path.basename(file) === "cdk.tf.json")
      .map((file) => path.dirname(file));
    const committed = listFiles(GENERATED_DIR)
      .filter((file) => path.basename(file) === STACK_FILE)
      .map((file) => path.dirname(file));
    if (stacks.join() !== committed.join()) {
      failures.push(`cdktf synth produced stacks ${stacks.join(", ")}; generated/ holds ${committed.join(", ")}.`);
    }
    const patches: string[] = [];
    for (const stack of stacks.filter((name) => committed.includes(name))) {
      const json: unknown = JSON.parse(readFileSync(path.join(jsonDir, stack, "cdk.tf.json"), "utf8"));
      const hcl = readFileSync(path.join(GENERATED_DIR, stack, STACK_FILE), "utf8");
      const fromJson = canonicalJson(normalize(json));
      const fromHcl = canonicalJson(normalize(unwrapVariableTypes(unwrapReferences(await parse(STACK_FILE, hcl)))));
      if (fromJson !== fromHcl) {
        patches.push(
          createTwoFilesPatch(`generated/${stack}/${STACK_FILE}`, `cdktf.out/${stack}/cdk.tf.json`, fromHcl, fromJson),
        );
      }
    }
    if (patches.length === 0) {
      process.stdout.write(
        `cdktf synth (JSON, what cdktf deploy applies) configures the same as generated/ for ${String(stacks.length)} stacks.\n`,
      );
    } else {
      failures.push(
        `${patches.join("\n")}\n\`cdktf synth\` (JSON) configures something other than generated/ (diff above).`,
      );
    }
    if (failures.length > 0) {
      throw new UserError(failures.join("\n\n"));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

/** Runs `cdktf synth` with cdktf.json's app into `output`; returns its stacks folder. */
async function cdktfSynth(output: string, args: string[]): Promise<string> {
  try {
    await run("npx", ["--no-install", "cdktf", "synth", ...args, "--output", output], {
      cwd: PROJECT_ROOT,
      env: { ...OFFLINE_CLI_ENV, CI: "true" },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new UserError(`cdktf synth ${args.join(" ")} failed:\n${stdout}${stderr}`);
  }
  return path.join(output, "stacks");
}

/**
 * One shape for both sources: cdktf's "//" metadata dropped, a one-element list of objects
 * (how hcl2json writes every block) collapsed to the object (how cdktf writes a single block),
 * and every `${expression}` in one layout (the committed HCL lays policies out over lines).
 */
function normalize(value: unknown): unknown {
  if (typeof value === "string") {
    const expression = /^\$\{([^]*)\}$/.exec(value)?.[1];
    const parsed = expression === undefined ? undefined : parseExpression(expression);
    return parsed === undefined ? value : `\${${canonicalExpression(parsed)}}`;
  }
  if (Array.isArray(value)) {
    const items = value.map(normalize);
    return items.length === 1 && isObject(items[0]) ? items[0] : items;
  }
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "//")
        .map(([key, item]) => [key, normalize(item)]),
    );
  }
  return value;
}

/** hcl2json writes `depends_on` entries and `provider` references as `${address}`; cdktf's JSON as the bare address. */
function unwrapReferences(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(unwrapReferences);
  }
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key === "depends_on" && Array.isArray(item)
          ? item.map((entry: unknown) => (typeof entry === "string" ? unwrapTemplate(entry) : entry))
          : key === "provider" && typeof item === "string"
            ? unwrapTemplate(item)
            : unwrapReferences(item),
      ]),
    );
  }
  return value;
}

/** hcl2json writes a variable's type constraint (`type = string`) as `${string}`; cdktf's JSON as `string`. */
function unwrapVariableTypes(value: unknown): unknown {
  if (!isObject(value) || !isObject(value.variable)) {
    return value;
  }
  const variables = Object.fromEntries(
    Object.entries(value.variable).map(([name, declarations]) => [
      name,
      (Array.isArray(declarations) ? declarations : [declarations]).map((declaration: unknown) =>
        isObject(declaration) && typeof declaration.type === "string"
          ? { ...declaration, type: unwrapTemplate(declaration.type) }
          : declaration,
      ),
    ]),
  );
  return { ...value, variable: variables };
}

/** `${x}` as `x`: how hcl2json writes a bare reference or keyword. */
function unwrapTemplate(text: string): string {
  return text.replace(/^\$\{(.*)\}$/, "$1");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with keys sorted at every level, one value per line, for a readable diff. */
function canonicalJson(value: unknown): string {
  const sort = (item: unknown): unknown => {
    if (Array.isArray(item)) {
      return item.map(sort);
    }
    if (!isObject(item)) {
      return item;
    }
    return Object.fromEntries(sortedEntries(item).map(([key, child]) => [key, sort(child)]));
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

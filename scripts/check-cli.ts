import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../config";
import { canonicalizeHcl } from "../lib/hcl";
import { UserError, runCli } from "../lib/errors";
import { diffAgainst, listFiles } from "./drift";
import { GENERATED_DIR, STACK_FILE } from "./synthesize";

/*
 * npm run check:cli: `cdktf synth --hcl` (the CLI path, running cdktf.json's app) must produce
 * the same Terraform as the committed generated/ folder. The CLI formats with its own hclwrite
 * pass; both paths then get the same tidy + terraform fmt, so the comparison is byte for byte.
 */
const run = promisify(execFile);

runCli(async () => {
  const diff = await diffAgainst(GENERATED_DIR, async (dir) => {
    const cliOut = `${dir}-cdktf.out`;
    try {
      await run("npx", ["--no-install", "cdktf", "synth", "--hcl", "--output", cliOut], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, CI: "true", CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" },
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      throw new UserError(`cdktf synth --hcl failed:\n${stdout}${stderr}`);
    }
    const stacksDir = path.join(cliOut, "stacks");
    const stale = listFiles(stacksDir).filter((file) => file.endsWith("cdk.tf.json"));
    if (stale.length > 0) {
      throw new UserError(`cdktf synth --hcl left JSON next to the HCL: ${stale.join(", ")}`);
    }
    for (const file of listFiles(stacksDir).filter((f) => path.basename(f) === "cdk.tf")) {
      const stack = path.dirname(file);
      mkdirSync(path.join(dir, stack), { recursive: true });
      writeFileSync(path.join(dir, stack, STACK_FILE), readFileSync(path.join(stacksDir, file), "utf8"));
    }
    canonicalizeHcl(dir);
    // The folder's README is written by npm run synth, not by the app.
    writeFileSync(path.join(dir, "README.md"), readFileSync(path.join(GENERATED_DIR, "README.md")));
  });
  if (diff !== "") {
    throw new UserError(`${diff}\n\`cdktf synth --hcl\` produces different Terraform than generated/ (diff above).`);
  }
  process.stdout.write("cdktf synth --hcl produces the same Terraform as generated/.\n");
});

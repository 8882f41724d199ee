import * as path from "node:path";
import { parseArgs } from "node:util";
import { ENVIRONMENTS_DIR, loadEnvironmentSources } from "../config";
import { runCli } from "../lib/errors";
import { GENERATED_DIR, synthesizeInto } from "./synthesize";

// npm run synth [-- --out <dir>] [--environments <dir>]: every stack's Terraform, formatted, into one folder.
runCli(async () => {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: GENERATED_DIR },
      environments: { type: "string", default: ENVIRONMENTS_DIR },
    },
  });
  const started = process.hrtime.bigint();
  const names = await synthesizeInto(values.out, await loadEnvironmentSources(values.environments));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const where = path.relative(process.cwd(), values.out) || ".";
  process.stdout.write(
    `Synthesized ${names.length} stacks into ${where}/ in ${ms.toFixed(0)} ms: ${names.join(", ")}\n`,
  );
});

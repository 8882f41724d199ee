import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { README, renderReadme, renderSecurity, SECURITY } from "../docs/readme";
import { UserError } from "../lib/errors";
import { parseCommandLine } from "../tooling/arguments";
import { fileSystemError, runCli } from "../tooling/cli";

const USAGE = `Usage: npm run docs -- [--check]

Rewrites the generated parts of README.md and SECURITY.md (between <!-- NAME:START --> and <!-- NAME:END -->
markers): from the topology registry, the topology table and each topology's configuration
reference and section (topologies/<name>/configuration.md and README.md); from the connectivity
evaluator, each topology's diagram and who-reaches-what table, what it models and its assumptions;
from security/checkov-skips.json, the checkov skip table; and which security domain checks apply
to which topology.

Options:
  --check      write nothing; exit 1 when either file differs from what would be written
  -h, --help   print this help

Exit codes: 0 done (or up to date with --check), 1 stale (--check) or unwritable, 2 usage.
`;

// npm run docs: the README's generated parts, from the registry.
runCli(async () => {
  const options = parseCommandLine("docs", USAGE, { check: { type: "boolean" } });
  if (options === undefined) {
    return;
  }
  for (const [file, render] of [
    [README, renderReadme],
    [SECURITY, renderSecurity],
  ] as const) {
    const name = path.basename(file);
    const current = readFileSync(file, "utf8");
    const rendered = await render(current);
    if (rendered === current) {
      process.stdout.write(`${name} is up to date.\n`);
    } else if (options.check === true) {
      throw new UserError(`${name} differs from its generated parts. Fix: run \`npm run docs\` and commit the result.`);
    } else {
      try {
        writeFileSync(file, rendered);
      } catch (error) {
        throw fileSystemError(error, `write ${name}`);
      }
      process.stdout.write(`${name} rewritten.\n`);
    }
  }
});

import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/paths";
import { parseCommandLine } from "../tooling/arguments";
import { runCli, UsageError } from "../tooling/cli";
import { installPythonTool, PYTHON_TOOLS, type PythonToolName } from "../tooling/python-tools";

/*
 * npm run tools: installs the pinned Python test tools (checkov for `npm run scan`, moto for
 * `npm run lifecycle` and the tests) into .tools/ ahead of their first use, side by side. Each
 * command installs what it needs anyway; this is for CI, which starts it in the background, and
 * for anyone preparing a machine (or an image) before going offline.
 */

const NAMES = Object.keys(PYTHON_TOOLS).sort() as PythonToolName[];

const USAGE = `Usage: npm run tools [-- --tool <name> ...]

Installs the Python test tools, each at the version its requirements file pins, into .tools/
(once per clone; a current install is left as it is). Needs python3 with venv, and PyPI.

Options:
  --tool <name>  only this tool (${NAMES.join(" or ")}); repeatable
  -h, --help     print this help
`;

runCli(async () => {
  const values = parseCommandLine("tools", USAGE, { tool: { type: "string", multiple: true } });
  if (values === undefined) {
    return;
  }
  const wanted = values.tool ?? NAMES;
  for (const name of wanted.filter((name) => !isToolName(name))) {
    throw new UsageError(`Unknown tool "${name}" for --tool. Known: ${NAMES.join(", ")}.`);
  }
  const installed = await Promise.all(
    [...new Set(wanted)].filter(isToolName).map(async (name) => ({ name, tool: await installPythonTool(name) })),
  );
  for (const { name, tool } of installed) {
    process.stdout.write(`${name} ${tool.version} is installed in ${path.relative(PROJECT_ROOT, tool.venv)}/.\n`);
  }
});

function isToolName(name: string): name is PythonToolName {
  return Object.hasOwn(PYTHON_TOOLS, name);
}

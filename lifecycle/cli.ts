import { runCli } from "../tooling/cli";
import { parseLifecycleArgs, runLifecycle, USAGE } from "./command";

// `npm run lifecycle -- [options]`: see USAGE in command.ts, or run with --help.
runCli(async () => {
  const options = parseLifecycleArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const report = await runLifecycle(options);
  process.stdout.write(`${report.lines.join("\n")}\n`);
  process.exitCode = report.passed ? 0 : 1;
});

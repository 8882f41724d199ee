import { runCli } from "../tooling/cli";
import { parseSynthArgs, runSynth } from "./command";

// `npm run synth -- [options]`: see USAGE in command.ts, or run with --help.
runCli(async () => {
  const options = parseSynthArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  const report = await runSynth(options);
  process.stdout.write(`${report.lines.join("\n")}\n`);
  process.exitCode = report.exitCode;
});

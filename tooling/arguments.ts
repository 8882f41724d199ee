import * as path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./cli";

/** The options of a command, as node's parseArgs takes them. */
type Options = NonNullable<ParseArgsConfig["options"]>;

/** What strict parsing of `options` yields. */
type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>["values"];

/**
 * A command's arguments, parsed strictly (no unknown option, no positional word). A mistake is a
 * one-line usage error (exit code 2) that names the option or word and points at `--help`.
 */
export function parseCommandArgs<O extends Options>(command: string, args: readonly string[], options: O): Values<O> {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(
      `${usageProblem(error as NodeJS.ErrnoException)} Run \`npm run ${command} -- --help\` for usage.`,
    );
  }
}

const HELP = { help: { type: "boolean", short: "h" } } as const;

/**
 * The arguments of a command that prints `usage` for `-h`/`--help`, parsed as parseCommandArgs
 * parses them (plus that option) from the process's command line; undefined once the usage is
 * printed, when there is nothing else to do.
 */
export function parseCommandLine<O extends Options>(
  command: string,
  usage: string,
  options: O,
): Values<O & typeof HELP> | undefined {
  const values = parseCommandArgs(command, process.argv.slice(2), { ...options, ...HELP });
  if ((values as { help?: boolean }).help === true) {
    process.stdout.write(usage);
    return undefined;
  }
  return values;
}

/** parseArgs' error as one sentence naming the option or word. */
function usageProblem(error: NodeJS.ErrnoException): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `Unknown option ${quoted}.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(error.message)
        ? `Option ${quoted.replace(/ <value>$/, "")} needs a value.`
        : `Option ${quoted} takes no value.`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `Unexpected argument ${quoted}: every option starts with --.`;
    default:
      return error.message;
  }
}

/**
 * A folder or file the user named on the command line, resolved against the folder they ran the
 * command in: npm runs scripts in the project root and passes that folder as INIT_CWD.
 */
export function userPath(value: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), value);
}

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/paths";
import { parseLifecycleArgs, runLifecycle, table, USAGE } from "../../lifecycle/command";
import type { StackResult } from "../../lifecycle/run";
import { UsageError } from "../../tooling/cli";
import { FIRST_TOPOLOGY } from "../helpers";

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error("expected a usage error");
}

describe("npm run lifecycle arguments", () => {
  it("defaults to every stack, two at a time", () => {
    expect(parseLifecycleArgs([])).toEqual({ envs: [], stacks: [], jobs: 2, keep: false, help: false });
  });

  it("takes repeated --env and --stack, --jobs, --keep and -h", () => {
    expect(
      parseLifecycleArgs([
        "--env",
        "dev",
        "--env",
        "prod",
        "--stack",
        "example-staging",
        "--jobs",
        "1",
        "--keep",
        "-h",
      ]),
    ).toEqual({ envs: ["dev", "prod"], stacks: ["example-staging"], jobs: 1, keep: true, help: true });
  });

  it.each([
    [["--stak", "x"], "Unknown option --stak."],
    [["prod"], "Unexpected argument prod: every option starts with --."],
    [["--env"], "Option --env needs a value."],
    [["--jobs", "0"], '--jobs takes a whole number from 1 to 8, got "0".'],
    [["--jobs", "two"], '--jobs takes a whole number from 1 to 8, got "two".'],
  ])("%j is a usage error (exit 2): %s", (args, message) => {
    const error = usageError(() => parseLifecycleArgs(args));
    expect(error.message.split("\n")[0]).toContain(message);
    expect(error.exitCode).toBe(2);
  });

  it("names the known environments and stacks when given an unknown one, before installing or starting anything", async () => {
    await expect(runLifecycle(parseLifecycleArgs(["--env", "qa"]))).rejects.toThrow(
      'Unknown environment "qa" for --env. Known: dev, prod, staging.',
    );
    await expect(runLifecycle(parseLifecycleArgs(["--stack", `${FIRST_TOPOLOGY}-qa`]))).rejects.toThrow(
      new RegExp(String.raw`^Unknown stack "${FIRST_TOPOLOGY}-qa" for --stack\. Known: [a-z0-9-]+(, [a-z0-9-]+)+\.$`),
    );
  });

  it("--help is the README's usage section", () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    const section = /### The lifecycle command\n[^]*?```text\n([^]*?)```/.exec(readme)?.[1];
    expect(section).toBe(USAGE);
  });
});

describe("the lifecycle table", () => {
  const result = (overrides: Partial<StackResult>): StackResult => ({
    stack: "example-one-dev",
    applied: 29,
    secondPlan: "empty",
    destroy: "clean",
    seconds: 61.4,
    excluded: [],
    preventDestroyLifted: [],
    standIns: {},
    standInVariables: [],
    failures: [],
    ...overrides,
  });

  it("gives each stack's resources, second plan, destroy, seconds, what was left out, and its verdict", () => {
    expect(
      table([
        result({}),
        result({
          stack: "example-second-prod",
          applied: undefined,
          secondPlan: "not run",
          destroy: "failed",
          seconds: 7,
          excluded: [{ address: "aws_dx_gateway.dx", reason: "moto does not implement it" }],
          failures: ["apply failed (exit 1)"],
        }),
      ]),
    ).toEqual([
      "stack                applied  second plan  destroy  seconds  left out  result",
      "example-one-dev           29  empty        clean         61         0  passed",
      "example-second-prod        -  not run      failed         7         1  FAILED",
    ]);
  });
});

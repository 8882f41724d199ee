import { Lazy, Testing, TerraformOutput, TerraformStack } from "cdktf";
import { skipTokenCreationTraces } from "../../tooling/token-traces";

// test/setup-after-env.ts has called skipTokenCreationTraces() in this file already.
describe("token creation traces are skipped, error stacks are kept", () => {
  test("a lazy token records no creation stack, and a trace captured on a plain object is empty", () => {
    expect(Lazy.anyValue({ produce: () => "value" }).creationStack).toEqual([]);
    const trace = { stack: "" };
    Error.captureStackTrace(trace);
    expect(trace.stack).toBe("");
  });

  test("an error still formats its stack, with this file's frames", () => {
    function thrower(): never {
      throw new Error("boom");
    }
    let caught: unknown;
    try {
      thrower();
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).stack).toMatch(/^Error: boom\n\s+at thrower \(.*token-traces\.test\.ts:\d+:\d+\)/);
  });

  test("a stack with lazy values still synthesizes", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new TerraformOutput(stack, "out", { value: Lazy.stringValue({ produce: () => "produced" }) });
    expect(JSON.parse(Testing.synth(stack)).output.out.value).toBe("produced");
  });
});

test("without a formatter installed before it, errors get V8's own format", () => {
  const installed: unknown = Reflect.get(Error, "prepareStackTrace");
  try {
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    skipTokenCreationTraces();
    const error = new Error("plain");
    expect(error.stack).toMatch(/^Error: plain\n {4}at /);
    const trace = { stack: "" };
    Error.captureStackTrace(trace);
    expect(trace.stack).toBe("");
  } finally {
    Reflect.set(Error, "prepareStackTrace", installed);
  }
});

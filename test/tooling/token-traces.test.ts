import { Lazy, Testing, TerraformOutput, TerraformStack } from "cdktf";
import { skipTokenCreationTraces, withoutTokenCreationTraces } from "../../tooling/token-traces";

/** The `Error.captureStackTrace` in place, to compare by identity. */
function currentCapture(): unknown {
  return Reflect.get(Error, "captureStackTrace");
}

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

test("skipTokenCreationTraces passes errors to the capture it replaced, skips other objects, and puts it back", () => {
  // GIVEN a capture that records what it is given
  const previous = currentCapture();
  const captured: object[] = [];
  const recording = (target: object) => {
    captured.push(target);
  };
  Error.captureStackTrace = recording;
  try {
    // WHEN traces are skipped, an error and a plain object are captured, and the capture restored
    const restore = skipTokenCreationTraces();
    const error = new Error("bug");
    Error.captureStackTrace(error);
    Error.captureStackTrace({ stack: "" });
    restore();

    // THEN only the error reached the capture, which is back in place
    expect(captured).toEqual([error]);
    expect(currentCapture()).toBe(recording);
  } finally {
    Reflect.set(Error, "captureStackTrace", previous);
  }
});

test("withoutTokenCreationTraces skips traces while it builds, and puts the capture back after", () => {
  const capture = currentCapture();
  const during = withoutTokenCreationTraces(() => {
    const trace = { stack: "" };
    Error.captureStackTrace(trace);
    return trace.stack;
  });
  expect(during).toBe("");
  expect(currentCapture()).toBe(capture);
});

test("withoutTokenCreationTraces puts the capture back when the build throws, and the error keeps its stack", () => {
  const capture = currentCapture();
  let caught: unknown;
  try {
    withoutTokenCreationTraces(() => {
      throw new Error("bug");
    });
  } catch (error) {
    caught = error;
  }
  expect((caught as Error).stack).toMatch(/^Error: bug\n\s+at .*token-traces\.test\.ts:\d+:\d+/);
  expect(currentCapture()).toBe(capture);
});

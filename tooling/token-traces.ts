import { types } from "node:util";

/** `Error.captureStackTrace`, held as a plain function (it does not use `this`). */
type CaptureStackTrace = (...args: Parameters<ErrorConstructor["captureStackTrace"]>) => void;

/**
 * cdktf records where each lazy token was created: it captures a full stack trace on a plain object
 * (`Error.captureStackTrace`), to print it if that token ever fails to resolve. Walking and
 * formatting those stacks is a large share of a synthesis (and, under Jest or tsx, mapping every
 * frame through source maps), for traces that are never printed. After this call a capture on
 * anything but an error records nothing (cdktf then keeps an empty creation stack); errors keep
 * their stacks. Returns the function that puts the original capture back.
 */
export function skipTokenCreationTraces(): () => void {
  const capture: CaptureStackTrace = Reflect.get(Error, "captureStackTrace");
  Error.captureStackTrace = (...args): void => {
    if (types.isNativeError(args[0])) {
      capture(...args);
    }
  };
  return () => {
    Error.captureStackTrace = capture;
  };
}

/** Runs `build` with token creation traces skipped (see `skipTokenCreationTraces`), then restores them. */
export function withoutTokenCreationTraces<T>(build: () => T): T {
  const restore = skipTokenCreationTraces();
  try {
    return build();
  } finally {
    restore();
  }
}

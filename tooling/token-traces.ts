import { types } from "node:util";

/** V8's hook for turning an error's captured frames into its `stack`. */
type FormatStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/** A V8 call site: it prints itself as a `stack` line does (Node's types omit the method). */
type PrintableCallSite = NodeJS.CallSite & { toString(): string };

/**
 * cdktf records where each lazy token was created: it captures a stack trace on a plain object and
 * reads it at once, to print it if that token ever fails to resolve. Formatting those traces (and,
 * under Jest, mapping every frame through source maps) is a large share of a synthesis, for traces
 * that are never printed. After this call a trace captured on anything but an error formats as the
 * empty string (cdktf then records an empty creation stack); errors keep the formatting they had.
 */
export function skipTokenCreationTraces(): void {
  // Node's types declare the hook as always set; it is undefined until something installs one.
  const installed = Reflect.get(Error, "prepareStackTrace") as FormatStackTrace | undefined;
  const formatError = installed ?? defaultFormat;
  Error.prepareStackTrace = (target: Error, frames: NodeJS.CallSite[]): unknown =>
    types.isNativeError(target) ? formatError(target, frames) : "";
}

/** V8's own formatting, for when nothing had replaced it. */
function defaultFormat(error: Error, frames: NodeJS.CallSite[]): string {
  return [String(error), ...frames.map((frame) => `    at ${(frame as PrintableCallSite).toString()}`)].join("\n");
}

import { z } from "zod";
import { type Ipv4Cidr, parseIpv4Cidr } from "../lib/cidr";

/**
 * Field types every schema shares. Each reports what is wrong and how to fix it through the
 * issue's `params.fix`, which config/index.ts turns into one line per problem.
 */

/** The `params` of an issue: the fix shown to the user. */
export const fix = (text: string) => ({ fix: text });

/** Reports one problem of a cross-field rule at `path` (relative to the refined value). */
export type Report = (path: PropertyKey[], input: unknown, message: string, fixText: string) => void;

/** A Report for a zod refinement context. */
export function reporter(ctx: z.RefinementCtx): Report {
  return (path, input, message, fixText) => {
    ctx.addIssue({ code: "custom", path, input, message, params: fix(fixText) });
  };
}

/** Reports each entry of `values` that repeats an earlier one, at `path` and its index. */
export function reportRepeats(values: readonly string[], path: PropertyKey[], report: Report, fixText: string): void {
  values.forEach((value, index) => {
    if (values.indexOf(value) !== index) report([...path, index], value, "is listed twice", fixText);
  });
}

/** A string matching a pattern, reported with what is wrong and how to fix it. */
export function matching(pattern: RegExp, problem: string, fixText: string) {
  return z.string().superRefine((value, ctx) => {
    if (!pattern.test(value)) {
      ctx.addIssue({ code: "custom", input: value, message: problem, params: fix(fixText) });
    }
  });
}

/** An IPv4 CIDR block in canonical form. */
export const cidr = z.string().superRefine((value, ctx) => {
  const parsed = parseIpv4Cidr(value);
  if ("reason" in parsed) {
    ctx.addIssue({
      code: "custom",
      input: value,
      message: `the value ${parsed.reason}`,
      params: fix("write the network address and prefix length, e.g. 10.20.0.0/16"),
    });
  }
});

/** A CIDR for cross-field checks, or undefined when its own field already reported it. */
export function validCidr(value: string): Ipv4Cidr | undefined {
  const parsed = parseIpv4Cidr(value);
  return "reason" in parsed ? undefined : parsed;
}

/** A name that becomes part of Terraform addresses and AWS resource names. */
export const addressName = matching(
  /^[a-z][a-z0-9-]{0,39}$/,
  "is not a valid name (names become parts of Terraform addresses and AWS resource names)",
  "use 1-40 lowercase letters, digits and hyphens, starting with a letter",
);

/** A fully qualified DNS host name, lowercase, without the trailing dot. */
export const hostname = matching(
  /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
  "is not a DNS host name",
  "write a lowercase name under a domain you control, e.g. api.internal.example.com",
);

/** A Route 53 hosted zone id. */
export const hostedZoneId = matching(
  /^Z[0-9A-Z]{6,31}$/,
  "is not a Route 53 hosted zone id",
  "copy the id from the Route 53 console, e.g. Z0123456789ABCDEFGHIJ",
);

/** Tag keys and values: the characters AWS accepts (which also keeps them safe in HCL). */
export function tagText(min: number, max: number) {
  return matching(
    new RegExp(`^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{${String(min)},${String(max)}}$`, "u"),
    "is not a valid AWS tag text",
    `use ${String(min)}-${String(max)} letters, digits, spaces and _ . : / = + - @`,
  );
}

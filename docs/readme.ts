import { readFileSync } from "node:fs";
import * as path from "node:path";
import { format } from "prettier";
import { PROJECT_ROOT } from "../lib/paths";
import { TOPOLOGIES } from "../topologies/registry";

/**
 * The README's generated parts, between `<!-- NAME:START -->` and `<!-- NAME:END -->` markers:
 * whatever the registry knows is written from it, so the README cannot drift from the code. The
 * prose around the markers is written by hand. `npm run docs` rewrites the README; a test fails
 * when the committed one differs from what this renders.
 */

/** The README's path. */
export const README = path.join(PROJECT_ROOT, "README.md");

/** Markdown blocks by marker name. */
export type Blocks = Readonly<Record<string, string>>;

function read(file: string): string {
  return readFileSync(path.join(PROJECT_ROOT, file), "utf8").trimEnd();
}

/** The blocks the registry gives: the topology table, each topology's configuration and section. */
export function registryBlocks(): Blocks {
  const units = Object.entries(TOPOLOGIES);
  return {
    TOPOLOGIES: [
      "| Topology | Who calls the API, and how |",
      "| --- | --- |",
      ...units.map(([name, unit]) => `| \`${name}\` | ${unit.summary} |`),
    ].join("\n"),
    "TOPOLOGY-CONFIGURATION": units.map(([, unit]) => read(unit.configuration)).join("\n\n"),
    "TOPOLOGY-SECTIONS": units.map(([, unit]) => read(unit.readme)).join("\n\n"),
  };
}

/** SECURITY.md's path. */
export const SECURITY = path.join(PROJECT_ROOT, "SECURITY.md");

/** SECURITY.md's generated part: which security domain checks apply to which topology. */
export function securityBlocks(): Blocks {
  const units = Object.entries(TOPOLOGIES);
  const checks = Object.keys(units[0]?.[1].security.applies ?? {});
  return {
    "DOMAIN-CHECK-SCOPE": [
      `| Check | ${units.map(([name]) => `\`${name}\``).join(" | ")} |`,
      `| --- | ${units.map(() => "---").join(" | ")} |`,
      ...checks.map(
        (check) =>
          `| \`${check}\` | ${units.map(([, unit]) => (unit.security.applies[check as keyof typeof unit.security.applies] ? "yes" : "no")).join(" | ")} |`,
      ),
    ].join("\n"),
  };
}

/** SECURITY.md as it must be. */
export async function renderSecurity(current: string): Promise<string> {
  return format(fillBlocks(current, securityBlocks()), { parser: "markdown", printWidth: 120, trailingComma: "all" });
}

/** `text` with every block of `blocks` written between its markers; a missing marker is an error. */
export function fillBlocks(text: string, blocks: Blocks): string {
  let result = text;
  for (const [name, body] of Object.entries(blocks)) {
    const start = `<!-- ${name}:START -->`;
    const end = `<!-- ${name}:END -->`;
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from < 0 || to < from) {
      throw new Error(`README.md has no ${start} ... ${end} markers`);
    }
    result = `${result.slice(0, from + start.length)}\n\n${body}\n\n${result.slice(to)}`;
  }
  return result;
}

/**
 * The README as it must be: `current` with every generated block rewritten (the sections first,
 * then the blocks that live inside them), formatted as `prettier --check` expects.
 */
export async function renderReadme(current: string, extra: Blocks = {}): Promise<string> {
  const filled = fillBlocks(fillBlocks(current, registryBlocks()), extra);
  return format(filled, { parser: "markdown", printWidth: 120, trailingComma: "all" });
}

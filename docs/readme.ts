import { readFileSync } from "node:fs";
import * as path from "node:path";
import { connectivityDocs, type TopologyConnectivity } from "../connectivity/docs";
import { CHECKOV_SKIPS } from "../lib/checkov";
import { UserError } from "../lib/errors";
import { PROJECT_ROOT } from "../lib/paths";
import { shippedStacks } from "../topologies";
import { TOPOLOGIES } from "../topologies/registry";
import type { DomainCheckId } from "../topologies/topology";

/**
 * The README's generated parts, between `<!-- NAME:START -->` and `<!-- NAME:END -->` markers:
 * whatever the registry knows is written from it, so the README cannot drift from the code. The
 * prose around the markers is written by hand. `npm run docs` rewrites the README; a test fails
 * when the committed one differs from what this renders.
 */

/** The README's path. */
export const README = path.join(PROJECT_ROOT, "README.md");

/** A markdown table laid out as prettier lays it out (cells padded to their column's width). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(3, cell.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? "").padEnd(width)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

/** Every table of `markdown` laid out by `markdownTable` (cells split on unescaped pipes). */
export function alignTables(markdown: string): string {
  const lines = markdown.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    if (!lines[i]?.startsWith("|")) {
      out.push(lines[i] ?? "");
      i++;
      continue;
    }
    const rows: string[][] = [];
    for (; lines[i]?.startsWith("|") === true; i++) {
      rows.push(
        (lines[i] ?? "")
          .slice(1, -1)
          .split(/(?<!\\)\|/)
          .map((cell) => cell.trim()),
      );
    }
    const [header = [], , ...body] = rows;
    out.push(markdownTable(header, body));
  }
  return out.join("\n");
}

/** Markdown blocks by marker name. */
export type Blocks = Readonly<Record<string, string>>;

function read(file: string): string {
  return readFileSync(path.join(PROJECT_ROOT, file), "utf8").trimEnd();
}

/** The blocks the registry gives: the topology table, each topology's configuration and section. */
export function registryBlocks(): Blocks {
  const units = Object.entries(TOPOLOGIES);
  return {
    TOPOLOGIES: markdownTable(
      ["Topology", "Who calls the API, and how"],
      units.map(([name, unit]) => [`\`${name}\``, unit.summary]),
    ),
    "TOPOLOGY-CONFIGURATION": units.map(([, unit]) => read(unit.configuration)).join("\n\n"),
    "TOPOLOGY-SECTIONS": units.map(([, unit]) => read(unit.readme)).join("\n\n"),
  };
}

/** SECURITY.md's path. */
export const SECURITY = path.join(PROJECT_ROOT, "SECURITY.md");

/**
 * SECURITY.md's generated parts: the checkov skips, from their catalogue
 * (security/checkov-skips.json), and which security domain checks apply to which topology.
 */
export function securityBlocks(): Blocks {
  const units = Object.entries(TOPOLOGIES);
  const checks = Object.keys(units[0]?.[1].security.applies ?? {});
  return {
    CHECKOV_SKIPS: markdownTable(
      ["Check", "checkov title", "Skipped on", "When", "Reason", "Compensating control"],
      Object.entries(CHECKOV_SKIPS).map(([id, skip]) => [
        `\`${id}\``,
        skip.check,
        `\`${skip.resource}\``,
        skip.when,
        skip.reason,
        skip.compensatingControl,
      ]),
    ),
    "DOMAIN-CHECK-SCOPE": markdownTable(
      ["Check", ...units.map(([name]) => `\`${name}\``)],
      checks.map((check) => [
        `\`${check}\``,
        ...units.map(([, unit]) => {
          const applies = unit.security.applies[check as DomainCheckId];
          return typeof applies === "boolean" ? (applies ? "yes" : "no") : applies.where;
        }),
      ]),
    ),
  };
}

/** SECURITY.md as it must be. */
export function renderSecurity(current: string): string {
  return fillBlocks("SECURITY.md", current, securityBlocks());
}

/** Every topology's matrix, with the stacks of it the shipped environments define. */
export function registryConnectivity(): Promise<TopologyConnectivity[]> {
  return Promise.all(
    Object.entries(TOPOLOGIES).map(async ([name, unit]) => ({
      matrix: await unit.connectivity(),
      stacks: await shippedStacks(name),
    })),
  );
}

/** `file`'s `text` with every block of `blocks` written between its markers; a missing marker is an error. */
export function fillBlocks(file: string, text: string, blocks: Blocks): string {
  let result = text;
  for (const [name, body] of Object.entries(blocks)) {
    const start = `<!-- ${name}:START -->`;
    const end = `<!-- ${name}:END -->`;
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from < 0 || to < from) {
      throw new UserError(
        `${file} has no ${start} ... ${end} markers. Fix: restore them where the generated part belongs (git diff ${file} shows where they were).`,
      );
    }
    result = `${result.slice(0, from + start.length)}\n\n${body.trim()}\n\n${result.slice(to)}`;
  }
  return result;
}

/**
 * The README as it must be: `current` with every generated block rewritten: the registry's (the
 * topology sections among them) first, then the connectivity evaluator's, some of which live inside
 * the sections (each topology's diagram and who-reaches-what table). Tables are laid out as
 * `prettier --check` expects.
 */
export async function renderReadme(current: string): Promise<string> {
  const connectivity = await connectivityDocs(await registryConnectivity());
  const blocks = Object.fromEntries(Object.entries(connectivity).map(([name, body]) => [name, alignTables(body)]));
  return fillBlocks("README.md", fillBlocks("README.md", current, registryBlocks()), blocks);
}

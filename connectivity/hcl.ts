/**
 * Reading a stack's generated Terraform: one `@cdktf/hcl2json` parse per file (cached), with the
 * `jsonencode({...})` policies decoded into objects so that rules and mutations work on data, not text.
 */
import { readFile } from "node:fs/promises";
import { parse } from "@cdktf/hcl2json";

/** A JSON value as hcl2json returns it. References stay strings such as `${aws_vpc.network_vpc.id}`. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One resource, data source or nested block: its attributes. Nested blocks are arrays of objects. */
export type Block = Record<string, Json>;

/** A provider block: its alias (none for the default provider) and region. */
export interface ProviderBlock {
  readonly alias?: string;
  readonly region?: string;
  readonly accountIds: readonly string[];
}

/** The parts of a Terraform file the evaluator reads. */
export interface HclDocument {
  /** `resource.<type>.<name>` blocks. */
  readonly resource: Record<string, Record<string, Block>>;
  /** `data.<type>.<name>` blocks. */
  readonly data: Record<string, Record<string, Block>>;
  readonly providers: readonly ProviderBlock[];
  /** `output.<name>.value`. */
  readonly outputs: Record<string, Json>;
  /** `local.<name>`: the expressions of the `locals` blocks. */
  readonly locals: Record<string, Json>;
}

/** A stack read from its `main.tf`. */
export interface ParsedStack {
  /** The stack's name (its folder), e.g. `<topology>-prod`. */
  readonly name: string;
  /** The file it was read from, or a label for text given directly. */
  readonly file: string;
  readonly hcl: HclDocument;
}

/** A stack file that cannot be read or parsed; the message names the file. */
export class StackReadError extends Error {}

const cache = new Map<string, Promise<ParsedStack>>();

/** Reads and parses `file` once per process; later calls share the result (treat it as read-only). */
export function loadStack(file: string, name: string): Promise<ParsedStack> {
  let loaded = cache.get(file);
  if (loaded === undefined) {
    loaded = readFile(file, "utf8").then(
      (text) => parseStack(name, text, file),
      (error: unknown) => {
        throw new StackReadError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      },
    );
    cache.set(file, loaded);
  }
  return loaded;
}

/** Parses Terraform text (HCL) into a stack; `file` only labels messages. */
export async function parseStack(name: string, text: string, file = `${name}/main.tf`): Promise<ParsedStack> {
  let raw: Record<string, unknown>;
  try {
    raw = await parse(file, text);
  } catch (error) {
    throw new StackReadError(`cannot parse ${file}: ${firstLine(error)}`);
  }
  const resource = flattenBlocks(raw.resource);
  const data = flattenBlocks(raw.data);
  await decodeJsonencode([resource, data], file);
  const providers = (asArray((raw.provider as Record<string, unknown> | undefined)?.aws) as Block[]).map(
    (block): ProviderBlock => ({
      ...(typeof block.alias === "string" ? { alias: block.alias } : {}),
      ...(typeof block.region === "string" ? { region: block.region } : {}),
      accountIds: asArray(block.allowed_account_ids).filter((id): id is string => typeof id === "string"),
    }),
  );
  const outputs: Record<string, Json> = {};
  for (const [outputName, blocks] of Object.entries((raw.output ?? {}) as Record<string, Block[]>)) {
    const value = blocks[0]?.value;
    if (value !== undefined) outputs[outputName] = value;
  }
  const locals = Object.assign({}, ...asArray(raw.locals)) as Record<string, Json>;
  return { name, file, hcl: { resource, data, providers, outputs, locals } };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function flattenBlocks(section: unknown): Record<string, Record<string, Block>> {
  const result: Record<string, Record<string, Block>> = {};
  for (const [type, byName] of Object.entries((section ?? {}) as Record<string, Record<string, Block[]>>)) {
    result[type] = {};
    for (const [name, blocks] of Object.entries(byName)) {
      const block = blocks[0];
      if (block !== undefined) result[type][name] = block;
    }
  }
  return result;
}

const JSONENCODE = /^\$\{jsonencode\((\{[\s\S]*\})\)\}$/;

/**
 * Replaces every attribute written as `${jsonencode({...})}` (policies) by the object it encodes. All of a
 * file's expressions are decoded by one more hcl2json parse of a `locals` block holding them.
 */
async function decodeJsonencode(sections: Record<string, Record<string, Block>>[], file: string): Promise<void> {
  const sites: { block: Block; key: string; expression: string }[] = [];
  for (const section of sections) {
    for (const byName of Object.values(section)) {
      for (const block of Object.values(byName)) {
        for (const [key, value] of Object.entries(block)) {
          const match = typeof value === "string" ? JSONENCODE.exec(value) : null;
          if (match?.[1] !== undefined) sites.push({ block, key, expression: match[1] });
        }
      }
    }
  }
  if (sites.length === 0) return;
  const text = `locals {\n${sites.map((site, index) => `p${String(index)} = ${site.expression}\n`).join("")}}\n`;
  let locals: Record<string, Json>;
  try {
    const parsed = (await parse(`${file}#policies`, text)) as { locals?: Record<string, Json>[] };
    locals = parsed.locals?.[0] ?? {};
  } catch (error) {
    throw new StackReadError(`cannot read the jsonencode() policies of ${file}: ${firstLine(error)}`);
  }
  sites.forEach((site, index) => {
    const decoded = locals[`p${String(index)}`];
    if (decoded !== undefined) site.block[site.key] = decoded;
  });
}

/** The expression of a string that is exactly one interpolation, `${aws_vpc.x.id}` → `aws_vpc.x.id`. */
export function referenceOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^\$\{([^{}]+)\}$/.exec(value);
  return match?.[1];
}

/** Whether a string holds an interpolation (a value known only after apply, or computed by Terraform). */
export function isSymbolic(value: string): boolean {
  return value.includes("${");
}

/** The Terraform address a reference expression starts with: `aws_vpc.x.id` → `aws_vpc.x`. */
export function addressOf(expression: string): string | undefined {
  const match = /^(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)/.exec(expression);
  return match === null ? undefined : `${match[1] ?? ""}${match[2] ?? ""}.${match[3] ?? ""}`;
}

/** A resource's (or `data.` source's) block by Terraform address, if the stack has it. */
export function blockAt(hcl: HclDocument, address: string): Block | undefined {
  const parts = address.split(".");
  if (parts[0] === "data") return parts[1] && parts[2] ? hcl.data[parts[1]]?.[parts[2]] : undefined;
  return parts[0] && parts[1] ? hcl.resource[parts[0]]?.[parts[1]] : undefined;
}

/** The nested blocks of an attribute (`vpc {}`, `alias {}`): always an array. */
export function nested(block: Block | undefined, key: string): Block[] {
  const value = block?.[key];
  return Array.isArray(value) ? value.filter((item): item is Block => isObject(item)) : [];
}

/** Whether a JSON value is an object (not an array). */
export function isObject(value: unknown): value is Block {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A list attribute's string items (a single string counts as a list of one). */
export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** A string attribute, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

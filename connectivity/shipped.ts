/**
 * The shipped stacks: the committed folders under generated/, as listed by generated/.synth-manifest.json.
 * The only place that knows the folder convention `<topology>-<environment>`.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadStack, type ParsedStack } from "./hcl";

/** The folder holding the committed generated Terraform. */
export const GENERATED_DIR = resolve(__dirname, "..", "generated");

/** A shipped stack of one topology. */
export interface ShippedStack {
  /** The stack's name, e.g. `<topology>-prod`. */
  readonly name: string;
  /** The environment part of the name, e.g. `prod`. */
  readonly environment: string;
  /** Its `main.tf`. */
  readonly file: string;
}

/** The stack folders the synth manifest lists, e.g. `<topology>-prod`. */
export async function stackFolders(generatedDir = GENERATED_DIR): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(generatedDir, ".synth-manifest.json"), "utf8")) as {
    files?: Record<string, string>;
  };
  const folders = Object.keys(manifest.files ?? {})
    .filter((path) => path.endsWith("/main.tf"))
    .map((path) => path.slice(0, -"/main.tf".length));
  return [...new Set(folders)].sort();
}

/** Every shipped stack of a topology: the folders named `<topology>-<environment>`. */
export async function shippedStacks(topology: string, generatedDir = GENERATED_DIR): Promise<ShippedStack[]> {
  return (await stackFolders(generatedDir))
    .filter((folder) => folder.startsWith(`${topology}-`) && !folder.slice(topology.length + 1).includes("/"))
    .map((folder) => ({
      name: folder,
      environment: folder.slice(topology.length + 1),
      file: join(generatedDir, folder, "main.tf"),
    }));
}

/** The committed file of a stack by name (`generated/<name>/main.tf`). */
export function stackFile(name: string, generatedDir = GENERATED_DIR): string {
  return join(generatedDir, name, "main.tf");
}

/** Loads (once per process) every shipped stack of a topology. */
export async function loadShipped(topology: string): Promise<(ShippedStack & { readonly stack: ParsedStack })[]> {
  const stacks = await shippedStacks(topology);
  return Promise.all(
    stacks.map(async (shipped) => ({ ...shipped, stack: await loadStack(shipped.file, shipped.name) })),
  );
}

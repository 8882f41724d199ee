import * as path from "node:path";

/** The project root: relative paths in environment files are resolved against it. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** The committed folder of generated Terraform: one `<stack>/main.tf` per stack. */
export const GENERATED_DIR = path.join(PROJECT_ROOT, "generated");

/** The file each stack's Terraform is written to, inside `<dir>/<stack>/`. */
export const STACK_FILE = "main.tf";

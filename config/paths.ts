import * as path from "node:path";

/** The project root: relative paths in environment files are resolved against it. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** Where environment files live: one `<name>.ts` per environment. */
export const ENVIRONMENTS_DIR = path.join(__dirname, "environments");

import * as path from "node:path";

/** The project root: relative paths in environment files are resolved against it. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

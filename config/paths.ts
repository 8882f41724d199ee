import * as path from "node:path";

/** Where environment files live: one `<name>.ts` per environment. */
export const ENVIRONMENTS_DIR = path.join(__dirname, "..", "environments");

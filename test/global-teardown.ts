import { rmSync } from "node:fs";

/** Removes the run's temporary folder made by global-setup.ts. */
export default function globalTeardown(): void {
  const folder = process.env.PRIVATE_APIGW_TEST_TMPDIR;
  if (folder !== undefined) {
    rmSync(folder, { recursive: true, force: true });
  }
}

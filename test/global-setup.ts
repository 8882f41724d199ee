import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/**
 * Every temporary folder of a test run goes into one folder of its own (cdktf's Testing.app()
 * makes one per app in the OS temp folder and never removes it); global-teardown.ts removes it.
 * Set before the workers start, so they and the commands they spawn inherit it.
 */
export default function globalSetup(): void {
  const folder = mkdtempSync(path.join(tmpdir(), "private-apigw-tests-"));
  process.env.TMPDIR = folder;
  process.env.PRIVATE_APIGW_TEST_TMPDIR = folder;
}

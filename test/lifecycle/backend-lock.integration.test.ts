import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { type Emulator, installEmulator, startEmulator } from "../../lifecycle/emulator";
import { STATE_BUCKET, terraformStep } from "../../lifecycle/run";
import { BACKEND_FILE, prepareStack } from "../../lifecycle/workspace";
import { findMirror, offlineTerraformEnv } from "../../tooling/offline-terraform";
import { GENERATED_DIR, STACK_FILE } from "../../lib/paths";

/*
 * The real backend of a generated stack (its own `backend "s3"` block: key, region, encrypt,
 * use_lockfile), completed for the emulator's S3 as the lifecycle completes it. While one apply
 * holds the state, a concurrent plan must get the lock error, and the lock object must be gone
 * once the apply ends. The holding operation is a built-in terraform_data resource whose
 * provisioner waits for a file the test writes, so the lock is held exactly as long as the test
 * needs it, however slow the machine.
 */

const STACK = "api-gateway-account-dev";
const SETUP_MS = 240_000;
const HOLDER = `
resource "terraform_data" "lock_holder" {
  provisioner "local-exec" {
    command = "touch held && while [ ! -f release ]; do sleep 0.2; done"
  }
}
`;

let emulator: Emulator;
let work: string;
let env: NodeJS.ProcessEnv;
let stateKey: string;
let holder: ChildProcess | undefined;

beforeAll(async () => {
  emulator = await startEmulator(await installEmulator());
  work = mkdtempSync(path.join(tmpdir(), "backend-lock-"));
  env = offlineTerraformEnv(path.join(work, "cli"), findMirror());
  const prepared = prepareStack(readFileSync(path.join(GENERATED_DIR, STACK, STACK_FILE), "utf8"), {
    endpoint: emulator.endpoint,
    bucket: STATE_BUCKET,
    gaps: [],
  });
  stateKey = prepared.stateKey;
  for (const [name, content] of Object.entries(prepared.files)) {
    writeFileSync(path.join(work, name), content);
  }
  writeFileSync(path.join(work, "lock_holder.tf"), HOLDER);
  await emulator.createBucket(STATE_BUCKET);
  const init = await terraformStep(work, env, "init", [`-backend-config=${BACKEND_FILE}`]);
  expect(init.output).toContain('Successfully configured the backend "s3"');
  expect(init.code).toBe(0);
}, SETUP_MS);

afterAll(async () => {
  writeFileSync(path.join(work, "release"), "");
  holder?.kill("SIGKILL");
  await emulator.stop();
  rmSync(work, { recursive: true, force: true });
});

async function until(condition: () => boolean | Promise<boolean>, what: string, seconds = 90): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it("a plan run while an apply holds the state fails on the S3 lock file, which is gone afterwards", async () => {
  const lock = `${stateKey}.tflock`;
  expect(await emulator.objectExists(STATE_BUCKET, lock)).toBe(false);

  let applyOutput = "";
  const applied = new Promise<number | null>((resolve) => {
    holder = spawn(
      "terraform",
      ["apply", "-auto-approve", "-input=false", "-no-color", "-target=terraform_data.lock_holder"],
      { cwd: work, env },
    );
    holder.stdout?.on("data", (chunk: Buffer) => (applyOutput += chunk.toString()));
    holder.stderr?.on("data", (chunk: Buffer) => (applyOutput += chunk.toString()));
    holder.once("close", resolve);
  });
  await until(() => existsSync(path.join(work, "held")), "the apply to reach its provisioner");
  expect(await emulator.objectExists(STATE_BUCKET, lock)).toBe(true);

  const concurrent = await terraformStep(work, env, "plan", ["-lock-timeout=0s"]);
  expect(concurrent.code).toBe(1);
  expect(concurrent.output).toContain("Error acquiring the state lock");
  expect(concurrent.output).toMatch(/PreconditionFailed|StatusCode: 412/);

  writeFileSync(path.join(work, "release"), "");
  expect(await applied).toBe(0);
  expect(applyOutput).toContain("Apply complete! Resources: 1 added");
  expect(await emulator.objectExists(STATE_BUCKET, lock)).toBe(false);
  expect(await emulator.objectExists(STATE_BUCKET, stateKey)).toBe(true);

  // With the lock released, the same plan runs.
  const after = await terraformStep(work, env, "plan", ["-lock-timeout=0s", "-detailed-exitcode"]);
  expect([0, 2]).toContain(after.code);
}, 240_000);

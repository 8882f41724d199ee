import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { type Emulator, installEmulator, startEmulator } from "../../lifecycle/emulator";
import { type EmulatorGap, emulatorGap } from "../../lifecycle/gaps";
import { runStackLifecycle, type StackResult } from "../../lifecycle/run";
import { MAX_ATTEMPTS } from "../../lifecycle/workspace";
import { findMirror, offlineTerraformEnv } from "../../tooling/offline-terraform";

/*
 * The lifecycle's verdicts on stacks that must fail it, against the real emulator: a resource
 * moto lacks fails apply at once (few retries) unless declared as a gap, and then it is left out
 * by name; a second plan that is not empty fails the stack and names what would change. (Stacks
 * that pass are `npm run lifecycle` itself, in CI.)
 */

const STACK = `terraform {
  required_providers {
    aws = {
      version = "6.25.0"
      source  = "hashicorp/aws"
    }
  }
  backend "s3" {
    key          = "private-api/verdicts/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  allowed_account_ids = ["111111111111"]
  region              = "eu-west-1"
}

resource "aws_dx_gateway" "dx" {
  name            = "verdicts"
  amazon_side_asn = "64512"
}

resource "aws_cloudwatch_log_group" "kept" {
  name              = "/verdicts/kept"
  retention_in_days = 30
}

resource "terraform_data" "changes_every_plan" {
  triggers_replace = [aws_cloudwatch_log_group.kept.arn, timestamp()]
}

output "dx_gateway_id" {
  value = aws_dx_gateway.dx.id
}
`;

let emulator: Emulator;
let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  emulator = await startEmulator(await installEmulator());
  work = mkdtempSync(path.join(tmpdir(), "lifecycle-run-"));
  env = offlineTerraformEnv(path.join(work, "cli"), findMirror());
}, 240_000);

afterAll(async () => {
  await emulator.stop();
  rmSync(work, { recursive: true, force: true });
});

async function lifecycle(name: string, gaps: readonly EmulatorGap[]): Promise<StackResult> {
  await emulator.reset();
  return runStackLifecycle({ stack: name, hcl: STACK, gaps, emulator, work: path.join(work, name), env });
}

test("an undeclared resource the emulator lacks fails apply at once, and what did apply is destroyed", async () => {
  const result = await lifecycle("undeclared", []);
  expect(result.applied).toBeUndefined();
  expect(result.secondPlan).toBe("not run");
  expect(result.destroy).toBe("clean");
  expect(result.failures).toEqual([
    expect.stringMatching(/^apply failed \(exit 1\):\n.*Error: creating Direct Connect Gateway/s),
  ]);
  // A few attempts, not the provider's default retries, which would hold the step for many minutes.
  expect(result.failures[0]).toContain(`exceeded maximum number of attempts, ${String(MAX_ATTEMPTS)},`);
}, 120_000);

test("a declared gap is left out by name, and a second plan that is not empty fails the stack", async () => {
  const result = await lifecycle("declared", [emulatorGap("aws_dx_gateway")]);
  expect(result.excluded).toEqual([
    { address: "aws_dx_gateway.dx", reason: emulatorGap("aws_dx_gateway").reason },
    { address: "output.dx_gateway_id", reason: "refers to aws_dx_gateway.dx" },
  ]);
  expect(result.applied).toBe(2);
  expect(result.secondPlan).toBe("1 to change");
  expect(result.destroy).toBe("clean");
  expect(result.failures).toEqual([
    "the second plan is not empty:\n      terraform_data.changes_every_plan must be replaced",
  ]);
}, 120_000);

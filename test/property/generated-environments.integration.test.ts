import { randomInt } from "node:crypto";
import { expectNoFailures, runProperty, seedFrom } from "./run";

/**
 * The property tests at full size (issue 23): a thousand environment files generated around the
 * valid space with a fresh seed each run (printed), all validated and a sampled share synthesized
 * and checked. A failure is shrunk and printed as the environment file that reproduces it, with the
 * one command that replays it.
 */

const FILE = "test/property/generated-environments.integration.test.ts";

test("a thousand generated environment files: rejected with one clear line per problem, or synthesized into sound stacks", async () => {
  const seed = seedFrom(randomInt(2 ** 31));
  process.stdout.write(
    `property tests: seed ${String(seed)} (replay: FUZZ_SEED=${String(seed)} npx jest --config jest.integration.config.js ${FILE})\n`,
  );
  const started = Date.now();
  const report = await runProperty({
    numRuns: 1000,
    seed,
    synthesizeShare: 0.03,
    command: `npx jest --config jest.integration.config.js ${FILE}`,
  });
  process.stdout.write(
    `property tests: seed ${String(seed)}: ${JSON.stringify(report.counts)} in ${String(Date.now() - started)} ms\n`,
  );
  expectNoFailures(report);
  expect(report.counts.synthesized).toBeGreaterThan(0);
});

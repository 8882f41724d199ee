import { expectNoFailures, runProperty } from "./run";

/**
 * The property tests' fast sample (issue 23): a few dozen environment files generated around the
 * valid space from a fixed seed, each rejected with one clear line per problem or synthesized into
 * stacks that hold the project's invariants. The integration suite runs a thousand with a fresh
 * seed (generated-environments.integration.test.ts); a failure prints its replay command.
 */

const FILE = "test/property/generated-environments.test.ts";

test("generated environment files: rejected with one clear line per problem, or synthesized into sound stacks", async () => {
  const report = await runProperty({
    numRuns: 50,
    seed: 23,
    synthesizeShare: 0.1,
    command: `npx jest ${FILE}`,
  });
  expectNoFailures(report);
  expect(report.counts.rejected).toBeGreaterThan(0);
  expect(report.counts.valid + report.counts.synthesized).toBeGreaterThan(0);
});

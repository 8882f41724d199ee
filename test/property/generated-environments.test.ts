import * as path from "node:path";
import fc from "fast-check";
import { loadEnvironmentSources } from "../../config";
import { environmentsDir } from "../helpers/temporary";
import { environmentOf, generatedCases } from "./arbitraries";
import { environmentFile } from "./environment-file";
import { expectNoFailures, runProperty, validCorpus } from "./run";

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

test("a printed environment file loads as the environment that failed (the replay is faithful)", async () => {
  const corpus = await validCorpus();
  const inputs = fc
    .sample(generatedCases(corpus, 0), { numRuns: 20, seed: 23 })
    .map((generated) => environmentOf(generated, corpus));
  const registry = path.resolve(__dirname, "../../topologies/registry");
  const dir = environmentsDir(
    Object.fromEntries(
      inputs.map((input, index) => [
        `case-${String(index).padStart(2, "0")}`,
        environmentFile(input).replace('"../topologies/registry"', JSON.stringify(registry)),
      ]),
    ),
  );
  const loaded = await loadEnvironmentSources(dir);
  expect(loaded.map((file) => file.input)).toEqual(inputs);
  expect(loaded.flatMap((file) => file.duplicateKeys ?? [])).toEqual([]);
});

import fc from "fast-check";
import { loadEnvironmentSources } from "../../config";
import { TOPOLOGIES } from "../../topologies/registry";
import { environmentInput } from "../helpers";
import { everyOptionSources } from "../helpers/fixtures";
import { type Corpus, corpusOf, environmentOf, GENERATED_NAME, generatedCases } from "./arbitraries";
import { checkEnvironment, FmtBatch, loadMatrices, type Outcome, topologyToSynthesize } from "./check";
import { environmentFile } from "./environment-file";

/**
 * One run of the property over generated environment files: seeded, and on failure reported as the
 * shrunk environment file, the seed and path, and the one command that replays it.
 */

/** The valid environments generation starts from: the shipped ones and every fixture of every topology. */
export async function validCorpus(): Promise<Corpus> {
  const shipped = (await loadEnvironmentSources()).map((loaded) => loaded.input);
  const fixtures = Object.entries(TOPOLOGIES).flatMap(([name, unit]) =>
    [unit.fixtures.defaults(), unit.fixtures.everyOption, unit.fixtures.adopted].map((section) =>
      environmentInput({ topologies: { [name]: section } }),
    ),
  );
  return corpusOf([...shipped, ...fixtures, ...everyOptionSources().map((loaded) => loaded.input)]);
}

export interface RunOptions {
  /** Cases per run; FUZZ_RUNS replaces it. */
  readonly numRuns: number;
  /** The seed; FUZZ_SEED replaces it. */
  readonly seed: number;
  /** The share (0 to 1) of cases that are synthesized when they validate; FUZZ_SHARE replaces it. */
  readonly synthesizeShare: number;
  /** The command that runs this file, for the replay line (the seed and path go before it). */
  readonly command: string;
}

export interface RunReport {
  readonly seed: number;
  readonly counts: Readonly<Record<Outcome, number>>;
  /** Every failure found; empty when the property holds. */
  readonly failures: readonly string[];
}

/**
 * Fails the test with the failures as they were printed (environment files read as files, not as
 * escaped strings in a diff).
 */
export function expectNoFailures(report: RunReport): void {
  if (report.failures.length > 0) {
    throw new Error(report.failures.join("\n\n"));
  }
}

/** The seed of a run: FUZZ_SEED when set, else `fallback`. */
export function seedFrom(fallback: number): number {
  const given = process.env.FUZZ_SEED;
  return given === undefined || given === "" ? fallback : Number(given);
}

/** Runs the property; a failure is shrunk and reported as an environment file with its replay command. */
export async function runProperty(options: RunOptions): Promise<RunReport> {
  const seed = seedFrom(options.seed);
  const path = process.env.FUZZ_PATH;
  const numRuns = Number(process.env.FUZZ_RUNS ?? options.numRuns);
  const synthesizeShare = Number(process.env.FUZZ_SHARE ?? options.synthesizeShare);
  const corpus = await validCorpus();
  const matrices = await loadMatrices();
  const fmt = new FmtBatch();
  const counts: Record<Outcome, number> = { rejected: 0, valid: 0, synthesized: 0 };
  try {
    const details = await fc.check(
      fc.asyncProperty(generatedCases(corpus, synthesizeShare), async (generated) => {
        const input = environmentOf(generated, corpus);
        const plan = generated.synthesize
          ? { topologies: topologyToSynthesize(input, corpus.bases[generated.base], generated.focus), fmt }
          : undefined;
        counts[await checkEnvironment(input, plan, matrices)] += 1;
      }),
      { seed, numRuns, ...(path === undefined || path === "" ? {} : { path }), endOnFailure: false },
    );
    const failures: string[] = [];
    if (details.failed) {
      const [shrunk] = details.counterexample ?? [];
      const input = shrunk === undefined ? undefined : environmentOf(shrunk, corpus);
      failures.push(
        [
          `The property fails (seed ${String(details.seed)}, path ${details.counterexamplePath ?? "?"}, after ${String(details.numRuns)} cases and ${String(details.numShrinks)} shrinks).`,
          `Replay: FUZZ_SEED=${String(details.seed)} FUZZ_PATH=${details.counterexamplePath ?? ""} ${options.command}`,
          `Case: ${JSON.stringify(shrunk)}`,
          `environments/${GENERATED_NAME}.ts:`,
          environmentFile(input),
          details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
        ].join("\n"),
      );
    }
    failures.push(...fmt.check());
    return { seed, counts, failures };
  } finally {
    fmt.remove();
  }
}

/**
 * Runs a topology's matrix as Jest tests: every row on every shipped environment, then every mutation on
 * every shipped stack it applies to. Stacks are parsed once per process and shared.
 */
import "./jest";
import { expectedFor, requestsOf, type Matrix } from "./matrix";
import { modelOf } from "./model";
import { mutate } from "./mutate";
import { loadShipped, type ShippedStack } from "./shipped";

type Shipped = Awaited<ReturnType<typeof loadShipped>>;

/** Defines the tests of one topology's matrix, on its shipped stacks (`stacks` lists them). */
export function describeMatrix(matrix: Matrix, stacks: () => Promise<readonly ShippedStack[]>): void {
  describe(`${matrix.topology}: who reaches the API`, () => {
    let shipped: Shipped = [];
    beforeAll(async () => {
      shipped = await loadShipped(await stacks());
    });

    it("has shipped environments, and every gap names one of them", () => {
      expect(shipped.length).toBeGreaterThan(0);
      const environments = shipped.map((stack) => stack.environment);
      for (const row of matrix.rows) {
        for (const gap of row.shipped ?? [])
          for (const environment of gap.environments ?? []) expect(environments).toContain(environment);
      }
    });

    it(`npm run explain's example answers ${matrix.example.outcome} on ${matrix.example.environment}`, () => {
      const { environment, request, outcome } = matrix.example;
      const found = shipped.find((candidate) => candidate.environment === environment);
      expect(found?.environment).toBe(environment);
      if (found !== undefined) {
        if (outcome === "ok") expect(found.stack).toReach(request);
        else expect(found.stack).not.toReach(request, outcome);
      }
    });

    for (const row of matrix.rows) {
      it(`${row.client} → ${row.url}`, () => {
        let asked = 0;
        for (const { stack, environment } of shipped) {
          const expected = expectedFor(row, environment);
          for (const request of requestsOf(row.request, stack)) {
            asked += 1;
            if (expected.outcome === "ok") expect(stack).toReach(request);
            else expect(stack).not.toReach(request, expected.outcome, expected.hop);
          }
        }
        // A row no shipped stack has a client for proves nothing.
        expect(asked).toBeGreaterThan(0);
      });
    }

    for (const mutation of matrix.mutations) {
      it(`mutation: ${mutation.name}`, () => {
        let applied = 0;
        for (const { stack } of shipped) {
          const model = modelOf(stack.name, stack.hcl);
          if (mutation.appliesTo !== undefined && !mutation.appliesTo(model)) continue;
          const mutated = mutate(stack, mutation.name, ...mutation.changes(stack, model));
          for (const request of requestsOf(mutation.request, mutated)) {
            applied += 1;
            if (mutation.expect.outcome === "ok") expect(mutated).toReach(request);
            else expect(mutated).not.toReach(request, mutation.expect.outcome, mutation.expect.hop);
          }
        }
        expect(applied).toBeGreaterThan(0);
      });
    }
  });
}

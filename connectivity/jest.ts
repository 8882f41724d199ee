/**
 * Jest matchers in the Terratest spirit: `expect(stack).toReach(request)` and
 * `expect(stack).not.toReach(request, "forbidden", "api-selection")`. Register with `import "…/connectivity/jest"`.
 */
import { evaluate, type Answer, type Hop, type Outcome } from "./evaluate";
import type { ParsedStack } from "./hcl";
import type { ConnectivityRequest } from "./request";
import { formatAnswer } from "./format";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Jest's matcher typing is a global namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * The request succeeds (`ok`). With `.not` and an outcome, it fails with exactly that outcome (and, when
       * given, at that hop).
       */
      toReach(request: ConnectivityRequest, outcome?: Outcome, hop?: Hop): R;
    }
  }
}

function isStack(value: unknown): value is ParsedStack {
  return typeof value === "object" && value !== null && "hcl" in value && "name" in value;
}

expect.extend({
  toReach(this: jest.MatcherContext, received: unknown, request: ConnectivityRequest, outcome?: Outcome, hop?: Hop) {
    if (!isStack(received)) throw new Error("toReach: expected a parsed stack (loadStack / parseStack)");
    if (outcome !== undefined && !this.isNot)
      throw new Error("toReach: an expected outcome is only meaningful after .not");
    const answer: Answer = evaluate(received, request);
    const explained = (): string => `${received.name}: ${request.url} from ${request.from}\n${formatAnswer(answer)}`;
    if (outcome === undefined) {
      return {
        pass: answer.outcome === "ok",
        message: () =>
          this.isNot
            ? `expected the request not to reach an API\n${explained()}`
            : `expected the request to reach an API\n${explained()}`,
      };
    }
    const matches = answer.outcome === outcome && (hop === undefined || answer.hop === hop);
    return {
      pass: !matches,
      message: () =>
        `expected ${outcome}${hop === undefined ? "" : ` at ${hop}`}, got ${answer.outcome} at ${answer.hop}\n${explained()}`,
    };
  },
});

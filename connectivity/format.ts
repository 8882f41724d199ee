/** Text rendering of an answer, for the CLI and for test failure messages. */
import { describeApi, type Answer } from "./evaluate";

/** The answer hop by hop, then its assumptions. */
export function formatAnswer(answer: Answer): string {
  const lines = [`outcome: ${answer.outcome} (decided at ${answer.hop})`, `reason:  ${answer.reason}`];
  if (answer.api !== undefined) lines.push(`api:     ${describeApi(answer.api)}`);
  lines.push("hops:");
  for (const hop of answer.hops) {
    lines.push(`  ${hop.passed ? "✓" : "✗"} ${hop.hop}${hop.leg === undefined ? "" : ` (${hop.leg})`}: ${hop.detail}`);
    if (hop.rules.length > 0) lines.push(`      rules: ${hop.rules.join(", ")}`);
  }
  lines.push(
    answer.assumptions.length === 0 ? "assumptions: none" : "assumptions (only a real deploy confirms these):",
  );
  for (const assumption of answer.assumptions) {
    lines.push(`  ${assumption.confidence} ${assumption.rule} ${assumption.sources}: ${assumption.text}`);
  }
  return lines.join("\n");
}

import type { EnvironmentSource } from "../../config";
import { type EnvironmentInput, TOPOLOGIES } from "../../topologies/registry";
import { environmentInput, source } from ".";

/** One environment holding the given fixture of every topology of the registry. */
function everyTopology(name: string, fixture: "everyOption" | "adopted", overrides: Partial<EnvironmentInput>) {
  return source(
    environmentInput({
      name,
      ...overrides,
      topologies: Object.fromEntries(
        Object.entries(TOPOLOGIES).map(([topology, unit]) => [topology, unit.fixtures[fixture]]),
      ),
    }),
    name,
  );
}

/**
 * Environments that, between them, switch every option of every topology on and adopt what can
 * be adopted, next to the committed ones: the checks over every stack run over these too, so an
 * option no shipped environment uses is still covered. Each topology's fixtures (its folder's
 * fixtures.ts) are required by its unit's type, so a new topology cannot be left out.
 */
export function everyOptionSources(): EnvironmentSource[] {
  return [
    everyTopology("options", "everyOption", {
      logEncryption: "customer-managed-key",
      logRetentionDays: 400,
      deletionProtection: true,
      apiGatewayAccount: { manageCloudWatchRole: true },
    }),
    everyTopology("adopted", "adopted", {}),
  ];
}

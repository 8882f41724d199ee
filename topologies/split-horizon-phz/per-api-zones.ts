import { sortedEntries } from "../../lib/records";
import type { PerApiZonesConfig } from "./config";
import { type Resolution, type SplitHorizon, type SplitHorizonContext, splitHorizonZone } from "./split-horizon";

/**
 * per-api-zones mode (private DNS off): every public name resolves publicly, and each private API
 * (this stack's and the other ones listed) gets a zone `{api-id}.execute-api.<region>.amazonaws.com`
 * aliasing the endpoint, whose policy then admits them all.
 */
export function perApiZonesSplitHorizon(context: SplitHorizonContext, dns: PerApiZonesConfig): SplitHorizon {
  const { scope, endpoint, api, serviceDomain } = context;
  const { environment } = scope;
  const privateApis = [
    { id: "phz_api", restApiId: api.restApiId, what: "this stack's private API" },
    ...sortedEntries(dns.otherPrivateApis).map(([apiName, other]) => ({
      id: `phz_api_${apiName}`,
      restApiId: other.restApiId,
      what: `private API ${apiName}`,
    })),
  ];
  for (const [, other] of sortedEntries(dns.otherPrivateApis)) {
    endpoint.allowInvoke({
      executionArn: `arn:aws:execute-api:${environment.region}:${other.accountId ?? environment.accountId}:${other.restApiId}`,
    });
  }
  const resolution: Record<string, Resolution> = {};
  const zoneIds: Record<string, string> = {};
  for (const { id, restApiId, what } of privateApis) {
    const zoneName = `${restApiId}.${serviceDomain}`;
    zoneIds[zoneName] = splitHorizonZone(
      context,
      id,
      zoneName,
      { [zoneName]: endpoint.aliasTarget },
      `Split horizon: the default URL of ${what} resolves to the execute-api endpoint inside the VPC (${scope.namePrefix})`,
      // A switch from custom-domains mode turns the endpoint's private DNS off before these zones exist
      // (whether AWS refuses a zone under execute-api.<region> beside private DNS is unconfirmed; this
      // never tries); back, Terraform destroys them before it updates the endpoint, a dependent's destroy
      // preceding its dependency's update.
      endpoint.awaited,
    ).zoneId;
    resolution[zoneName] = {
      resolves_to: endpoint.aliasTarget.dnsName,
      answered_by: `private hosted zone ${zoneName} (alias to the execute-api endpoint)`,
    };
  }
  resolution[`*.${serviceDomain}`] = {
    resolves_to: "API Gateway's public addresses",
    answered_by:
      "public DNS (the endpoint's private DNS is off): public APIs resolve by their default URLs, reached through the VPC's egress (output internet_egress)",
  };
  return { resolution, zoneIds };
}

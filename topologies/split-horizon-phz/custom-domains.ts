import { DataAwsApiGatewayDomainName } from "@cdktf/provider-aws/lib/data-aws-api-gateway-domain-name";
import type { Construct } from "constructs";
import type { IAliasTarget } from "../../modules/private-alias-zone";
import { type CustomDomainsConfig, customDomainZones } from "./config";
import {
  addressPart,
  type Resolution,
  type SplitHorizon,
  type SplitHorizonContext,
  splitHorizonZone,
} from "./split-horizon";

/**
 * A public API's REGIONAL custom domain name, looked up by name: its regional name and zone, the
 * target of an alias. Only a REGIONAL custom domain has a regional name to alias (an
 * edge-optimized one's is empty, and Route 53 allows no CloudFront alias in a private zone): the
 * plan fails with the reason rather than the apply with an empty alias.
 */
function lookedUpRegionalTarget(scope: Construct, publicName: string): IAliasTarget {
  const lookup = new DataAwsApiGatewayDomainName(scope, `custom_domain_${addressPart(publicName)}`, {
    domainName: publicName,
    lifecycle: {
      postcondition: [
        {
          condition: "${length(self.regional_domain_name) > 0}",
          errorMessage: `${publicName} is not a REGIONAL custom domain name of this account and region (edge-optimized ones have no regional name to alias). Fix: list only REGIONAL custom domains in dns.publicApis.`,
        },
      ],
    },
  });
  return { dnsName: lookup.regionalDomainName, zoneId: lookup.regionalZoneId };
}

/**
 * custom-domains mode (private DNS on): the private API answers by its default URL, and each
 * public custom name (or the apex holding several) gets a private zone aliasing its regional
 * target, configured or looked up, so that it resolves to API Gateway's public addresses.
 */
export function customDomainsSplitHorizon(context: SplitHorizonContext, dns: CustomDomainsConfig): SplitHorizon {
  const { scope, endpoint, api, serviceDomain } = context;
  const endpointName = endpoint.aliasTarget.dnsName;
  const resolution: Record<string, Resolution> = {
    [`${api.restApiId}.${serviceDomain}`]: {
      resolves_to: endpointName,
      answered_by: "the execute-api endpoint's private DNS",
    },
  };
  const zoneIds: Record<string, string> = {};
  for (const [zoneName, names] of customDomainZones(dns)) {
    const targets = Object.fromEntries(
      names.map((publicName): [string, IAliasTarget] => {
        const target = dns.publicApis[publicName];
        return [
          publicName,
          target?.mode === "configured"
            ? { dnsName: target.regionalDomainName, zoneId: target.regionalZoneId }
            : lookedUpRegionalTarget(scope, publicName),
        ];
      }),
    );
    zoneIds[zoneName] = splitHorizonZone(
      context,
      `phz_${addressPart(zoneName)}`,
      zoneName,
      targets,
      `Split horizon: public API names under ${zoneName} resolve to API Gateway's public addresses inside the VPC (${scope.namePrefix})`,
    ).zoneId;
    for (const [publicName, target] of Object.entries(targets)) {
      resolution[publicName] = {
        // The alias is answered with the regional domain name's addresses, API Gateway's public ones.
        resolves_to: `API Gateway's public addresses (alias to ${target.dnsName})`,
        answered_by: `private hosted zone ${zoneName} (alias to the public API's regional domain name)`,
      };
    }
  }
  resolution[`*.${serviceDomain}`] = {
    resolves_to: endpointName,
    answered_by:
      "the execute-api endpoint's private DNS: any other API's default URL reaches the endpoint, so public APIs answer 403 by it; call them by a custom name listed here",
  };
  return { resolution, zoneIds };
}

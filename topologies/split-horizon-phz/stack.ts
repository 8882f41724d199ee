import { DataAwsApiGatewayDomainName } from "@cdktf/provider-aws/lib/data-aws-api-gateway-domain-name";
import type { Construct } from "constructs";
import { customDomainZones, type SplitHorizonPhzConfig } from "./config";
import { sortedEntries } from "../../lib/records";
import { ExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import { type IAliasTarget, PrivateAliasZone, type ZoneVpc } from "../../modules/private-alias-zone";
import { EnvironmentStack, type TopologyStackProps } from "../../stacks/environment-stack";
import { addOutputs, apiClientOutputs, networkFrom, type OutputSpec, privateApiFrom } from "../../stacks/shared";

/** Where a name resolves from inside the VPC, and what answers it there. */
interface Resolution {
  readonly resolves_to: string;
  readonly answered_by: string;
}

/** A host name as part of a Terraform address: `api.example.com` → `api_example_com`. */
function addressPart(name: string): string {
  return name.replaceAll(".", "_");
}

/**
 * split-horizon-phz: the VPC calls the private API through its execute-api endpoint and keeps
 * calling public APIs, with Route 53 private hosted zones splitting its view of API Gateway names.
 * In `custom-domains` mode the endpoint's private DNS is on and each public custom name gets a
 * private zone aliasing its regional target; in `per-api-zones` mode private DNS is off and each
 * private API gets a zone `{api-id}.execute-api.<region>.amazonaws.com` aliasing the endpoint.
 */
export class SplitHorizonPhzStack extends EnvironmentStack {
  public constructor(scope: Construct, { environment, section }: TopologyStackProps<SplitHorizonPhzConfig>) {
    super(scope, { environment, topology: "split-horizon-phz" });
    const name = this.namePrefix;
    const region = environment.region;
    const dns = section.dns;
    const serviceDomain = `execute-api.${region}.amazonaws.com`;

    const network = networkFrom(this, "network", section.network, { environment, name });
    const endpoint = new ExecuteApiEndpoint(this, "execute_api", {
      network,
      region,
      name,
      // On, the private API answers by its default URL and public custom names need zones; off,
      // every public name resolves publicly and each private API needs a zone.
      privateDnsEnabled: dns.mode === "custom-domains",
      clientNetworks: section.clientNetworks,
      preventDestroy: environment.deletionProtection,
    });
    const api = privateApiFrom(this, "api", section.api, { environment, name, endpoints: [endpoint] });

    const vpcs: ZoneVpc[] = [{ vpcId: network.vpcId, region }];
    const zone = (id: string, zoneName: string, records: Record<string, IAliasTarget>, comment: string) =>
      new PrivateAliasZone(this, id, {
        zoneName,
        vpcs,
        records,
        comment,
        tagPrefix: name,
        preventDestroy: environment.deletionProtection,
      });
    const endpointName = endpoint.aliasTarget.dnsName;
    const apiHost = `${api.restApiId}.${serviceDomain}`;
    const resolution: Record<string, Resolution> = {};
    const zoneIds: Record<string, string> = {};

    if (dns.mode === "custom-domains") {
      resolution[apiHost] = { resolves_to: endpointName, answered_by: "the execute-api endpoint's private DNS" };
      for (const [zoneName, names] of customDomainZones(dns)) {
        const targets = Object.fromEntries(
          names.map((publicName) => {
            const target = dns.publicApis[publicName];
            if (target?.mode === "configured") {
              return [publicName, { dnsName: target.regionalDomainName, zoneId: target.regionalZoneId }];
            }
            const lookup = new DataAwsApiGatewayDomainName(this, `custom_domain_${addressPart(publicName)}`, {
              domainName: publicName,
              // Only a REGIONAL custom domain has a regional name to alias (an edge-optimized one's
              // is empty, and Route 53 allows no CloudFront alias in a private zone): fail the plan
              // with the reason rather than the apply with an empty alias.
              lifecycle: {
                postcondition: [
                  {
                    condition: "${length(self.regional_domain_name) > 0}",
                    errorMessage: `${publicName} is not a REGIONAL custom domain name of this account and region (edge-optimized ones have no regional name to alias). Fix: list only REGIONAL custom domains in dns.publicApis.`,
                  },
                ],
              },
            });
            return [publicName, { dnsName: lookup.regionalDomainName, zoneId: lookup.regionalZoneId }];
          }),
        );
        const created = zone(
          `phz_${addressPart(zoneName)}`,
          zoneName,
          targets,
          `Split horizon: public API names under ${zoneName} resolve to API Gateway's public addresses inside the VPC (${name})`,
        );
        zoneIds[zoneName] = created.zoneId;
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
    } else {
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
          executionArn: `arn:aws:execute-api:${region}:${other.accountId ?? environment.accountId}:${other.restApiId}`,
        });
      }
      for (const { id, restApiId, what } of privateApis) {
        const zoneName = `${restApiId}.${serviceDomain}`;
        const created = zone(
          id,
          zoneName,
          { [zoneName]: endpoint.aliasTarget },
          `Split horizon: the default URL of ${what} resolves to the execute-api endpoint inside the VPC (${name})`,
        );
        zoneIds[zoneName] = created.zoneId;
        resolution[zoneName] = {
          resolves_to: endpointName,
          answered_by: `private hosted zone ${zoneName} (alias to the execute-api endpoint)`,
        };
      }
      resolution[`*.${serviceDomain}`] = {
        resolves_to: "API Gateway's public addresses",
        answered_by: "public DNS (the endpoint's private DNS is off): public APIs keep working by their default URLs",
      };
    }

    addOutputs(this, {
      ...apiClientOutputs(api, endpoint, region),
      ...(dns.mode === "per-api-zones"
        ? {
            invoke_url: [
              "Default URL; inside the VPC its private zone resolves it to the endpoint",
              api.invokeUrl,
            ] as OutputSpec,
          }
        : {}),
      name_resolution: [
        "Where each configured name resolves from inside the VPC, and what answers it there",
        resolution,
      ],
      private_zone_ids: ["The private hosted zones of the split horizon, by zone name", zoneIds],
    });
  }
}

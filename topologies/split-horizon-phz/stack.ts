import type { Construct } from "constructs";
import { ExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import { EnvironmentStack, type TopologyStackProps } from "../../stacks/environment-stack";
import {
  addOutputs,
  apiClientOutputs,
  networkFrom,
  routeClientNetworks,
  type OutputSpec,
  privateApiFrom,
} from "../../stacks/shared";
import type { SplitHorizonPhzConfig } from "./config";
import { customDomainsSplitHorizon } from "./custom-domains";
import { perApiZonesSplitHorizon } from "./per-api-zones";

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
    routeClientNetworks(this, network, section.network, section.clientNetworks);
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

    const context = { scope: this, endpoint, api, vpcs: [{ vpcId: network.vpcId, region }], serviceDomain };
    const { resolution, zoneIds } =
      dns.mode === "custom-domains" ? customDomainsSplitHorizon(context, dns) : perApiZonesSplitHorizon(context, dns);

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
        "Where each configured name resolves from inside the VPC, and what answers it there: resolution, not reachability (public addresses are reached only through internet egress from the VPC, which this stack does not build)",
        resolution,
      ],
      private_zone_ids: ["The private hosted zones of the split horizon, by zone name", zoneIds],
    });
  }
}

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

/** The `internet_egress` output: the network's way out, as configured (the configuration requires one). */
function internetEgress(network: SplitHorizonPhzConfig["network"]): Record<string, unknown> {
  const egress = network.egress;
  switch (egress?.via) {
    case "nat-gateway":
      return { via: "nat-gateway", public_subnets: egress.publicSubnets };
    case "transit-gateway":
      return { via: "transit-gateway", transit_gateway_id: egress.transitGatewayId };
    case "routed-outside":
      return { via: "routed-outside", routed_by: egress.routedBy };
    case undefined:
      return { via: "none" };
  }
}
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
        "Where each configured name resolves from inside the VPC, and what answers it there: resolution, not reachability (internet_egress says how the VPC reaches public addresses)",
        resolution,
      ],
      internet_egress: [
        "How the VPC reaches API Gateway's public addresses: built here (a NAT gateway per zone, or a transit gateway attachment) or, for an adopted VPC, as declared",
        internetEgress(section.network),
      ],
      private_zone_ids: ["The private hosted zones of the split horizon, by zone name", zoneIds],
    });
  }
}

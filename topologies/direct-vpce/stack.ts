import type { Construct } from "constructs";
import type { DirectVpceConfig } from "./config";
import { ExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import { EnvironmentStack, type TopologyStackProps } from "../../stacks/environment-stack";
import { addOutputs, apiClientOutputs, networkFrom, routeClientNetworks, privateApiFrom } from "../../stacks/shared";

/** Fixed by design: clients in the VPC call the API by its default URL. */
const PRIVATE_DNS_ENABLED = true;

/**
 * direct-vpce: clients in the VPC (or in networks already routed to it) call the private API
 * through the execute-api interface endpoint, by the API's default URL (private DNS on) or the
 * `{api-id}-{vpce-id}` alias.
 */
export class DirectVpceStack extends EnvironmentStack {
  public constructor(scope: Construct, { environment, section }: TopologyStackProps<DirectVpceConfig>) {
    super(scope, { environment, topology: "direct-vpce" });
    const name = this.namePrefix;

    const network = networkFrom(this, "network", section.network, { environment, name });
    routeClientNetworks(this, network, section.network, section.clientNetworks);
    const endpoint = new ExecuteApiEndpoint(this, "execute_api", {
      network,
      region: environment.region,
      name,
      privateDnsEnabled: PRIVATE_DNS_ENABLED,
      clientNetworks: section.clientNetworks,
      preventDestroy: environment.deletionProtection,
    });
    const api = privateApiFrom(this, "api", section.api, { environment, name, endpoints: [endpoint] });

    addOutputs(this, apiClientOutputs(api, endpoint, environment.region));
  }
}

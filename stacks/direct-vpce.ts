import type { Construct } from "constructs";
import type { Environment } from "../config";
import { addClientOutputs, addEndpoint, addNetwork, addPrivateApi } from "./compose";
import { EnvironmentStack } from "./environment-stack";

/**
 * direct-vpce: clients in the same VPC call the private API through the execute-api interface
 * endpoint, by the API's default URL (private DNS on) or the `{api-id}-{vpce-id}` alias.
 */
export class DirectVpceStack extends EnvironmentStack {
  public static readonly topology = "direct-vpce";

  public constructor(scope: Construct, environment: Environment) {
    super(scope, { environment, topology: DirectVpceStack.topology });
    const network = addNetwork(this);
    const endpoint = addEndpoint(this, network, { privateDnsEnabled: true });
    const api = addPrivateApi(this, [endpoint]);
    addClientOutputs(this, api, endpoint);
  }
}

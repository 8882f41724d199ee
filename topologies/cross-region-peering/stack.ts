import type { Construct } from "constructs";
import { callerRanges, type CrossRegionPeeringConfig } from "./config";
import { sortedEntries } from "../../lib/records";
import { ExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import { PrivateAliasZone } from "../../modules/private-alias-zone";
import { VpcPeering } from "./vpc-peering";
import { EnvironmentStack, type TopologyStackProps } from "../../stacks/environment-stack";
import { addOutputs, apiClientOutputs, networkFrom, privateApiFrom } from "../../stacks/shared";

/** Fixed by design: the API's VPC calls the API by its default URL, through its own endpoint's private DNS. */
const PRIVATE_DNS_ENABLED = true;

/**
 * cross-region-peering: VPCs in other regions call the private API over VPC peering to the API's
 * VPC. Each client VPC resolves the API region's execute-api names through a private hosted zone
 * associated with the client VPCs only (the API's VPC already resolves them through the endpoint's
 * private DNS), whose wildcard record aliases the endpoint; the endpoint admits each client's CIDR.
 * The API's resource policy keeps naming only this endpoint: peered traffic arrives through it.
 */
export class CrossRegionPeeringStack extends EnvironmentStack {
  public constructor(scope: Construct, { environment, section }: TopologyStackProps<CrossRegionPeeringConfig>) {
    super(scope, { environment, topology: "cross-region-peering" });
    const name = this.namePrefix;
    const region = environment.region;
    const clients = sortedEntries(section.clientVpcs);

    const network = networkFrom(this, "network", section.network, { environment, name });
    const endpoint = new ExecuteApiEndpoint(this, "execute_api", {
      network,
      region,
      name,
      privateDnsEnabled: PRIVATE_DNS_ENABLED,
      preventDestroy: environment.deletionProtection,
    });
    // The client VPCs are peered (and routed) below, by this stack; each is admitted by the ranges
    // that may call (its callers, or its whole CIDR).
    for (const [clientName, client] of clients) {
      const callers = callerRanges(client);
      callers.forEach((range, index) => {
        endpoint.allowHttpsFrom(
          callers.length === 1 ? clientName : `${clientName}-${String(index + 1)}`,
          { cidr: range },
          client.callers === undefined
            ? `HTTPS from client network ${clientName}`
            : `HTTPS from client network ${clientName}, callers ${range}`,
        );
      });
    }
    const api = privateApiFrom(this, "api", section.api, { environment, name, endpoints: [endpoint] });

    const peered = clients.map(([clientName, client]) => {
      const provider = this.providerFor(client.region);
      const clientNetwork = networkFrom(this, `client_${clientName}`, client.network, {
        environment,
        name: `${name}-${clientName}`,
        region: client.region,
        provider,
        field: `clientVpcs.${clientName}.network`,
      });
      const peering = new VpcPeering(this, `peering_${clientName}`, {
        name: `${name}-${clientName}`,
        requester: { network, region },
        accepter: { network: clientNetwork, region: client.region, provider },
        // Replies go back to the ranges that may call, not the whole client VPC.
        requesterRoutesTo: callerRanges(client),
        preventDestroy: environment.deletionProtection,
      });
      return { clientName, region: client.region, network: clientNetwork, peering };
    });

    const serviceDomain = `execute-api.${region}.amazonaws.com`;
    // The client VPCs only: in the API's VPC the endpoint's private DNS owns this domain, and a
    // zone for it there is refused (ConflictingDomainExists).
    const clientVpcs = peered.map((client) => ({ vpcId: client.network.vpcId, region: client.region }));
    const apiName = `${api.restApiId}.${serviceDomain}`;
    const zone =
      section.clientZone === "api"
        ? new PrivateAliasZone(this, "api_zone", {
            zoneName: apiName,
            vpcs: clientVpcs,
            records: { [apiName]: endpoint.aliasTarget },
            comment: `This API's default name resolves to the API VPC's endpoint, over peering, in the client VPCs (${name})`,
            tagPrefix: name,
            preventDestroy: environment.deletionProtection,
          })
        : new PrivateAliasZone(this, "execute_api_zone", {
            zoneName: serviceDomain,
            vpcs: clientVpcs,
            records: { [`*.${serviceDomain}`]: endpoint.aliasTarget },
            comment: `${region} execute-api names resolve to the API VPC's endpoint, over peering, in the client VPCs (${name})`,
            tagPrefix: name,
            preventDestroy: environment.deletionProtection,
          });

    addOutputs(this, {
      ...apiClientOutputs(api, endpoint, region),
      client_vpcs: [
        "Per client VPC: its region and VPC, the peering connection, and the URL it calls (the API's default URL, resolved by the private zone to the endpoint across the peering)",
        Object.fromEntries(
          peered.map((client) => [
            client.clientName,
            {
              region: client.region,
              vpc_id: client.network.vpcId,
              peering_connection_id: client.peering.peeringConnectionId,
              invoke_url: api.invokeUrl,
            },
          ]),
        ),
      ],
      client_zone_id: [
        section.clientZone === "api"
          ? "The private zone of this API's default name, associated with the client VPCs only"
          : `The private zone ${serviceDomain} (every API Gateway name of the region), associated with the client VPCs only`,
        zone.zoneId,
      ],
    });
  }
}

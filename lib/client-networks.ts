/**
 * Client networks: who calls from outside the VPC, and how each one's traffic reaches it. The
 * configuration's `clientNetworks` entries have this shape; the modules build from it.
 */

/** A client network, by how its traffic reaches the VPC (the configuration's `clientNetworks` entries). */
export type ClientNetwork =
  | { readonly via: "vpc-peering"; readonly cidr: string; readonly peeringConnectionId: string }
  | { readonly via: "transit-gateway"; readonly cidr: string; readonly transitGatewayId: string }
  | { readonly via: "client-vpn"; readonly securityGroupId: string }
  | { readonly via: "vpn-gateway"; readonly cidr: string; readonly vpnGatewayId: string }
  | { readonly via: "routed-outside"; readonly cidr: string; readonly routedBy: string };

/** What a security group admits for a client network: its range, or a Client VPN endpoint's group. */
export type ClientSource = { readonly cidr: string } | { readonly securityGroupId: string };

/**
 * Where a client network's packets come from, as the VPC sees them. A Client VPN endpoint
 * associated with a subnet source-NATs its clients to its own interfaces there: its security group
 * is admitted, never its pool.
 */
export function clientSource(client: ClientNetwork): ClientSource {
  return client.via === "client-vpn" ? { securityGroupId: client.securityGroupId } : { cidr: client.cidr };
}

/**
 * The tags of a rule admitting a client network: who it is and how it arrives, for the reviewer
 * reading the plan and for the connectivity evaluator (which routes a `routed-outside` client as
 * declared, and nothing else).
 */
export function clientRuleTags(name: string, client: ClientNetwork): Record<string, string> {
  return {
    "client-network": name,
    "arrives-via": client.via,
    ...(client.via === "routed-outside" ? { "routed-by": client.routedBy } : {}),
  };
}

/** Whether the stack must route (or propagate routes to) the client network in the VPC's route tables. */
export function needsRoutes(client: ClientNetwork): boolean {
  return client.via === "vpc-peering" || client.via === "transit-gateway" || client.via === "vpn-gateway";
}

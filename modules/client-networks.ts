import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpnGatewayAttachment } from "@cdktf/provider-aws/lib/vpn-gateway-attachment";
import { VpnGatewayRoutePropagation } from "@cdktf/provider-aws/lib/vpn-gateway-route-propagation";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../lib/errors";
import { sortedEntries } from "../lib/records";
import { type ClientNetwork, needsRoutes } from "../lib/client-networks";
import type { INetwork } from "./network";

export interface ClientNetworkRoutesProps {
  /** The VPC the clients call into; routes go into its `routeTableIds`. */
  readonly network: INetwork;
  /**
   * Whether the VPC is created by this stack: then nothing can be attached to it yet, and the
   * transit gateways and virtual private gateways the clients use are attached here.
   */
  readonly networkCreated: boolean;
  /** The client networks, by name. */
  readonly clients: Readonly<Record<string, ClientNetwork>>;
  /** Prefix of Name tags. */
  readonly name: string;
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * The return path to each client network, in the VPC's route tables: a route over the peering
 * connection (accepted here) or to the transit gateway (the VPC attached to it, when created
 * here), route propagation from the virtual private gateway (attached, when the VPC is created
 * here). Client VPN endpoints in the VPC need no route (their NAT answers from inside the VPC),
 * and a `routed-outside` network is routed by whatever routes it.
 */
export class ClientNetworkRoutes extends Construct {
  public constructor(scope: Construct, id: string, props: ClientNetworkRoutesProps) {
    super(scope, id);
    const { network, provider } = props;
    const clients = sortedEntries(props.clients);
    const tables = sortedEntries(network.routeTableIds);
    if (tables.length === 0 && clients.some(([, client]) => needsRoutes(client))) {
      throw new ValidationError(this.node.path, "the network has no route tables to route the client networks in");
    }
    const subnetIds = sortedEntries(network.subnetIds).map(([, subnetId]) => subnetId);

    // What a route must wait for, by peering connection or transit gateway id; a transit gateway the
    // network already attached the VPC to (for its egress) is not attached again.
    const ready = new Map<string, ITerraformDependable>(Object.entries(network.transitGatewayAttachments ?? {}));
    const propagated = new Set<string>();
    for (const [, client] of clients) {
      if (client.via === "vpc-peering" && !ready.has(client.peeringConnectionId)) {
        ready.set(
          client.peeringConnectionId,
          new VpcPeeringConnectionAccepterA(this, `accepter_${client.peeringConnectionId}`, {
            provider,
            vpcPeeringConnectionId: client.peeringConnectionId,
            autoAccept: true,
            tags: { Name: `${props.name}-client-peering` },
          }),
        );
      }
      if (client.via === "transit-gateway" && props.networkCreated && !ready.has(client.transitGatewayId)) {
        ready.set(
          client.transitGatewayId,
          new Ec2TransitGatewayVpcAttachment(this, `attachment_${client.transitGatewayId}`, {
            provider,
            transitGatewayId: client.transitGatewayId,
            vpcId: network.vpcId,
            subnetIds,
            tags: { Name: `${props.name}-clients` },
          }),
        );
      }
      if (client.via === "vpn-gateway" && !propagated.has(client.vpnGatewayId)) {
        propagated.add(client.vpnGatewayId);
        const attachment = props.networkCreated
          ? new VpnGatewayAttachment(this, `attachment_${client.vpnGatewayId}`, {
              provider,
              vpcId: network.vpcId,
              vpnGatewayId: client.vpnGatewayId,
            })
          : undefined;
        for (const [key, routeTableId] of tables) {
          new VpnGatewayRoutePropagation(this, `propagation_${client.vpnGatewayId}_${key}`, {
            provider,
            vpnGatewayId: client.vpnGatewayId,
            routeTableId,
            dependsOn: attachment === undefined ? undefined : [attachment],
          });
        }
      }
    }

    for (const [clientName, client] of clients) {
      if (client.via !== "vpc-peering" && client.via !== "transit-gateway") {
        continue;
      }
      const [via, awaited] =
        client.via === "vpc-peering"
          ? [{ vpcPeeringConnectionId: client.peeringConnectionId }, ready.get(client.peeringConnectionId)]
          : [{ transitGatewayId: client.transitGatewayId }, ready.get(client.transitGatewayId)];
      for (const [key, routeTableId] of tables) {
        new Route(this, `route_${clientName}_${key}`, {
          provider,
          routeTableId,
          destinationCidrBlock: client.cidr,
          ...via,
          dependsOn: awaited === undefined ? undefined : [awaited],
        });
      }
    }
  }
}

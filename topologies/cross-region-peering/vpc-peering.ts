import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { Construct } from "constructs";
import { ValidationError } from "../../lib/errors";
import { sortedEntries } from "../../lib/records";
import type { INetwork } from "../../modules/network";

/** What the rest of a stack needs of a peering between two VPCs. */
export interface IVpcPeering {
  /** The peering connection's id (`pcx-…`), once the accepter side has accepted it. */
  readonly peeringConnectionId: string;
}

/** One side of a peering: its network, its region and the provider of that region. */
export interface PeeringSide {
  readonly network: INetwork;
  readonly region: string;
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

export interface VpcPeeringProps {
  /** The side that requests the peering (the API's VPC). */
  readonly requester: PeeringSide;
  /** The side that accepts it, in another region of the same account. */
  readonly accepter: PeeringSide;
  /** The Name tag of the connection. */
  readonly name: string;
  /**
   * What the requester's route tables route over the peering: the accepter's ranges that may call.
   * @default the accepter's whole CIDR
   */
  readonly requesterRoutesTo?: readonly string[];
  /**
   * Refuse to destroy the connection and its accepter (Terraform `prevent_destroy`), like the
   * VPCs they join.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/**
 * A VPC peering connection across regions, requested from one side with `peer_region` and
 * accepted by an accepter resource on the other (a cross-region request cannot auto-accept),
 * plus a route to the other side's CIDR, and only that, in every route table of each side.
 * Routes use the accepted connection's id, so none is created before the peering is active.
 */
export class VpcPeering extends Construct implements IVpcPeering {
  public readonly peeringConnectionId: string;

  public constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    const { requester, accepter } = props;
    if (requester.region === accepter.region) {
      throw new ValidationError(
        this.node.path,
        `both sides are in ${requester.region}; this module peers across regions`,
      );
    }
    for (const [side, peer] of [
      ["requester", requester],
      ["accepter", accepter],
    ] as const) {
      if (Object.keys(peer.network.routeTableIds).length === 0) {
        throw new ValidationError(this.node.path, `the ${side}'s network has no route table to route to its peer`);
      }
    }
    const lifecycle = props.preventDestroy === true ? { preventDestroy: true } : undefined;
    // No allow_remote_vpc_dns_resolution: the client VPCs resolve the API's names through their own
    // private zone, whose alias answers with the endpoint's addresses; nothing asks the peer's resolver.
    const connection = new VpcPeeringConnection(this, "connection", {
      provider: requester.provider,
      vpcId: requester.network.vpcId,
      peerVpcId: accepter.network.vpcId,
      peerRegion: accepter.region,
      tags: { Name: props.name },
      lifecycle,
    });
    const accepted = new VpcPeeringConnectionAccepterA(this, "accepter", {
      provider: accepter.provider,
      vpcPeeringConnectionId: connection.id,
      autoAccept: true,
      tags: { Name: props.name },
      lifecycle,
    });
    this.peeringConnectionId = accepted.vpcPeeringConnectionId;

    const routes = (label: string, from: PeeringSide, destinations: readonly string[]) => {
      for (const [key, routeTableId] of sortedEntries(from.network.routeTableIds)) {
        destinations.forEach((destination, index) => {
          new Route(this, destinations.length === 1 ? `${label}_${key}` : `${label}_${key}_${String(index + 1)}`, {
            provider: from.provider,
            routeTableId,
            destinationCidrBlock: destination,
            vpcPeeringConnectionId: this.peeringConnectionId,
          });
        });
      }
    };
    routes("requester_route", requester, props.requesterRoutesTo ?? [accepter.network.cidr]);
    routes("accepter_route", accepter, [requester.network.cidr]);
  }
}

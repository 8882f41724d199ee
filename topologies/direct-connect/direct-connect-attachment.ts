import { DxGateway } from "@cdktf/provider-aws/lib/dx-gateway";
import { DxGatewayAssociation } from "@cdktf/provider-aws/lib/dx-gateway-association";
import { DxHostedPrivateVirtualInterfaceAccepter } from "@cdktf/provider-aws/lib/dx-hosted-private-virtual-interface-accepter";
import { DxPrivateVirtualInterface } from "@cdktf/provider-aws/lib/dx-private-virtual-interface";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VpnGateway } from "@cdktf/provider-aws/lib/vpn-gateway";
import { VpnGatewayRoutePropagation } from "@cdktf/provider-aws/lib/vpn-gateway-route-propagation";
import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import type { INetwork } from "../../modules/network";

/** A private virtual interface on an existing connection, from the network team's inputs. */
export interface PrivateVirtualInterfaceProps {
  readonly kind: "private";
  readonly connectionId: string;
  readonly vlan: number;
  readonly customerAsn: number;
  readonly amazonAddress?: string;
  readonly customerAddress?: string;
}

/** The accepter of a hosted private virtual interface a partner provisioned. */
export interface HostedVirtualInterfaceProps {
  readonly kind: "hosted-accepter";
  readonly virtualInterfaceId: string;
}

export interface DirectConnectAttachmentProps {
  /** Prefix of names and Name tags. */
  readonly name: string;
  /** The VPC; a virtual private gateway is attached to it and propagates into every route table. */
  readonly network: INetwork;
  /** A Direct Connect gateway to create (with its Amazon-side ASN), or one to adopt by id. */
  readonly gateway: { readonly amazonSideAsn: number } | { readonly gatewayId: string };
  /** The virtual private gateway's Amazon-side ASN. */
  readonly vgwAmazonSideAsn: number;
  /** Prefixes advertised to on-premises through the association. */
  readonly allowedPrefixes: readonly string[];
  /** @default - no virtual interface (built elsewhere) */
  readonly virtualInterface?: PrivateVirtualInterfaceProps | HostedVirtualInterfaceProps;
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/** The variable that carries the BGP authentication key; its value never enters generated files. */
export const BGP_AUTH_KEY_VARIABLE = "bgp_auth_key";

/**
 * The Direct Connect side of a VPC: a Direct Connect gateway (created or adopted), a virtual
 * private gateway attached to the VPC with route propagation into every route table, the
 * gateway association with its allowed prefixes, and optionally the virtual interface.
 */
export class DirectConnectAttachment extends Construct {
  public readonly gatewayId: string;
  public readonly virtualGatewayId: string;

  public constructor(scope: Construct, id: string, props: DirectConnectAttachmentProps) {
    super(scope, id);
    const provider = props.provider;
    this.gatewayId =
      "gatewayId" in props.gateway
        ? props.gateway.gatewayId
        : new DxGateway(this, "gateway", {
            provider,
            name: props.name,
            amazonSideAsn: String(props.gateway.amazonSideAsn),
          }).id;

    const vgw = new VpnGateway(this, "vgw", {
      provider,
      vpcId: props.network.vpcId,
      amazonSideAsn: String(props.vgwAmazonSideAsn),
      tags: { Name: `${props.name}-vgw` },
    });
    this.virtualGatewayId = vgw.id;
    const propagation = new Construct(this, "propagation");
    for (const [zone, routeTableId] of Object.entries(props.network.routeTableIds).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      new VpnGatewayRoutePropagation(propagation, zone, { provider, vpnGatewayId: vgw.id, routeTableId });
    }
    new DxGatewayAssociation(this, "association", {
      provider,
      dxGatewayId: this.gatewayId,
      associatedGatewayId: vgw.id,
      allowedPrefixes: [...props.allowedPrefixes],
    });

    const vif = props.virtualInterface;
    if (vif?.kind === "private") {
      const authKey = new TerraformVariable(scope, BGP_AUTH_KEY_VARIABLE, {
        type: "string",
        sensitive: true,
        description:
          "BGP MD5 authentication key of the private virtual interface, from the network team; supply it from the pipeline (TF_VAR_bgp_auth_key), never in a file",
      });
      new DxPrivateVirtualInterface(this, "virtual_interface", {
        provider,
        name: props.name,
        connectionId: vif.connectionId,
        vlan: vif.vlan,
        addressFamily: "ipv4",
        bgpAsn: vif.customerAsn,
        bgpAuthKey: authKey.stringValue,
        amazonAddress: vif.amazonAddress,
        customerAddress: vif.customerAddress,
        dxGatewayId: this.gatewayId,
        tags: { Name: `${props.name}-vif` },
      });
    } else if (vif?.kind === "hosted-accepter") {
      new DxHostedPrivateVirtualInterfaceAccepter(this, "virtual_interface_accepter", {
        provider,
        virtualInterfaceId: vif.virtualInterfaceId,
        dxGatewayId: this.gatewayId,
        tags: { Name: `${props.name}-vif` },
      });
    }
  }
}

import { DxGateway } from "@cdktf/provider-aws/lib/dx-gateway";
import { DxGatewayAssociation } from "@cdktf/provider-aws/lib/dx-gateway-association";
import { DxGatewayAssociationProposal } from "@cdktf/provider-aws/lib/dx-gateway-association-proposal";
import { DxHostedPrivateVirtualInterfaceAccepter } from "@cdktf/provider-aws/lib/dx-hosted-private-virtual-interface-accepter";
import { DxPrivateVirtualInterface } from "@cdktf/provider-aws/lib/dx-private-virtual-interface";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VpnGateway } from "@cdktf/provider-aws/lib/vpn-gateway";
import { VpnGatewayRoutePropagation } from "@cdktf/provider-aws/lib/vpn-gateway-route-propagation";
import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import type { INetwork } from "../../modules/network";
import { sortedEntries } from "../../lib/records";

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
  /**
   * A Direct Connect gateway to create (with its Amazon-side ASN), or one to adopt by id with the
   * account that owns it.
   */
  readonly gateway:
    { readonly amazonSideAsn: number } | { readonly gatewayId: string; readonly ownerAccountId: string };
  /** The account this stack deploys to: an adopted gateway of another account gets a proposal. */
  readonly accountId: string;
  /** The virtual private gateway's Amazon-side ASN. */
  readonly vgwAmazonSideAsn: number;
  /** Prefixes advertised to on-premises through the association. */
  readonly allowedPrefixes: readonly string[];
  /**
   * The virtual interfaces attached to the gateway, by name (names become parts of addresses).
   * @default - none (attached elsewhere)
   */
  readonly virtualInterfaces?: Readonly<Record<string, PrivateVirtualInterfaceProps | HostedVirtualInterfaceProps>>;
  /**
   * Refuse to destroy the gateway, its association and the interfaces (Terraform `prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * The variable that carries a private interface's BGP authentication key (one per interface, as
 * each BGP session has its own); its value never enters generated files.
 */
export function bgpAuthKeyVariable(interfaceName: string): string {
  return `bgp_auth_key_${interfaceName.replaceAll("-", "_")}`;
}

/**
 * The Direct Connect side of a VPC: a Direct Connect gateway (created or adopted), a virtual
 * private gateway attached to the VPC with route propagation into every route table, the
 * gateway association with its allowed prefixes (a proposal, for another account's gateway), and
 * the virtual interfaces given.
 */
export class DirectConnectAttachment extends Construct {
  public readonly gatewayId: string;
  public readonly virtualGatewayId: string;
  /** The prefixes the association (or proposal) advertises to on-premises. */
  public readonly advertisedPrefixes: string[];
  /**
   * For an adopted gateway of another account, what its owner accepts: the arguments of the
   * owner's `aws_dx_gateway_association` (by their Terraform names). Undefined otherwise.
   */
  public readonly proposalForOwner?: Readonly<Record<string, unknown>>;

  public constructor(scope: Construct, id: string, props: DirectConnectAttachmentProps) {
    super(scope, id);
    const provider = props.provider;
    // Deleting any of these cuts on-premises off the API; with deletion protection, Terraform refuses.
    const lifecycle = props.preventDestroy === true ? { preventDestroy: true } : undefined;
    this.gatewayId =
      "gatewayId" in props.gateway
        ? props.gateway.gatewayId
        : new DxGateway(this, "gateway", {
            provider,
            name: props.name,
            amazonSideAsn: String(props.gateway.amazonSideAsn),
            lifecycle,
          }).id;

    const vgw = new VpnGateway(this, "vgw", {
      provider,
      vpcId: props.network.vpcId,
      amazonSideAsn: String(props.vgwAmazonSideAsn),
      tags: { Name: `${props.name}-vgw` },
    });
    this.virtualGatewayId = vgw.id;
    const propagation = new Construct(this, "propagation");
    for (const [zone, routeTableId] of sortedEntries(props.network.routeTableIds)) {
      new VpnGatewayRoutePropagation(propagation, zone, { provider, vpnGatewayId: vgw.id, routeTableId });
    }
    const owner = "ownerAccountId" in props.gateway ? props.gateway.ownerAccountId : props.accountId;
    if (owner === props.accountId) {
      this.advertisedPrefixes = new DxGatewayAssociation(this, "association", {
        provider,
        dxGatewayId: this.gatewayId,
        associatedGatewayId: vgw.id,
        allowedPrefixes: [...props.allowedPrefixes],
        lifecycle,
      }).allowedPrefixes;
    } else {
      // Another account's gateway: this account proposes, the owner accepts (its own association,
      // naming the proposal). Deleting an accepted proposal leaves the association: no prevent_destroy.
      const proposal = new DxGatewayAssociationProposal(this, "association_proposal", {
        provider,
        dxGatewayId: this.gatewayId,
        dxGatewayOwnerAccountId: owner,
        associatedGatewayId: vgw.id,
        allowedPrefixes: [...props.allowedPrefixes],
      });
      this.advertisedPrefixes = proposal.allowedPrefixes;
      this.proposalForOwner = {
        proposal_id: proposal.id,
        dx_gateway_id: this.gatewayId,
        // The proposal's own attribute: a literal account id would be written as a number in HCL.
        associated_gateway_owner_account_id: proposal.associatedGatewayOwnerAccountId,
        associated_gateway_id: vgw.id,
        allowed_prefixes: [...props.allowedPrefixes],
      };
    }

    const interfaces = new Construct(this, "virtual_interface");
    for (const [name, vif] of sortedEntries(props.virtualInterfaces ?? {})) {
      const tags = { Name: `${props.name}-${name}` };
      if (vif.kind === "private") {
        const variable = bgpAuthKeyVariable(name);
        const authKey = new TerraformVariable(scope, variable, {
          type: "string",
          sensitive: true,
          description: `BGP MD5 authentication key of the private virtual interface ${name}, from the network team; supply it from the pipeline (TF_VAR_${variable}), never in a file`,
        });
        new DxPrivateVirtualInterface(interfaces, name, {
          provider,
          name: `${props.name}-${name}`,
          connectionId: vif.connectionId,
          vlan: vif.vlan,
          addressFamily: "ipv4",
          bgpAsn: vif.customerAsn,
          bgpAuthKey: authKey.stringValue,
          amazonAddress: vif.amazonAddress,
          customerAddress: vif.customerAddress,
          dxGatewayId: this.gatewayId,
          tags,
          lifecycle,
        });
      } else {
        new DxHostedPrivateVirtualInterfaceAccepter(interfaces, name, {
          provider,
          virtualInterfaceId: vif.virtualInterfaceId,
          dxGatewayId: this.gatewayId,
          tags,
          lifecycle,
        });
      }
    }
  }
}

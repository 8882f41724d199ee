import type { TopologyName } from "../topologies/registry";
import type { API_GATEWAY_ACCOUNT } from "../stacks/api-gateway-account";

/*
 * What the emulator cannot do, declared once. The lifecycle leaves exactly these resource types
 * (and everything that refers to them) out of the copy it applies, and prints a line for each in
 * its table: never a silent skip, never a pass claimed for what was left out. Only a deploy to a
 * real account shows whether those resources apply, re-plan and destroy cleanly.
 *
 * An API that moto answers wrongly but can be made to answer as AWS does is not a gap: it is a
 * patch in lifecycle/emulator.py, with a test of its own.
 *
 * Also known, for the topology that meets it: moto does not implement UpdateDomainName on a
 * PRIVATE custom domain name, so a PRIVATE aws_api_gateway_domain_name applies but fails on any
 * update (its policy set after creation, for one); declare it when a stack holds one.
 */

/** A resource type the emulator cannot create, read, update or delete, and why. */
export interface EmulatorGap {
  readonly resourceType: string;
  readonly reason: string;
}

/** The resource types moto 5.2.5 does not implement (500 or 404), as tried against it. */
export const MOTO_GAPS = {
  aws_dx_gateway: {
    resourceType: "aws_dx_gateway",
    reason: "moto does not implement Direct Connect gateways (CreateDirectConnectGateway)",
  },
  aws_dx_gateway_association: {
    resourceType: "aws_dx_gateway_association",
    reason: "moto does not implement Direct Connect gateway associations",
  },
  aws_vpn_gateway_route_propagation: {
    resourceType: "aws_vpn_gateway_route_propagation",
    reason: "moto does not implement VGW route propagation (EnableVgwRoutePropagation)",
  },
  aws_dx_private_virtual_interface: {
    resourceType: "aws_dx_private_virtual_interface",
    reason: "moto does not implement Direct Connect virtual interfaces",
  },
  aws_dx_hosted_private_virtual_interface_accepter: {
    resourceType: "aws_dx_hosted_private_virtual_interface_accepter",
    reason: "moto does not implement Direct Connect virtual interfaces",
  },
  aws_api_gateway_domain_name_access_association: {
    resourceType: "aws_api_gateway_domain_name_access_association",
    reason: "moto does not implement access associations of PRIVATE custom domain names",
  },
} as const satisfies Readonly<Record<string, EmulatorGap>>;

/**
 * The gaps each topology's stacks meet, by topology; every topology has an entry, so a new one
 * must say (possibly: none). A test keeps each list equal to the gap types its stacks hold.
 */
export const EMULATOR_GAPS: Readonly<Record<TopologyName | typeof API_GATEWAY_ACCOUNT, readonly EmulatorGap[]>> = {
  "api-gateway-account": [],
  "direct-vpce": [],
  "alb-front": [MOTO_GAPS.aws_api_gateway_domain_name_access_association],
  "split-horizon-phz": [],
  "cross-region-peering": [],
  "direct-connect": [
    MOTO_GAPS.aws_dx_gateway,
    MOTO_GAPS.aws_dx_gateway_association,
    MOTO_GAPS.aws_vpn_gateway_route_propagation,
    MOTO_GAPS.aws_dx_private_virtual_interface,
    MOTO_GAPS.aws_dx_hosted_private_virtual_interface_accepter,
  ],
};

import { API_GATEWAY_ACCOUNT } from "../stacks/api-gateway-account";
import { TOPOLOGIES } from "../topologies/registry";

/*
 * What the emulator cannot do, declared once. Each topology lists, in its unit, the resource types
 * of its stacks that the emulator cannot handle; this file gives each type's reason. The lifecycle
 * leaves exactly these resource types (and everything that refers to them) out of the copy it
 * applies, and prints a line for each in its table: never a silent skip, never a pass claimed for
 * what was left out. Only a deploy to a real account shows whether those resources apply, re-plan
 * and destroy cleanly.
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

/** The resource types moto 5.2.5 does not implement (500 or 404), as tried against it, with the reason. */
export const MOTO_GAPS: Readonly<Record<string, string>> = {
  aws_dx_gateway: "moto does not implement Direct Connect gateways (CreateDirectConnectGateway)",
  aws_dx_gateway_association: "moto does not implement Direct Connect gateway associations",
  aws_dx_gateway_association_proposal:
    "moto does not implement Direct Connect gateway association proposals (CreateDirectConnectGatewayAssociationProposal)",
  aws_vpn_gateway_route_propagation: "moto does not implement VGW route propagation (EnableVgwRoutePropagation)",
  aws_dx_private_virtual_interface: "moto does not implement Direct Connect virtual interfaces",
  aws_dx_hosted_private_virtual_interface_accepter: "moto does not implement Direct Connect virtual interfaces",
  aws_api_gateway_domain_name_access_association:
    "moto does not implement access associations of PRIVATE custom domain names",
};

/** A declared gap type with its reason; a type with no reason here is a mistake in a unit. */
export function emulatorGap(resourceType: string): EmulatorGap {
  const reason = MOTO_GAPS[resourceType];
  if (reason === undefined) {
    throw new Error(`emulator gap ${resourceType} has no reason in lifecycle/gaps.ts MOTO_GAPS`);
  }
  return { resourceType, reason };
}

/** The gaps each kind of stack meets, by topology name (and the account stack, which meets none). */
export const EMULATOR_GAPS: Readonly<Record<string, readonly EmulatorGap[]>> = {
  [API_GATEWAY_ACCOUNT]: [],
  ...Object.fromEntries(Object.entries(TOPOLOGIES).map(([name, unit]) => [name, unit.emulatorGaps.map(emulatorGap)])),
};

import type { ITerraformDependable } from "cdktf";
import type { IExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import { type IAliasTarget, PrivateAliasZone, type ZoneVpc } from "../../modules/private-alias-zone";
import type { IPrivateApi } from "../../modules/private-rest-api";
import type { EnvironmentStack } from "../../stacks/environment-stack";

/** Where a name resolves from inside the VPC, and what answers it there. */
export interface Resolution {
  readonly resolves_to: string;
  readonly answered_by: string;
}

/** What a DNS mode builds into a stack, and what it tells clients. */
export interface SplitHorizon {
  /** Where each configured name resolves from inside the VPC (the `name_resolution` output). */
  readonly resolution: Readonly<Record<string, Resolution>>;
  /** The private zones it created, by zone name (the `private_zone_ids` output). */
  readonly zoneIds: Readonly<Record<string, string>>;
}

/** What both DNS modes build on. */
export interface SplitHorizonContext {
  readonly scope: EnvironmentStack;
  readonly endpoint: IExecuteApiEndpoint;
  readonly api: IPrivateApi;
  /** The VPCs that see the zones. */
  readonly vpcs: readonly ZoneVpc[];
  /** `execute-api.<region>.amazonaws.com`. */
  readonly serviceDomain: string;
}

/** A private zone of alias records, seen by the context's VPCs; its id is recorded under its name. */
export function splitHorizonZone(
  context: SplitHorizonContext,
  id: string,
  zoneName: string,
  records: Record<string, IAliasTarget>,
  comment: string,
  createdAfter?: readonly ITerraformDependable[],
): PrivateAliasZone {
  const { scope } = context;
  return new PrivateAliasZone(scope, id, {
    zoneName,
    vpcs: [...context.vpcs],
    records,
    comment,
    tagPrefix: scope.namePrefix,
    preventDestroy: scope.environment.deletionProtection,
    createdAfter,
  });
}

/** A host name as part of a Terraform address: `api.example.com` → `api_example_com`. */
export function addressPart(name: string): string {
  return name.replaceAll(".", "_");
}

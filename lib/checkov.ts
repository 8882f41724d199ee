import { TerraformResource, type TerraformStack } from "cdktf";
import SKIPS from "../security/checkov-skips.json";

/**
 * checkov skips: the reasons live in security/checkov-skips.json (one entry per check id, listed
 * in SECURITY.md with its compensating control); the code that builds a resource in a way a check
 * rejects marks that resource, and the stack writes `#checkov:skip=ID:reason` into the resource's
 * HCL block. The skip is as narrow as checkov allows (one resource), and the reason travels with
 * the generated Terraform into any pipeline that scans it.
 */

/** A check id this project may skip, with its reason. */
export type CheckovSkipId = keyof typeof SKIPS;

/** One catalogue entry of security/checkov-skips.json. */
export interface CheckovSkip {
  /** checkov's title of the check. */
  readonly check: string;
  /** The resource type the skip is written on. */
  readonly resource: string;
  /** When the code writes it. */
  readonly when: string;
  /** Why the check does not hold; written into the generated HCL. */
  readonly reason: string;
  /** What protects the resource instead. */
  readonly compensatingControl: string;
}

/** The catalogue, by check id. */
export const CHECKOV_SKIPS: Readonly<Record<CheckovSkipId, CheckovSkip>> = SKIPS;

const METADATA_TYPE = "checkov:skip";

/** Marks `resource` as skipping check `id`, for the reason the catalogue gives. */
export function skipCheck(resource: TerraformResource, id: CheckovSkipId): void {
  const entry = CHECKOV_SKIPS[id];
  if (entry.resource !== resource.terraformResourceType) {
    throw new Error(`${id} is catalogued for ${entry.resource}, not ${resource.terraformResourceType}`);
  }
  resource.node.addMetadata(METADATA_TYPE, id);
}

/** The check ids skipped on `resource`, sorted. */
export function skippedChecks(resource: TerraformResource): CheckovSkipId[] {
  return resource.node.metadata
    .filter((entry) => entry.type === METADATA_TYPE)
    .map((entry) => entry.data as CheckovSkipId)
    .sort();
}

/** The inline comment checkov reads. */
export function skipComment(id: CheckovSkipId): string {
  return `#checkov:skip=${id}:${CHECKOV_SKIPS[id].reason}`;
}

/**
 * Writes each marked resource's skip comments as the first lines of its block in `hcl`, the
 * stack's HCL as cdktf renders it.
 */
export function annotateSkips(stack: TerraformStack, hcl: string): string {
  let annotated = hcl;
  for (const resource of stack.node.findAll().filter((c) => TerraformResource.isTerraformResource(c))) {
    const ids = skippedChecks(resource);
    if (ids.length === 0) {
      continue;
    }
    const header = `resource "${resource.terraformResourceType}" "${resource.friendlyUniqueId}" {\n`;
    const at = annotated.indexOf(header);
    if (at < 0) {
      throw new Error(`no HCL block ${header.trim()} to write checkov skips into`);
    }
    const end = at + header.length;
    const comments = ids.map((id) => `  ${skipComment(id)}\n`).join("");
    annotated = annotated.slice(0, end) + comments + annotated.slice(end);
  }
  return annotated;
}

import type { z } from "zod";
import type { AdoptedVpc, SectionContext } from "./fragments";

/**
 * A VPC whose `execute-api.<region>.amazonaws.com` domain a topology resolves privately: with an
 * endpoint whose private DNS is on, or with a private hosted zone for that domain or a name under
 * it. AWS allows one such owner per VPC (`ConflictingDomainExists`).
 */
export interface ExecuteApiDomainClaim {
  /** The adopted VPC's id. */
  readonly vpcId: string;
  /** The section field that names the VPC, e.g. `network.vpcId`. */
  readonly field: string;
  /** What the topology puts there, as a phrase ("an execute-api endpoint with private DNS on"). */
  readonly what: string;
  /**
   * The claim is private zones for names under the domain, not the domain itself: AWS documents
   * `ConflictingDomainExists` for the identical name only, so beside another owner such zones are
   * refused as unconfirmed, not as a documented AWS refusal.
   * @default false
   */
  readonly underDomain?: boolean;
}

/** What the configuration needs to know of a topology: its section's schema and its claims. */
export interface TopologyConfig<S extends z.ZodType = z.ZodType> {
  /** The section's schema, strict, with the topology's cross-field rules. */
  readonly schema: (context: SectionContext) => S;
  /** Adopted VPCs whose execute-api domain a valid section resolves privately. */
  readonly executeApiDomainClaims: (section: z.output<S>) => readonly ExecuteApiDomainClaim[];
  /** Every VPC the section adopts (`region`: the environment's), for the check that one id is one VPC. */
  readonly adoptedVpcs: (section: z.output<S>, region: string) => readonly AdoptedVpc[];
}

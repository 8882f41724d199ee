import { Fn } from "cdktf";

/** A principal as IAM writes it: everyone, or named services or accounts. */
export type PolicyPrincipal = "*" | { readonly Service: string } | { readonly AWS: string | readonly string[] };

/** One IAM policy statement, in IAM's own field names. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: PolicyPrincipal;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  /** Operator, then condition key, then value(s): `{ StringNotEquals: { "aws:SourceVpce": [...] } }`. */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * An IAM policy document as `jsonencode({...})` of the statements. Unlike a
 * `data "aws_iam_policy_document"` that reads a managed resource, it is never deferred to apply
 * when that resource has a pending change: its only unknowns are the ids it names, so the plan
 * shows the whole policy and anything hashing it stays stable.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return Fn.jsonencode({ Version: "2012-10-17", Statement: statements });
}

/** Who may call a private API besides arriving through its endpoints: an organisation's principals, or named accounts'. */
export type Callers =
  | { readonly of: "organization"; readonly organizationId: string }
  | { readonly of: "accounts"; readonly accountIds: readonly string[] };

/**
 * The condition an Allow of execute-api:Invoke carries to admit only `callers`' principals
 * (`aws:PrincipalOrgID` or `aws:PrincipalAccount`). Anonymous calls carry no principal and never
 * match: only for APIs whose methods require SigV4.
 */
export function callersCondition(callers: Callers): NonNullable<PolicyStatement["Condition"]> {
  return callers.of === "organization"
    ? { StringEquals: { "aws:PrincipalOrgID": callers.organizationId } }
    : { StringEquals: { "aws:PrincipalAccount": [...callers.accountIds] } };
}

/**
 * The client networks a stack admits, read from its Terraform: every ingress rule tagged `client-network` says
 * how its client arrives (`arrives-via`), so a matrix can ask one request per client network of a shipped stack
 * without naming the networks of each environment.
 */
import { portMatches } from "./evaluate";
import type { ParsedStack } from "./hcl";
import type { SecurityGroupRule, StackModel, Vpc } from "./model";
import { type Change, withPostconditions } from "./mutate";
import { type ConnectivityRequest, RequestError } from "./request";

/** How a client network reaches the VPC, as its rule's `arrives-via` tag says. */
export type Arrival = "vpc-peering" | "transit-gateway" | "client-vpn" | "vpn-gateway" | "routed-outside";

/**
 * One request per client network of the stack arriving by one of `arrivals` (on `port`, HTTPS by default), from
 * where the VPC sees it: a Client VPN endpoint's clients from its interfaces in the VPC, with its security group;
 * the others from their range, a `routed-outside` one routed as its `routed-by` tag declares.
 */
export function clientNetworkRequests(
  model: StackModel,
  arrivals: readonly Arrival[],
  request: Omit<ConnectivityRequest, "from">,
  port = 443,
): ConnectivityRequest[] {
  const seen = new Set<string>();
  return model.securityGroups.flatMap((group) =>
    group.rules.flatMap((rule): ConnectivityRequest[] => {
      const name = rule.tags?.["client-network"];
      const arrival = rule.tags?.["arrives-via"] as Arrival | undefined;
      if (name === undefined || arrival === undefined || !arrivals.includes(arrival) || !admitsPort(rule, port)) {
        return [];
      }
      if (seen.has(name)) return [];
      seen.add(name);
      if (arrival === "client-vpn") {
        const vpc = model.vpcs.find((candidate) => candidate.id === group.vpcId);
        if (vpc === undefined || rule.referencedGroupId === undefined) return [];
        return [{ ...request, from: vpc.id, securityGroups: [rule.referencedGroupId] }];
      }
      if (rule.cidr === undefined) return [];
      const routedBy = arrival === "routed-outside" ? rule.tags?.["routed-by"] : undefined;
      return [{ ...request, from: rule.cidr, ...(routedBy === undefined ? {} : { routedBy }) }];
    }),
  );
}

function admitsPort(rule: SecurityGroupRule, port: number): boolean {
  return rule.direction === "ingress" && portMatches(rule.protocol, rule.fromPort, rule.toPort, port);
}

/**
 * The request a command output of the stack sends (`curl_command`: its URL, its `-H` headers, and whether
 * `--aws-sigv4` signs it), so that a matrix asks exactly what a user pastes. Undefined when the stack prints no
 * such output.
 */
export function printedCurl(
  stack: ParsedStack,
  output = "curl_command",
): Pick<ConnectivityRequest, "url" | "headers" | "signed"> | undefined {
  const command = stack.hcl.outputs[output];
  if (typeof command !== "string") return undefined;
  const words = [...command.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? "");
  if (words[0] !== "curl") throw new RequestError(`${stack.name}'s ${output} is not a curl command: ${command}`);
  const headers: Record<string, string> = {};
  let signed = false;
  let url: string | undefined;
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index] ?? "";
    if (word === "-H") {
      const [name = "", ...value] = (words[++index] ?? "").split(":");
      // The session token travels with the signature; it selects nothing.
      if (name.toLowerCase() !== "x-amz-security-token") headers[name.trim()] = value.join(":").trim();
    } else if (word === "--aws-sigv4") {
      signed = true;
      index += 1;
    } else if (word === "--user") {
      index += 1;
    } else if (!word.startsWith("-")) {
      url = word;
    }
  }
  if (url === undefined) throw new RequestError(`${stack.name}'s ${output} names no URL: ${command}`);
  return { url, headers, signed };
}

/** Whether the stack's policies admit only some principals (`aws:PrincipalOrgID` or `aws:PrincipalAccount`). */
export function admitsNamedPrincipals(stack: ParsedStack): boolean {
  return /aws:Principal(OrgID|Account)/.test(JSON.stringify(stack.hcl.resource));
}

/** A signed caller of another account and organisation than any the shipped examples admit. */
export const OUTSIDE_PRINCIPAL = { account: "999999999999", organizationId: "o-zz9zz9zz9z" } as const;

/** The adopted VPCs the stack looks up at plan time (`data "aws_vpc"`). */
export function lookedUpVpcs(model: StackModel): Vpc[] {
  return model.vpcs.filter((vpc) => vpc.address.startsWith("data.aws_vpc."));
}

/** Every adopted VPC's lookup without the postconditions that require its DNS support and hostnames on. */
export function withoutDnsAttributeChecks(model: StackModel): Change[] {
  return lookedUpVpcs(model).map((vpc) =>
    withPostconditions(vpc.address, (condition) => (/self\.enable_dns_/.test(condition) ? undefined : condition)),
  );
}

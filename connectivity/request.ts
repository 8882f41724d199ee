/**
 * A described request, and how its parts are read: Terraform references in `${…}` are followed through the
 * stack (to literals where the HCL has them, to canonical references where values are known only after apply).
 */
import { Netmask } from "netmask";
import { addressOf, blockAt, isObject, referenceOf, text, type HclDocument, type Json } from "./hcl";
import { cidrContains, type StackModel, type Subnet, type Vpc } from "./model";

/** What the evaluator is asked: who calls which URL, how. */
export interface ConnectivityRequest {
  /**
   * The client: an IPv4 address, a CIDR (one host in it), a VPC or subnet of the stack (`${aws_vpc.x.id}`, a
   * literal `vpc-…` id of an adopted VPC), or a reference to a CIDR attribute (`${aws_vpc_security_group_ingress_rule.x.cidr_ipv4}`).
   */
  readonly from: string;
  /** The URL, possibly holding `${…}` references as the stack's outputs print them. Only `https://` is modelled. */
  readonly url: string;
  /** Request headers by name (`Host`, `x-apigw-api-id`); values may hold references. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The client's own security groups, where it is known by them: a Client VPN endpoint associated with a
   * subnet source-NATs its clients to its interfaces there, which carry its security groups (`sg-…`).
   * @default none
   */
  readonly securityGroups?: readonly string[];
  /**
   * Who signs the request, for policies that admit only some principals (`aws:PrincipalAccount`,
   * `aws:PrincipalOrgID`). Ignored for an unsigned request, which carries no principal.
   * @default a principal the policies admit (reported as an assumption)
   */
  readonly principal?: { readonly account?: string; readonly organizationId?: string };
  /** Whether the request is SigV4-signed. @default false */
  readonly signed?: boolean;
  /**
   * The client's resolver: `vpc` (its own VPC's), `public`, `on-premises` (forwarding to the stack's Resolver
   * inbound endpoint) or a VPC (`${aws_vpc.x.id}` or `vpc-…`) whose resolver it uses.
   * @default "vpc" for a client in a VPC of the stack, "public" otherwise
   */
  readonly dns?: string;
  /** HTTP method. @default "GET" */
  readonly method?: string;
  /**
   * What routes the client's network to the stack's VPC, both ways, outside the stack (a transit gateway, a
   * VPN built elsewhere). Reported as an assumption. @default nothing outside the stack routes it
   */
  readonly routedBy?: string;
  /**
   * What carries internet traffic of the client's VPC when the stack does not (an adopted VPC's NAT gateways,
   * declared in its `network.egress`). Reported as an assumption. @default nothing outside the stack carries it
   */
  readonly egressBy?: string;
}

/** Input the evaluator cannot read (a URL it cannot parse, a reference the stack does not have). */
export class RequestError extends Error {}

/** A URL split into its parts; the host may hold canonical references. */
export interface ParsedUrl {
  readonly host: string;
  readonly port: number;
  /** The path, always starting with `/`, without query. */
  readonly path: string;
}

/** Where the client sits. */
export interface Client {
  readonly ip: string;
  readonly vpc?: Vpc;
  readonly subnet?: Subnet;
  /** How the request named it, for reasons. */
  readonly label: string;
}

/**
 * Follows the references in a string: attributes the HCL writes as literals are substituted, computed ones
 * the evaluator knows the form of (a stage's `invoke_url`) are expanded, and the rest stay `${address.attribute}`.
 */
export function expand(hcl: HclDocument, model: StackModel, value: string, depth = 0): string {
  if (depth > 8) return value;
  return value.replace(/\$\{([^{}]+)\}/g, (whole, expression: string) => {
    const address = addressOf(expression);
    if (address === undefined) throw new RequestError(`cannot follow the reference ${whole}`);
    // A local stays symbolic: the evaluator knows the forms of the ones it models.
    if (address.startsWith("local.")) {
      if (hcl.locals[address.slice("local.".length)] === undefined)
        throw new RequestError(`the stack has no ${address} (in ${whole})`);
      return whole;
    }
    const block = blockAt(hcl, address);
    if (block === undefined) throw new RequestError(`the stack has no ${address} (in ${whole})`);
    const attribute = expression.slice(address.length + 1);
    if (address.startsWith("aws_api_gateway_stage.") && attribute === "invoke_url") {
      const apiId = text(block.rest_api_id) ?? "";
      const stageName = expand(hcl, model, text(block.stage_name) ?? "", depth + 1);
      const region = model.restApis.find((api) => api.id === apiId)?.region ?? model.region;
      return `https://${apiId}.execute-api.${region}.amazonaws.com/${stageName}`;
    }
    if (/^[a-z_0-9]+$/.test(attribute)) {
      const literal: Json | undefined = block[attribute];
      if (typeof literal === "string") return expand(hcl, model, literal, depth + 1);
      if (typeof literal === "number") return String(literal);
      if (isObject(literal) || Array.isArray(literal)) throw new RequestError(`${whole} is not a single value`);
    }
    return whole;
  });
}

/** Splits an `https://` URL whose host may hold references. */
export function parseUrl(url: string): ParsedUrl {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/((?:\$\{[^{}]*\}|[^/:?#])+)(?::(\d+))?([^?#]*)/.exec(url.trim());
  if (match === null) throw new RequestError(`cannot parse the URL "${url}": expected https://host/path`);
  const scheme = (match[1] ?? "").toLowerCase();
  if (scheme !== "https") {
    throw new RequestError(`only https:// URLs are modelled (API Gateway and its endpoints serve HTTPS), got "${url}"`);
  }
  const host = (match[2] ?? "").toLowerCase().replace(/\.$/, "");
  const path = match[4] === undefined || match[4] === "" ? "/" : match[4];
  return { host: keepReferenceCase(match[2] ?? "", host), port: Number(match[3] ?? "443"), path };
}

/** Lower-cases a host but not the references in it (addresses are case-sensitive). */
function keepReferenceCase(original: string, lowered: string): string {
  const references = original.match(/\$\{[^{}]*\}/g) ?? [];
  let index = 0;
  return lowered.replace(/\$\{[^{}]*\}/g, () => references[index++] ?? "");
}

/** Places the client: its address, and the VPC and subnet of the stack it is in, if any. */
export function placeClient(hcl: HclDocument, model: StackModel, from: string): Client {
  const trimmed = from.trim();
  const reference = referenceOf(trimmed);
  const vpcByRef = model.vpcs.find((vpc) => vpc.id === trimmed || vpc.address === trimmed);
  if (vpcByRef !== undefined) return inVpc(model, vpcByRef, trimmed);
  if (reference !== undefined && /\.id$/.test(reference)) {
    const subnet = model.subnets.find((candidate) => candidate.id === trimmed);
    if (subnet !== undefined) return at(model, hostIn(subnet.cidr), trimmed);
    throw new RequestError(`--from ${trimmed} names neither a VPC nor a subnet the stack knows`);
  }
  const value = expand(hcl, model, trimmed);
  if (value.includes("${")) throw new RequestError(`--from ${trimmed} is not known before apply (${value})`);
  if (/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(value)) return at(model, hostIn(value), trimmed);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(value) && isIpv4(value)) return at(model, value, trimmed);
  throw new RequestError(`cannot read --from "${from}": expected an IPv4 address, a CIDR or a VPC of the stack`);
}

function isIpv4(value: string): boolean {
  return value.split(".").every((part) => Number(part) <= 255);
}

/** One host address in a CIDR: its 11th address where the block is large enough (the repo's convention). */
export function hostIn(cidr: string): string {
  let block: Netmask;
  try {
    block = new Netmask(cidr);
  } catch {
    throw new RequestError(`"${cidr}" is not an IPv4 CIDR`);
  }
  if (block.size < 16) return block.first;
  const base = block.base.split(".").map(Number);
  const last = (base[3] ?? 0) + 10;
  return [base[0], base[1], base[2], last].join(".");
}

function inVpc(model: StackModel, vpc: Vpc, label: string): Client {
  // A client "in the VPC" sits in a private subnet: a subnet holding a NAT gateway is a public one.
  const subnets = model.subnets.filter((candidate) => candidate.vpcId === vpc.id);
  const subnet =
    subnets.find((candidate) => !model.natGateways.some((nat) => nat.subnetId === candidate.id)) ?? subnets[0];
  return { ip: hostIn(subnet?.cidr ?? vpc.cidr), vpc, ...(subnet === undefined ? {} : { subnet }), label };
}

function at(model: StackModel, ip: string, label: string): Client {
  const vpc = model.vpcs.find((candidate) => cidrContains(candidate.cidr, ip));
  const subnet = model.subnets.find((candidate) => candidate.vpcId === vpc?.id && cidrContains(candidate.cidr, ip));
  return { ip, ...(vpc === undefined ? {} : { vpc }), ...(subnet === undefined ? {} : { subnet }), label };
}

/** Header lookup by case-insensitive name. */
export function header(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry?.[1].trim();
}

/** Parses `Name: value` header arguments. */
export function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new RequestError(`cannot read the header "${line}": expected "Name: value"`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * The evaluator: what happens to a described request against a stack's generated Terraform, hop by hop
 * (DNS, route both ways, security groups, TLS name, API selection, policies, stage and path).
 */
import { requireModelled } from "./coverage";
import type { HclDocument } from "./hcl";
import { isObject, strings } from "./hcl";
import {
  cidrContains,
  cidrCovers,
  modelOf,
  type DomainName,
  type Endpoint,
  type LoadBalancer,
  type PolicyDocument,
  type RestApi,
  type RouteTable,
  type RouteTarget,
  type SecurityGroup,
  type StackModel,
  type Vpc,
} from "./model";
import { RULES, sourceKeys, type Confidence, type RuleId } from "./rules";
import {
  expand,
  header,
  hostIn,
  parseUrl,
  placeClient,
  RequestError,
  type Client,
  type ConnectivityRequest,
  type ParsedUrl,
} from "./request";

/** The fixed vocabulary of outcomes. */
export const OUTCOMES = [
  "ok",
  "nxdomain",
  "no-route",
  "dropped",
  "timeout",
  "tls-name-mismatch",
  "forbidden",
  "missing-authentication-token",
] as const;

/** What happened to the request. */
export type Outcome = (typeof OUTCOMES)[number];

/** The hops, in the order a request meets them. */
export type Hop = "dns" | "route" | "security-group" | "tls" | "api-selection" | "policy" | "stage";

/** One hop's result. */
export interface HopResult {
  readonly hop: Hop;
  /** Which leg of the path (`client → endpoint`, `ALB → endpoint`), when it matters. */
  readonly leg?: string;
  readonly passed: boolean;
  readonly detail: string;
  /** Rules used, with their source keys. */
  readonly rules: readonly string[];
}

/** A 🟡 or ❓ rule the answer relied on. */
export interface Assumption {
  readonly rule: RuleId;
  readonly confidence: Confidence;
  /** CONNECTIVITY.md source keys, e.g. `[S5]`, or `(inferred)`. */
  readonly sources: string;
  /** What is assumed, applied to this request. */
  readonly text: string;
}

/** The API a successful request reaches. */
export type ReachedApi =
  | { readonly kind: "private"; readonly address: string; readonly stage: string; readonly path: string }
  | { readonly kind: "private-outside-stack"; readonly id: string }
  | { readonly kind: "public"; readonly name: string };

/** The evaluator's answer. */
export interface Answer {
  readonly outcome: Outcome;
  /** The hop that decided the outcome (for `ok`, the last one). */
  readonly hop: Hop;
  /** One line: the resource (Terraform address) and the rule that decided. */
  readonly reason: string;
  readonly api?: ReachedApi;
  readonly hops: readonly HopResult[];
  readonly assumptions: readonly Assumption[];
}

/** Thrown to stop at the deciding hop. */
class Verdict extends Error {
  constructor(
    readonly outcome: Outcome,
    readonly reason: string,
    readonly api?: ReachedApi,
  ) {
    super(reason);
  }
}

/** Records hops, rules and assumptions while the request is followed. */
class Trace {
  readonly hops: HopResult[] = [];
  readonly assumptions: Assumption[] = [];
  private hop: Hop = "dns";
  private leg: string | undefined;
  private rules: string[] = [];

  begin(hop: Hop, leg?: string): void {
    this.hop = hop;
    this.leg = leg;
    this.rules = [];
  }

  /** Notes the use of a rule; a 🟡 or ❓ rule becomes an assumption (about `fact`, when given). Returns its tag. */
  use(id: RuleId, fact?: string): string {
    const rule = RULES[id];
    const tag = `${id} ${sourceKeys(rule)}`;
    if (!this.rules.includes(tag)) this.rules.push(tag);
    if (rule.confidence !== "✅") {
      const assumed = fact === undefined ? rule.text : `${fact} (${rule.text})`;
      if (!this.assumptions.some((assumption) => assumption.rule === id && assumption.text === assumed)) {
        this.assumptions.push({ rule: id, confidence: rule.confidence, sources: sourceKeys(rule), text: assumed });
      }
    }
    return tag;
  }

  pass(detail: string): void {
    this.hops.push({
      hop: this.hop,
      ...(this.leg === undefined ? {} : { leg: this.leg }),
      passed: true,
      detail,
      rules: this.rules,
    });
  }

  fail(outcome: Outcome, reason: string, rule: RuleId): never {
    const tag = this.use(rule);
    const line = `${reason} (${tag})`;
    this.hops.push({
      hop: this.hop,
      ...(this.leg === undefined ? {} : { leg: this.leg }),
      passed: false,
      detail: line,
      rules: this.rules,
    });
    throw new Verdict(outcome, line);
  }

  get current(): Hop {
    return this.hop;
  }
}

/** Where DNS sends the client. */
type Destination =
  | { readonly kind: "endpoint"; readonly endpoint: Endpoint }
  | { readonly kind: "load-balancer"; readonly lb: LoadBalancer }
  | { readonly kind: "public"; readonly what: string };

/** The request as the endpoint receives it. */
interface AtEndpoint {
  readonly endpoint: Endpoint;
  /** The Host header the endpoint sees. */
  readonly host: string;
  /** Whether the Host came from an explicit header rather than the URL. */
  readonly hostFromHeader: boolean;
  readonly sni?: string;
  /** The address the endpoint sees as the source. */
  readonly sourceIp: string;
}

/** Evaluates a request against a parsed stack (the model is built once per document and shared). */
export function evaluate(
  stack: { readonly name: string; readonly hcl: HclDocument },
  request: ConnectivityRequest,
): Answer {
  requireModelled(stack.name, stack.hcl);
  const model = modelOf(stack.name, stack.hcl);
  const trace = new Trace();
  const url = parseUrl(expand(stack.hcl, model, request.url));
  const client = placeClient(stack.hcl, model, request.from);
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([name, value]) => [name, expand(stack.hcl, model, value)]),
  );
  const context: Context = { model, hcl: stack.hcl, trace, request: { ...request, headers }, client, url };
  try {
    const destination = resolveName(context, url.host);
    const atEndpoint = connect(context, destination);
    const selected = selectApi(context, atEndpoint);
    checkPolicies(context, atEndpoint, selected);
    const api = checkStage(context, selected);
    return answer(trace, new Verdict("ok", `reached ${describeApi(api)}`, api));
  } catch (error) {
    if (error instanceof Verdict) return answer(trace, error);
    throw error;
  }
}

function answer(trace: Trace, verdict: Verdict): Answer {
  return {
    outcome: verdict.outcome,
    hop: trace.current,
    reason: verdict.reason,
    ...(verdict.api === undefined ? {} : { api: verdict.api }),
    hops: trace.hops,
    assumptions: trace.assumptions,
  };
}

/** A one-line description of the API reached. */
export function describeApi(api: ReachedApi): string {
  if (api.kind === "private") return `private API ${api.address}, stage ${api.stage}, ${api.path}`;
  if (api.kind === "private-outside-stack") return `private API ${api.id} (outside the stack)`;
  return `public API ${api.name}`;
}

interface Context {
  readonly model: StackModel;
  readonly hcl: HclDocument;
  readonly trace: Trace;
  readonly request: ConnectivityRequest & { readonly headers: Record<string, string> };
  readonly client: Client;
  readonly url: ParsedUrl;
}

// ---------------------------------------------------------------------------------------------------------
// Hop 1: DNS

/** What a host name is, by its form. */
type NameForm =
  | { readonly kind: "default"; readonly apiId: string }
  | { readonly kind: "api-vpce"; readonly apiId: string; readonly endpointId: string }
  | { readonly kind: "vpce"; readonly endpointId: string; readonly assumedEntry?: string }
  | { readonly kind: "regional-domain"; readonly name: string }
  | { readonly kind: "load-balancer"; readonly lb: LoadBalancer }
  | { readonly kind: "custom"; readonly name: string };

function nameForm(model: StackModel, host: string): NameForm {
  const whole = /^\$\{(aws_vpc_endpoint\.[^.]+)\.dns_entry\[(\d+)\]\.dns_name\}$/.exec(host);
  if (whole?.[1] !== undefined) return { kind: "vpce", endpointId: `\${${whole[1]}.id}`, assumedEntry: host };
  const selected = /^\$\{local\.([\w-]+)\.dns_name\}$/.exec(host)?.[1];
  const selectedEndpoint = selected === undefined ? undefined : model.regionalEntries[selected];
  if (selectedEndpoint !== undefined) return { kind: "vpce", endpointId: selectedEndpoint };
  const lb = model.loadBalancers.find((candidate) => candidate.dnsName === host);
  if (lb !== undefined) return { kind: "load-balancer", lb };
  if (model.lookedUpDomains.some((domain) => domain.regionalDomainName === host))
    return { kind: "regional-domain", name: host };
  const execute = /^(.+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host);
  if (execute?.[1] !== undefined) {
    const label = execute[1];
    if (/^d-[a-z0-9]+$/.test(label)) return { kind: "regional-domain", name: host };
    const split = /^(\$\{[^{}]+\}|[a-z0-9]+)-(\$\{[^{}]+\}|vpce-[a-z0-9]+)$/.exec(label);
    if (split?.[1] !== undefined && split[2] !== undefined)
      return { kind: "api-vpce", apiId: split[1], endpointId: split[2] };
    return { kind: "default", apiId: label };
  }
  const vpce = /^(vpce-[a-z0-9]+)-[a-z0-9]+(-[a-z0-9-]+)?\.execute-api\.[a-z0-9-]+\.vpce\.amazonaws\.com$/.exec(host);
  if (vpce?.[1] !== undefined) return { kind: "vpce", endpointId: vpce[1] };
  return { kind: "custom", name: host };
}

/** The resolver view the client uses: a VPC's (with its zones and private DNS), or public DNS. */
type View =
  | { readonly kind: "vpc"; readonly vpc: Vpc; readonly label: string }
  | { readonly kind: "public"; readonly label: string };

function chooseView(context: Context): View {
  const { model, client, request, trace } = context;
  const dns = request.dns?.trim() ?? (client.vpc === undefined ? "public" : "vpc");
  if (dns === "public") return { kind: "public", label: "public DNS" };
  if (dns === "vpc") {
    if (client.vpc === undefined)
      throw new RequestError(`--dns vpc: the client ${client.ip} is in no VPC of the stack`);
    return { kind: "vpc", vpc: client.vpc, label: `the resolver of ${client.vpc.address}` };
  }
  if (dns === "on-premises") {
    const inbound = model.resolverEndpoints.find((endpoint) => endpoint.direction === "INBOUND");
    if (inbound === undefined)
      return { kind: "public", label: "on-premises DNS (no Resolver inbound endpoint in the stack: public answers)" };
    const subnet = model.subnets.find((candidate) => inbound.subnetIds.includes(candidate.id));
    const vpc = model.vpcs.find((candidate) => candidate.id === subnet?.vpcId);
    if (vpc === undefined) return { kind: "public", label: "on-premises DNS" };
    trace.use("dns.resolver-inbound");
    trace.use("dns.on-premises-forwarders", `on-premises DNS forwards the name to ${inbound.address}`);
    checkResolverReachable(context, inbound.securityGroupIds);
    return {
      kind: "vpc",
      vpc,
      label: `on-premises DNS forwarding to ${inbound.address} (the resolver of ${vpc.address})`,
    };
  }
  const named = dns.replace(/^vpc:/, "");
  const vpc = model.vpcs.find((candidate) => candidate.id === named || candidate.address === named);
  if (vpc === undefined) {
    const zoneVpc = model.zones.flatMap((zone) => zone.associations).find((association) => association.vpcId === named);
    if (zoneVpc === undefined)
      throw new RequestError(`--dns "${dns}": expected vpc, public, on-premises or a VPC of the stack`);
    const adopted: Vpc = {
      address: named,
      id: named,
      region: zoneVpc.region ?? model.region,
      cidr: "0.0.0.0/32",
      created: false,
    };
    if (client.vpc?.id !== named)
      trace.use("dns.client-uses-resolver", `the client's queries reach the resolver of ${named}`);
    return { kind: "vpc", vpc: adopted, label: `the resolver of ${named}` };
  }
  if (client.vpc?.id !== vpc.id)
    trace.use("dns.client-uses-resolver", `the client's queries reach the resolver of ${vpc.address}`);
  return { kind: "vpc", vpc, label: `the resolver of ${vpc.address}` };
}

function checkResolverReachable(context: Context, groupIds: readonly string[]): void {
  const groups = context.model.securityGroups.filter((group) => groupIds.includes(group.id));
  const admitted = groups.some((group) => ingressMatch(context, group, 53, context.client.ip, []) !== undefined);
  if (!admitted) {
    context.trace.begin("dns");
    context.trace.fail(
      "nxdomain",
      `${groups.map((group) => group.address).join(", ")} admit no DNS (53) from ${context.client.ip}: the forwarded query never reaches the Resolver inbound endpoint`,
      "sg.ingress",
    );
  }
}

function resolveName(context: Context, host: string): Destination {
  const { trace } = context;
  const view = chooseView(context);
  trace.begin("dns");
  const destination = resolveIn(context, view, host, 0);
  trace.pass(`${host} resolved by ${view.label} to ${describeDestination(destination)}`);
  return destination;
}

function describeDestination(destination: Destination): string {
  if (destination.kind === "endpoint") return `the addresses of ${destination.endpoint.address}`;
  if (destination.kind === "load-balancer") return `the private addresses of ${destination.lb.address}`;
  return destination.what;
}

function resolveIn(context: Context, view: View, host: string, depth: number): Destination {
  const { model, trace } = context;
  if (depth > 5) context.trace.fail("nxdomain", `${host}: CNAME chain too long`, "dns.phz-most-specific");
  // A looked-up domain's regional name is d-….execute-api.<region>.amazonaws.com once known: match it as such.
  const matchable = model.lookedUpDomains.some((domain) => domain.regionalDomainName === host)
    ? `d-regional.execute-api.${model.region}.amazonaws.com`
    : host;
  if (view.kind === "vpc") {
    const vpc = view.vpc;
    const usable = vpc.dnsSupport === true && vpc.dnsHostnames === true;
    const zones = model.zones.filter(
      (zone) =>
        zone.associations.some((association) => association.vpcId === vpc.id) && nameUnder(matchable, zone.name),
    );
    const privateDns = model.endpoints.filter(
      (endpoint) =>
        endpoint.vpcId === vpc.id &&
        endpoint.privateDns &&
        nameUnder(matchable, `execute-api.${endpoint.region}.amazonaws.com`),
    );
    if (!usable && (zones.length > 0 || privateDns.length > 0)) {
      if (vpc.created) {
        trace.use("dns.private-dns-needs-vpc-attributes", `${vpc.address} has DNS support or DNS hostnames off`);
      } else {
        trace.use(
          "dns.adopted-vpc-dns-attributes",
          `nothing in the stack requires DNS support and DNS hostnames on in the adopted ${vpc.address} (no lookup postcondition)`,
        );
      }
    } else {
      if (!vpc.created)
        trace.use(
          "dns.private-dns-needs-vpc-attributes",
          `${vpc.address}'s postconditions fail the plan unless its DNS support and DNS hostnames are on`,
        );
      const zone = [...zones].sort((a, b) => b.name.length - a.name.length)[0];
      const endpointZone = privateDns[0];
      if (
        zone !== undefined &&
        (endpointZone === undefined || zone.name.length > `execute-api.${endpointZone.region}.amazonaws.com`.length)
      ) {
        trace.use("dns.phz-most-specific");
        if (zone.name.startsWith("execute-api.") || zone.name.includes(".execute-api."))
          trace.use("dns.phz-shadows-execute-api");
        const association = zone.associations.find((candidate) => candidate.vpcId === vpc.id);
        if (association?.region !== undefined && association.region !== model.region) trace.use("dns.phz-other-region");
        const record = zone.records.find(
          (candidate) => recordMatches(candidate.name, host) && ["A", "AAAA", "CNAME"].includes(candidate.type),
        );
        if (record === undefined) {
          context.trace.fail(
            "nxdomain",
            `${zone.address} (${zone.name}) answers ${host} in ${vpc.address} and holds no record for it`,
            "dns.phz-most-specific",
          );
        }
        if (record.alias !== undefined) return aliasTarget(context, record.alias.name, record.address);
        const target = record.values[0];
        if (record.type === "CNAME" && target !== undefined)
          return resolveIn(context, view, target.replace(/\.$/, ""), depth + 1);
        context.trace.fail(
          "nxdomain",
          `${record.address} is not an alias or CNAME the evaluator can follow`,
          "dns.phz-most-specific",
        );
      }
      if (endpointZone !== undefined) {
        trace.use("dns.private-dns", `${endpointZone.address} answers ${host} in ${vpc.address}`);
        const form = nameForm(model, host);
        if (form.kind === "api-vpce" && form.endpointId !== endpointZone.id) {
          trace.use("dns.local-capture-of-alias", `${host} lands on ${endpointZone.address}`);
        }
        if (depth > 0)
          trace.use("dns.cname-captured", `the CNAME target ${host} is answered by ${endpointZone.address}`);
        return { kind: "endpoint", endpoint: endpointZone };
      }
    }
  }
  const answer = resolvePublic(context, view, host);
  if (answer.kind === "cname") return resolveIn(context, view, answer.target, depth + 1);
  return answer.destination;
}

function nameUnder(host: string, zone: string): boolean {
  return host === zone || host.endsWith(`.${zone}`);
}

function recordMatches(recordName: string, host: string): boolean {
  if (recordName === host) return true;
  return recordName.startsWith("*.") && host.endsWith(recordName.slice(1));
}

function aliasTarget(context: Context, name: string, via: string): Destination {
  const { model, trace } = context;
  trace.use("dns.alias-target");
  const form = nameForm(model, name);
  if (form.kind === "vpce") {
    const endpoint = model.endpoints.find((candidate) => candidate.id === form.endpointId);
    if (endpoint !== undefined) {
      if (form.assumedEntry !== undefined)
        context.trace.fail(
          "nxdomain",
          `${via} aliases ${form.assumedEntry}, an entry of ${endpoint.address} taken by position: it may be a zonal name or the private DNS name in a zone hidden in the VPC, which no alias can target`,
          "dns.endpoint-dns-entry-order",
        );
      return { kind: "endpoint", endpoint };
    }
  }
  if (form.kind === "load-balancer") return { kind: "load-balancer", lb: form.lb };
  if (form.kind === "regional-domain") {
    trace.use("dns.alias-to-regional-domain", `${via} answers API Gateway's public addresses`);
    return { kind: "public", what: `API Gateway's public addresses (alias ${via} to ${name})` };
  }
  context.trace.fail("nxdomain", `${via} aliases ${name}, a target the evaluator does not model`, "dns.alias-target");
}

type PublicAnswer =
  { readonly kind: "cname"; readonly target: string } | { readonly kind: "address"; readonly destination: Destination };

function resolvePublic(context: Context, view: View, host: string): PublicAnswer {
  const { model, trace } = context;
  const form = nameForm(model, host);
  const where = view.kind === "vpc" ? `outside ${view.vpc.address}'s private zones, public DNS` : "public DNS";
  switch (form.kind) {
    case "vpce": {
      const endpoint = model.endpoints.find((candidate) => candidate.id === form.endpointId);
      if (endpoint === undefined)
        context.trace.fail("nxdomain", `${host} names no endpoint of the stack`, "dns.vpce-names-public");
      trace.use("dns.vpce-names-public");
      if (form.assumedEntry !== undefined)
        trace.use("dns.endpoint-dns-entry-order", `${form.assumedEntry} is the regional name of ${endpoint.address}`);
      return { kind: "address", destination: { kind: "endpoint", endpoint } };
    }
    case "api-vpce": {
      const endpoint = model.endpoints.find((candidate) => candidate.id === form.endpointId);
      const api = model.restApis.find((candidate) => candidate.id === form.apiId);
      if (endpoint === undefined || api === undefined) {
        context.trace.fail("nxdomain", `${host}: the stack has no such API and endpoint pair`, "dns.api-vpce-alias");
      }
      if (!api.vpcEndpointIds.includes(endpoint.id)) {
        context.trace.fail(
          "nxdomain",
          `${api.address} does not list ${endpoint.address} in vpc_endpoint_ids, so API Gateway creates no ${host}`,
          "dns.api-vpce-alias",
        );
      }
      trace.use("dns.api-vpce-alias");
      trace.use("dns.api-vpce-alias-public", `${host} resolves through ${where} to ${endpoint.address}`);
      return { kind: "address", destination: { kind: "endpoint", endpoint } };
    }
    case "default": {
      const api = model.restApis.find((candidate) => candidate.id === form.apiId);
      const named = namedInEndpointPolicies(model, form.apiId);
      if ((api !== undefined && api.types.includes("PRIVATE")) || named) {
        context.trace.fail(
          "nxdomain",
          `${host} is a private API's default name and nothing answers it for ${view.kind === "vpc" ? view.vpc.address : "this resolver"} (no private DNS or private zone)`,
          "dns.private-api-name-without-private-dns",
        );
      }
      if (api === undefined) trace.use("api.unknown-api-is-public", `${form.apiId} is a public API`);
      return { kind: "address", destination: { kind: "public", what: `API Gateway's public addresses (${host})` } };
    }
    case "regional-domain":
      return { kind: "address", destination: { kind: "public", what: `API Gateway's public addresses (${host})` } };
    case "load-balancer":
      trace.use("dns.load-balancer-name", `${form.lb.address}'s name resolves to its private addresses`);
      return { kind: "address", destination: { kind: "load-balancer", lb: form.lb } };
    case "custom": {
      const record = model.foreignRecords.find((candidate) => recordMatches(candidate.name, host));
      if (record !== undefined) {
        trace.use("dns.zone-outside-stack-is-public", `${record.address} is in a public zone`);
        if (record.alias !== undefined)
          return { kind: "address", destination: aliasTarget(context, record.alias.name, record.address) };
        const target = record.values[0];
        if (record.type === "CNAME" && target !== undefined)
          return { kind: "cname", target: target.replace(/\.$/, "") };
      }
      const looked = model.lookedUpDomains.find((domain) => domain.domainName === host);
      if (looked !== undefined) {
        trace.use(
          "dns.public-outside-stack",
          `public DNS answers ${host} with a CNAME to ${looked.regionalDomainName}`,
        );
        return { kind: "cname", target: looked.regionalDomainName };
      }
      context.trace.fail(
        "nxdomain",
        `no zone of the stack answers ${host} for ${view.label}, and nothing in the stack says public DNS has it`,
        "dns.public-outside-stack",
      );
    }
  }
}

function namedInEndpointPolicies(model: StackModel, apiId: string): boolean {
  return model.endpoints.some((endpoint) =>
    (endpoint.policy?.statements ?? []).some((statement) =>
      strings(statement.Resource).some((resource) => resource.includes(`:${apiId}/`)),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Hops 2-4: route both ways, security groups, TLS (and the ALB's own legs)

function connect(context: Context, destination: Destination): AtEndpoint {
  const { trace, url, client } = context;
  if (destination.kind === "public") return reachPublic(context, destination.what);
  if (destination.kind === "endpoint") {
    const endpoint = destination.endpoint;
    const targets = endpointTargets(context, endpoint);
    reach(context, client.ip, client.vpc, targets, "client → endpoint", endpoint.address);
    admit(
      context,
      endpoint.securityGroupIds,
      url.port,
      client.ip,
      context.request.securityGroups ?? [],
      "client → endpoint",
      endpoint.address,
      client.vpc,
    );
    trace.begin("tls", "client → endpoint");
    tlsAtEndpoint(context, endpoint, url.host);
    const hostHeader = header(context.request.headers, "host");
    return {
      endpoint,
      host: hostHeader ?? url.host,
      hostFromHeader: hostHeader !== undefined,
      sni: url.host,
      sourceIp: client.ip,
    };
  }
  return throughLoadBalancer(context, destination.lb);
}

interface Target {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /** Addresses, where the HCL fixes them; else the subnets' ranges. */
  readonly ranges: readonly string[];
}

function endpointTargets(context: Context, endpoint: Endpoint): Target {
  const subnets = context.model.subnets.filter((subnet) => endpoint.subnetIds.includes(subnet.id));
  const fixed = endpoint.fixedAddresses.map((address) => `${address.ip}/32`);
  return {
    vpcId: endpoint.vpcId,
    subnetIds: endpoint.subnetIds,
    ranges: fixed.length > 0 ? fixed : subnets.map((subnet) => subnet.cidr),
  };
}

function tablesOf(model: StackModel, subnetId: string | undefined, vpcId: string | undefined): RouteTable[] {
  if (subnetId !== undefined) {
    const associated = model.routeTables.filter((table) => table.subnetIds.includes(subnetId));
    if (associated.length > 0) return associated;
  }
  return model.routeTables.filter(
    (table) => table.vpcId === vpcId && table.subnetIds.length === 0 && table.address === undefined,
  );
}

/** Route hop: the client's packets reach the target subnets and the replies come back. */
function reach(
  context: Context,
  ip: string,
  vpc: Vpc | undefined,
  target: Target,
  leg: string,
  targetAddress: string,
  source = ip,
): void {
  const { model, trace, request } = context;
  trace.begin("route", leg);
  if (vpc !== undefined && vpc.id === target.vpcId) {
    if ((request.securityGroups ?? []).length > 0 && source === ip && leg.startsWith("client")) {
      trace.use("route.client-vpn-nat", `${source} is a Client VPN endpoint's interface, in ${vpc.address}`);
    }
    trace.use("route.local");
    trace.use("route.nacls-open");
    trace.pass(`${source} and ${targetAddress} are both in ${vpc.address}: the local route`);
    return;
  }
  const targetVpc = model.vpcs.find((candidate) => candidate.id === target.vpcId);
  const returnTables = target.subnetIds.flatMap((subnetId) =>
    tablesOf(model, subnetId, target.vpcId).map((table) => ({ subnetId, table })),
  );
  if (vpc !== undefined) {
    const peering = model.peerings.find(
      (candidate) =>
        (candidate.vpcId === vpc.id && candidate.peerVpcId === target.vpcId) ||
        (candidate.peerVpcId === vpc.id && candidate.vpcId === target.vpcId),
    );
    if (peering === undefined) {
      context.trace.fail(
        "no-route",
        `no peering connection of the stack joins ${vpc.address} and ${targetVpc?.address ?? target.vpcId}`,
        "route.peering",
      );
    }
    trace.use("route.peering");
    if (peering.accepter === undefined && !peering.autoAccept) {
      context.trace.fail(
        "no-route",
        `${peering.address} is never accepted (no accepter, no auto_accept): it carries nothing`,
        "route.peering-accepted",
      );
    }
    const clientTables = tablesOf(model, context.client.subnet?.id, vpc.id);
    for (const range of target.ranges) {
      const forward = clientTables.find((table) =>
        table.routes.some((route) => peering.ids.includes(route.target.id) && cidrCovers(route.destination, range)),
      );
      if (forward === undefined) {
        context.trace.fail(
          "no-route",
          `${clientTables.map((table) => table.address ?? table.id).join(", ") || `the route tables of ${vpc.address}`} have no route to ${range} via ${peering.address}`,
          "route.peering",
        );
      }
    }
    for (const { table } of returnTables) {
      if (!table.routes.some((route) => peering.ids.includes(route.target.id) && cidrContains(route.destination, ip))) {
        context.trace.fail(
          "no-route",
          `${table.address ?? table.id} has no route back to ${ip} via ${peering.address}: replies cannot return`,
          "route.peering",
        );
      }
    }
    trace.use("route.peering-to-endpoint");
    trace.use("route.no-nat", `${targetAddress} sees ${ip}`);
    trace.use("route.nacls-open");
    trace.pass(`${vpc.address} ⇄ ${targetVpc?.address ?? target.vpcId} over ${peering.address}, routes both ways`);
    return;
  }
  // A client outside every VPC of the stack.
  if (request.routedBy !== undefined) {
    trace.use(
      "route.routed-outside-stack",
      `${request.routedBy} routes ${ip} to and from ${targetVpc?.address ?? target.vpcId}`,
    );
    trace.use("route.no-nat", `${targetAddress} sees ${ip}`);
    trace.use("route.nacls-open");
    trace.pass(`${ip} is routed both ways by ${request.routedBy} (declared, outside the stack)`);
    return;
  }
  const missing = returnTables.filter(({ table }) => !returnRoute(context, table, ip, target.vpcId));
  const association = model.dxAssociations.find((candidate) =>
    model.vpnGateways.some((gateway) => gateway.id === candidate.gatewayId && gateway.vpcId === target.vpcId),
  );
  if (
    association !== undefined &&
    missing.length === 0 &&
    returnTables.some(({ table }) => table.propagations.length > 0)
  ) {
    const gateway = model.dxGateways.find((candidate) => candidate.id === association.dxGatewayId);
    if (gateway !== undefined && gateway.interfaces.length === 0) {
      if (gateway.address !== undefined) {
        context.trace.fail(
          "no-route",
          `${gateway.address} has no virtual interface in the stack: on-premises traffic has no way in`,
          "route.dx-virtual-interface",
        );
      }
      trace.use(
        "route.dx-virtual-interface",
        `the adopted Direct Connect gateway ${gateway.id} has a virtual interface to on-premises`,
      );
    }
    if (association.proposedTo !== undefined) {
      trace.use(
        "route.dx-proposal-accepted",
        `account ${association.proposedTo} accepts ${association.address} with its allowed prefixes`,
      );
    }
    const vpcCidr = targetVpc?.cidr ?? "";
    if (!association.allowedPrefixes.some((prefix) => cidrCovers(prefix, vpcCidr))) {
      context.trace.fail(
        "no-route",
        `${association.address} allows [${association.allowedPrefixes.join(", ")}], which neither equals nor contains ${vpcCidr}: no route to the VPC is advertised to on-premises`,
        "route.dx-allowed-prefixes",
      );
    }
    trace.use("route.dx-allowed-prefixes");
    trace.use("route.vgw");
    trace.use("route.bgp-advertises-client", `on-premises advertises ${ip}'s range over BGP`);
    trace.use("route.no-nat", `${targetAddress} sees ${ip}`);
    trace.use("route.nacls-open");
    trace.pass(
      `${ip} arrives over ${association.address} (allowed ${association.allowedPrefixes.join(", ")}); replies return through the propagated routes`,
    );
    return;
  }
  if (missing.length === 0 && returnTables.length > 0) {
    unattachedTransitGateway(
      context,
      returnTables.map(({ table }) => table),
      ip,
      targetVpc,
    );
    trace.use(
      "route.routed-outside-stack",
      `what the return routes point at carries ${ip} to ${targetVpc?.address ?? target.vpcId}`,
    );
    trace.use("route.no-nat", `${targetAddress} sees ${ip}`);
    trace.use("route.nacls-open");
    trace.pass(`the route tables of ${targetVpc?.address ?? target.vpcId} route ${ip} back`);
    return;
  }
  const tables = missing.map(({ table }) => table.address ?? table.id);
  context.trace.fail(
    "no-route",
    `${[...new Set(tables)].join(", ") || `${targetVpc?.address ?? target.vpcId} (no route table)`} ${tables.length === 1 ? "has" : "have"} no route to ${ip}: replies cannot return, and nothing the stack builds carries ${ip} to ${targetVpc?.address ?? target.vpcId}`,
    association === undefined ? "route.return" : "route.vgw",
  );
}

/**
 * A route to a transit gateway carries nothing unless the VPC is attached to it: the stack must attach a VPC it
 * creates (an adopted VPC's attachment is assumed, as the rule book's transit gateway rule says).
 */
function unattachedTransitGateway(
  context: Context,
  tables: readonly RouteTable[],
  ip: string,
  vpc: Vpc | undefined,
): void {
  const { model, trace } = context;
  const gateways = new Set(
    tables.flatMap((table) =>
      table.routes
        .filter((route) => route.target.kind === "transit-gateway" && cidrContains(route.destination, ip))
        .map((route) => route.target.id),
    ),
  );
  if (gateways.size === 0 || vpc === undefined) return;
  trace.use("route.transit-gateway");
  for (const gateway of gateways) {
    const attached = model.transitGatewayAttachments.some(
      (attachment) => attachment.transitGatewayId === gateway && attachment.vpcId === vpc.id,
    );
    if (!attached && vpc.created) {
      context.trace.fail(
        "no-route",
        `${vpc.address} is not attached to ${gateway}: the routes to it carry nothing`,
        "route.transit-gateway",
      );
    }
  }
}

function returnRoute(context: Context, table: RouteTable, ip: string, vpcId: string): boolean {
  if (
    table.routes.some(
      (route) =>
        route.target.kind !== "other" &&
        route.target.kind !== "internet-gateway" &&
        route.target.kind !== "nat-gateway" &&
        cidrContains(route.destination, ip),
    )
  ) {
    return true;
  }
  // Propagation from a gateway the stack neither creates nor attaches: AWS only enables it for a gateway attached
  // to the table's VPC, so the gateway is assumed attached.
  return table.propagations.some((propagation) => {
    const gateway = context.model.vpnGateways.find((candidate) => candidate.id === propagation.gatewayId);
    return gateway === undefined || gateway.vpcId === vpcId;
  });
}

function reachPublic(context: Context, what: string): never {
  const { trace, client, model, url } = context;
  trace.begin("route", "client → API Gateway (public)");
  if (client.vpc === undefined) {
    trace.use("route.outside-client-internet", `${client.ip} reaches ${what}`);
    trace.pass(`${client.ip} is outside the stack's VPCs and reaches ${what} itself`);
  } else {
    trace.pass(publicEgress(context, client.vpc, what));
  }
  trace.begin("tls", "client → API Gateway (public)");
  const form = nameForm(model, url.host);
  if (form.kind === "custom") trace.use("tls.public-custom-domain", `${url.host} presents its own certificate`);
  trace.pass(`API Gateway's public endpoint presents a certificate for ${url.host}`);
  throw new Verdict("ok", `reached public API ${url.host} through API Gateway's public endpoint`, {
    kind: "public",
    name: url.host,
  });
}

const EGRESS_KINDS: readonly RouteTarget["kind"][] = ["internet-gateway", "nat-gateway", "transit-gateway"];

/**
 * The client VPC's way to the internet: its default route, and what that route leads to (a NAT gateway in a
 * public subnet behind the VPC's internet gateway, a transit gateway to an egress, or a declared way out of an
 * adopted VPC). Returns what the trace passes with.
 */
function publicEgress(context: Context, vpc: Vpc, what: string): string {
  const { trace, client, model, request } = context;
  const tables = tablesOf(model, client.subnet?.id, vpc.id);
  const route = tables
    .flatMap((table) => table.routes)
    .find((candidate) => candidate.destination === "0.0.0.0/0" && EGRESS_KINDS.includes(candidate.target.kind));
  if (route === undefined) {
    if (!vpc.created && request.egressBy !== undefined) {
      trace.use("route.declared-egress", `${request.egressBy} carries ${vpc.address}'s internet traffic`);
      trace.use("sg.client-egress-outside-stack");
      return `${request.egressBy} carries ${client.ip}'s traffic to the internet (declared, outside the stack)`;
    }
    context.trace.fail(
      "timeout",
      `${tables.map((table) => table.address ?? table.id).join(", ") || vpc.address} route nothing to the internet (no 0.0.0.0/0 via an internet gateway, a NAT gateway or a transit gateway): ${what} are out of reach`,
      "route.public-egress",
    );
  }
  trace.use("route.public-egress");
  trace.use("sg.client-egress-outside-stack");
  if (route.target.kind === "transit-gateway") {
    const gateway = route.target.id;
    trace.use("route.transit-gateway");
    const attached = model.transitGatewayAttachments.some(
      (attachment) => attachment.transitGatewayId === gateway && attachment.vpcId === vpc.id,
    );
    if (!attached && vpc.created) {
      context.trace.fail(
        "timeout",
        `${vpc.address} is not attached to ${gateway}: ${route.address} carries nothing`,
        "route.transit-gateway",
      );
    }
    trace.use(
      "route.egress-outside-stack",
      `the owner of ${gateway} routes 0.0.0.0/0 on to an internet egress and back`,
    );
    return `${route.address} sends ${client.ip}'s traffic to ${gateway}, whose owner carries it to the internet`;
  }
  if (route.target.kind === "internet-gateway") {
    return `${route.address} sends ${client.ip}'s traffic to ${internetGateway(context, vpc, route.target.id, "route.public-egress")}`;
  }
  const nat = model.natGateways.find((candidate) => candidate.id === route.target.id);
  if (nat === undefined) {
    trace.use("route.egress-outside-stack", `${route.target.id} carries ${client.ip}'s traffic to the internet`);
    return `${route.address} sends ${client.ip}'s traffic to ${route.target.id} (not built by the stack)`;
  }
  if (nat.connectivityType === "private") {
    context.trace.fail(
      "timeout",
      `${nat.address} is a private NAT gateway: it reaches other networks, never the internet`,
      "route.nat-gateway",
    );
  }
  if (nat.allocationId === undefined) {
    context.trace.fail("timeout", `${nat.address} holds no Elastic IP: it has no public address`, "route.nat-gateway");
  }
  const natTables = tablesOf(model, nat.subnetId, vpc.id);
  const out = natTables
    .flatMap((table) => table.routes)
    .find((candidate) => candidate.destination === "0.0.0.0/0" && candidate.target.kind === "internet-gateway");
  if (out === undefined) {
    context.trace.fail(
      "timeout",
      `${natTables.map((table) => table.address ?? table.id).join(", ") || `the subnet of ${nat.address}`} route nothing to an internet gateway: ${nat.address} is in no public subnet, so ${what} are out of reach`,
      "route.nat-gateway",
    );
  }
  const gateway = internetGateway(context, vpc, out.target.id, "route.nat-gateway");
  trace.use("route.nat-gateway");
  return `${route.address} sends ${client.ip}'s traffic to ${nat.address}, whose subnet routes it to ${gateway} (${out.address})`;
}

/** The internet gateway a route names must be attached to the route's VPC; one the stack does not build is assumed so. */
function internetGateway(context: Context, vpc: Vpc, id: string, rule: RuleId): string {
  const gateway = context.model.internetGateways.find((candidate) => candidate.id === id);
  if (gateway === undefined) {
    context.trace.use("route.egress-outside-stack", `${id} is attached to ${vpc.address}`);
    return id;
  }
  if (gateway.vpcId !== vpc.id) {
    context.trace.fail(
      "timeout",
      `${gateway.address} is attached to ${gateway.vpcId ?? "no VPC"}, not ${vpc.address}: it carries nothing of ${vpc.address}`,
      rule,
    );
  }
  return gateway.address;
}

/** Security-group hop: the target's groups admit the source; the sender's own groups (in the stack) let it out. */
function admit(
  context: Context,
  groupIds: readonly string[],
  port: number,
  sourceIp: string,
  sourceGroupIds: readonly string[],
  leg: string,
  targetAddress: string,
  sourceVpc: Vpc | undefined,
): void {
  const { model, trace } = context;
  trace.begin("security-group", leg);
  const groups = model.securityGroups.filter((group) => groupIds.includes(group.id));
  const crossRegion =
    sourceVpc !== undefined && model.vpcs.some((vpc) => vpc.id === groups[0]?.vpcId && vpc.region !== sourceVpc.region);
  const sources = crossRegion ? [] : sourceGroupIds;
  if (crossRegion) trace.use("sg.no-cross-region-reference");
  for (const group of groups) {
    const rule = ingressMatch(context, group, port, sourceIp, sources);
    if (rule !== undefined) {
      if (!sourceGroupIds.some((id) => model.securityGroups.some((known) => known.id === id && known.rules.length > 0)))
        trace.use("sg.client-egress-outside-stack");
      trace.use("sg.ingress");
      trace.pass(`${rule} admits TCP ${String(port)} from ${sourceIp} to ${targetAddress}`);
      return;
    }
  }
  context.trace.fail(
    "dropped",
    `no ingress rule of ${groups.map((group) => group.address).join(", ") || `${targetAddress} (no security group)`} admits TCP ${String(port)} from ${sourceIp}${sources.length > 0 ? ` or ${sources.join(", ")}` : ""}`,
    "sg.ingress",
  );
}

export function portMatches(protocol: string, from: number | undefined, to: number | undefined, port: number): boolean {
  if (protocol === "-1" || protocol === "all") return true;
  if (protocol !== "tcp" && protocol !== "6" && protocol !== "udp" && protocol !== "17") return false;
  return (from ?? 0) <= port && port <= (to ?? 65535);
}

/** The address of the first ingress rule of `group` admitting the source, if any. */
function ingressMatch(
  context: Context,
  group: SecurityGroup,
  port: number,
  ip: string,
  sourceGroupIds: readonly string[],
): string | undefined {
  for (const rule of group.rules) {
    if (rule.direction !== "ingress" || !portMatches(rule.protocol, rule.fromPort, rule.toPort, port)) continue;
    if (rule.cidr !== undefined && cidrContains(rule.cidr, ip)) return rule.address;
    if (rule.referencedGroupId !== undefined && sourceGroupIds.includes(rule.referencedGroupId)) return rule.address;
    if (rule.prefixListId !== undefined) {
      const list = context.model.prefixLists.find((candidate) => candidate.id === rule.prefixListId);
      const entry = list?.entries.find((candidate) => cidrContains(candidate.cidr, ip));
      if (list !== undefined && entry !== undefined) return `${rule.address} (${list.address} entry ${entry.cidr})`;
    }
  }
  return undefined;
}

function egressAllows(
  group: SecurityGroup,
  port: number,
  targetGroupIds: readonly string[],
  targetRanges: readonly string[],
): string | undefined {
  for (const rule of group.rules) {
    if (rule.direction !== "egress" || !portMatches(rule.protocol, rule.fromPort, rule.toPort, port)) continue;
    if (rule.referencedGroupId !== undefined && targetGroupIds.includes(rule.referencedGroupId)) return rule.address;
    if (rule.cidr !== undefined && targetRanges.every((range) => cidrCovers(rule.cidr ?? "", range)))
      return rule.address;
  }
  return undefined;
}

function tlsAtEndpoint(context: Context, endpoint: Endpoint, sni: string): void {
  const { model, trace } = context;
  const form = nameForm(model, sni);
  if (form.kind === "default" || form.kind === "api-vpce") {
    trace.use(
      "tls.default-certificate",
      `${endpoint.address} presents *.execute-api.${endpoint.region}.amazonaws.com for ${sni}`,
    );
    trace.pass(`*.execute-api.${endpoint.region}.amazonaws.com covers ${sni}`);
    return;
  }
  if (form.kind === "vpce") {
    trace.use("tls.vpce-name-san", `${endpoint.address}'s certificate covers ${sni}`);
    trace.pass(`the endpoint's certificate covers its own name ${sni}`);
    return;
  }
  const domain = privateDomainFor(model, sni, endpoint);
  if (domain !== undefined) {
    trace.use("tls.private-custom-domain");
    trace.pass(`${domain.address} presents its certificate for ${sni} on ${endpoint.address}`);
    return;
  }
  context.trace.fail(
    "tls-name-mismatch",
    `${endpoint.address} presents *.execute-api.${endpoint.region}.amazonaws.com, which does not cover ${sni}`,
    "tls.other-name-mismatch",
  );
}

function privateDomainFor(model: StackModel, name: string, endpoint: Endpoint): DomainName | undefined {
  return model.domainNames.find(
    (domain) =>
      domain.domainName === name &&
      domain.types.includes("PRIVATE") &&
      model.accessAssociations.some(
        (association) => association.domainNameArn === domain.arn && association.source === endpoint.id,
      ),
  );
}

function throughLoadBalancer(context: Context, lb: LoadBalancer): AtEndpoint {
  const { model, trace, url, client } = context;
  const lbSubnets = model.subnets.filter((subnet) => lb.subnetIds.includes(subnet.id));
  const lbVpc = lbSubnets[0]?.vpcId ?? "";
  reach(
    context,
    client.ip,
    client.vpc,
    { vpcId: lbVpc, subnetIds: lb.subnetIds, ranges: lbSubnets.map((subnet) => subnet.cidr) },
    "client → ALB",
    lb.address,
  );
  admit(
    context,
    lb.securityGroupIds,
    url.port,
    client.ip,
    context.request.securityGroups ?? [],
    "client → ALB",
    lb.address,
    client.vpc,
  );
  trace.begin("tls", "client → ALB");
  const listener = lb.listeners.find((candidate) => candidate.port === url.port);
  if (listener?.protocol !== "HTTPS") {
    context.trace.fail(
      "dropped",
      `${lb.address} has no HTTPS listener on port ${String(url.port)}`,
      "tls.alb-terminates",
    );
  }
  trace.use("tls.alb-terminates");
  certificateCovers(context, listener.certificateArn ?? "", url.host, listener.address);
  trace.pass(`${listener.address} terminates TLS for ${url.host} (${listener.sslPolicy ?? "default TLS policy"})`);

  const group = model.targetGroups.find((candidate) => candidate.arn === listener.action.targetGroupArn);
  if (listener.action.type !== "forward" || group === undefined) {
    trace.begin("route", "ALB → target");
    context.trace.fail(
      "no-route",
      `${listener.address} forwards to no target group of the stack`,
      "tls.alb-terminates",
    );
  }
  let atEndpoint: AtEndpoint | undefined;
  for (const target of group.targets) {
    const endpoint = model.endpoints.find((candidate) =>
      candidate.fixedAddresses.some((address) => address.ip === target.ip),
    );
    if (endpoint === undefined) {
      trace.begin("route", "ALB → endpoint");
      context.trace.fail(
        "no-route",
        `${target.address} targets ${target.ip}, no address of an endpoint the stack builds`,
        "route.local",
      );
    }
    const subnetId = endpoint.fixedAddresses.find((address) => address.ip === target.ip)?.subnetId ?? "";
    const lbVpcModel = model.vpcs.find((vpc) => vpc.id === lbVpc);
    const albIp = lbSubnets[0] === undefined ? client.ip : hostIn(lbSubnets[0].cidr);
    reach(
      context,
      albIp,
      lbVpcModel,
      { vpcId: endpoint.vpcId, subnetIds: [subnetId], ranges: [`${target.ip}/32`] },
      "ALB → endpoint",
      `${endpoint.address} (${target.ip})`,
      `${lb.address} (an address in its subnets, ${albIp})`,
    );
    trace.begin("security-group", "ALB → endpoint");
    const lbGroups = model.securityGroups.filter((candidate) => lb.securityGroupIds.includes(candidate.id));
    const out = lbGroups
      .map((candidate) => egressAllows(candidate, target.port, endpoint.securityGroupIds, [`${target.ip}/32`]))
      .find((rule) => rule !== undefined);
    if (out === undefined) {
      context.trace.fail(
        "dropped",
        `no egress rule of ${lbGroups.map((candidate) => candidate.address).join(", ")} lets ${lb.address} send TCP ${String(target.port)} to ${target.ip}`,
        "sg.egress",
      );
    }
    trace.use("sg.egress");
    trace.pass(`${out} lets ${lb.address} out to ${target.ip}`);
    trace.use("route.no-nat", `${endpoint.address} sees ${lb.address}'s own addresses`);
    const seen = lbSubnets.map((subnet) => hostIn(subnet.cidr));
    const endpointGroups = model.securityGroups.filter((candidate) => endpoint.securityGroupIds.includes(candidate.id));
    trace.begin("security-group", "ALB → endpoint");
    const admitted = endpointGroups
      .map((candidate) => ingressMatch(context, candidate, target.port, seen[0] ?? "", lb.securityGroupIds))
      .find((rule) => rule !== undefined);
    if (admitted === undefined) {
      context.trace.fail(
        "dropped",
        `no ingress rule of ${endpointGroups.map((candidate) => candidate.address).join(", ")} admits ${lb.address}`,
        "sg.ingress",
      );
    }
    trace.use("sg.ingress");
    trace.pass(`${admitted} admits ${lb.address} to ${endpoint.address} (${target.ip})`);
    atEndpoint = {
      endpoint,
      host: header(context.request.headers, "host") ?? url.host,
      hostFromHeader: false,
      sourceIp: seen[0] ?? "",
    };
  }
  if (atEndpoint === undefined) {
    trace.begin("route", "ALB → endpoint");
    context.trace.fail("no-route", `${group.address} has no targets`, "tls.alb-terminates");
  }
  trace.begin("tls", "ALB → endpoint");
  trace.use("tls.alb-no-sni", `${lb.address} opens TLS to ${atEndpoint.endpoint.address} without SNI`);
  trace.use("tls.alb-target-certificate", `${lb.address} accepts ${atEndpoint.endpoint.address}'s certificate`);
  trace.use("tls.alb-host-forwarded", `${lb.address} forwards Host: ${atEndpoint.host}`);
  trace.pass(`${lb.address} re-encrypts to ${atEndpoint.endpoint.address} and forwards Host: ${atEndpoint.host}`);
  return atEndpoint;
}

function certificateCovers(context: Context, arn: string, host: string, listener: string): void {
  const { model, trace } = context;
  const certificate = model.certificates.find((candidate) => candidate.arns.includes(arn));
  if (certificate !== undefined) {
    const covered = certificate.names.some(
      (name) =>
        name === host ||
        (name.startsWith("*.") && host.endsWith(name.slice(1)) && !host.slice(0, -name.length + 1).includes(".")),
    );
    if (!covered) {
      context.trace.fail(
        "tls-name-mismatch",
        `${certificate.address} (${certificate.names.join(", ")}) on ${listener} does not cover ${host}`,
        "tls.certificate-covers-name",
      );
    }
    trace.use("tls.certificate-covers-name");
    return;
  }
  const domain = model.domainNames.find(
    (candidate) => candidate.certificateArn === arn && candidate.domainName === host,
  );
  if (domain !== undefined) {
    trace.use("tls.certificate-of-domain-name", `${arn} covers ${host}, since ${domain.address} uses it for that name`);
    return;
  }
  trace.use("tls.certificate-outside-stack", `${arn} on ${listener} covers ${host}`);
}

// ---------------------------------------------------------------------------------------------------------
// Hop 5: API selection

/** What the endpoint selected. */
type Selected =
  | {
      readonly kind: "api";
      readonly api: RestApi;
      readonly stage?: string;
      readonly basePath?: string;
      readonly domain?: DomainName;
      readonly mapping?: string;
    }
  | { readonly kind: "outside"; readonly id: string };

function selectApi(context: Context, at: AtEndpoint): Selected {
  const { model, trace, url } = context;
  trace.begin("api-selection", `at ${at.endpoint.address}`);
  const idHeader = header(context.request.headers, "x-apigw-api-id");
  const hostForm = nameForm(model, at.host);
  let apiId: string | undefined;
  let viaHeader = false;
  if (idHeader !== undefined) {
    if (
      (hostForm.kind === "default" || hostForm.kind === "api-vpce") &&
      at.hostFromHeader &&
      hostForm.apiId !== idHeader
    ) {
      trace.use("api.header-precedence", `x-apigw-api-id: ${idHeader} wins over Host: ${at.host}`);
    }
    apiId = idHeader;
    viaHeader = true;
  } else if (hostForm.kind === "default" || hostForm.kind === "api-vpce") {
    if (hostForm.kind === "api-vpce" && hostForm.endpointId !== at.endpoint.id) {
      context.trace.fail(
        "forbidden",
        `Host ${at.host} names another endpoint than ${at.endpoint.address}`,
        "api.host-names-api",
      );
    }
    apiId = hostForm.apiId;
    viaHeader = at.hostFromHeader && nameForm(model, url.host).kind === "vpce";
  }
  if (apiId !== undefined) {
    trace.use(viaHeader ? "api.header-names-api" : "api.host-names-api");
    const api = model.restApis.find((candidate) => candidate.id === apiId);
    if (api === undefined) {
      if (namedInEndpointPolicies(model, apiId)) {
        trace.use("api.outside-api-policy", `private API ${apiId} admits ${at.endpoint.address}`);
        trace.pass(`${at.endpoint.address} routes to private API ${apiId}, outside the stack`);
        return { kind: "outside", id: apiId };
      }
      trace.use("api.unknown-api-is-public", `${apiId} is a public API`);
      context.trace.fail(
        "forbidden",
        `${apiId} is no private API of the stack: a public API through ${at.endpoint.address} answers 403 Forbidden`,
        "api.public-api",
      );
    }
    if (!api.types.includes("PRIVATE")) {
      context.trace.fail(
        "forbidden",
        `${api.address} is not PRIVATE: through ${at.endpoint.address} it answers 403 Forbidden`,
        "api.public-api",
      );
    }
    if (viaHeader && api.accessMode === "STRICT") {
      context.trace.fail(
        "forbidden",
        `${api.address} has endpoint_access_mode STRICT: the endpoint's names with a Host or x-apigw-api-id header are refused`,
        "api.strict-mode",
      );
    }
    trace.pass(`${viaHeader ? "the header" : `Host ${at.host}`} selects ${api.address}`);
    return { kind: "api", api };
  }
  if (hostForm.kind === "custom") {
    const domain = model.domainNames.find((candidate) => candidate.domainName === at.host);
    if (domain !== undefined) return selectByDomain(context, at, domain);
  }
  context.trace.fail(
    "forbidden",
    `Host ${at.host} names no API, custom domain name or x-apigw-api-id header: ${at.endpoint.address} cannot tell which API is meant`,
    "api.no-api-named",
  );
}

function selectByDomain(context: Context, at: AtEndpoint, domain: DomainName): Selected {
  const { model, trace, url } = context;
  if (domain.types.includes("PRIVATE")) {
    const association = model.accessAssociations.find(
      (candidate) => candidate.domainNameArn === domain.arn && candidate.source === at.endpoint.id,
    );
    if (association === undefined) {
      context.trace.fail(
        "forbidden",
        `${domain.address} has no access association for ${at.endpoint.address}`,
        "api.private-custom-domain",
      );
    }
    trace.use("api.private-custom-domain");
  } else {
    const strict = domain.accessMode === "STRICT";
    if (strict)
      context.trace.fail(
        "forbidden",
        `${domain.address} has endpoint_access_mode STRICT: cross-endpoint-type traffic is refused`,
        "api.strict-mode",
      );
    trace.use(
      "api.regional-domain-trick",
      `${domain.address} (${domain.types.join(", ") || "REGIONAL"}) reached through ${at.endpoint.address} routes to its mappings`,
    );
  }
  const domainRefs = [domain.domainName, `\${${domain.address}.domain_name}`, `\${${domain.address}.id}`];
  const mappings = model.mappings.filter((mapping) => domainRefs.includes(mapping.domainName));
  const usable = mappings.filter(
    (mapping) => !domain.types.includes("PRIVATE") || mapping.domainNameId === domain.domainNameId,
  );
  const segment = url.path.split("/")[1] ?? "";
  const mapping =
    usable.find((candidate) => candidate.basePath !== "" && candidate.basePath === segment) ??
    usable.find((candidate) => candidate.basePath === "" || candidate.basePath === "(none)");
  if (mapping === undefined) {
    const why =
      mappings.length > usable.length
        ? `its mappings lack domain_name_id (${mappings.map((m) => m.address).join(", ")})`
        : "no base path mapping";
    context.trace.fail(
      "forbidden",
      `${domain.address} has ${why} for ${url.path}: no API selected`,
      "api.private-custom-domain",
    );
  }
  const api = model.restApis.find((candidate) => candidate.id === mapping.apiId);
  if (api === undefined)
    context.trace.fail("forbidden", `${mapping.address} maps to an API outside the stack`, "api.private-custom-domain");
  const stage = mapping.stageName === undefined ? undefined : expand(context.hcl, model, mapping.stageName);
  trace.pass(
    `Host ${at.host} selects ${domain.address}; ${mapping.address} maps ${mapping.basePath === "" ? "/" : `/${mapping.basePath}`} to ${api.address}${stage === undefined ? "" : ` stage ${stage}`}`,
  );
  return {
    kind: "api",
    api,
    ...(stage === undefined ? {} : { stage }),
    ...(mapping.basePath === "" ? {} : { basePath: mapping.basePath }),
    domain,
    mapping: mapping.address,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Hop 6: policies

interface PolicyRequest {
  readonly resource: string;
  readonly sourceVpce: string;
  readonly sourceVpc: string;
  readonly sourceIp: string;
  readonly signed: boolean;
  readonly viaDomainArn?: string;
}

/** Stage, method and path of the call, as the ARN and the stage hop see them. */
interface Call {
  readonly stage: string;
  readonly resourcePath: string;
  readonly method: string;
}

function callOf(context: Context, selected: Selected): Call {
  const method = (context.request.method ?? "GET").toUpperCase();
  const segments = context.url.path.split("/").filter((segment) => segment !== "");
  if (selected.kind === "api" && selected.stage !== undefined) {
    const rest = selected.basePath === undefined ? segments : segments.slice(1);
    return { stage: selected.stage, resourcePath: `/${rest.join("/")}`, method };
  }
  return { stage: segments[0] ?? "", resourcePath: `/${segments.slice(1).join("/")}`, method };
}

function checkPolicies(context: Context, at: AtEndpoint, selected: Selected): void {
  const { model, trace, hcl, request } = context;
  trace.begin("policy");
  const call = callOf(context, selected);
  const apiArn =
    selected.kind === "api"
      ? selected.api.executionArn
      : `arn:aws:execute-api:${at.endpoint.region}:${outsideAccount(model, selected.id)}:${selected.id}`;
  const domain = selected.kind === "api" ? selected.domain : undefined;
  const domainArn =
    domain !== undefined && domain.types.includes("PRIVATE")
      ? `arn:aws:execute-api:${model.region}:${model.account ?? "*"}:/domainnames/${domain.domainName}+${domain.domainNameId}`
      : undefined;
  const base: PolicyRequest = {
    resource: `${apiArn}/${call.stage}/${call.method}${call.resourcePath}`,
    sourceVpce: at.endpoint.id,
    sourceVpc: at.endpoint.vpcId,
    sourceIp: at.sourceIp,
    signed: request.signed === true,
    ...(domain === undefined ? {} : { viaDomainArn: domain.arn }),
  };
  trace.use("policy.source-vpce");
  if (base.signed) trace.use("policy.signed-principal", "the signing identity may invoke the API");

  trace.use("policy.endpoint");
  if (at.endpoint.policy !== undefined) {
    for (const resource of domainArn === undefined ? [base.resource] : [base.resource, domainArn]) {
      const decision = decide(context, at.endpoint.policy, { ...base, resource }, apiArn);
      if (decision !== "allow") {
        context.trace.fail(
          "forbidden",
          `${at.endpoint.policy.address} ${decision === "deny" ? "denies" : "does not allow"} execute-api:Invoke on ${resource}`,
          "policy.endpoint",
        );
      }
    }
  }
  if (domainArn !== undefined && domain !== undefined) {
    if (domain.policy === undefined)
      context.trace.fail(
        "forbidden",
        `${domain.address} has no policy: a private custom domain name denies every call until one allows it`,
        "policy.domain",
      );
    const decision = decide(context, domain.policy, { ...base, resource: domainArn }, domainArn);
    if (decision !== "allow") {
      context.trace.fail(
        "forbidden",
        `${domain.policy.address} (domain policy) ${decision === "deny" ? "denies" : "does not allow"} the call from ${at.endpoint.address}`,
        "policy.domain",
      );
    }
    trace.use("policy.domain");
  }
  if (selected.kind === "outside") {
    trace.pass(
      `${at.endpoint.policy?.address ?? "the default endpoint policy"} allows the call; the outside API's own policy is assumed`,
    );
    return;
  }
  const api = selected.api;
  if (api.policy === undefined) {
    context.trace.fail(
      "forbidden",
      `${api.address} has no resource policy: a private API answers every call 403`,
      "policy.resource-policy-required",
    );
  }
  const decision = decide(context, api.policy, base, api.executionArn);
  if (decision !== "allow") {
    context.trace.fail(
      "forbidden",
      `${api.policy.address} ${decision === "deny" ? "explicitly denies" : "does not allow"} the call through ${at.endpoint.address} (User: anonymous is not authorized to perform: execute-api:Invoke)`,
      "policy.resource-policy-required",
    );
  }
  trace.use("policy.resource-policy-required");
  const stage = model.stages.find(
    (candidate) => candidate.restApiId === api.id && expand(hcl, model, candidate.stageName) === call.stage,
  );
  const deployment = model.deployments.find((candidate) => candidate.id === stage?.deploymentId);
  if (deployment !== undefined && deployment.triggers.includes(`${api.policy.address}.policy`)) {
    trace.use("policy.as-deployed");
  } else if (stage !== undefined) {
    trace.use(
      "policy.deployed-policy-unknown",
      `${deployment?.address ?? stage.address} carries the current ${api.policy.address}`,
    );
  }
  trace.pass(
    `${[at.endpoint.policy?.address ?? "the default (full access) endpoint policy", domain?.policy?.address, api.policy.address].filter((item) => item !== undefined).join(", ")} allow the call through ${at.endpoint.address}`,
  );
}

function outsideAccount(model: StackModel, apiId: string): string {
  for (const endpoint of model.endpoints) {
    for (const statement of endpoint.policy?.statements ?? []) {
      for (const resource of strings(statement.Resource)) {
        const match = new RegExp(`^arn:aws:execute-api:[^:]*:(\\d+):${apiId}/`).exec(resource);
        if (match?.[1] !== undefined) return match[1];
      }
    }
  }
  return model.account ?? "*";
}

/** Allow, deny or implicit deny of one policy for the request. */
function decide(
  context: Context,
  policy: PolicyDocument,
  call: PolicyRequest,
  shorthandBase: string,
): "allow" | "deny" | "none" {
  let allowed = false;
  for (const statement of policy.statements) {
    const actions = strings(statement.Action);
    if (!actions.some((action) => globMatch(action.toLowerCase(), "execute-api:invoke"))) continue;
    if (!principalMatches(context, statement.Principal, call.signed)) continue;
    const resources = strings(statement.Resource).map((resource) => expandResource(context, resource, shorthandBase));
    // `…/*` also covers the ARN itself: a domain name's ARN is invoked without a path.
    if (!resources.some((resource) => globMatch(resource, call.resource) || resource === `${call.resource}/*`))
      continue;
    if (!conditionsHold(context, policy.address, statement.Condition, call)) continue;
    if (statement.Effect === "Deny") return "deny";
    if (statement.Effect === "Allow") allowed = true;
  }
  return allowed ? "allow" : "none";
}

function expandResource(context: Context, resource: string, shorthandBase: string): string {
  const expanded = resource.startsWith("execute-api:/")
    ? `${shorthandBase}/${resource.slice("execute-api:/".length)}`
    : resource;
  return expand(context.hcl, context.model, expanded);
}

function principalMatches(context: Context, principal: unknown, signed: boolean): boolean {
  if (principal === "*" || principal === undefined) return true;
  if (isObject(principal)) {
    const aws = strings(principal.AWS);
    if (aws.includes("*")) return true;
    if (aws.length > 0 && signed) {
      context.trace.use("policy.signed-principal", `the signing identity is one of ${aws.join(", ")}`);
      return true;
    }
  }
  return false;
}

function globMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(value);
}

function conditionsHold(context: Context, policyAddress: string, condition: unknown, call: PolicyRequest): boolean {
  if (!isObject(condition)) return true;
  for (const [operator, tests] of Object.entries(condition)) {
    if (!isObject(tests)) continue;
    for (const [key, expected] of Object.entries(tests)) {
      const principalKey = PRINCIPAL_KEYS[key.toLowerCase()];
      if (principalKey !== undefined && call.signed && context.request.principal === undefined) {
        // A signed caller the request does not describe: taken to be one the policy admits, and said so.
        context.trace.use(
          "policy.caller-principal",
          `the signed caller's ${key} is one of ${strings(expected).join(", ")}`,
        );
        continue;
      }
      const actual =
        principalKey === undefined
          ? conditionValue(key, call)
          : call.signed
            ? (context.request.principal?.[principalKey] ?? "")
            : // An anonymous call carries no principal: no value matches.
              "";
      if (actual === undefined) {
        throw new RequestError(`${policyAddress}: the condition key ${key} is not modelled`);
      }
      const values = strings(expected).map((value) => expand(context.hcl, context.model, value));
      if (!testCondition(policyAddress, operator, values, actual)) return false;
    }
  }
  return true;
}

/** The principal condition keys, and the request's field that answers each. */
const PRINCIPAL_KEYS: Readonly<Record<string, "account" | "organizationId">> = {
  "aws:principalaccount": "account",
  "aws:principalorgid": "organizationId",
};

function conditionValue(key: string, call: PolicyRequest): string | undefined {
  switch (key.toLowerCase()) {
    case "aws:sourcevpce":
      return call.sourceVpce;
    case "aws:sourcevpc":
      return call.sourceVpc;
    case "aws:vpcsourceip":
      return call.sourceIp;
    case "execute-api:viadomainarn":
      return call.viaDomainArn ?? "";
    default:
      return undefined;
  }
}

function testCondition(policyAddress: string, operator: string, values: string[], actual: string): boolean {
  switch (operator) {
    case "StringEquals":
    case "StringEqualsIgnoreCase":
    case "ArnEquals":
      return values.includes(actual);
    case "StringNotEquals":
    case "StringNotEqualsIgnoreCase":
    case "ArnNotEquals":
      return !values.includes(actual);
    case "StringLike":
    case "ArnLike":
      return values.some((value) => globMatch(value, actual));
    case "StringNotLike":
    case "ArnNotLike":
      return !values.some((value) => globMatch(value, actual));
    case "IpAddress":
      return values.some((value) => cidrContains(value.includes("/") ? value : `${value}/32`, actual));
    case "NotIpAddress":
      return !values.some((value) => cidrContains(value.includes("/") ? value : `${value}/32`, actual));
    default:
      throw new RequestError(`${policyAddress}: the condition operator ${operator} is not modelled`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Hop 7: stage, path and method

function checkStage(context: Context, selected: Selected): ReachedApi {
  const { model, trace, hcl, request } = context;
  trace.begin("stage");
  if (selected.kind === "outside") {
    trace.use("api.outside-api-policy", `private API ${selected.id} serves ${context.url.path}`);
    trace.pass(`private API ${selected.id} is outside the stack: its stages are not known here`);
    return { kind: "private-outside-stack", id: selected.id };
  }
  const api = selected.api;
  const call = callOf(context, selected);
  if (selected.stage !== undefined) trace.use("stage.mapping-pins-stage");
  const stage = model.stages.find(
    (candidate) => candidate.restApiId === api.id && expand(hcl, model, candidate.stageName) === call.stage,
  );
  if (stage === undefined) {
    const known = model.stages
      .filter((candidate) => candidate.restApiId === api.id)
      .map((candidate) => expand(hcl, model, candidate.stageName));
    context.trace.fail(
      "missing-authentication-token",
      `${api.address} has no stage "${call.stage}" (stages: ${known.join(", ") || "none"}): 403 Missing Authentication Token`,
      "stage.unknown-path",
    );
  }
  if (api.hasBody) {
    trace.use("stage.openapi-body", `${api.address}'s OpenAPI body serves ${call.method} ${call.resourcePath}`);
    trace.pass(`${stage.address} serves ${api.address}; its paths come from the imported OpenAPI body`);
    return { kind: "private", address: api.address, stage: call.stage, path: call.resourcePath };
  }
  const resourceId = resourceAt(model, api, call.resourcePath);
  const method = model.methods.find(
    (candidate) =>
      candidate.restApiId === api.id &&
      candidate.resourceId === resourceId &&
      [call.method, "ANY"].includes(candidate.httpMethod),
  );
  if (resourceId === undefined || method === undefined) {
    context.trace.fail(
      "missing-authentication-token",
      `${api.address} has no ${call.method} ${call.resourcePath} in stage ${call.stage}: 403 Missing Authentication Token`,
      "stage.unknown-path",
    );
  }
  if (method.authorization === "AWS_IAM" && request.signed !== true) {
    context.trace.fail(
      "missing-authentication-token",
      `${method.address} requires AWS_IAM and the request is unsigned: 403 Missing Authentication Token`,
      "stage.unsigned-aws-iam",
    );
  }
  trace.pass(
    `${stage.address} serves ${method.address} (${call.method} ${call.resourcePath}, authorization ${method.authorization})`,
  );
  return { kind: "private", address: api.address, stage: call.stage, path: call.resourcePath };
}

function resourceAt(model: StackModel, api: RestApi, path: string): string | undefined {
  let current = api.rootResourceId;
  for (const part of path.split("/").filter((segment) => segment !== "")) {
    const child = model.apiResources.find((resource) => resource.parentId === current && resource.pathPart === part);
    if (child === undefined) return undefined;
    current = child.id;
  }
  return current;
}

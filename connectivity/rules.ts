/**
 * The rule book the evaluator encodes: one entry per rule of ../shared/CONNECTIVITY.md that the code uses,
 * with its source keys and confidence mark. A rule marked 🟡 or ❓ is reported as an assumption every time an
 * answer relies on it.
 */

/** Confidence marks of CONNECTIVITY.md: ✅ documented by AWS, 🟡 community or empirical only, ❓ inferred. */
export type Confidence = "✅" | "🟡" | "❓";

/** One rule of the rule book. */
export interface Rule {
  /** Stable identifier used in the code and in answers. */
  readonly id: RuleId;
  /** The CONNECTIVITY.md source keys, e.g. `[A1][R4]`; empty for rules the rule book marks as inferred. */
  readonly sources: readonly string[];
  readonly confidence: Confidence;
  /** What AWS does, in one sentence. */
  readonly text: string;
}

const rules = {
  // Hop 1: DNS
  "dns.private-dns": [
    "✅",
    ["E1", "R1", "A1"],
    "An execute-api endpoint with private DNS on, in a VPC with DNS support and DNS hostnames, answers every *.execute-api.<region>.amazonaws.com name in that VPC with its own addresses, public APIs' names included.",
  ],
  "dns.private-dns-needs-vpc-attributes": [
    "✅",
    ["A3", "E1", "D1"],
    "Private DNS and private hosted zones are not used in a VPC whose DNS support or DNS hostnames attribute is off.",
  ],
  "dns.private-dns-own-vpc-only": [
    "✅",
    ["E1", "A1", "R1", "R4"],
    "The endpoint's private DNS serves its own VPC only: peered VPCs and on-premises resolvers do not see it.",
  ],
  "dns.vpce-names-public": [
    "✅",
    ["A1", "R4"],
    "The endpoint's own names (vpce-<id>-<suffix>.execute-api.<region>.vpce.amazonaws.com, regional or zonal) resolve from any network to its private addresses; they carry no API identity.",
  ],
  "dns.api-vpce-alias": [
    "✅",
    ["A3"],
    "The {api-id}-{vpce-id}.execute-api.<region>.amazonaws.com name exists only once the endpoint is in the API's vpc_endpoint_ids.",
  ],
  "dns.api-vpce-alias-public": [
    "🟡",
    ["S6"],
    "The {api-id}-{vpce-id} name is resolvable publicly, to that endpoint's private addresses.",
  ],
  "dns.private-api-name-without-private-dns": [
    "🟡",
    ["S2", "S4", "R1"],
    "A private API's {api-id}.execute-api name queried where no private DNS or private zone answers it does not lead to the API (reports conflict; treated as a failure: NXDOMAIN).",
  ],
  "dns.phz-most-specific": [
    "✅",
    ["D1"],
    "The most specific private hosted zone associated with the VPC answers the name; if it holds no record for it the answer is NXDOMAIN, with no public fallback.",
  ],
  "dns.phz-shadows-execute-api": [
    "✅",
    ["D1"],
    "A private zone for execute-api.<region>.amazonaws.com or a name under it, associated with the VPC, answers those names instead of public DNS.",
  ],
  "dns.phz-other-region": [
    "✅",
    ["D3"],
    "A private zone may be associated with VPCs of other regions (the association names the VPC's region).",
  ],
  "dns.alias-target": [
    "✅",
    ["D2", "A5"],
    "An alias record answers with its target's addresses: an interface endpoint's DNS name, a load balancer, or an API Gateway regional domain name.",
  ],
  "dns.alias-to-regional-domain": [
    "🟡",
    ["S4"],
    "An alias to an API Gateway regional domain name (d-….execute-api…) answers API Gateway's public addresses, even inside a VPC whose endpoint has private DNS on.",
  ],
  "dns.cname-captured": [
    "🟡",
    ["S4"],
    "A CNAME to an execute-api name is followed by the VPC's resolver, so inside a VPC with private DNS on the request lands on the endpoint (mechanism inferred).",
  ],
  "dns.local-capture-of-alias": [
    "❓",
    [],
    "An {api-id}-{vpce-id} name queried from a VPC whose own endpoint has private DNS on matches the local wildcard and lands on the local endpoint.",
  ],
  "dns.endpoint-dns-entry-order": [
    "❓",
    [],
    "An entry of an interface endpoint's dns_entry taken by position (dns_entry[0]) is not known to be its regional name: the provider keeps the EC2 API's order, which promises none, and the list also holds zonal names and, with private DNS on, a name in a zone hidden in the VPC. A client calling such an entry is taken to call the regional name; an alias to one is taken to fail.",
  ],
  "dns.resolver-inbound": [
    "✅",
    ["R4", "E1"],
    "On-premises resolvers that forward names to a Route 53 Resolver inbound endpoint get the answers of that endpoint's VPC.",
  ],
  "dns.on-premises-forwarders": [
    "❓",
    [],
    "On-premises DNS forwards the names asked about to the stack's Resolver inbound endpoint (conditional forwarders are configured outside the stack).",
  ],
  "dns.public-outside-stack": [
    "❓",
    [],
    "Public DNS for a name no zone of the stack answers: a custom domain name the stack looks up resolves through a CNAME to its regional domain name (seed 002's external DNS); other names are not known to exist.",
  ],
  "dns.zone-outside-stack-is-public": [
    "❓",
    [],
    "A record written into a zone the stack does not create (a zone id literal) is a public zone's record, visible to every resolver.",
  ],
  "dns.adopted-vpc-dns-attributes": [
    "❓",
    [],
    "An adopted VPC's DNS support and DNS hostnames are known only where the stack's plan-time lookup requires them on (its postconditions fail the plan otherwise); without one they are taken as off, and private zones and private DNS as unused there.",
  ],
  "dns.load-balancer-name": [
    "❓",
    [],
    "An internal load balancer's DNS name resolves publicly to its private addresses in its subnets.",
  ],
  "dns.client-uses-resolver": [
    "❓",
    [],
    "An outside client's DNS queries reach the resolver the request names (a Client VPN endpoint's DNS server setting, or a peered VPC's own resolver).",
  ],
  // Hop 2: routes
  "route.local": ["✅", ["VPC basics"], "Inside a VPC the local route always applies (VPC basics)."],
  "route.return": [
    "✅",
    ["VPC basics"],
    "Replies return only where the route tables of the target's subnets hold a route to the client's address.",
  ],
  "route.peering": [
    "✅",
    ["V2", "V4"],
    "Over VPC peering, both sides' route tables need a route to the other CIDR via the peering connection; peering is not transitive.",
  ],
  "route.peering-to-endpoint": [
    "🟡",
    ["V5"],
    "Interface endpoints are reachable over peering: the traffic terminates on an ENI in the peer VPC.",
  ],
  "route.peering-accepted": [
    "❓",
    [],
    "A cross-region peering connection is active only once its accepter accepts it; routes through an unaccepted connection carry nothing.",
  ],
  "route.vgw": [
    "✅",
    ["VPC basics"],
    "On-premises traffic over a virtual private gateway returns only where the VPC's route tables hold a route to it (static, or propagated from the gateway).",
  ],
  "route.bgp-advertises-client": [
    "❓",
    [],
    "The on-premises router advertises the client's range over BGP, so route propagation installs it (the stack cannot see what on-premises advertises).",
  ],
  "route.dx-allowed-prefixes": [
    "✅",
    ["V3"],
    "Over a Direct Connect gateway, the association's allowed_prefixes must equal or contain the VPC CIDR; a narrower or unrelated prefix means no route to the VPC is advertised.",
  ],
  "route.dx-proposal-accepted": [
    "❓",
    [],
    "An association proposal to another account's Direct Connect gateway carries traffic only once that account accepts it, with the proposed allowed prefixes (the owner may override them); the stack cannot see the acceptance.",
  ],
  "route.dx-virtual-interface": [
    "❓",
    [],
    "On-premises traffic reaches a Direct Connect gateway only through a virtual interface attached to it; an adopted gateway is assumed to have one.",
  ],
  "route.transit-gateway": [
    "✅",
    ["VPC basics", "C2"],
    "Over a transit gateway, the VPC must be attached to it and its route tables need a route to the client's range via it; the transit gateway's own route tables (association, propagation) are its owner's and are assumed to carry the range both ways.",
  ],
  "route.client-vpn-nat": [
    "✅",
    ["C1"],
    "A Client VPN endpoint associated with a subnet source-NATs its clients to its network interfaces in that subnet: the VPC sees those addresses, with the endpoint's security groups, never the client pool.",
  ],
  "route.routed-outside-stack": [
    "❓",
    [],
    "A network the request declares as routed outside the stack (a transit gateway, a VPN or a peering built elsewhere) is routed both ways to the VPC.",
  ],
  "route.public-egress": [
    "✅",
    ["VPC basics"],
    "A public address is reached from a VPC only through a route to it (0.0.0.0/0) via an internet gateway, a NAT gateway or a transit gateway to an egress; otherwise the connection times out (VPC basics).",
  ],
  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html ("Public NAT gateway": in a
  // public subnet, with an Elastic IP; the private subnets' route tables send internet traffic to it).
  "route.nat-gateway": [
    "✅",
    ["VPC NAT gateways"],
    "A public NAT gateway carries a private subnet's traffic to the internet, and the replies back, when the subnet's route table sends 0.0.0.0/0 to it, it holds an Elastic IP, and it sits in a public subnet whose route table sends 0.0.0.0/0 to an internet gateway attached to the VPC; a private NAT gateway reaches no internet.",
  ],
  "route.egress-outside-stack": [
    "❓",
    [],
    "A NAT gateway, internet gateway or transit gateway that the VPC's default route names but the stack does not build carries the traffic on to the internet and the replies back (its owner's routes: for a transit gateway, to a central egress).",
  ],
  "route.declared-egress": [
    "❓",
    [],
    "An adopted VPC reaches the internet the way its configuration declares (network.egress, routed outside the stack); the stack cannot see its routes.",
  ],
  "route.outside-client-internet": [
    "❓",
    [],
    "A client outside every VPC of the stack has its own route to API Gateway's public addresses.",
  ],
  "route.nacls-open": ["❓", [], "Network ACLs allow the traffic both ways (NACLs are out of the evaluator's scope)."],
  "route.no-nat": [
    "❓",
    ["S1"],
    "Over peering or Direct Connect the endpoint sees the client's own address (no NAT); behind a load balancer it sees the load balancer's addresses.",
  ],
  // Hop 3: security groups
  "sg.ingress": [
    "✅",
    ["A3", "T2"],
    "The target's security group must allow inbound TCP 443 from the caller, as a CIDR, a prefix list or a referenced security group; groups are stateful, so replies need no rule.",
  ],
  "sg.egress": ["✅", ["T2"], "The sender's security group must allow the traffic out (TCP 443 to the target)."],
  "sg.client-egress-outside-stack": [
    "❓",
    [],
    "The client's own security group (not in the stack) allows TCP 443 out.",
  ],
  "sg.no-cross-region-reference": [
    "✅",
    ["V1"],
    "A security group cannot reference a group across an inter-region peering; only CIDRs match such traffic.",
  ],
  // Hop 4: TLS
  "tls.default-certificate": [
    "🟡",
    ["S5"],
    "The endpoint presents *.execute-api.<region>.amazonaws.com, which covers {api-id}.execute-api… and {api-id}-{vpce-id}.execute-api….",
  ],
  "tls.vpce-name-san": [
    "❓",
    ["A1"],
    "The endpoint's certificate also covers its own *.vpce.amazonaws.com names (inferred from AWS curl examples without -k).",
  ],
  "tls.other-name-mismatch": [
    "🟡",
    ["S4", "S5"],
    "Any other name pointed at the endpoint fails the certificate check, unless it is a private custom domain name.",
  ],
  "tls.private-custom-domain": [
    "✅",
    ["A4"],
    "A private custom domain name presents its own ACM certificate on the endpoints associated with it.",
  ],
  "tls.certificate-covers-name": [
    "✅",
    ["TLS basics"],
    "The client completes the handshake only if the certificate names the host it asked for (an ACM certificate's domain name and subject alternative names).",
  ],
  "tls.certificate-of-domain-name": [
    "❓",
    [],
    "A certificate the stack only knows by ARN covers a name when an API Gateway custom domain name of that name uses the same certificate (API Gateway refuses one that does not).",
  ],
  "tls.certificate-outside-stack": [
    "❓",
    [],
    "A certificate the stack only knows by ARN, and no custom domain name of that name uses, covers the host asked for.",
  ],
  "tls.public-custom-domain": [
    "🟡",
    ["S4"],
    "API Gateway's public regional endpoint presents a custom domain's own certificate for its name.",
  ],
  "tls.alb-terminates": [
    "✅",
    ["S1"],
    "An ALB in front of the endpoint terminates the client's TLS with its listener certificate and opens a new TLS connection to the endpoint's addresses.",
  ],
  "tls.alb-no-sni": ["🟡", ["I1"], "An ALB sends no SNI to HTTPS targets."],
  "tls.alb-host-forwarded": [
    "🟡",
    ["S1", "Q1"],
    "An ALB forwards the client's Host header unchanged to its targets (no host-rewrite transform).",
  ],
  "tls.alb-target-certificate": ["❓", [], "An ALB does not validate its HTTPS targets' certificates."],
  // Hop 5: API selection
  "api.host-names-api": [
    "✅",
    ["A1"],
    "Host {api-id}.execute-api… or {api-id}-{vpce-id}.execute-api… selects that API.",
  ],
  "api.header-names-api": [
    "✅",
    ["A1"],
    "On the endpoint's own names, a Host header naming {api-id}.execute-api… or an x-apigw-api-id header selects that API.",
  ],
  "api.header-precedence": [
    "❓",
    [],
    "When Host and x-apigw-api-id name different APIs, x-apigw-api-id wins (precedence unknown).",
  ],
  "api.no-api-named": [
    "✅",
    ["A1", "R1"],
    "A request whose Host names no API, custom domain or header-selected API is answered 403 Forbidden by the endpoint.",
  ],
  "api.private-custom-domain": [
    "✅",
    ["A1", "A4"],
    "Host = a private custom domain name selects its base path mappings, if the domain has an access association for this endpoint.",
  ],
  "api.public-api": ["✅", ["R1"], "Host = a public API's id, through the endpoint: 403 Forbidden."],
  "api.unknown-api-is-public": ["❓", [], "An API id the stack neither builds nor names in a policy is a public API."],
  "api.regional-domain-trick": [
    "🟡",
    ["S1", "S3", "S4"],
    "Host = a REGIONAL custom domain name mapped to a private API, arriving through the endpoint, reaches the API (legacy or BASIC access mode).",
  ],
  "api.strict-mode": [
    "✅",
    ["A1", "A6"],
    "Under endpoint_access_mode STRICT, a request naming the API by the endpoint's names plus Host or x-apigw-api-id is rejected, and SNI must match Host.",
  ],
  "api.outside-api-policy": [
    "❓",
    [],
    "A private API outside the stack, named in the endpoint policy, admits this endpoint in its own resource policy and serves the path asked for.",
  ],
  // Hop 6: policies
  "policy.caller-principal": [
    "❓",
    [],
    "A signed caller the request does not describe is a principal of the account or organisation the policies admit (aws:PrincipalAccount, aws:PrincipalOrgID); an anonymous call carries no principal and matches none.",
  ],
  "policy.endpoint": [
    "✅",
    ["A7"],
    "The endpoint policy is evaluated first (no policy: full access); an unsigned request is anonymous, a signed one is its IAM principal.",
  ],
  "policy.resource-policy-required": [
    "✅",
    ["A3", "A9"],
    "A private API without a resource policy answers every call 403; the policy must allow the call.",
  ],
  "policy.as-deployed": [
    "✅",
    ["A3", "A9"],
    "Resource policy edits take effect on the next deployment; a deployment whose triggers hash the policy carries the current one.",
  ],
  "policy.deployed-policy-unknown": [
    "❓",
    [],
    "The stage's deployment carries the current resource policy (its triggers do not reference the policy, so a later edit may not be deployed).",
  ],
  "policy.source-vpce": [
    "✅",
    ["K1", "K2", "G1"],
    "aws:SourceVpce is the endpoint the request traversed and aws:SourceVpc that endpoint's VPC, also for callers from peered VPCs, on-premises or behind an ALB; aws:VpcSourceIp is the address the endpoint saw.",
  ],
  "policy.domain": [
    "✅",
    ["A4", "A5", "A10"],
    "A private custom domain's own policy must also allow the call; invoking needs domain policy, API policy, endpoint policy and method authorization.",
  ],
  "policy.signed-principal": [
    "❓",
    ["A8"],
    "The signing identity's own IAM policy allows execute-api:Invoke on the API (same account: the resource policy's Allow suffices).",
  ],
  "policy.outside-api-account": [
    "❓",
    [],
    "An API outside the stack lives in the account its ARN in the endpoint policy names.",
  ],
  // Hop 7: stage and path
  "stage.unknown-path": [
    "🟡",
    ["R2"],
    "A path, method or stage segment the stage does not serve is answered 403 Missing Authentication Token (documented for custom domains, observed in general).",
  ],
  "stage.mapping-pins-stage": [
    "✅",
    ["R2"],
    "A base path mapping pins the stage: the URL names the base path, not the stage.",
  ],
  "stage.unsigned-aws-iam": [
    "🟡",
    ["A8"],
    "An unsigned call to an AWS_IAM method is answered 403 Missing Authentication Token.",
  ],
  "stage.openapi-body": [
    "❓",
    [],
    "An API imported from an OpenAPI body serves the path asked for (the evaluator does not read the document).",
  ],
} as const satisfies Record<string, readonly [Confidence, readonly string[], string]>;

/** Identifier of a rule of the rule book. */
export type RuleId = keyof typeof rules;

/** Every rule the evaluator encodes, keyed by id. */
export const RULES: Readonly<Record<RuleId, Rule>> = Object.fromEntries(
  Object.entries(rules).map(([id, [confidence, sources, text]]) => [
    id,
    { id: id as RuleId, confidence, sources, text },
  ]),
) as Record<string, Rule> as Record<RuleId, Rule>;

/** The rule's source keys as CONNECTIVITY.md writes them, e.g. `[A3][T2]` or `(VPC basics)`, or `(inferred)`. */
export function sourceKeys(rule: Rule): string {
  if (rule.sources.length === 0) return "(inferred)";
  return rule.sources.map((key) => (/^[A-Z]\d+$/.test(key) ? `[${key}]` : `(${key})`)).join("");
}

/** The rules an answer may report as assumptions: every 🟡 and ❓ rule, in rule-book order. */
export function assumptionRules(): Rule[] {
  return Object.values(RULES).filter((rule) => rule.confidence !== "✅");
}

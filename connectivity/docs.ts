/**
 * Markdown blocks for the README, generated from the shipped stacks so that they cannot drift:
 * `diagram:<topology>` (Mermaid, from the shipped stack with the most resources), `reach:<topology>` (who
 * reaches what, every row on every shipped environment), `assumptions` and `models`.
 */
import { evaluate } from "./evaluate";
import { expectedFor, requestsOf, type Matrix } from "./matrix";
import { addressOf, isObject, referenceOf, strings, text } from "./hcl";
import {
  cidrCovers,
  modelOf,
  type DnsRecord,
  type DxGateway,
  type Endpoint,
  type PolicyDocument,
  type RouteTable,
  type SecurityGroupRule,
  type StackModel,
  type TargetGroup,
  type Vpc,
  UNKNOWN_CIDR,
} from "./model";
import { assumptionRules, sourceKeys } from "./rules";
import { loadShipped, type ShippedStack } from "./shipped";

/** A topology's matrix and its shipped stacks. */
export interface TopologyConnectivity {
  readonly matrix: Matrix;
  readonly stacks: readonly ShippedStack[];
}

/** The README blocks, keyed `diagram:<topology>`, `reach:<topology>`, `assumptions` and `models`. */
export async function connectivityDocs(topologies: readonly TopologyConnectivity[]): Promise<Record<string, string>> {
  const blocks: Record<string, string> = { assumptions: assumptionsBlock(), models: MODELS };
  for (const { matrix, stacks } of topologies) {
    const shipped = await loadShipped(stacks);
    const richest = [...shipped].sort(
      (a, b) =>
        Object.values(b.stack.hcl.resource).flatMap(Object.keys).length -
        Object.values(a.stack.hcl.resource).flatMap(Object.keys).length,
    )[0];
    if (richest !== undefined)
      blocks[`diagram:${matrix.topology}`] = stackDiagram(richest.name, modelOf(richest.name, richest.stack.hcl));
    blocks[`reach:${matrix.topology}`] = reachTable(matrix, shipped);
  }
  return blocks;
}

function reachTable(matrix: Matrix, shipped: Awaited<ReturnType<typeof loadShipped>>): string {
  const environments = shipped.map((stack) => stack.environment);
  const lines = [
    `| Client | URL | Promised | ${environments.join(" | ")} |`,
    `| --- | --- | --- | ${environments.map(() => "---").join(" | ")} |`,
  ];
  const gaps: string[] = [];
  for (const row of matrix.rows) {
    const cells = shipped.map(({ stack, environment }) => {
      const requests = requestsOf(row.request, stack);
      if (requests.length === 0) return "n/a";
      const outcomes = [
        ...new Set(
          requests
            .map((request) => evaluate(stack, request))
            .map((answer) => (answer.outcome === "ok" ? "ok" : `${answer.outcome} (${answer.hop})`)),
        ),
      ];
      const expected = expectedFor(row, environment);
      return expected.gap === undefined ? outcomes.join(", ") : `**${outcomes.join(", ")}**`;
    });
    lines.push(
      `| ${row.client} | ${row.url} | ${row.expect.outcome}${row.expect.hop === undefined ? "" : ` (${row.expect.hop})`} | ${cells.join(" | ")} |`,
    );
    for (const gap of row.shipped ?? [])
      gaps.push(
        `- **${row.client} → ${row.url}** (${gap.environments?.join(", ") ?? "every environment"}): ${gap.gap}.`,
      );
  }
  return [
    ...lines,
    "",
    ...(gaps.length === 0 ? [] : ["Bold: a shipped environment does not deliver the promise yet:", "", ...gaps]),
  ].join("\n");
}

function assumptionsBlock(): string {
  return [
    "Every 🟡 (community or empirical source only) and ❓ (inferred) rule the evaluator uses; an answer lists each one it relied on. Only a real deploy confirms them.",
    "",
    ...assumptionRules().map((rule) => `- ${rule.confidence} \`${rule.id}\` ${sourceKeys(rule)}: ${rule.text}`),
  ].join("\n");
}

const MODELS = [
  "The evaluator reads the committed HCL (never the constructs) and models: VPCs (created, or adopted where a peering's routes give their CIDR) with their DNS attributes; subnets, route tables, routes, VGW route propagation and attachments, transit gateway VPC attachments, NAT gateways (their subnet, Elastic IP and connectivity type) and internet gateways, peering connections and their accepters, Direct Connect gateways, associations (`allowed_prefixes`) and virtual interfaces; security groups and their rules (with the `client-network` and `arrives-via` tags that say how a client network arrives), managed prefix lists; execute-api endpoints (private DNS, subnets, fixed addresses, endpoint policy); Route 53 private zones, their VPC associations and records (alias and CNAME), Resolver inbound endpoints; internal ALBs, listeners, target groups and targets; ACM certificates; REST APIs (endpoint types, `vpc_endpoint_ids`, resource policy, resources, methods and their authorization, deployments and stages); custom domain names, base path mappings, access associations and domain policies; looked-up custom domains of public APIs.",
  "",
  "It does not model: network ACLs (assumed open, and said so in every answer), AWS WAF, throttling and quotas, Lambda or Cognito authorizers, API keys and usage plans, mutual TLS, IPv6, Resolver forwarding rules, transit gateway route tables (the gateway owner's: assumed to carry the client range both ways), Client VPN endpoints themselves (their users are asked as a client in the VPC carrying the endpoint's security group, `--security-group`), what public DNS holds for names outside the stack, the contents of an imported OpenAPI body, and anything only AWS knows at run time (propagation delays, provisioning state, whether a literal id exists). Values known only after apply are followed by reference, never guessed.",
  "",
  "It complements a real deploy test (calling the API from each client network after `terraform apply`, Terratest-style) rather than replacing it: it answers before anything is deployed, on every pull request, and names the resource and rule behind each failure; the assumptions it lists are exactly what such a deploy test must confirm.",
].join("\n");

/** How a node is drawn: a box (or hexagon, parallelogram) is a resource of the stack, a stadium is not. */
type Shape = "box" | "stadium" | "hexagon" | "slanted";

const SHAPES: Record<Shape, readonly [string, string]> = {
  box: ["[", "]"],
  stadium: ["([", "])"],
  hexagon: ["{{", "}}"],
  slanted: ["[/", "/]"],
};

/** A Mermaid flowchart under construction: nodes and subgraphs by key, edges merged by their ends. */
class Flowchart {
  private readonly ids = new Map<string, string>();
  private readonly groups = new Map<string, { readonly text: string; readonly parent?: string }>();
  private readonly nodes = new Map<string, { readonly text: string; readonly shape: Shape; readonly group?: string }>();
  private readonly edges = new Map<string, { from: string; to: string; dotted: boolean; labels: Set<string> }>();

  has(key: string): boolean {
    return this.nodes.has(key) || this.groups.has(key);
  }

  /** A subgraph (the first definition of a key wins). */
  group(key: string, text: string, parent?: string): string {
    if (!this.has(key)) this.groups.set(key, { text, ...(parent === undefined ? {} : { parent }) });
    return key;
  }

  /** A node (the first definition of a key wins). */
  node(key: string, shape: Shape, text: string, group?: string): string {
    if (!this.has(key)) this.nodes.set(key, { text, shape, ...(group === undefined ? {} : { group }) });
    return key;
  }

  /** An edge; edges with the same ends and style share one arrow, their labels joined. */
  edge(from: string, to: string, text?: string, dotted = false): void {
    const key = `${from}\n${to}\n${String(dotted)}`;
    let edge = this.edges.get(key);
    if (edge === undefined) {
      edge = { from, to, dotted, labels: new Set() };
      this.edges.set(key, edge);
    }
    if (text !== undefined && text !== "") edge.labels.add(text);
  }

  render(): string[] {
    const lines = ["flowchart LR"];
    const emit = (parent: string | undefined, indent: string): void => {
      for (const [key, group] of this.groups) {
        if (group.parent !== parent) continue;
        lines.push(`${indent}subgraph ${this.id(key)}[${group.text}]`);
        emit(key, `${indent}  `);
        lines.push(`${indent}end`);
      }
      for (const [key, node] of this.nodes) {
        if (node.group !== parent) continue;
        const [open, close] = SHAPES[node.shape];
        lines.push(`${indent}${this.id(key)}${open}${node.text}${close}`);
      }
    };
    emit(undefined, "  ");
    for (const edge of this.edges.values()) {
      for (const end of [edge.from, edge.to])
        if (!this.has(end)) throw new Error(`diagram: an edge names ${end}, which is no node or subgraph`);
      const caption = [...edge.labels].join(", ").replace(/"/g, "'");
      const [from, to] = [this.id(edge.from), this.id(edge.to)];
      if (edge.dotted) lines.push(caption === "" ? `  ${from} -.-> ${to}` : `  ${from} -. "${caption}" .-> ${to}`);
      else lines.push(caption === "" ? `  ${from} --> ${to}` : `  ${from} -- "${caption}" --> ${to}`);
    }
    return lines;
  }

  /** A Mermaid id per key: the key with every other character made `_`, numbered when two keys collide. */
  private id(key: string): string {
    let id = this.ids.get(key);
    if (id === undefined) {
      const base = key.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "") || "node";
      const taken = new Set(this.ids.values());
      id = base;
      for (let n = 2; taken.has(id); n += 1) id = `${base}_${String(n)}`;
      this.ids.set(key, id);
    }
    return id;
  }
}

/** A quoted label: a title, detail lines, and the Terraform address in small type. */
function label(title: string, details: readonly (string | undefined)[] = [], address?: string): string {
  const lines = [title, ...details, address === undefined ? undefined : `<i>${address}</i>`].filter(
    (line): line is string => line !== undefined && line !== "",
  );
  return `"${lines.join("<br/>").replace(/"/g, "'")}"`;
}

const SERVICES: Record<number, string> = { 22: "SSH", 53: "DNS", 80: "HTTP", 443: "HTTPS" };

/** What a security group rule admits, as a reader names it: `HTTPS 443`, `DNS 53/udp`, `TCP 8000-8080`. */
function portsOf(rule: SecurityGroupRule): string {
  const protocol = rule.protocol.toLowerCase();
  if (protocol === "-1" || protocol === "all") return "all traffic";
  if (rule.fromPort === undefined || rule.fromPort === -1) return protocol.toUpperCase();
  const single = rule.toPort === undefined || rule.toPort === rule.fromPort;
  const ports = single ? String(rule.fromPort) : `${String(rule.fromPort)}-${String(rule.toPort)}`;
  const service = single ? SERVICES[rule.fromPort] : undefined;
  if (service === undefined) return `${protocol.toUpperCase()} ${ports}`;
  return /^HTTP/.test(service) && protocol === "tcp" ? `${service} ${ports}` : `${service} ${ports}/${protocol}`;
}

/** The network a rule's description names (`HTTPS from client network vpn` → `Client network vpn`). */
function networkName(description: string | undefined): string | undefined {
  if (description === undefined) return undefined;
  const name = description
    .replace(/^.*?\bfrom\s+(the\s+)?/i, "")
    .replace(/\s*\([^)]*\)\s*$/, "")
    .trim();
  return name === "" ? undefined : `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

function prefixLength(cidr: string): number {
  return Number(cidr.split("/")[1] ?? "0");
}

/** One step of a path into a VPC: the node, and the label of the edge that reaches it. */
interface Hop {
  readonly key: string;
  readonly via: string;
  /** Nodes the path may take instead of `key`, in parallel (a gateway's other virtual interfaces). */
  readonly parallel?: readonly string[];
}

/**
 * A Mermaid flowchart of one stack, read from its model only: each VPC (grouped by region when there are
 * several) with its endpoint, load balancer, target group, Resolver endpoint and virtual private gateway;
 * the networks its security groups admit and the way their traffic enters (peering, Direct Connect, or a route
 * outside the stack); private zones, their associations and what their records alias; the API, its custom
 * domains and policies.
 */
export function stackDiagram(stackName: string, model: StackModel): string {
  const chart = new Flowchart();
  const regions = new Set([...model.vpcs.map((vpc) => vpc.region), ...model.restApis.map((api) => api.region)]);
  const regionGroup = (region: string): string | undefined =>
    regions.size > 1 ? chart.group(`region:${region}`, label(`Region ${region}`)) : undefined;
  const vpcOf = (vpcId: string | undefined): Vpc | undefined => model.vpcs.find((vpc) => vpc.id === vpcId);
  const vpcOfSubnets = (subnetIds: readonly string[]): string | undefined =>
    model.subnets.find((subnet) => subnetIds.includes(subnet.id))?.vpcId;
  const groupOf = (vpcId: string | undefined): string | undefined => {
    const vpc = vpcOf(vpcId);
    return vpc?.address;
  };
  const tablesOf = (vpcId: string | undefined): RouteTable[] =>
    model.routeTables.filter(
      (table) =>
        table.vpcId === vpcId ||
        model.subnets.some((subnet) => subnet.vpcId === vpcId && table.subnetIds.includes(subnet.id)),
    );
  const clientsOf = (vpc: Vpc): string => `${vpc.address}:clients`;

  for (const vpc of model.vpcs) {
    const subnets = model.subnets.filter((subnet) => subnet.vpcId === vpc.id);
    chart.group(
      vpc.address,
      label(
        vpc.cidr === UNKNOWN_CIDR ? "VPC (CIDR not in the stack)" : `VPC ${vpc.cidr}`,
        [
          vpc.region,
          vpc.created ? undefined : `${vpc.id}, adopted (not created by this stack)`,
          subnets.length === 0
            ? undefined
            : `${String(subnets.length)} subnets in ${String(new Set(subnets.map((s) => s.zone)).size)} zones`,
        ],
        vpc.created ? vpc.address : undefined,
      ),
      regionGroup(vpc.region),
    );
    const defaultRoute = tablesOf(vpc.id)
      .flatMap((table) => table.routes)
      .find((route) => route.destination.endsWith("/0"));
    chart.node(
      clientsOf(vpc),
      "stadium",
      label("Clients in this VPC", [
        defaultRoute === undefined ? "no route to the internet" : `default route via ${defaultRoute.target.kind}`,
      ]),
      vpc.address,
    );
  }

  for (const endpoint of model.endpoints) {
    const fixed = endpoint.fixedAddresses.map((address) => address.ip);
    chart.node(
      endpoint.address,
      "box",
      label(
        "execute-api interface endpoint",
        [
          `private DNS ${endpoint.privateDns ? "on" : "off"}`,
          fixed.length > 0
            ? `fixed addresses ${fixed.join(", ")}`
            : `one address in each of ${String(endpoint.subnetIds.length)} subnets`,
          endpointPolicyOf(model, endpoint),
        ],
        endpoint.address,
      ),
      groupOf(endpoint.vpcId),
    );
  }

  for (const lb of model.loadBalancers) {
    const vpcId = vpcOfSubnets(lb.subnetIds);
    chart.node(
      lb.address,
      "box",
      label(
        `${lb.internal ? "Internal" : "Internet-facing"} application load balancer`,
        lb.listeners.map(
          (listener) =>
            `${listener.protocol} ${String(listener.port)} → ${listener.action.type}${listener.sslPolicy === undefined ? "" : ` (${listener.sslPolicy})`}`,
        ),
        lb.address,
      ),
      groupOf(vpcId),
    );
    for (const listener of lb.listeners) {
      const group = model.targetGroups.find((candidate) => candidate.arn === listener.action.targetGroupArn);
      if (group === undefined) continue;
      drawTargetGroup(chart, model, group, groupOf(group.vpcId ?? vpcId));
      chart.edge(lb.address, group.address, `${listener.protocol} ${String(listener.port)} listener`);
    }
  }
  for (const group of model.targetGroups) drawTargetGroup(chart, model, group, groupOf(group.vpcId));

  for (const resolver of model.resolverEndpoints) {
    chart.node(
      resolver.address,
      "box",
      label(
        `Route 53 Resolver ${resolver.direction.toLowerCase()} endpoint`,
        [
          `${String(resolver.subnetIds.length)} addresses, one per subnet`,
          resolver.direction === "INBOUND" ? "answers queries from outside with the VPC's DNS view" : undefined,
        ],
        resolver.address,
      ),
      groupOf(vpcOfSubnets(resolver.subnetIds)),
    );
  }

  for (const gateway of model.vpnGateways) {
    const tables = tablesOf(gateway.vpcId);
    const propagated = tables.filter((table) => table.propagations.some((p) => p.gatewayId === gateway.id));
    chart.node(
      gateway.address,
      "box",
      label(
        "Virtual private gateway",
        [
          gateway.amazonSideAsn === undefined ? undefined : `Amazon side ASN ${gateway.amazonSideAsn}`,
          `route propagation into ${String(propagated.length)} of ${String(tables.length)} route tables`,
        ],
        gateway.address,
      ),
      groupOf(gateway.vpcId),
    );
  }

  for (const gateway of model.dxGateways) {
    const key = dxGatewayKey(gateway);
    if (gateway.address === undefined)
      chart.node(key, "stadium", label("Direct Connect gateway", [gateway.id, "not in this stack"]));
    else
      chart.node(
        key,
        "box",
        label(
          "Direct Connect gateway",
          [gateway.amazonSideAsn === undefined ? undefined : `Amazon side ASN ${gateway.amazonSideAsn}`],
          gateway.address,
        ),
      );
    const interfaces = model.virtualInterfaces.filter((vif) => vif.dxGatewayId === gateway.id);
    for (const vif of interfaces) {
      chart.node(
        vif.address,
        "box",
        label(
          virtualInterfaceKind(vif.address),
          [
            vif.virtualInterfaceId,
            vif.connectionId === undefined ? undefined : `connection ${vif.connectionId}`,
            [
              vif.vlan === undefined ? undefined : `VLAN ${String(vif.vlan)}`,
              vif.bgpAsn === undefined ? undefined : `BGP ASN ${String(vif.bgpAsn)}`,
            ]
              .filter((part) => part !== undefined)
              .join(", "),
          ],
          vif.address,
        ),
      );
      chart.edge(vif.address, key, "attachment");
    }
    if (interfaces.length === 0) {
      chart.node(`${key}:vif`, "stadium", label("Virtual interface", ["not in this stack"]));
      chart.edge(`${key}:vif`, key, "attachment");
    }
  }
  for (const association of model.dxAssociations) {
    const gateway = model.dxGateways.find((candidate) => candidate.id === association.dxGatewayId);
    const target =
      model.vpnGateways.find((candidate) => candidate.id === association.gatewayId)?.address ??
      chart.node(
        `gateway:${association.gatewayId}`,
        "stadium",
        label("Gateway", [association.gatewayId, "not in this stack"]),
      );
    if (gateway !== undefined)
      chart.edge(
        dxGatewayKey(gateway),
        target,
        `${association.proposedTo === undefined ? "association" : `association proposal, accepted by account ${association.proposedTo}`}, allowed prefixes ${association.allowedPrefixes.join(", ") || "none"}`,
      );
  }

  for (const peering of model.peerings) {
    const requester = vpcOf(peering.vpcId)?.region ?? model.region;
    const accepter = peering.peerRegion ?? vpcOf(peering.peerVpcId)?.region ?? requester;
    const routed = (vpcId: string): boolean =>
      tablesOf(vpcId).some((table) =>
        table.routes.some((route) => route.target.kind === "peering" && peering.ids.includes(route.target.id)),
      );
    const ways = [routed(peering.vpcId), routed(peering.peerVpcId)].filter(Boolean).length;
    chart.node(
      peering.address,
      "box",
      label(
        "VPC peering connection",
        [
          requester === accepter ? requester : `${requester} ↔ ${accepter}`,
          ways === 2 ? "routes both ways" : ways === 1 ? "routes one way only" : "no routes over it",
          peering.accepter !== undefined || peering.autoAccept
            ? "accepted in this stack"
            : "accepted outside this stack",
        ],
        peering.address,
      ),
    );
  }

  for (const api of model.restApis) {
    const stages = model.stages.filter((stage) => stage.restApiId === api.id).map((stage) => stage.stageName);
    const authorization = [
      ...new Set(model.methods.filter((method) => method.restApiId === api.id).map((method) => method.authorization)),
    ];
    chart.node(
      api.address,
      "box",
      label(
        `${api.types.includes("PRIVATE") ? "Private" : api.types.join(", ")} REST API ${api.name}`,
        [
          [
            stages.length === 0 ? "no stage" : `stage ${stages.join(", ")}`,
            authorization.length === 0
              ? undefined
              : `authorization ${authorization.map((kind) => (kind === "NONE" ? "none" : kind)).join(", ")}`,
          ]
            .filter((part) => part !== undefined)
            .join("; "),
          policyOf(model, api.policy, "resource policy"),
        ],
        api.address,
      ),
      regionGroup(api.region),
    );
    for (const endpoint of model.endpoints)
      if (api.types.includes("PRIVATE") && endpoint.region === api.region)
        chart.edge(endpoint.address, api.address, "execute-api:Invoke");
  }
  for (const domain of model.domainNames) {
    const api = model.restApis.find((candidate) =>
      model.mappings.some((mapping) => mapping.apiId === candidate.id && mapping.domainName.includes(domain.address)),
    );
    chart.node(
      domain.address,
      "slanted",
      label(
        `Custom domain ${domain.domainName}`,
        [domain.types.join(", "), policyOf(model, domain.policy, "domain policy")],
        domain.address,
      ),
      regionGroup(api?.region ?? model.region),
    );
    for (const association of model.accessAssociations.filter((candidate) => candidate.domainNameArn === domain.arn)) {
      const endpoint = model.endpoints.find((candidate) => candidate.id === association.source);
      if (endpoint !== undefined) chart.edge(endpoint.address, domain.address, "access association");
    }
    for (const mapping of model.mappings.filter(
      (candidate) => candidate.domainName === domain.domainName || candidate.domainName.includes(domain.address),
    )) {
      const target = model.restApis.find((candidate) => candidate.id === mapping.apiId);
      const stage = model.stages.find((candidate) => mapping.stageName?.includes(candidate.address))?.stageName;
      if (target !== undefined)
        chart.edge(
          domain.address,
          target.address,
          `base path mapping /${mapping.basePath}${stage === undefined ? "" : ` → stage ${stage}`}`,
        );
    }
  }
  for (const domain of model.lookedUpDomains)
    chart.node(
      domain.address,
      "box",
      label(`Regional custom domain ${domain.domainName}`, ["a public API's, looked up by name"], domain.address),
    );

  drawDns(chart, model, clientsOf);
  for (const endpoint of model.endpoints) {
    const vpc = vpcOf(endpoint.vpcId);
    if (endpoint.privateDns && vpc !== undefined)
      chart.edge(clientsOf(vpc), endpoint.address, `private DNS *.execute-api.${endpoint.region}.amazonaws.com`, true);
  }
  drawAdmitted(chart, model, { clientsOf, tablesOf, vpcOfSubnets });

  return [`From \`generated/${stackName}/main.tf\`:`, "", "```mermaid", ...chart.render(), "```"].join("\n");
}

function dxGatewayKey(gateway: DxGateway): string {
  return gateway.address ?? `dxgw:${gateway.id}`;
}

function virtualInterfaceKind(address: string): string {
  if (address.startsWith("aws_dx_transit_virtual_interface.")) return "Transit virtual interface";
  if (address.startsWith("aws_dx_hosted_")) return "Hosted private virtual interface (accepter)";
  return "Private virtual interface";
}

function drawTargetGroup(chart: Flowchart, model: StackModel, group: TargetGroup, parent: string | undefined): void {
  if (chart.has(group.address)) return;
  const check = group.healthCheck;
  chart.node(
    group.address,
    "box",
    label(
      `Target group (${group.targetType} targets, ${group.protocol} ${String(group.port)})`,
      [
        group.targets.length === 0
          ? "no targets in this stack"
          : `targets ${group.targets.map((t) => t.ip).join(", ")}`,
        check === undefined ? undefined : `health check ${check.path ?? "/"} → ${check.matcher ?? "200"}`,
      ],
      group.address,
    ),
    parent,
  );
  for (const target of group.targets) {
    const endpoint = model.endpoints.find((candidate) =>
      candidate.fixedAddresses.some((address) => address.ip === target.ip),
    );
    const to =
      endpoint?.address ?? chart.node(target.address, "box", label(`Target ${target.ip}`, [], target.address), parent);
    chart.edge(group.address, to, `${group.protocol} ${String(target.port)}`);
  }
}

/** Zones, their VPC associations and what their records name; records the stack writes into other zones. */
function drawDns(chart: Flowchart, model: StackModel, clientsOf: (vpc: Vpc) => string): void {
  for (const zone of model.zones) {
    chart.node(zone.address, "hexagon", label(`Private hosted zone ${zone.name}`, [], zone.address));
    for (const association of zone.associations) {
      const vpc = model.vpcs.find((candidate) => candidate.id === association.vpcId);
      const from =
        vpc === undefined
          ? chart.node(
              `vpc:${association.vpcId}`,
              "stadium",
              label(`VPC ${association.vpcId}`, [association.region, "not in this stack"]),
            )
          : clientsOf(vpc);
      chart.edge(from, zone.address, "zone association", true);
    }
    for (const record of zone.records) drawRecord(chart, model, zone.address, record);
  }
  // Records written into zones outside the stack (a public zone, say) matter here only when they name a
  // node of the diagram.
  for (const record of model.foreignRecords) {
    const names = record.alias === undefined ? record.values : [record.alias.name];
    if (!names.some((name) => namedNode(chart, model, name) !== undefined)) continue;
    chart.node(
      record.address,
      "hexagon",
      label(`Record ${record.name}`, [`in zone ${record.zoneId ?? "?"}, not in this stack`], record.address),
    );
    drawRecord(chart, model, record.address, { ...record, name: "" });
  }
}

function drawRecord(chart: Flowchart, model: StackModel, from: string, record: DnsRecord): void {
  const caption = `${record.alias === undefined ? "" : "alias "}${record.type} ${record.name}`.trim();
  for (const name of record.alias === undefined ? record.values : [record.alias.name]) {
    chart.edge(from, dnsTarget(chart, model, name), caption, true);
  }
}

/** The node of the chart a DNS name (or address) names, if any. */
function namedNode(chart: Flowchart, model: StackModel, name: string): string | undefined {
  const lb = model.loadBalancers.find((candidate) => candidate.dnsName === name);
  if (lb !== undefined) return lb.address;
  const endpoint = model.endpoints.find((candidate) => candidate.fixedAddresses.some((address) => address.ip === name));
  if (endpoint !== undefined) return endpoint.address;
  const expression = referenceOf(name);
  // An endpoint's regional entry, picked by a local: the endpoint.
  const local = /^local\.([\w-]+)\.dns_name$/.exec(expression ?? "")?.[1];
  const picked = local === undefined ? undefined : referenceOf(model.regionalEntries[local] ?? "");
  const address =
    picked !== undefined ? addressOf(picked) : expression === undefined ? undefined : addressOf(expression);
  return address !== undefined && chart.has(address) ? address : undefined;
}

/** The node a DNS name (or address) resolves to: a node of the chart when it names one, else the name itself. */
function dnsTarget(chart: Flowchart, model: StackModel, name: string): string {
  const named = namedNode(chart, model, name);
  if (named !== undefined) return named;
  const expression = referenceOf(name);
  const address = expression === undefined ? undefined : addressOf(expression);
  if (address !== undefined && expression !== undefined)
    return chart.node(address, "box", label("DNS name of another resource", [expression], address));
  const regional = /^d-[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/.test(name);
  return chart.node(
    `dns:${name}`,
    "stadium",
    label(regional ? "API Gateway regional domain name" : "DNS name", [
      name,
      regional ? "a regional custom domain: public addresses" : "not in this stack",
    ]),
  );
}

/**
 * What the security groups of the endpoints, load balancers and Resolver endpoints admit: from each source (a
 * VPC's clients, a network named by CIDR, a prefix list's entries), along the way the target VPC's routes
 * send the replies (peering, virtual private gateway and Direct Connect, transit gateway), to the target.
 */
function drawAdmitted(
  chart: Flowchart,
  model: StackModel,
  helpers: {
    readonly clientsOf: (vpc: Vpc) => string;
    readonly tablesOf: (vpcId: string | undefined) => RouteTable[];
    readonly vpcOfSubnets: (subnetIds: readonly string[]) => string | undefined;
  },
): void {
  const { clientsOf, tablesOf, vpcOfSubnets } = helpers;
  const targets = [
    ...model.endpoints.map((e) => ({ key: e.address, vpcId: e.vpcId, groupIds: e.securityGroupIds })),
    ...model.loadBalancers.map((lb) => ({
      key: lb.address,
      vpcId: vpcOfSubnets(lb.subnetIds),
      groupIds: lb.securityGroupIds,
    })),
    ...model.resolverEndpoints.map((r) => ({
      key: r.address,
      vpcId: vpcOfSubnets(r.subnetIds),
      groupIds: r.securityGroupIds,
    })),
  ];
  const vpcCovering = (cidr: string): Vpc | undefined => model.vpcs.find((vpc) => cidrCovers(vpc.cidr, cidr));

  const hopsTo = (vpcId: string | undefined, cidr: string): Hop[] => {
    const source = vpcCovering(cidr);
    if (vpcId === undefined || source?.id === vpcId) return [];
    const tables = tablesOf(vpcId);
    const route = tables
      .flatMap((table) => table.routes)
      .filter((candidate) => candidate.target.kind !== "other" && cidrCovers(candidate.destination, cidr))
      .filter((candidate) => !["nat-gateway", "internet-gateway"].includes(candidate.target.kind))
      .sort((a, b) => prefixLength(b.destination) - prefixLength(a.destination))[0];
    if (route?.target.kind === "peering") {
      const peering = model.peerings.find((candidate) => candidate.ids.includes(route.target.id));
      const key =
        peering?.address ??
        chart.node(
          `peering:${route.target.id}`,
          "stadium",
          label("VPC peering connection", [route.target.id, "not in this stack"]),
        );
      return [{ key, via: "peering" }];
    }
    if (route?.target.kind === "transit-gateway") {
      const expression = referenceOf(route.target.id);
      const address = expression === undefined ? undefined : addressOf(expression);
      const key =
        address ??
        chart.node(
          `tgw:${route.target.id}`,
          "stadium",
          label("Transit gateway", [route.target.id, "not in this stack"]),
        );
      if (address !== undefined) chart.node(address, "box", label("Transit gateway", [], address));
      return [{ key, via: `route ${route.destination}` }];
    }
    const gatewayId =
      route?.target.kind === "vpn-gateway"
        ? route.target.id
        : tables.flatMap((table) => table.propagations)[0]?.gatewayId;
    const gateway = model.vpnGateways.find((candidate) => candidate.id === gatewayId);
    if (gateway === undefined) return [];
    const associations = model.dxAssociations.filter((candidate) => candidate.gatewayId === gateway.id);
    const hops: Hop[] = [];
    for (const association of associations.slice(0, 1)) {
      const dxGateway = model.dxGateways.find((candidate) => candidate.id === association.dxGatewayId);
      if (dxGateway === undefined) continue;
      const [vif, ...others] = model.virtualInterfaces.filter((candidate) => candidate.dxGatewayId === dxGateway.id);
      hops.push({
        key: vif?.address ?? `${dxGatewayKey(dxGateway)}:vif`,
        via: "BGP over Direct Connect",
        parallel: others.map((other) => other.address),
      });
      hops.push({ key: dxGatewayKey(dxGateway), via: "attachment" });
    }
    hops.push({
      key: gateway.address,
      // A Direct Connect association labels its own edge into the gateway.
      via: associations.length > 0 ? "" : route === undefined ? "propagated routes" : `route ${route.destination}`,
    });
    return hops;
  };

  const connect = (from: string, hops: readonly Hop[], to: string, ports: string): void => {
    let previous = [from];
    for (const hop of hops) {
      const keys = [hop.key, ...(hop.parallel ?? [])];
      for (const before of previous) for (const key of keys) chart.edge(before, key, hop.via);
      previous = keys;
    }
    for (const before of previous) chart.edge(before, to, ports);
  };

  const network = (cidr: string, name: string | undefined, hops: readonly Hop[], group?: string): string =>
    chart.node(
      `net:${cidr}`,
      "stadium",
      label(name ?? "Network", [
        cidr,
        hops.length === 0 && group === undefined ? "routed outside this stack" : undefined,
      ]),
      group,
    );

  for (const target of targets) {
    const rules = model.securityGroups
      .filter((group) => target.groupIds.includes(group.id))
      .flatMap((group) => group.rules)
      .filter((rule) => rule.direction === "ingress");
    for (const rule of rules) {
      const ports = portsOf(rule);
      if (rule.cidr !== undefined) {
        const vpc = vpcCovering(rule.cidr);
        const hops = hopsTo(target.vpcId, rule.cidr);
        const from = vpc === undefined ? network(rule.cidr, networkName(rule.description), hops) : clientsOf(vpc);
        connect(from, hops, target.key, ports);
      } else if (rule.prefixListId !== undefined) {
        const list = model.prefixLists.find((candidate) => candidate.id === rule.prefixListId);
        if (list === undefined) {
          const from = chart.node(
            `pl:${rule.prefixListId}`,
            "stadium",
            label(networkName(rule.description) ?? "Prefix list", [rule.prefixListId, "not in this stack"]),
          );
          connect(from, [], target.key, ports);
          continue;
        }
        const group = chart.group(
          list.address,
          label(networkName(rule.description) ?? "Networks", ["managed prefix list"], list.address),
        );
        const paths = list.entries.map((entry) => ({ entry, hops: hopsTo(target.vpcId, entry.cidr) }));
        for (const { entry, hops } of paths) network(entry.cidr, entry.description, hops, group);
        const shared = paths.every((path) => JSON.stringify(path.hops) === JSON.stringify(paths[0]?.hops));
        if (shared) connect(group, paths[0]?.hops ?? [], target.key, ports);
        else for (const { entry, hops } of paths) connect(`net:${entry.cidr}`, hops, target.key, ports);
      } else if (
        rule.referencedGroupId !== undefined &&
        !model.securityGroups.some((group) => group.id === rule.referencedGroupId && group.address !== group.id)
      ) {
        // A group the stack does not hold: a Client VPN endpoint's, whose users arrive NATed to its interfaces.
        const from = chart.node(
          `sg:${rule.referencedGroupId}`,
          "stadium",
          label(networkName(rule.description) ?? "Security group", [
            rule.tags?.["arrives-via"] === "client-vpn" ? "Client VPN endpoint, NATed into the VPC" : undefined,
            `security group ${rule.referencedGroupId}`,
            "not in this stack",
          ]),
        );
        connect(from, [], target.key, ports);
      }
      // Otherwise the rule names a group drawn here already (the load balancer in front of the endpoint): its
      // edge is the listener's and target group's.
    }
  }

  // Networks the stack routes to over a peering without a VPC of the model behind them.
  for (const vpc of model.vpcs) {
    for (const route of tablesOf(vpc.id).flatMap((table) => table.routes)) {
      if (route.target.kind !== "peering" || vpcCovering(route.destination) !== undefined) continue;
      const hops = hopsTo(vpc.id, route.destination);
      const from = network(route.destination, undefined, hops);
      for (const hop of hops) chart.edge(from, hop.key, hop.via);
    }
  }
}

/** An endpoint policy in a few words: what it lets callers invoke. */
function endpointPolicyOf(model: StackModel, endpoint: Endpoint): string {
  if (endpoint.policy === undefined) return "endpoint policy: full access (the default)";
  const allowed = endpoint.policy.statements
    .filter((statement) => statement.Effect === "Allow")
    .flatMap((statement) => strings(statement.Resource))
    .map((resource) => {
      const api = model.restApis.find((candidate) => resource.startsWith(candidate.executionArn));
      if (api !== undefined) return `API ${api.name}`;
      const domain = model.domainNames.find((candidate) => resource.includes(candidate.address));
      if (domain !== undefined) return `domain ${domain.domainName}`;
      return resource === "*" ? "any API" : resource;
    });
  return allowed.length === 0
    ? "endpoint policy: allows nothing"
    : `endpoint policy: Invoke ${[...new Set(allowed)].join(", ")}`;
}

/** A resource or domain policy in a few words: its conditions (`deny unless aws:SourceVpce = …`). */
function policyOf(model: StackModel, policy: PolicyDocument | undefined, what: string): string {
  if (policy === undefined) return `no ${what}`;
  const conditions = policy.statements.flatMap((statement) => {
    const condition = statement.Condition;
    if (!isObject(condition)) return [];
    return Object.entries(condition).flatMap(([operator, keys]) =>
      isObject(keys)
        ? Object.entries(keys).map(([key, values]) => {
            const named = strings(values).map((value) => {
              const endpoint = model.endpoints.find((candidate) => candidate.id === value);
              const vpc = model.vpcs.find((candidate) => candidate.id === endpoint?.vpcId);
              if (endpoint !== undefined) return vpc === undefined ? "the endpoint" : `the endpoint in ${vpc.cidr}`;
              return referenceOf(value) ?? value;
            });
            const negated = /Not/.test(operator);
            return `${(text(statement.Effect) ?? "Allow").toLowerCase()} ${negated ? "unless" : "if"} ${key} = ${named.join(" or ")}`;
          })
        : [],
    );
  });
  return conditions.length === 0 ? `${what}: no conditions` : `${what}: ${conditions.join("; ")}`;
}

/**
 * Markdown blocks for the README, generated from the shipped stacks so that they cannot drift:
 * `diagram:<topology>` (Mermaid, from the shipped stack with the most resources), `reach:<topology>` (who
 * reaches what, every row on every shipped environment), `assumptions` and `models`.
 */
import { evaluate } from "./evaluate";
import { expectedFor, requestsOf, type Matrix } from "./matrix";
import { modelOf, type StackModel } from "./model";
import { assumptionRules, sourceKeys } from "./rules";
import { loadShipped } from "./shipped";

/** The README blocks, keyed `diagram:<topology>`, `reach:<topology>`, `assumptions` and `models`. */
export async function connectivityDocs(matrices: readonly Matrix[]): Promise<Record<string, string>> {
  const blocks: Record<string, string> = { assumptions: assumptionsBlock(), models: MODELS };
  for (const matrix of matrices) {
    const shipped = await loadShipped(matrix.topology);
    const richest = [...shipped].sort(
      (a, b) =>
        Object.values(b.stack.hcl.resource).flatMap(Object.keys).length -
        Object.values(a.stack.hcl.resource).flatMap(Object.keys).length,
    )[0];
    if (richest !== undefined)
      blocks[`diagram:${matrix.topology}`] = diagram(richest.name, modelOf(richest.name, richest.stack.hcl));
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
      const requests = requestsOf(row.request, modelOf(stack.name, stack.hcl));
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
  "The evaluator reads the committed HCL (never the constructs) and models: VPCs (created, or adopted where a peering's routes give their CIDR) with their DNS attributes; subnets, route tables, routes, VGW route propagation, peering connections and their accepters, Direct Connect gateways, associations (`allowed_prefixes`) and virtual interfaces; security groups and their rules, managed prefix lists; execute-api endpoints (private DNS, subnets, fixed addresses, endpoint policy); Route 53 private zones, their VPC associations and records (alias and CNAME), Resolver inbound endpoints; internal ALBs, listeners, target groups and targets; ACM certificates; REST APIs (endpoint types, `vpc_endpoint_ids`, resource policy, resources, methods and their authorization, deployments and stages); custom domain names, base path mappings, access associations and domain policies; looked-up custom domains of public APIs.",
  "",
  "It does not model: network ACLs (assumed open, and said so in every answer), AWS WAF, throttling and quotas, Lambda or Cognito authorizers, API keys and usage plans, mutual TLS, IPv6, Resolver forwarding rules, transit gateway route tables, Client VPN endpoints, what public DNS holds for names outside the stack, the contents of an imported OpenAPI body, and anything only AWS knows at run time (propagation delays, provisioning state, whether a literal id exists). Values known only after apply are followed by reference, never guessed.",
  "",
  "It complements a real deploy test (calling the API from each client network after `terraform apply`, Terratest-style) rather than replacing it: it answers before anything is deployed, on every pull request, and names the resource and rule behind each failure; the assumptions it lists are exactly what such a deploy test must confirm.",
].join("\n");

function id(address: string): string {
  return address.replace(/[^A-Za-z0-9_]/g, "_");
}

function label(title: string, detail: string, address?: string): string {
  const lines = [title, detail, address === undefined ? undefined : `<i>${address}</i>`].filter(
    (line) => line !== undefined && line !== "",
  );
  return `"${lines.join("<br/>").replace(/"/g, "'")}"`;
}

/** A Mermaid flowchart of one stack: clients, VPCs, endpoint, ALB, zones, peering, Direct Connect, the API. */
function diagram(stackName: string, model: StackModel): string {
  const lines = ["```mermaid", "flowchart LR"];
  const edges: string[] = [];
  const apiNodes = model.restApis.map((api) => {
    const stages = model.stages.filter((stage) => stage.restApiId === api.id).map((stage) => stage.stageName);
    const auth = [
      ...new Set(model.methods.filter((method) => method.restApiId === api.id).map((method) => method.authorization)),
    ].join(", ");
    return `  ${id(api.address)}[${label(`Private REST API (${api.types.join(", ")})`, `stage ${stages.join(", ")}; authorization ${auth}; resource policy: only via aws:SourceVpce`, api.address)}]`;
  });
  for (const vpc of model.vpcs) {
    lines.push(
      `  subgraph ${id(vpc.address)}[${label(`VPC ${vpc.cidr} (${vpc.region})`, vpc.created ? "" : "adopted", vpc.address)}]`,
    );
    for (const endpoint of model.endpoints.filter((candidate) => candidate.vpcId === vpc.id)) {
      const fixed = endpoint.fixedAddresses.map((address) => address.ip).join(", ");
      lines.push(
        `    ${id(endpoint.address)}[${label("execute-api endpoint", `private DNS ${endpoint.privateDns ? "on" : "off"}${fixed === "" ? "" : `; ${fixed}`}; ${endpoint.subnetIds.length} zones`, endpoint.address)}]`,
      );
    }
    for (const lb of model.loadBalancers.filter((candidate) =>
      model.subnets.some((subnet) => subnet.vpcId === vpc.id && candidate.subnetIds.includes(subnet.id)),
    )) {
      const listeners = lb.listeners.map((listener) => `${listener.protocol} ${String(listener.port)}`).join(", ");
      lines.push(
        `    ${id(lb.address)}[${label(`Internal ALB (${listeners})`, lb.listeners.find((listener) => listener.sslPolicy !== undefined)?.sslPolicy ?? "", lb.address)}]`,
      );
      for (const group of model.targetGroups)
        edges.push(
          `  ${id(lb.address)} -- "HTTPS to ${group.targets.map((target) => target.ip).join(", ")} (no SNI, Host kept)" --> ${model.endpoints[0] === undefined ? id(group.address) : id(model.endpoints[0].address)}`,
        );
    }
    for (const resolver of model.resolverEndpoints.filter((candidate) =>
      model.subnets.some((subnet) => subnet.vpcId === vpc.id && candidate.subnetIds.includes(subnet.id)),
    )) {
      lines.push(
        `    ${id(resolver.address)}[${label(`Route 53 Resolver ${resolver.direction.toLowerCase()} endpoint`, `${resolver.subnetIds.length} addresses`, resolver.address)}]`,
      );
    }
    const tables = model.routeTables.filter((table) => table.vpcId === vpc.id);
    const egress = tables.some((table) => table.routes.some((route) => route.destination.endsWith("/0")));
    lines.push(
      `    ${id(vpc.address)}_clients([${label("Clients in this VPC", egress ? "route to the internet" : "no route to the internet")}])`,
    );
    lines.push("  end");
  }
  lines.push(...apiNodes);
  for (const zone of model.zones) {
    const targets = zone.records.map((record) => `${record.name} → ${record.alias?.name ?? record.values.join(", ")}`);
    lines.push(`  ${id(zone.address)}{{${label(`Private zone ${zone.name}`, targets.join("; "), zone.address)}}}`);
    for (const association of zone.associations) {
      const vpc = model.vpcs.find((candidate) => candidate.id === association.vpcId);
      edges.push(
        `  ${vpc === undefined ? `${id(association.vpcId)}([${label("Client VPC (adopted)", association.vpcId)}])` : `${id(vpc.address)}_clients`} -. "resolves with" .-> ${id(zone.address)}`,
      );
    }
  }
  for (const endpoint of model.endpoints) {
    for (const api of model.restApis)
      edges.push(
        `  ${id(endpoint.address)} -- "endpoint policy, then API selection by Host / x-apigw-api-id / custom domain" --> ${id(api.address)}`,
      );
    const vpc = model.vpcs.find((candidate) => candidate.id === endpoint.vpcId);
    if (vpc !== undefined)
      edges.push(
        `  ${id(vpc.address)}_clients -- "HTTPS 443" --> ${model.loadBalancers[0] === undefined ? id(endpoint.address) : id(model.loadBalancers[0].address)}`,
      );
  }
  for (const domain of model.domainNames) {
    lines.push(
      `  ${id(domain.address)}[/${label(`Custom domain ${domain.domainName}`, `${domain.types.join(", ")}; ${domain.policy === undefined ? "no domain policy" : "domain policy: only via aws:SourceVpce"}`, domain.address)}/]`,
    );
    for (const api of model.restApis)
      edges.push(`  ${id(domain.address)} -- "base path mapping" --> ${id(api.address)}`);
  }
  for (const peering of model.peerings) {
    const client = model.vpcs.find((vpc) => vpc.id === peering.peerVpcId);
    const api = model.vpcs.find((vpc) => vpc.id === peering.vpcId);
    if (client !== undefined && api !== undefined) {
      edges.push(
        `  ${id(client.address)}_clients == "HTTPS over ${peering.address}<br/>(${peering.peerRegion ?? "same region"}, routes both ways)" ==> ${model.endpoints[0] === undefined ? id(api.address) : id(model.endpoints[0].address)}`,
      );
    }
  }
  for (const association of model.dxAssociations) {
    const onPrem = model.prefixLists
      .flatMap((list) => list.entries)
      .map((entry) => `${entry.description ?? ""} ${entry.cidr}`.trim());
    lines.push(`  onprem([${label("On-premises clients", onPrem.join(", "))}])`);
    const gateway = model.dxGateways.find((candidate) => candidate.id === association.dxGatewayId);
    lines.push(
      `  ${id(association.address)}[${label("Direct Connect gateway association", `allowed prefixes ${association.allowedPrefixes.join(", ")}; ${gateway?.interfaces.length ? `interface ${gateway.interfaces.join(", ")}` : "no virtual interface in the stack"}`, association.address)}]`,
    );
    edges.push(`  onprem == "virtual interface, BGP" ==> ${id(association.address)}`);
    if (model.endpoints[0] !== undefined)
      edges.push(`  ${id(association.address)} == "VGW, propagated routes" ==> ${id(model.endpoints[0].address)}`);
    const resolver = model.resolverEndpoints[0];
    if (resolver !== undefined) edges.push(`  onprem -. "DNS forwarders" .-> ${id(resolver.address)}`);
  }
  return [`From \`generated/${stackName}/main.tf\`:`, "", ...lines, ...edges, "```"].join("\n");
}

import { connectivityDocs, stackDiagram } from "../../connectivity/docs";
import { blockAt, parseStack, type HclDocument } from "../../connectivity/hcl";
import { cidrCovers, modelOf, type StackModel, UNKNOWN_CIDR, type Vpc } from "../../connectivity/model";
import { loadShipped } from "../../connectivity/shipped";
import { registryConnectivity } from "../../docs/readme";
import { TOPOLOGIES } from "../../topologies/registry";

/** A Mermaid node line: id, opening bracket, quoted label, closing bracket. */
const NODE = /^\s*([A-Za-z0-9_]+)(\(\[|\[\/|\{\{|\[)"([^"]*)"(\]\)|\/\]|\}\}|\])$/;
const SUBGRAPH = /^\s*subgraph ([A-Za-z0-9_]+)\["([^"]*)"\]$/;
const EDGE = /^\s*([A-Za-z0-9_]+) (?:-- "[^"]*" -->|-\. "[^"]*" \.->|-->|-\.->) ([A-Za-z0-9_]+)$/;

interface Parsed {
  readonly nodes: Map<string, { readonly label: string; readonly stadium: boolean; readonly parent?: string }>;
  readonly subgraphs: Map<string, string>;
  readonly edges: { readonly from: string; readonly to: string; readonly line: string }[];
}

function parseDiagram(block: string): Parsed {
  const lines = block.split("\n");
  const start = lines.indexOf("```mermaid");
  const end = lines.lastIndexOf("```");
  const parsed: Parsed = { nodes: new Map(), subgraphs: new Map(), edges: [] };
  expect(lines[start + 1]).toBe("flowchart LR");
  const open: string[] = [];
  for (const line of lines.slice(start + 2, end)) {
    const node = NODE.exec(line);
    const subgraph = SUBGRAPH.exec(line);
    const edge = EDGE.exec(line);
    if (node?.[1] !== undefined && node[3] !== undefined)
      parsed.nodes.set(node[1], { label: node[3], stadium: node[2] === "([", parent: open[open.length - 1] });
    else if (subgraph?.[1] !== undefined && subgraph[2] !== undefined) {
      parsed.subgraphs.set(subgraph[1], subgraph[2]);
      open.push(subgraph[1]);
    } else if (line.trim() === "end") expect(open.pop()).toBeDefined();
    else if (edge?.[1] !== undefined && edge[2] !== undefined) parsed.edges.push({ from: edge[1], to: edge[2], line });
    else throw new Error(`not a node, subgraph or edge line: ${line}`);
  }
  expect(open).toEqual([]);
  return parsed;
}

function addresses(label: string): string[] {
  return [...label.matchAll(/<i>([^<]+)<\/i>/g)].map((match) => match[1] ?? "");
}

function labelOf(parsed: Parsed, id: string): string {
  return parsed.nodes.get(id)?.label ?? parsed.subgraphs.get(id) ?? "";
}

/** Every label (node or subgraph) in which all of `words` appear. */
function labelsWith(parsed: Parsed, ...words: string[]): string[] {
  return [...parsed.nodes.values(), ...[...parsed.subgraphs.values()].map((label) => ({ label }))]
    .map((node) => node.label)
    .filter((label) => words.every((word) => label.includes(word)));
}

/** The edge labels from a node (or subgraph) whose label holds `from` to one whose label holds `to`. */
function edgesBetween(parsed: Parsed, from: string, to: string): string[] {
  return parsed.edges
    .filter((edge) => labelOf(parsed, edge.from).includes(from) && labelOf(parsed, edge.to).includes(to))
    .map((edge) => edge.line);
}

/** The labels of the nodes an edge leads to from the node labelled with `from`. */
function edgesFrom(parsed: Parsed, from: string): string[] {
  return parsed.edges
    .filter((edge) => labelOf(parsed, edge.from).includes(from))
    .map((edge) => labelOf(parsed, edge.to));
}

/** How a diagram names a VPC: by its CIDR where the stack knows it. */
function vpcLabel(vpc: Vpc): string {
  return vpc.cidr === UNKNOWN_CIDR ? "VPC (CIDR not in the stack)" : `VPC ${vpc.cidr}`;
}

describe("README diagrams, generated from the shipped stacks", () => {
  let blocks: Record<string, string> = {};
  const hcl = new Map<string, HclDocument>();
  beforeAll(async () => {
    const topologies = await registryConnectivity();
    blocks = await connectivityDocs(topologies);
    for (const { stacks } of topologies)
      for (const shipped of await loadShipped(stacks)) hcl.set(shipped.name, shipped.stack.hcl);
  });
  const diagram = (topology: string): Parsed => parseDiagram(blocks[`diagram:${topology}`] ?? "");
  const stackOf = (topology: string): HclDocument => {
    const name = /generated\/([^/]+)\/main\.tf/.exec(blocks[`diagram:${topology}`] ?? "")?.[1] ?? "";
    const document = hcl.get(name);
    if (document === undefined) throw new Error(`no shipped stack ${name}`);
    return document;
  };

  it.each(Object.keys(TOPOLOGIES))(
    "%s: valid Mermaid; every resource node names its Terraform address, and every address is in the stack",
    (topology) => {
      // WHEN the diagram is parsed line by line
      const parsed = diagram(topology);
      const stack = stackOf(topology);
      // THEN every node not drawn as a stadium (things outside the stack) is a resource with its address
      for (const [id, node] of parsed.nodes) {
        if (!node.stadium) expect([id, addresses(node.label)]).toEqual([id, [expect.any(String)]]);
        for (const address of addresses(node.label))
          expect([id, blockAt(stack, address)]).toEqual([id, expect.anything()]);
      }
      for (const label of parsed.subgraphs.values())
        for (const address of addresses(label))
          expect([label, blockAt(stack, address)]).toEqual([label, expect.anything()]);
      // AND every edge joins declared nodes or subgraphs
      for (const edge of parsed.edges)
        for (const end of [edge.from, edge.to])
          expect([edge.line, parsed.nodes.has(end) || parsed.subgraphs.has(end)]).toEqual([edge.line, true]);
    },
  );

  /** Every topology's diagram with the model of the stack it was drawn from. */
  const drawn = (): { readonly parsed: Parsed; readonly model: StackModel }[] =>
    Object.keys(TOPOLOGIES).map((topology) => ({
      parsed: diagram(topology),
      model: modelOf(topology, stackOf(topology)),
    }));
  const at = (address: string): string => `<i>${address}</i>`;
  const outside = (model: StackModel, cidr: string): boolean => !model.vpcs.some((vpc) => cidrCovers(vpc.cidr, cidr));

  it("names each network a load balancer admits, and its target group between it and the endpoint", () => {
    let balancers = 0;
    for (const { parsed, model } of drawn()) {
      for (const lb of model.loadBalancers) {
        balancers += 1;
        const rules = model.securityGroups
          .filter((group) => lb.securityGroupIds.includes(group.id))
          .flatMap((group) => group.rules)
          .filter((rule) => rule.direction === "ingress" && rule.cidr !== undefined && outside(model, rule.cidr));
        expect(rules.length).toBeGreaterThan(0);
        for (const rule of rules) {
          const cidr = rule.cidr ?? "";
          // a client network: named from its rule's description, with its CIDR, and the port it is admitted on
          expect(labelsWith(parsed, cidr).filter((label) => !label.startsWith("Network<br/>"))).toHaveLength(1);
          // straight in, or through the peering connection or transit gateway that routes it
          const hops = [cidr, ...edgesFrom(parsed, cidr)];
          expect(hops.flatMap((hop) => edgesBetween(parsed, hop, at(lb.address)))).toEqual([
            expect.stringContaining(rule.fromPort === 443 ? "HTTPS 443" : String(rule.fromPort)),
          ]);
        }
        // a Client VPN endpoint: named, with the security group its NATed users carry
        const groups = model.securityGroups
          .filter((group) => lb.securityGroupIds.includes(group.id))
          .flatMap((group) => group.rules)
          .filter((rule) => rule.direction === "ingress" && rule.tags?.["arrives-via"] === "client-vpn");
        for (const rule of groups) {
          const group = rule.referencedGroupId ?? "";
          expect(labelsWith(parsed, group, "Client VPN endpoint")).toHaveLength(1);
          expect(edgesBetween(parsed, group, at(lb.address))).toEqual([
            expect.stringContaining(rule.fromPort === 443 ? "HTTPS 443" : String(rule.fromPort)),
          ]);
        }
        for (const listener of lb.listeners) {
          const group = model.targetGroups.find((candidate) => candidate.arn === listener.action.targetGroupArn);
          if (group === undefined) continue;
          expect(labelsWith(parsed, "Target group", at(group.address))).toHaveLength(1);
          expect(edgesBetween(parsed, at(lb.address), at(group.address))).toHaveLength(1);
          for (const endpoint of model.endpoints)
            if (endpoint.fixedAddresses.some((fixed) => group.targets.some((target) => target.ip === fixed.ip)))
              expect(edgesBetween(parsed, at(group.address), at(endpoint.address))).toHaveLength(1);
        }
      }
    }
    expect(balancers).toBeGreaterThan(0);
  });

  it("draws Direct Connect as networks → virtual interface → DX gateway (allowed prefixes) → VGW → endpoint", () => {
    let associations = 0;
    for (const { parsed, model } of drawn()) {
      for (const association of model.dxAssociations) {
        associations += 1;
        const dx = model.dxGateways.find((candidate) => candidate.id === association.dxGatewayId);
        const vgw = model.vpnGateways.find((candidate) => candidate.id === association.gatewayId);
        const dxLabel = dx?.address === undefined ? association.dxGatewayId : at(dx.address);
        expect(vgw).toBeDefined();
        const vgwLabel = at(vgw?.address ?? "");
        expect(labelsWith(parsed, "Virtual private gateway", vgwLabel, "route propagation")).toHaveLength(1);
        // One attachment per interface of the stack, or one placeholder for an adopted gateway's.
        expect(
          edgesBetween(parsed, "virtual interface", dxLabel).length +
            edgesBetween(parsed, "Virtual interface", dxLabel).length,
        ).toBe(Math.max(1, dx?.interfaces.length ?? 0));
        expect(edgesBetween(parsed, dxLabel, vgwLabel)).toEqual([
          expect.stringContaining(`allowed prefixes ${association.allowedPrefixes.join(", ")}`),
        ]);
        for (const list of model.prefixLists) {
          for (const entry of list.entries) expect(labelsWith(parsed, entry.cidr)).toHaveLength(1);
          // On-premises reaches the gateway over each of its interfaces (one placeholder for an adopted one's).
          expect(edgesBetween(parsed, at(list.address), "irtual interface")).toHaveLength(
            Math.max(1, dx?.interfaces.length ?? 0),
          );
        }
        for (const endpoint of model.endpoints)
          expect(edgesBetween(parsed, vgwLabel, at(endpoint.address))).toEqual([expect.stringContaining("HTTPS 443")]);
        for (const resolver of model.resolverEndpoints) {
          expect(labelsWith(parsed, "Route 53 Resolver inbound endpoint", at(resolver.address))).toHaveLength(1);
          expect(edgesBetween(parsed, vgwLabel, at(resolver.address))).toEqual([expect.stringContaining("DNS 53")]);
        }
      }
    }
    expect(associations).toBeGreaterThan(0);
  });

  it("shows each VPC with its region, each peering between regions, and the zones associated with client VPCs", () => {
    let peerings = 0;
    for (const { parsed, model } of drawn()) {
      for (const vpc of model.vpcs) expect(labelsWith(parsed, `${vpcLabel(vpc)}<br/>${vpc.region}`)).toHaveLength(1);
      for (const peering of model.peerings) {
        peerings += 1;
        const regions = [peering.vpcId, peering.peerVpcId].map(
          (id) => model.vpcs.find((vpc) => vpc.id === id)?.region ?? "",
        );
        expect(labelsWith(parsed, "VPC peering connection", at(peering.address), ...regions)).toHaveLength(1);
        for (const endpoint of model.endpoints)
          expect(edgesBetween(parsed, at(peering.address), at(endpoint.address))).toEqual([
            expect.stringContaining("HTTPS 443"),
          ]);
      }
      for (const zone of model.zones) {
        for (const association of zone.associations) {
          const vpc = model.vpcs.find((candidate) => candidate.id === association.vpcId);
          const subgraph = [...parsed.subgraphs].find(([, label]) =>
            label.includes(vpc === undefined ? `VPC ${association.vpcId}` : vpcLabel(vpc)),
          )?.[0];
          const from = vpc === undefined ? `VPC ${association.vpcId}` : "Clients in this VPC";
          const associated = parsed.edges.filter(
            (edge) =>
              labelOf(parsed, edge.to).includes(at(zone.address)) &&
              labelOf(parsed, edge.from).includes(from) &&
              (vpc === undefined || parsed.nodes.get(edge.from)?.parent === subgraph),
          );
          expect(associated.map((edge) => edge.line)).toEqual([expect.stringContaining("zone association")]);
        }
      }
    }
    expect(peerings).toBeGreaterThan(0);
  });

  it("shows what each private zone's records alias: a node of the stack, or the name outside it", () => {
    let outsideNames = 0;
    for (const { parsed, model } of drawn()) {
      for (const zone of model.zones) {
        for (const record of zone.records) {
          const target = record.alias?.name ?? "";
          const edges = edgesBetween(parsed, at(zone.address), "").filter((line) =>
            line.includes(`${record.type} ${record.name}"`),
          );
          expect(edges).toHaveLength(1);
          if (!target.includes("${")) {
            outsideNames += 1;
            expect(edgesBetween(parsed, at(zone.address), target)).toHaveLength(1);
          }
        }
      }
    }
    expect(outsideNames).toBeGreaterThan(0);
  });

  it("draws a network a stack routes over a transit gateway, and one it admits with no route, from the model alone", async () => {
    // GIVEN a stack of no shipped topology: an endpoint admitting two networks, one routed over a transit gateway
    const stack = await parseStack(
      "other",
      `
provider "aws" {
  region = "eu-west-1"
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
}
resource "aws_route_table" "a" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block         = "10.50.0.0/16"
    transit_gateway_id = "tgw-0123456789abcdef0"
  }
}
resource "aws_route_table_association" "a" {
  route_table_id = aws_route_table.a.id
  subnet_id      = aws_subnet.a.id
}
resource "aws_security_group" "e" {
  vpc_id = aws_vpc.v.id
}
resource "aws_vpc_security_group_ingress_rule" "hub" {
  security_group_id = aws_security_group.e.id
  cidr_ipv4         = "10.50.0.0/16"
  description       = "HTTPS from the hub"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}
resource "aws_vpc_security_group_ingress_rule" "lab" {
  security_group_id = aws_security_group.e.id
  cidr_ipv4         = "192.0.2.0/24"
  from_port         = 8443
  to_port           = 8443
  ip_protocol       = "tcp"
}
resource "aws_vpc_endpoint" "e" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.eu-west-1.execute-api"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.e.id]
}
`,
    );
    // WHEN it is drawn
    const parsed = parseDiagram(stackDiagram(stack.name, modelOf(stack.name, stack.hcl)));
    // THEN the routed network comes through the transit gateway, the other straight in, each with its port
    expect(edgesBetween(parsed, "Hub", "Transit gateway")).toEqual([expect.stringContaining("route 10.50.0.0/16")]);
    expect(edgesBetween(parsed, "Transit gateway", "execute-api interface endpoint")).toEqual([
      expect.stringContaining("HTTPS 443"),
    ]);
    expect(labelsWith(parsed, "Network", "192.0.2.0/24", "routed outside this stack")).toHaveLength(1);
    expect(edgesBetween(parsed, "192.0.2.0/24", "execute-api interface endpoint")).toEqual([
      expect.stringContaining("TCP 8443"),
    ]);
  });
});

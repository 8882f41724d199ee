/**
 * A model of the network and API Gateway resources of one stack, built from its parsed HCL. Ids known only
 * after apply stay references (`${aws_vpc.network_vpc.id}`): two resources are the same when their references
 * are, and nothing is guessed.
 */
import { Netmask } from "netmask";
import { blockAt, isObject, nested, referenceOf, strings, text, type Block, type HclDocument, type Json } from "./hcl";

/** A VPC the stack creates, or adopts and knows the CIDR of. */
export interface Vpc {
  readonly address: string;
  /** `${aws_vpc.x.id}` for a created VPC, the literal `vpc-…` id for an adopted one. */
  readonly id: string;
  readonly region: string;
  readonly cidr: string;
  readonly created: boolean;
  /** Unknown (undefined) for an adopted VPC, unless its lookup's postconditions require it on. */
  readonly dnsSupport?: boolean;
  readonly dnsHostnames?: boolean;
}

export interface Subnet {
  readonly address: string;
  readonly id: string;
  readonly vpcId: string;
  readonly cidr: string;
  readonly zone: string;
}

/** Where a route sends traffic. */
export interface RouteTarget {
  readonly kind: "peering" | "vpn-gateway" | "transit-gateway" | "nat-gateway" | "internet-gateway" | "other";
  readonly id: string;
}

export interface Route {
  readonly address: string;
  readonly destination: string;
  readonly target: RouteTarget;
}

export interface RouteTable {
  /** Undefined for an adopted route table the stack only adds routes to. */
  readonly address?: string;
  readonly id: string;
  readonly vpcId?: string;
  readonly routes: Route[];
  /** Propagation resources of virtual private gateways into this table. */
  readonly propagations: { readonly address: string; readonly gatewayId: string }[];
  /** Subnet ids associated with the table. */
  readonly subnetIds: string[];
}

/** One ingress or egress rule of a security group. */
export interface SecurityGroupRule {
  readonly address: string;
  readonly direction: "ingress" | "egress";
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidr?: string;
  readonly prefixListId?: string;
  readonly referencedGroupId?: string;
  readonly description?: string;
  /** The rule's own tags (a client network rule says how the client arrives: `arrives-via`, `routed-by`). */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface SecurityGroup {
  readonly address: string;
  readonly id: string;
  readonly vpcId?: string;
  readonly rules: SecurityGroupRule[];
}

export interface PrefixList {
  readonly address: string;
  readonly id: string;
  readonly entries: { readonly cidr: string; readonly description?: string }[];
}

/** A decoded IAM policy document and the resource (and attribute) it came from. */
export interface PolicyDocument {
  readonly address: string;
  readonly statements: Block[];
}

/** An execute-api interface endpoint. */
export interface Endpoint {
  readonly address: string;
  readonly id: string;
  readonly vpcId: string;
  readonly region: string;
  readonly privateDns: boolean;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /** Addresses fixed with `subnet_configuration`, by subnet id. */
  readonly fixedAddresses: { readonly subnetId: string; readonly ip: string }[];
  /** Undefined: the default full-access policy. */
  readonly policy?: PolicyDocument;
}

export interface ZoneAssociation {
  readonly vpcId: string;
  readonly region?: string;
  /** The zone's inline `vpc` block, or the `aws_route53_zone_association` address. */
  readonly via: string;
}

export interface DnsRecord {
  readonly address: string;
  /** The zone it is written into: a reference to a zone of the stack, or a literal id. */
  readonly zoneId?: string;
  readonly name: string;
  readonly type: string;
  readonly alias?: { readonly name: string; readonly zoneId: string };
  readonly values: string[];
}

export interface HostedZone {
  readonly address: string;
  readonly id: string;
  readonly name: string;
  readonly associations: ZoneAssociation[];
  readonly records: DnsRecord[];
}

export interface ResolverEndpoint {
  readonly address: string;
  readonly direction: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
}

export interface Peering {
  readonly address: string;
  readonly id: string;
  readonly vpcId: string;
  readonly peerVpcId: string;
  readonly peerRegion?: string;
  /** The accepter resource, when the stack accepts the connection itself. */
  readonly accepter?: string;
  /** Ids under which routes may name the connection (the connection's and the accepter's). */
  readonly ids: string[];
  readonly autoAccept: boolean;
}

export interface VpnGateway {
  readonly address: string;
  readonly id: string;
  readonly vpcId?: string;
  /** `amazon_side_asn`, when set. */
  readonly amazonSideAsn?: string;
}

/** A VPC's attachment to a transit gateway (the gateway itself, and its route tables, belong to its owner). */
export interface TransitGatewayAttachment {
  readonly address: string;
  readonly transitGatewayId: string;
  readonly vpcId: string;
}

/** A NAT gateway the stack creates: where it sits, and whether it translates to a public address. */
export interface NatGateway {
  readonly address: string;
  readonly id: string;
  readonly subnetId: string;
  /** `connectivity_type`: public (the provider's default) or private. */
  readonly connectivityType: string;
  /** The Elastic IP's allocation, for a public NAT gateway. */
  readonly allocationId?: string;
}

/** An internet gateway the stack creates, and the VPC it is attached to. */
export interface InternetGateway {
  readonly address: string;
  readonly id: string;
  readonly vpcId?: string;
}

export interface DxAssociation {
  readonly address: string;
  readonly dxGatewayId: string;
  readonly gatewayId: string;
  readonly allowedPrefixes: string[];
  /** For a proposal to another account's gateway (`aws_dx_gateway_association_proposal`): that account. */
  readonly proposedTo?: string;
}

export interface DxGateway {
  readonly address?: string;
  readonly id: string;
  /** Virtual interfaces (or hosted interface accepters) attached to it in the stack. */
  readonly interfaces: string[];
  /** `amazon_side_asn`, when the stack creates the gateway and sets it. */
  readonly amazonSideAsn?: string;
}

/** A Direct Connect virtual interface (or hosted interface accepter) the stack holds. */
export interface VirtualInterface {
  readonly address: string;
  readonly dxGatewayId?: string;
  /** The interface's literal id, for an accepter of a hosted interface. */
  readonly virtualInterfaceId?: string;
  readonly connectionId?: string;
  readonly vlan?: number;
  /** The customer side's BGP ASN. */
  readonly bgpAsn?: number;
}

export interface Listener {
  readonly address: string;
  readonly port: number;
  readonly protocol: string;
  readonly certificateArn?: string;
  readonly sslPolicy?: string;
  readonly action: { readonly type: string; readonly targetGroupArn?: string };
}

export interface LoadBalancer {
  readonly address: string;
  readonly arn: string;
  readonly dnsName: string;
  readonly internal: boolean;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly listeners: Listener[];
}

export interface TargetGroup {
  readonly address: string;
  readonly arn: string;
  readonly vpcId?: string;
  /** `target_type`: instance (the provider's default), ip, lambda or alb. */
  readonly targetType: string;
  readonly protocol: string;
  readonly port: number;
  /** The health check's path and success codes, when set. */
  readonly healthCheck?: { readonly path?: string; readonly matcher?: string };
  readonly targets: { readonly address: string; readonly ip: string; readonly port: number }[];
}

export interface Certificate {
  readonly address: string;
  /** ARNs under which the certificate is referred to (the certificate's and its validation's). */
  readonly arns: string[];
  readonly names: string[];
}

export interface RestApi {
  readonly address: string;
  readonly id: string;
  readonly name: string;
  readonly executionArn: string;
  readonly region: string;
  readonly types: string[];
  readonly vpcEndpointIds: string[];
  readonly accessMode?: string;
  /** Inline `policy`, or the `aws_api_gateway_rest_api_policy` resource's. */
  readonly policy?: PolicyDocument;
  /** Imported from an OpenAPI body: its paths are not read. */
  readonly hasBody: boolean;
  readonly rootResourceId: string;
}

export interface ApiResource {
  readonly address: string;
  readonly id: string;
  readonly parentId: string;
  readonly pathPart: string;
}

export interface Method {
  readonly address: string;
  readonly restApiId: string;
  readonly resourceId: string;
  readonly httpMethod: string;
  readonly authorization: string;
}

export interface Stage {
  readonly address: string;
  readonly restApiId: string;
  readonly stageName: string;
  readonly deploymentId: string;
}

export interface Deployment {
  readonly address: string;
  readonly id: string;
  readonly restApiId: string;
  /** The `triggers` text (references the deployment is replaced on). */
  readonly triggers: string;
}

/** A custom domain name the stack creates. */
export interface DomainName {
  readonly address: string;
  readonly domainName: string;
  readonly types: string[];
  readonly certificateArn?: string;
  readonly arn: string;
  readonly domainNameId: string;
  readonly policy?: PolicyDocument;
  readonly accessMode?: string;
}

export interface BasePathMapping {
  readonly address: string;
  readonly apiId: string;
  readonly domainName: string;
  readonly domainNameId?: string;
  readonly stageName?: string;
  readonly basePath: string;
}

export interface AccessAssociation {
  readonly address: string;
  readonly source: string;
  readonly sourceType: string;
  readonly domainNameArn: string;
}

/** A custom domain name the stack looks up (a public API's). */
export interface LookedUpDomain {
  readonly address: string;
  readonly domainName: string;
  readonly regionalDomainName: string;
}

/** Everything the evaluator knows about one stack. */
export interface StackModel {
  readonly name: string;
  readonly region: string;
  readonly account?: string;
  readonly vpcs: Vpc[];
  readonly subnets: Subnet[];
  readonly routeTables: RouteTable[];
  readonly securityGroups: SecurityGroup[];
  readonly prefixLists: PrefixList[];
  readonly endpoints: Endpoint[];
  readonly zones: HostedZone[];
  /** Records written into zones the stack does not create (literal zone ids). */
  readonly foreignRecords: DnsRecord[];
  readonly resolverEndpoints: ResolverEndpoint[];
  readonly peerings: Peering[];
  readonly vpnGateways: VpnGateway[];
  readonly transitGatewayAttachments: TransitGatewayAttachment[];
  readonly natGateways: NatGateway[];
  readonly internetGateways: InternetGateway[];
  readonly dxGateways: DxGateway[];
  readonly dxAssociations: DxAssociation[];
  readonly virtualInterfaces: VirtualInterface[];
  readonly loadBalancers: LoadBalancer[];
  readonly targetGroups: TargetGroup[];
  readonly certificates: Certificate[];
  readonly restApis: RestApi[];
  readonly apiResources: ApiResource[];
  readonly methods: Method[];
  readonly stages: Stage[];
  readonly deployments: Deployment[];
  readonly domainNames: DomainName[];
  readonly mappings: BasePathMapping[];
  readonly accessAssociations: AccessAssociation[];
  readonly lookedUpDomains: LookedUpDomain[];
  /**
   * Locals that pick an endpoint's regional DNS entry by its form (`one([for entry in … : entry if
   * can(regex(…))])`), by name, with the endpoint's id reference.
   */
  readonly regionalEntries: Readonly<Record<string, string>>;
}

const models = new WeakMap<HclDocument, StackModel>();

/** The model of a parsed stack (built once per document). */
export function modelOf(name: string, hcl: HclDocument): StackModel {
  let model = models.get(hcl);
  if (model === undefined) {
    model = buildModel(name, hcl);
    models.set(hcl, model);
  }
  return model;
}

function ref(address: string, attribute: string): string {
  return `\${${address}.${attribute}}`;
}

function entries(hcl: HclDocument, type: string): [string, Block][] {
  return Object.entries(hcl.resource[type] ?? {}).map(([name, block]) => [`${type}.${name}`, block]);
}

function num(value: Json | undefined): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function bool(value: Json | undefined): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

function policyOf(address: string, value: Json | undefined): PolicyDocument | undefined {
  if (!isObject(value)) return undefined;
  const statements = value.Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  return { address, statements: list.filter((statement): statement is Block => isObject(statement)) };
}

/** The CIDR of a VPC the stack knows nothing of but its id. */
export const UNKNOWN_CIDR = "0.0.0.0/32";

/**
 * An adopted VPC the stack looks up (`data "aws_vpc"`): what the lookup's postconditions require of it
 * is what any plan guarantees (a failed postcondition fails the plan); the rest stays unknown.
 */
function lookedUpVpc(name: string, block: Block, region: string): Vpc {
  const required = nested(block, "lifecycle")
    .flatMap((lifecycle) => nested(lifecycle, "postcondition"))
    .map((check) => text(check.condition) ?? "");
  const cidr = required
    .map((condition) => /^\$\{self\.cidr_block == "([0-9./]+)"\}$/.exec(condition)?.[1])
    .find(Boolean);
  return {
    address: `data.aws_vpc.${name}`,
    id: text(block.id) ?? "",
    region,
    cidr: cidr ?? UNKNOWN_CIDR,
    created: false,
    ...(required.includes("${self.enable_dns_support}") ? { dnsSupport: true } : {}),
    ...(required.includes("${self.enable_dns_hostnames}") ? { dnsHostnames: true } : {}),
  };
}

function buildModel(name: string, hcl: HclDocument): StackModel {
  const defaultProvider = hcl.providers.find((provider) => provider.alias === undefined);
  const region = defaultProvider?.region ?? "us-east-1";
  const regionOf = (block: Block): string => {
    const alias = referenceOf(block.provider)?.replace(/^aws\./, "");
    return hcl.providers.find((provider) => provider.alias === alias)?.region ?? region;
  };

  const vpcs: Vpc[] = entries(hcl, "aws_vpc").map(([address, block]) => ({
    address,
    id: ref(address, "id"),
    region: regionOf(block),
    cidr: text(block.cidr_block) ?? "0.0.0.0/32",
    created: true,
    dnsSupport: bool(block.enable_dns_support) ?? true,
    dnsHostnames: bool(block.enable_dns_hostnames) ?? false,
  }));

  vpcs.push(
    ...Object.entries(hcl.data.aws_vpc ?? {}).map(([name, block]) => lookedUpVpc(name, block, regionOf(block))),
  );

  const subnets: Subnet[] = entries(hcl, "aws_subnet").map(([address, block]) => ({
    address,
    id: ref(address, "id"),
    vpcId: text(block.vpc_id) ?? "",
    cidr: text(block.cidr_block) ?? "0.0.0.0/32",
    zone: text(block.availability_zone) ?? "",
  }));

  const peerings: Peering[] = entries(hcl, "aws_vpc_peering_connection").map(([address, block]) => {
    const id = ref(address, "id");
    const accepter = entries(hcl, "aws_vpc_peering_connection_accepter").find(
      ([, accepterBlock]) => accepterBlock.vpc_peering_connection_id === id,
    );
    return {
      address,
      id,
      vpcId: text(block.vpc_id) ?? "",
      peerVpcId: text(block.peer_vpc_id) ?? "",
      ...(text(block.peer_region) === undefined ? {} : { peerRegion: text(block.peer_region) }),
      ...(accepter === undefined ? {} : { accepter: accepter[0] }),
      ids: [
        id,
        ...(accepter === undefined ? [] : [ref(accepter[0], "vpc_peering_connection_id"), ref(accepter[0], "id")]),
      ],
      autoAccept: block.auto_accept === true,
    };
  });

  const routeTables: RouteTable[] = entries(hcl, "aws_route_table").map(([address, block]) => ({
    address,
    id: ref(address, "id"),
    vpcId: text(block.vpc_id) ?? "",
    routes: nested(block, "route").map((route, index) => routeOf(`${address}.route[${String(index)}]`, route)),
    propagations: [],
    subnetIds: [],
  }));
  const tableById = (id: string): RouteTable => {
    let table = routeTables.find((candidate) => candidate.id === id);
    if (table === undefined) {
      table = { id, routes: [], propagations: [], subnetIds: [] };
      routeTables.push(table);
    }
    return table;
  };
  for (const [address, block] of entries(hcl, "aws_route")) {
    const table = tableById(text(block.route_table_id) ?? "");
    table.routes.push(routeOf(address, block));
  }
  for (const [, block] of entries(hcl, "aws_route_table_association")) {
    const subnetId = text(block.subnet_id);
    if (subnetId !== undefined) tableById(text(block.route_table_id) ?? "").subnetIds.push(subnetId);
  }
  for (const [address, block] of entries(hcl, "aws_vpn_gateway_route_propagation")) {
    tableById(text(block.route_table_id) ?? "").propagations.push({
      address,
      gatewayId: text(block.vpn_gateway_id) ?? "",
    });
  }

  // Adopted VPCs the stack knows the CIDR of: a peering's other side, whose CIDR the routes towards it name.
  for (const peering of peerings) {
    for (const [vpcId, otherId] of [
      [peering.peerVpcId, peering.vpcId],
      [peering.vpcId, peering.peerVpcId],
    ] as const) {
      if (vpcId.startsWith("${")) continue;
      const towards = routeTables
        .filter(
          (table) =>
            table.vpcId === otherId || subnets.some((s) => s.vpcId === otherId && table.subnetIds.includes(s.id)),
        )
        .flatMap((table) => table.routes)
        .find((route) => route.target.kind === "peering" && peering.ids.includes(route.target.id));
      if (towards === undefined) continue;
      const known = vpcs.findIndex((vpc) => vpc.id === vpcId);
      const lookedUp = vpcs[known];
      if (lookedUp === undefined) {
        vpcs.push({
          address: vpcId,
          id: vpcId,
          region: vpcId === peering.peerVpcId ? (peering.peerRegion ?? region) : region,
          cidr: towards.destination,
          created: false,
        });
      } else if (lookedUp.cidr === UNKNOWN_CIDR) {
        // A lookup that requires no CIDR: the routes towards the VPC name it.
        vpcs[known] = { ...lookedUp, cidr: towards.destination };
      }
      for (const table of routeTables) {
        if (
          table.address === undefined &&
          table.routes.some(
            (route) => peering.ids.includes(route.target.id) && route.destination !== towards.destination,
          )
        ) {
          (table as { vpcId?: string }).vpcId = vpcId;
        }
      }
    }
  }

  const securityGroups: SecurityGroup[] = entries(hcl, "aws_security_group").map(([address, block]) => ({
    address,
    id: ref(address, "id"),
    vpcId: text(block.vpc_id) ?? "",
    rules: [
      ...nested(block, "ingress").map((rule, index) =>
        inlineRule(`${address}.ingress[${String(index)}]`, "ingress", rule),
      ),
      ...nested(block, "egress").map((rule, index) =>
        inlineRule(`${address}.egress[${String(index)}]`, "egress", rule),
      ),
    ],
  }));
  const groupById = (id: string): SecurityGroup => {
    let group = securityGroups.find((candidate) => candidate.id === id);
    if (group === undefined) {
      group = { address: id, id, rules: [] };
      securityGroups.push(group);
    }
    return group;
  };
  for (const direction of ["ingress", "egress"] as const) {
    for (const [address, block] of entries(hcl, `aws_vpc_security_group_${direction}_rule`)) {
      groupById(text(block.security_group_id) ?? "").rules.push({
        address,
        direction,
        protocol: text(block.ip_protocol) ?? "-1",
        ...optionalNumber("fromPort", num(block.from_port)),
        ...optionalNumber("toPort", num(block.to_port)),
        ...optionalText("cidr", text(block.cidr_ipv4)),
        ...optionalText("prefixListId", text(block.prefix_list_id)),
        ...optionalText("referencedGroupId", text(block.referenced_security_group_id)),
        ...optionalText("description", text(block.description)),
        ...(isObject(block.tags) ? { tags: stringRecord(block.tags) } : {}),
      });
    }
  }
  for (const [address, block] of entries(hcl, "aws_security_group_rule")) {
    const direction = block.type === "egress" ? "egress" : "ingress";
    const group = groupById(text(block.security_group_id) ?? "");
    const cidrs = strings(block.cidr_blocks);
    const base = {
      address,
      direction,
      protocol: text(block.protocol) ?? "-1",
      ...optionalNumber("fromPort", num(block.from_port)),
      ...optionalNumber("toPort", num(block.to_port)),
      ...optionalText("description", text(block.description)),
    } as const;
    for (const cidr of cidrs) group.rules.push({ ...base, cidr });
    for (const prefixListId of strings(block.prefix_list_ids)) group.rules.push({ ...base, prefixListId });
    const source = text(block.source_security_group_id);
    if (source !== undefined) group.rules.push({ ...base, referencedGroupId: source });
  }

  const prefixLists: PrefixList[] = entries(hcl, "aws_ec2_managed_prefix_list").map(([address, block]) => ({
    address,
    id: ref(address, "id"),
    entries: nested(block, "entry").map((entry) => ({
      cidr: text(entry.cidr) ?? "0.0.0.0/32",
      ...optionalText("description", text(entry.description)),
    })),
  }));

  const endpointPolicies = new Map<string, PolicyDocument>();
  for (const [address, block] of entries(hcl, "aws_vpc_endpoint_policy")) {
    const policy = policyOf(address, block.policy);
    const endpointId = text(block.vpc_endpoint_id);
    if (policy !== undefined && endpointId !== undefined) endpointPolicies.set(endpointId, policy);
  }
  const endpoints: Endpoint[] = entries(hcl, "aws_vpc_endpoint")
    .filter(([, block]) => /\.execute-api$/.test(text(block.service_name) ?? ""))
    .map(([address, block]) => {
      const id = ref(address, "id");
      const policy = endpointPolicies.get(id) ?? policyOf(address, block.policy);
      return {
        address,
        id,
        vpcId: text(block.vpc_id) ?? "",
        region: regionOf(block),
        privateDns: block.private_dns_enabled !== false,
        subnetIds: strings(block.subnet_ids),
        securityGroupIds: strings(block.security_group_ids),
        fixedAddresses: nested(block, "subnet_configuration").map((configuration) => ({
          subnetId: text(configuration.subnet_id) ?? "",
          ip: text(configuration.ipv4) ?? "",
        })),
        ...(policy === undefined ? {} : { policy }),
      };
    });

  const records = entries(hcl, "aws_route53_record").map(([address, block]): DnsRecord & { zoneId: string } => {
    const alias = nested(block, "alias")[0];
    return {
      address,
      zoneId: text(block.zone_id) ?? "",
      name: (text(block.name) ?? "").replace(/\.$/, ""),
      type: text(block.type) ?? "A",
      ...(alias === undefined ? {} : { alias: { name: text(alias.name) ?? "", zoneId: text(alias.zone_id) ?? "" } }),
      values: strings(block.records),
    };
  });
  const zones: HostedZone[] = entries(hcl, "aws_route53_zone").map(([address, block]) => {
    const id = ref(address, "zone_id");
    return {
      address,
      id,
      name: (text(block.name) ?? "").replace(/\.$/, ""),
      associations: nested(block, "vpc").map((vpc) => ({
        vpcId: text(vpc.vpc_id) ?? "",
        ...optionalText("region", text(vpc.vpc_region)),
        via: `${address} (vpc block)`,
      })),
      records: records.filter((record) => record.zoneId === id || record.zoneId === ref(address, "id")),
    };
  });
  for (const [address, block] of entries(hcl, "aws_route53_zone_association")) {
    const zone = zones.find((candidate) =>
      [candidate.id, ref(candidate.address, "id")].includes(text(block.zone_id) ?? ""),
    );
    zone?.associations.push({
      vpcId: text(block.vpc_id) ?? "",
      ...optionalText("region", text(block.vpc_region)),
      via: address,
    });
  }
  const foreignRecords = records.filter((record) => !record.zoneId.startsWith("${"));

  const resolverEndpoints: ResolverEndpoint[] = entries(hcl, "aws_route53_resolver_endpoint").map(
    ([address, block]) => ({
      address,
      direction: text(block.direction) ?? "",
      subnetIds: nested(block, "ip_address").map((ip) => text(ip.subnet_id) ?? ""),
      securityGroupIds: strings(block.security_group_ids),
    }),
  );

  const vpnGateways: VpnGateway[] = entries(hcl, "aws_vpn_gateway").map(([address, block]) => ({
    address,
    id: ref(address, "id"),
    ...optionalText("vpcId", text(block.vpc_id)),
    ...optionalText("amazonSideAsn", text(block.amazon_side_asn)),
  }));
  for (const [address, block] of entries(hcl, "aws_vpn_gateway_attachment")) {
    const id = text(block.vpn_gateway_id) ?? "";
    const gateway = vpnGateways.find((candidate) => candidate.id === id);
    if (gateway !== undefined) (gateway as { vpcId?: string }).vpcId = text(block.vpc_id);
    // An adopted gateway the stack attaches: known by its attachment.
    else vpnGateways.push({ address, id, ...optionalText("vpcId", text(block.vpc_id)) });
  }
  const transitGatewayAttachments: TransitGatewayAttachment[] = entries(
    hcl,
    "aws_ec2_transit_gateway_vpc_attachment",
  ).map(([address, block]) => ({
    address,
    transitGatewayId: text(block.transit_gateway_id) ?? "",
    vpcId: text(block.vpc_id) ?? "",
  }));
  const natGateways: NatGateway[] = entries(hcl, "aws_nat_gateway").map(([address, block]) => ({
    address,
    id: ref(address, "id"),
    subnetId: text(block.subnet_id) ?? "",
    connectivityType: text(block.connectivity_type) ?? "public",
    ...optionalText("allocationId", text(block.allocation_id)),
  }));
  const internetGateways: InternetGateway[] = entries(hcl, "aws_internet_gateway").map(([address, block]) => ({
    address,
    id: ref(address, "id"),
    ...optionalText("vpcId", text(block.vpc_id)),
  }));
  const dxAssociations: DxAssociation[] = entries(hcl, "aws_dx_gateway_association").map(([address, block]) => ({
    address,
    dxGatewayId: text(block.dx_gateway_id) ?? "",
    gatewayId: text(block.associated_gateway_id) ?? text(block.vpn_gateway_id) ?? "",
    allowedPrefixes: strings(block.allowed_prefixes),
  }));
  for (const [address, block] of entries(hcl, "aws_dx_gateway_association_proposal")) {
    dxAssociations.push({
      address,
      dxGatewayId: text(block.dx_gateway_id) ?? "",
      gatewayId: text(block.associated_gateway_id) ?? text(block.vpn_gateway_id) ?? "",
      allowedPrefixes: strings(block.allowed_prefixes),
      proposedTo: text(block.dx_gateway_owner_account_id) ?? "",
    });
  }
  const interfaces = [
    ...entries(hcl, "aws_dx_private_virtual_interface"),
    ...entries(hcl, "aws_dx_hosted_private_virtual_interface_accepter"),
    ...entries(hcl, "aws_dx_transit_virtual_interface"),
  ];
  const dxGatewayIds = new Set([
    ...entries(hcl, "aws_dx_gateway").map(([address]) => ref(address, "id")),
    ...dxAssociations.map((association) => association.dxGatewayId),
  ]);
  const dxGateways: DxGateway[] = [...dxGatewayIds].map((id) => {
    const address = referenceOf(id)?.replace(/\.id$/, "");
    return {
      ...optionalText("address", address),
      id,
      interfaces: interfaces.filter(([, block]) => block.dx_gateway_id === id).map(([address]) => address),
      ...optionalText(
        "amazonSideAsn",
        text(address === undefined ? undefined : blockAt(hcl, address)?.amazon_side_asn),
      ),
    };
  });
  const virtualInterfaces: VirtualInterface[] = interfaces.map(([address, block]) => ({
    address,
    ...optionalText("dxGatewayId", text(block.dx_gateway_id)),
    ...optionalText("virtualInterfaceId", text(block.virtual_interface_id)),
    ...optionalText("connectionId", text(block.connection_id)),
    ...optionalNumber("vlan", num(block.vlan)),
    ...optionalNumber("bgpAsn", num(block.bgp_asn)),
  }));

  const loadBalancers: LoadBalancer[] = entries(hcl, "aws_lb").map(([address, block]) => {
    const arn = ref(address, "arn");
    return {
      address,
      arn,
      dnsName: ref(address, "dns_name"),
      internal: block.internal === true,
      subnetIds: strings(block.subnets),
      securityGroupIds: strings(block.security_groups),
      listeners: entries(hcl, "aws_lb_listener")
        .filter(
          ([, listener]) => listener.load_balancer_arn === arn || listener.load_balancer_arn === ref(address, "id"),
        )
        .map(([listenerAddress, listener]) => {
          const action = nested(listener, "default_action")[0];
          return {
            address: listenerAddress,
            port: num(listener.port) ?? 0,
            protocol: text(listener.protocol) ?? "HTTP",
            ...optionalText("certificateArn", text(listener.certificate_arn)),
            ...optionalText("sslPolicy", text(listener.ssl_policy)),
            action: {
              type: text(action?.type) ?? "",
              ...optionalText("targetGroupArn", text(action?.target_group_arn)),
            },
          };
        }),
    };
  });
  const targetGroups: TargetGroup[] = entries(hcl, "aws_lb_target_group").map(([address, block]) => {
    const arn = ref(address, "arn");
    const healthCheck = nested(block, "health_check")[0];
    return {
      address,
      arn,
      ...optionalText("vpcId", text(block.vpc_id)),
      targetType: text(block.target_type) ?? "instance",
      protocol: text(block.protocol) ?? "HTTP",
      port: num(block.port) ?? 0,
      ...(healthCheck === undefined
        ? {}
        : {
            healthCheck: {
              ...optionalText("path", text(healthCheck.path)),
              ...optionalText("matcher", text(healthCheck.matcher)),
            },
          }),
      targets: entries(hcl, "aws_lb_target_group_attachment")
        .filter(([, attachment]) => attachment.target_group_arn === arn)
        .map(([attachmentAddress, attachment]) => ({
          address: attachmentAddress,
          ip: text(attachment.target_id) ?? "",
          port: num(attachment.port) ?? num(block.port) ?? 443,
        })),
    };
  });

  const certificates: Certificate[] = entries(hcl, "aws_acm_certificate").map(([address, block]) => {
    const arn = ref(address, "arn");
    const validations = entries(hcl, "aws_acm_certificate_validation")
      .filter(([, validation]) => validation.certificate_arn === arn)
      .map(([validationAddress]) => ref(validationAddress, "certificate_arn"));
    return {
      address,
      arns: [arn, ...validations],
      names: [text(block.domain_name) ?? "", ...strings(block.subject_alternative_names)],
    };
  });

  const apiPolicies = new Map<string, PolicyDocument>();
  for (const [address, block] of entries(hcl, "aws_api_gateway_rest_api_policy")) {
    const policy = policyOf(address, block.policy);
    const apiId = text(block.rest_api_id);
    if (policy !== undefined && apiId !== undefined) apiPolicies.set(apiId, policy);
  }
  const restApis: RestApi[] = entries(hcl, "aws_api_gateway_rest_api").map(([address, block]) => {
    const id = ref(address, "id");
    const configuration = nested(block, "endpoint_configuration")[0];
    const policy = apiPolicies.get(id) ?? policyOf(address, block.policy);
    return {
      address,
      id,
      name: text(block.name) ?? address,
      executionArn: ref(address, "execution_arn"),
      region: regionOf(block),
      types: strings(configuration?.types),
      vpcEndpointIds: strings(configuration?.vpc_endpoint_ids),
      ...optionalText("accessMode", text(block.endpoint_access_mode)),
      ...(policy === undefined ? {} : { policy }),
      hasBody: block.body !== undefined,
      rootResourceId: ref(address, "root_resource_id"),
    };
  });
  const apiResources: ApiResource[] = entries(hcl, "aws_api_gateway_resource").map(([address, block]) => ({
    address,
    id: ref(address, "id"),
    parentId: text(block.parent_id) ?? "",
    pathPart: text(block.path_part) ?? "",
  }));
  const methods: Method[] = entries(hcl, "aws_api_gateway_method").map(([address, block]) => ({
    address,
    restApiId: text(block.rest_api_id) ?? "",
    resourceId: text(block.resource_id) ?? "",
    httpMethod: text(block.http_method) ?? "ANY",
    authorization: text(block.authorization) ?? "NONE",
  }));
  const stages: Stage[] = entries(hcl, "aws_api_gateway_stage").map(([address, block]) => ({
    address,
    restApiId: text(block.rest_api_id) ?? "",
    stageName: text(block.stage_name) ?? "",
    deploymentId: text(block.deployment_id) ?? "",
  }));
  const deployments: Deployment[] = entries(hcl, "aws_api_gateway_deployment").map(([address, block]) => ({
    address,
    id: ref(address, "id"),
    restApiId: text(block.rest_api_id) ?? "",
    triggers: JSON.stringify(block.triggers ?? {}),
  }));
  const domainNames: DomainName[] = entries(hcl, "aws_api_gateway_domain_name").map(([address, block]) => {
    const policy = policyOf(address, block.policy);
    const configuration = nested(block, "endpoint_configuration")[0];
    const certificateArn = text(block.certificate_arn) ?? text(block.regional_certificate_arn);
    return {
      address,
      domainName: text(block.domain_name) ?? "",
      types: strings(configuration?.types),
      ...optionalText("certificateArn", certificateArn),
      arn: ref(address, "arn"),
      domainNameId: ref(address, "domain_name_id"),
      ...(policy === undefined ? {} : { policy }),
      ...optionalText("accessMode", text(block.endpoint_access_mode)),
    };
  });
  const mappings: BasePathMapping[] = entries(hcl, "aws_api_gateway_base_path_mapping").map(([address, block]) => ({
    address,
    apiId: text(block.api_id) ?? "",
    domainName: text(block.domain_name) ?? "",
    ...optionalText("domainNameId", text(block.domain_name_id)),
    ...optionalText("stageName", text(block.stage_name)),
    basePath: text(block.base_path) ?? "",
  }));
  const accessAssociations: AccessAssociation[] = entries(hcl, "aws_api_gateway_domain_name_access_association").map(
    ([address, block]) => ({
      address,
      source: text(block.access_association_source) ?? "",
      sourceType: text(block.access_association_source_type) ?? "",
      domainNameArn: text(block.domain_name_arn) ?? "",
    }),
  );
  const lookedUpDomains: LookedUpDomain[] = Object.entries(hcl.data.aws_api_gateway_domain_name ?? {}).map(
    ([dataName, block]) => {
      const address = `data.aws_api_gateway_domain_name.${dataName}`;
      return {
        address,
        domainName: text(block.domain_name) ?? "",
        regionalDomainName: ref(address, "regional_domain_name"),
      };
    },
  );

  return {
    name,
    region,
    ...optionalText("account", defaultProvider?.accountIds[0]),
    vpcs,
    subnets,
    routeTables,
    securityGroups,
    prefixLists,
    endpoints,
    zones,
    foreignRecords,
    resolverEndpoints,
    peerings,
    vpnGateways,
    transitGatewayAttachments,
    natGateways,
    internetGateways,
    dxGateways,
    dxAssociations,
    virtualInterfaces,
    loadBalancers,
    targetGroups,
    certificates,
    restApis,
    apiResources,
    methods,
    stages,
    deployments,
    domainNames,
    mappings,
    accessAssociations,
    lookedUpDomains,
    regionalEntries: regionalEntryLocals(hcl),
  };
}

/** An endpoint's DNS names in each of AWS's forms, to test what a selection picks. */
const ENTRY_FORMS = {
  regional: "vpce-0123456789abcdef0-abcdefgh.execute-api.eu-west-1.vpce.amazonaws.com",
  zonal: "vpce-0123456789abcdef0-abcdefgh-eu-west-1a.execute-api.eu-west-1.vpce.amazonaws.com",
  privateDns: "*.execute-api.eu-west-1.amazonaws.com",
};

function regionalEntryLocals(hcl: HclDocument): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [name, value] of Object.entries(hcl.locals)) {
    const selection =
      /^\$\{one\(\[for entry in ((?:data\.)?aws_vpc_endpoint\.[\w-]+)\.dns_entry : entry if can\(regex\("([^"]+)", entry\.dns_name\)\)\]\)\}$/.exec(
        text(value) ?? "",
      );
    if (selection?.[1] === undefined || selection[2] === undefined) continue;
    const pattern = new RegExp(selection[2]);
    const picked = Object.entries(ENTRY_FORMS).filter(([, form]) => pattern.test(form));
    if (picked.length === 1 && picked[0]?.[0] === "regional") found[name] = `\${${selection[1]}.id}`;
  }
  return found;
}

function optionalText<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function optionalNumber<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

function routeOf(address: string, block: Block): Route {
  const targets: [RouteTarget["kind"], string][] = [
    ["peering", "vpc_peering_connection_id"],
    ["vpn-gateway", "gateway_id"],
    ["transit-gateway", "transit_gateway_id"],
    ["nat-gateway", "nat_gateway_id"],
  ];
  let target: RouteTarget = { kind: "other", id: "" };
  for (const [kind, key] of targets) {
    const id = text(block[key]);
    if (id === undefined) continue;
    const internet = kind === "vpn-gateway" && /aws_internet_gateway|^igw-/.test(id);
    target = { kind: internet ? "internet-gateway" : kind, id };
    break;
  }
  return { address, destination: text(block.destination_cidr_block) ?? text(block.cidr_block) ?? "0.0.0.0/32", target };
}

function inlineRule(address: string, direction: "ingress" | "egress", block: Block): SecurityGroupRule {
  return {
    address,
    direction,
    protocol: text(block.protocol) ?? "-1",
    ...optionalNumber("fromPort", num(block.from_port)),
    ...optionalNumber("toPort", num(block.to_port)),
    ...optionalText("cidr", strings(block.cidr_blocks)[0]),
  };
}

/** Whether an IPv4 address lies in a CIDR. */
export function cidrContains(cidr: string, ip: string): boolean {
  try {
    return new Netmask(cidr).contains(ip);
  } catch {
    return false;
  }
}

/** Whether CIDR `outer` contains all of CIDR `inner`. */
export function cidrCovers(outer: string, inner: string): boolean {
  try {
    const block = new Netmask(inner);
    return new Netmask(outer).contains(block.base) && new Netmask(outer).bitmask <= block.bitmask;
  } catch {
    return false;
  }
}

/** The attribute of a resource block by address, for following references (`blockAt` + key). */
export function attributeAt(hcl: HclDocument, address: string, attribute: string): Json | undefined {
  return blockAt(hcl, address)?.[attribute];
}

/** A map attribute of plain strings (tags). */
function stringRecord(block: Block): Record<string, string> {
  return Object.fromEntries(
    Object.entries(block).flatMap(([key, value]) => {
      const plain = text(value);
      return plain === undefined ? [] : [[key, plain]];
    }),
  );
}

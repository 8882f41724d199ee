import { decodePolicy, type Synthesized } from "../helpers";

/**
 * Checks no generic scanner makes: they know what a private API, its endpoint and its network
 * must look like. Each runs over one synthesized stack and either does not apply (and says why:
 * a stack without security groups has no open security group only vacuously) or lists problems.
 */

/** A synthesized stack and what its configuration says it must admit. */
export interface StackUnderCheck {
  /** The stack name. */
  readonly name: string;
  readonly synthesized: Synthesized;
  /** The synthesized JSON as text, as it would be written. */
  readonly text: string;
  /** Every CIDR the configuration admits to the stack's security groups. */
  readonly admittedCidrs: readonly string[];
}

export type Verdict =
  | { readonly applies: false; readonly because: string }
  | { readonly applies: true; readonly problems: readonly string[] };

export interface DomainCheck {
  readonly id: string;
  readonly title: string;
  readonly check: (stack: StackUnderCheck) => Verdict;
}

type Block = Record<string, any>;

/** `[address, body]` of every resource of `type`. */
function resources(stack: StackUnderCheck, type: string): [string, Block][] {
  return Object.entries(stack.synthesized.resource[type] ?? {}).map(([name, body]) => [`${type}.${name}`, body]);
}

/** A nested block as a list, whichever way it was synthesized. */
function blocks(value: unknown): Block[] {
  if (value === undefined || value === null) {
    return [];
  }
  return (Array.isArray(value) ? value : [value]) as Block[];
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** The reference `${type.name.attribute}` to a resource address. */
function ref(address: string, attribute: string): string {
  return `\${${address}.${attribute}}`;
}

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

function statements(policy: unknown): Statement[] {
  return list((decodePolicy(policy) as { Statement?: unknown }).Statement) as Statement[];
}

const INVOKE_ACTIONS = ["execute-api:Invoke", "execute-api:*", "*"];
const OPEN_CIDRS = ["0.0.0.0/0", "::/0"];

function sameSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item)) && b.every((item) => a.includes(item));
}

/**
 * The Deny that makes an API private in practice: every invoke of the whole API that did not
 * come through exactly the given endpoints (aws:SourceVpce) or VPCs (aws:SourceVpc).
 */
function denyOutsideProblems(
  where: string,
  policy: unknown,
  protectedResource: string,
  endpointIds: readonly unknown[],
): string[] {
  const denies = statements(policy).filter(
    (s) =>
      s.Effect === "Deny" &&
      s.Principal === "*" &&
      list(s.Action).some((action) => INVOKE_ACTIONS.includes(action as string)) &&
      list(s.Resource).includes(protectedResource),
  );
  const guarded = denies.some((s) => {
    const notEquals = s.Condition?.StringNotEquals ?? {};
    const vpce = list(notEquals["aws:SourceVpce"]);
    const vpc = list(notEquals["aws:SourceVpc"]);
    return (vpce.length > 0 && sameSet(vpce, endpointIds)) || vpc.length > 0;
  });
  return guarded
    ? []
    : [
        `${where}: no Deny of execute-api:Invoke on ${protectedResource} for calls outside ` +
          `aws:SourceVpce ${JSON.stringify(endpointIds)} (or aws:SourceVpc)`,
      ];
}

const resourcePolicyDeniesOutsideEndpoints: DomainCheck = {
  id: "resource-policy",
  title: "every private API's resource policy denies callers outside its endpoints",
  check: (stack) => {
    const problems: string[] = [];
    const privateApis = resources(stack, "aws_api_gateway_rest_api").filter(([, api]) =>
      blocks(api.endpoint_configuration).some((config) => list(config.types).includes("PRIVATE")),
    );
    const policies = resources(stack, "aws_api_gateway_rest_api_policy");
    for (const [address, api] of privateApis) {
      const endpointIds = blocks(api.endpoint_configuration).flatMap((config) => list(config.vpc_endpoint_ids));
      if (endpointIds.length === 0) {
        problems.push(`${address}: bound to no VPC endpoint`);
      }
      const attached = [
        ...(api.policy === undefined ? [] : [[`${address}.policy`, api.policy] as const]),
        ...policies
          .filter(([, policy]) => policy.rest_api_id === ref(address, "id"))
          .map(([policyAddress, policy]) => [`${policyAddress}.policy`, policy.policy] as const),
      ];
      if (attached.length === 0) {
        problems.push(`${address}: no resource policy`);
      }
      for (const [where, policy] of attached) {
        problems.push(...denyOutsideProblems(where, policy, `${ref(address, "execution_arn")}/*`, endpointIds));
      }
    }
    // An adopted API's owner applies the policy this stack outputs for it.
    const handedOver = Object.entries(stack.synthesized.output).filter(([name]) => name.startsWith("resource_policy"));
    for (const [name, output] of handedOver) {
      const allow = statements(output.value).find((s) => s.Effect === "Allow");
      const first = list(allow?.Resource)[0];
      const executionArn = typeof first === "string" ? first.replace(/\/\*$/, "") : "";
      const endpointIds = [
        ...resources(stack, "aws_vpc_endpoint")
          .filter(([, endpoint]) => String(endpoint.service_name).endsWith(".execute-api"))
          .map(([address]) => ref(address, "id")),
        // Adopted endpoints, looked up by id.
        ...Object.values(stack.synthesized.data.aws_vpc_endpoint ?? {}).map((lookup) => (lookup as { id: unknown }).id),
      ];
      problems.push(...denyOutsideProblems(`output.${name}`, output.value, `${executionArn}/*`, endpointIds));
    }
    // A private custom domain name has a policy of its own (a new one denies every call until it
    // admits the endpoint): it must admit only the endpoints it is associated with.
    const associations = resources(stack, "aws_api_gateway_domain_name_access_association");
    const privateDomains = resources(stack, "aws_api_gateway_domain_name").filter(([, domain]) =>
      blocks(domain.endpoint_configuration).some((config) => list(config.types).includes("PRIVATE")),
    );
    for (const [address, domain] of privateDomains) {
      const endpointIds = associations
        .filter(([, association]) => association.domain_name_arn === ref(address, "arn"))
        .map(([, association]) => association.access_association_source);
      if (endpointIds.length === 0) {
        problems.push(`${address}: a PRIVATE domain name with no access association`);
      }
      // The domain's own ARN, as its policy names it (its id is not known at plan time).
      const domainArn = statements(domain.policy)
        .flatMap((statement) => list(statement.Resource))
        .find(
          (resource): resource is string =>
            typeof resource === "string" &&
            resource.endsWith(`:/domainnames/${String(domain.domain_name)}+*`) &&
            /^arn:aws:execute-api:[a-z0-9-]+:\d{12}:\/domainnames\//.test(resource),
        );
      if (domainArn === undefined) {
        problems.push(
          `${address}.policy: names no resource of the form arn:aws:execute-api:<region>:<account>:/domainnames/${String(domain.domain_name)}+*`,
        );
      }
      problems.push(
        ...denyOutsideProblems(`${address}.policy`, domain.policy, domainArn ?? "(the domain's ARN)", endpointIds),
      );
    }
    if (privateApis.length === 0 && handedOver.length === 0) {
      return { applies: false, because: "the stack creates no private API and hands no resource policy to an owner" };
    }
    return { applies: true, problems };
  },
};

const endpointPolicyNamesApis: DomainCheck = {
  id: "endpoint-policy",
  title: "every execute-api endpoint policy names specific API ARNs (no Allow on *)",
  check: (stack) => {
    const endpoints = resources(stack, "aws_vpc_endpoint").filter(([, endpoint]) =>
      String(endpoint.service_name).endsWith(".execute-api"),
    );
    // An adopted endpoint's owner applies the policy this stack outputs for it.
    const handedOver = Object.entries(stack.synthesized.output).filter(([name]) => name.startsWith("endpoint_policy"));
    if (endpoints.length === 0 && handedOver.length === 0) {
      return {
        applies: false,
        because: "the stack has no execute-api endpoint and hands no endpoint policy to an owner",
      };
    }
    const problems: string[] = [];
    const namesApiOrDomain = (target: string): boolean =>
      /^\$\{aws_api_gateway_rest_api\.[\w-]+\.execution_arn\}\/.+$/.test(target) ||
      /^arn:aws:execute-api:[a-z0-9-]+:\d{12}:[a-z0-9]{10}\/.+$/.test(target) ||
      // A private custom domain name, by its execute-api ARN (name+id).
      /^arn:aws:execute-api:[a-z0-9-]+:\d{12}:\/domainnames\/[^+*]+\+\$\{aws_api_gateway_domain_name\.[\w-]+\.domain_name_id\}$/.test(
        target,
      );
    for (const [name, output] of handedOver) {
      for (const statement of statements(output.value).filter((s) => s.Effect === "Allow")) {
        const targets = list(statement.Resource).map(String);
        if (targets.length === 0) {
          problems.push(`output.${name}: an Allow statement names no resource`);
        }
        problems.push(
          ...targets
            .filter((target) => !namesApiOrDomain(target))
            .map((target) => `output.${name}: Allow on ${target}, not on a specific API`),
        );
      }
    }
    const policies = resources(stack, "aws_vpc_endpoint_policy");
    for (const [address, endpoint] of endpoints) {
      const attached = [
        ...(endpoint.policy === undefined ? [] : [endpoint.policy]),
        ...policies
          .filter(([, policy]) => policy.vpc_endpoint_id === ref(address, "id"))
          .map(([, policy]) => policy.policy),
      ];
      if (attached.length === 0) {
        problems.push(`${address}: no endpoint policy, so AWS applies full access to every API`);
      }
      for (const policy of attached) {
        for (const statement of statements(policy).filter((s) => s.Effect === "Allow")) {
          const targets = list(statement.Resource).map(String);
          if (targets.length === 0) {
            problems.push(`${address}: an Allow statement names no resource`);
          }
          for (const target of targets) {
            if (!namesApiOrDomain(target)) {
              problems.push(`${address}: Allow on ${target}, not on a specific API`);
            }
          }
        }
      }
    }
    return { applies: true, problems };
  },
};

/** Every `[where, cidr]` a security group admits, from rule resources and inline blocks. */
function ingressCidrs(stack: StackUnderCheck): [string, string][] {
  const found: [string, string][] = [];
  // A rule may admit a managed prefix list: it admits every entry of the list.
  const prefixLists = new Map(
    resources(stack, "aws_ec2_managed_prefix_list").map(([address, prefixList]) => [
      ref(address, "id"),
      blocks(prefixList.entry).map((entry) => String(entry.cidr)),
    ]),
  );
  for (const [address, rule] of resources(stack, "aws_vpc_security_group_ingress_rule")) {
    for (const cidr of [rule.cidr_ipv4, rule.cidr_ipv6].filter((c) => c !== undefined)) {
      found.push([address, String(cidr)]);
    }
    if (rule.prefix_list_id !== undefined) {
      const entries = prefixLists.get(rule.prefix_list_id);
      if (entries === undefined) {
        found.push([address, `<prefix list ${String(rule.prefix_list_id)} not in the stack>`]);
      }
      for (const cidr of entries ?? []) {
        found.push([address, cidr]);
      }
    }
  }
  for (const [address, rule] of resources(stack, "aws_security_group_rule").filter(([, r]) => r.type === "ingress")) {
    for (const cidr of [...list(rule.cidr_blocks), ...list(rule.ipv6_cidr_blocks)]) {
      found.push([address, String(cidr)]);
    }
  }
  for (const [address, group] of resources(stack, "aws_security_group")) {
    for (const ingress of blocks(group.ingress)) {
      for (const cidr of [...list(ingress.cidr_blocks), ...list(ingress.ipv6_cidr_blocks)]) {
        found.push([address, String(cidr)]);
      }
    }
  }
  return found;
}

const securityGroupsAdmitConfiguredClientsOnly: DomainCheck = {
  id: "security-groups",
  title: "no security group admits 0.0.0.0/0 or ::/0, and the CIDRs admitted are exactly those configured",
  check: (stack) => {
    const groups = [
      ...resources(stack, "aws_security_group"),
      ...resources(stack, "aws_vpc_security_group_ingress_rule"),
      ...resources(stack, "aws_security_group_rule"),
    ];
    if (groups.length === 0) {
      return { applies: false, because: "the stack has no security group or rule" };
    }
    const admitted = ingressCidrs(stack);
    const problems = admitted
      .filter(([, cidr]) => OPEN_CIDRS.includes(cidr))
      .map(([address, cidr]) => `${address} admits ${cidr}`);
    const cidrs = [...new Set(admitted.map(([, cidr]) => cidr))].sort();
    const expected = [...new Set(stack.admittedCidrs)].sort();
    if (cidrs.join() !== expected.join()) {
      problems.push(`security groups admit [${cidrs.join(", ")}]; the configuration admits [${expected.join(", ")}]`);
    }
    return { applies: true, problems };
  },
};

const noDefaultRouteOverPeering: DomainCheck = {
  id: "peering-routes",
  title: "no route sends 0.0.0.0/0 or ::/0 over a peering connection",
  check: (stack) => {
    const routes: [string, Block][] = [
      ...resources(stack, "aws_route"),
      ...resources(stack, "aws_route_table").flatMap(([address, table]) =>
        blocks(table.route).map((route): [string, Block] => [address, route]),
      ),
    ].filter(([, route]) => route.vpc_peering_connection_id !== undefined);
    if (routes.length === 0) {
      return { applies: false, because: "the stack routes nothing over a peering connection" };
    }
    const problems = routes
      .filter(([, route]) =>
        [route.destination_cidr_block, route.cidr_block, route.destination_ipv6_cidr_block, route.ipv6_cidr_block].some(
          (cidr) => OPEN_CIDRS.includes(cidr as string),
        ),
      )
      .map(([address]) => `${address} sends a default route over a peering connection`);
    return { applies: true, problems };
  },
};

/** Attributes that hold a secret: they may only ever reference one, never contain it. */
const SECRET_ATTRIBUTES =
  /^(bgp_auth_key|auth_key|password|master_password|secret_string|secret_key|private_key|token)$/;
/** What a secret looks like wherever it appears. */
const SECRET_PATTERNS: [string, RegExp][] = [
  ["an AWS access key id", /\b(AKIA|ASIA)[A-Z0-9]{16}\b/],
  ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
];

/** Every `[path, value]` of a string attribute below `value`. */
function attributes(value: unknown, at: string): [string, unknown][] {
  if (value === null || typeof value !== "object") {
    return [[at, value]];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    attributes(child, Array.isArray(value) ? `${at}[${key}]` : `${at}.${key}`),
  );
}

const noSecrets: DomainCheck = {
  id: "secrets",
  title: "no secret (BGP key, password, access key, private key) appears in the generated Terraform",
  check: (stack) => {
    const problems = SECRET_PATTERNS.filter(([, pattern]) => pattern.test(stack.text)).map(
      ([what]) => `the Terraform contains ${what}`,
    );
    for (const [address, value] of attributes(stack.synthesized.resource, "resource")) {
      const attribute = address.split(".").pop() ?? "";
      const literal = typeof value === "string" && !/^\$\{(var|data|ephemeral)\.[^}]+\}$/.test(value);
      if (SECRET_ATTRIBUTES.test(attribute) && literal) {
        problems.push(`${address} holds a literal secret; reference it from a secret store instead`);
      }
    }
    return { applies: true, problems };
  },
};

/** The zone that would take over execute-api name resolution in the VPCs it is associated with. */
function isExecuteApiZone(name: unknown): boolean {
  return /(^|\.)execute-api\.[a-z0-9-]+\.amazonaws\.com\.?$/.test(String(name));
}

const noExecuteApiZoneBesidePrivateDns: DomainCheck = {
  id: "execute-api-zone",
  title: "no execute-api private hosted zone in a VPC whose execute-api endpoint has private DNS on",
  check: (stack) => {
    const privateDnsVpcs = resources(stack, "aws_vpc_endpoint")
      .filter(([, e]) => String(e.service_name).endsWith(".execute-api") && e.private_dns_enabled === true)
      .map(([, e]) => String(e.vpc_id));
    const zones = resources(stack, "aws_route53_zone").filter(([, zone]) => isExecuteApiZone(zone.name));
    if (privateDnsVpcs.length === 0 && zones.length === 0) {
      return {
        applies: false,
        because: "the stack has neither a private-DNS execute-api endpoint nor an execute-api zone",
      };
    }
    const zoneVpcs: [string, string][] = [
      ...zones.flatMap(([address, zone]) =>
        blocks(zone.vpc).map((vpc): [string, string] => [address, String(vpc.vpc_id)]),
      ),
      ...resources(stack, "aws_route53_zone_association")
        .filter(([, association]) =>
          zones.some(
            ([address]) =>
              association.zone_id === ref(address, "zone_id") || association.zone_id === ref(address, "id"),
          ),
        )
        .map(([address, association]): [string, string] => [address, String(association.vpc_id)]),
    ];
    const problems = zoneVpcs
      .filter(([, vpc]) => privateDnsVpcs.includes(vpc))
      .map(([address, vpc]) => `${address} puts an execute-api zone into ${vpc}, whose endpoint has private DNS on`);
    return { applies: true, problems };
  },
};

/** Every domain check, in the order the issue lists them. */
export const DOMAIN_CHECKS: readonly DomainCheck[] = [
  resourcePolicyDeniesOutsideEndpoints,
  endpointPolicyNamesApis,
  securityGroupsAdmitConfiguredClientsOnly,
  noDefaultRouteOverPeering,
  noSecrets,
  noExecuteApiZoneBesidePrivateDns,
];

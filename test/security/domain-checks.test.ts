import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { type EnvironmentSource, loadEnvironmentSources } from "../../config";
import { GENERATED_DIR, STACK_FILE } from "../../lib/paths";
import { API_GATEWAY_ACCOUNT } from "../../stacks/api-gateway-account";
import { TOPOLOGIES, TOPOLOGY_CATALOG, type TopologyName } from "../../topologies/registry";
import { checkApplies, type DomainCheckId, type Topology } from "../../topologies/topology";
import { decodePolicy, FIRST_TOPOLOGY, synthesizedStacks, type Synthesized } from "../helpers";
import { everyOptionSources } from "../helpers/fixtures";
import { DOMAIN_CHECKS, type StackUnderCheck, type Verdict } from "./domain-checks";

/**
 * The domain checks over every stack the registry produces, from the committed environments and
 * from fixtures that switch every option on. A check that does not apply to a stack says why, and
 * which checks apply to which topology is itself asserted: a stack that loses its security groups
 * fails here instead of passing "no open security group" vacuously.
 */

type StackKind = TopologyName | typeof API_GATEWAY_ACCOUNT;

/** Which checks apply to a stack of each kind, given its section: each topology says so in its unit. */
function appliesTo(kind: StackKind, section: unknown): Record<DomainCheckId, boolean> {
  if (kind === API_GATEWAY_ACCOUNT) {
    return {
      "resource-policy": false,
      "endpoint-policy": false,
      "security-groups": false,
      "peering-routes": false,
      secrets: true,
      "execute-api-zone": false,
    };
  }
  const applies = (TOPOLOGY_CATALOG[kind] as Topology).security.applies;
  return Object.fromEntries(Object.entries(applies).map(([id, rule]) => [id, checkApplies(rule, section)])) as Record<
    DomainCheckId,
    boolean
  >;
}

const KINDS: readonly StackKind[] = [...(Object.keys(TOPOLOGIES) as TopologyName[]), API_GATEWAY_ACCOUNT];

/**
 * Checks that no stack of today's topologies exercises, and why; each is still proven against a
 * mutated stack below. The entry must go when a topology starts to exercise the check.
 */
const NOT_YET_EXERCISED: Partial<Record<DomainCheckId, string>> = {};

/** Every CIDR a stack's configuration admits to its security groups (its topology says which). */
function admittedCidrs(kind: StackKind, section: unknown): readonly string[] {
  return kind === API_GATEWAY_ACCOUNT ? [] : (TOPOLOGY_CATALOG[kind]?.security.admittedCidrs(section) ?? []);
}

interface Checked {
  readonly stack: StackUnderCheck;
  readonly kind: StackKind;
  readonly section: unknown;
  readonly verdicts: Record<string, Verdict>;
}

let checked: Checked[] = [];
beforeAll(async () => {
  const sources: EnvironmentSource[] = [...(await loadEnvironmentSources()), ...everyOptionSources()];
  checked = synthesizedStacks(sources).map(({ name, topology, json, synthesized, section }) => {
    const committed = path.join(GENERATED_DIR, name, STACK_FILE);
    const kind = topology as StackKind;
    const stack: StackUnderCheck = {
      name,
      synthesized,
      // The committed HCL too, where the stack is committed: it is what reviewers and pipelines get.
      text: existsSync(committed) ? `${json}\n${readFileSync(committed, "utf8")}` : json,
      admittedCidrs: admittedCidrs(kind, section),
    };
    return {
      stack,
      kind,
      section,
      verdicts: Object.fromEntries(DOMAIN_CHECKS.map((check) => [check.id, check.check(stack)])),
    };
  });
});

describe("domain checks over every stack", () => {
  test("there are stacks of every kind, committed and fixtures", () => {
    const kinds = new Set(checked.map(({ kind }) => kind));
    expect([...kinds].sort()).toEqual([...KINDS].sort());
    expect(checked.map(({ stack }) => stack.name)).toEqual(
      expect.arrayContaining([
        `${FIRST_TOPOLOGY}-dev`,
        `${FIRST_TOPOLOGY}-prod`,
        `${FIRST_TOPOLOGY}-options`,
        `${FIRST_TOPOLOGY}-adopted`,
      ]),
    );
  });

  test.each(DOMAIN_CHECKS.map((check) => [check.title, check.id]))("%s", (_title, id) => {
    const problems = checked.flatMap(({ stack, verdicts }) => {
      const verdict = verdicts[id];
      return verdict?.applies === true ? verdict.problems.map((problem) => `${stack.name}: ${problem}`) : [];
    });
    expect(problems).toEqual([]);
    const exercised = checked.some(({ verdicts }) => verdicts[id]?.applies === true);
    expect({ id, exercised }).toEqual({ id, exercised: NOT_YET_EXERCISED[id as DomainCheckId] === undefined });
  });

  test("each check applies exactly where its topology has what it checks, and says why not elsewhere", () => {
    for (const { stack, kind, section, verdicts } of checked) {
      const applies = Object.fromEntries(Object.entries(verdicts).map(([id, verdict]) => [id, verdict.applies]));
      expect({ stack: stack.name, applies }).toEqual({ stack: stack.name, applies: appliesTo(kind, section) });
      for (const verdict of Object.values(verdicts)) {
        if (!verdict.applies) {
          expect(verdict.because).toMatch(/^the stack /);
        }
      }
    }
  });
});

/** One stack's JSON with `change` applied, run through one check. */
function verdictOn(id: DomainCheckId, stackName: string, change: (synthesized: Synthesized) => void): Verdict {
  const found = checked.find(({ stack }) => stack.name === stackName);
  if (found === undefined) {
    throw new Error(`no stack ${stackName}`);
  }
  const synthesized = JSON.parse(JSON.stringify(found.stack.synthesized)) as Synthesized;
  change(synthesized);
  const check = DOMAIN_CHECKS.find((candidate) => candidate.id === id);
  if (check === undefined) {
    throw new Error(`no check ${id}`);
  }
  return check.check({ ...found.stack, synthesized, text: JSON.stringify(synthesized) });
}

function problemsOf(verdict: Verdict): readonly string[] {
  return verdict.applies ? verdict.problems : [`not applicable: ${verdict.because}`];
}

/** A jsonencode policy attribute as cdktf synthesizes one, from a document whose values are plain text. */
function jsonencode(document: unknown): string {
  const render = (value: unknown): string => {
    if (Array.isArray(value)) {
      return `[${value.map(render).join(", ")}]`;
    }
    if (value !== null && typeof value === "object") {
      return `{${Object.entries(value)
        .map(([key, child]) => `${JSON.stringify(key)} = ${render(child)}`)
        .join(", ")}}`;
    }
    return JSON.stringify(value);
  };
  return `\${jsonencode(${render(document)})}`;
}

describe("the domain checks catch what they are for", () => {
  test("a resource policy without the Deny", () => {
    const verdict = verdictOn("resource-policy", `${FIRST_TOPOLOGY}-dev`, (out) => {
      const policy = out.resource.aws_api_gateway_rest_api_policy?.api_resource_policy as { policy: string };
      const document = decodePolicy(policy.policy) as { Statement: { Effect: string }[] };
      policy.policy = jsonencode({ ...document, Statement: document.Statement.filter((s) => s.Effect === "Allow") });
    });
    expect(problemsOf(verdict)).toEqual([
      expect.stringMatching(/^aws_api_gateway_rest_api_policy.api_resource_policy.policy: no Deny/),
    ]);
  });

  test("a Deny that names another endpoint", () => {
    const verdict = verdictOn("resource-policy", `${FIRST_TOPOLOGY}-dev`, (out) => {
      const policy = out.resource.aws_api_gateway_rest_api_policy?.api_resource_policy as { policy: string };
      policy.policy = policy.policy.replace("aws_vpc_endpoint.execute_api_endpoint.id", "aws_vpc_endpoint.other.id");
    });
    expect(problemsOf(verdict)).toHaveLength(1);
  });

  test("a private API with no resource policy at all", () => {
    const verdict = verdictOn("resource-policy", `${FIRST_TOPOLOGY}-dev`, (out) => {
      delete out.resource.aws_api_gateway_rest_api_policy;
    });
    expect(problemsOf(verdict)).toEqual(["aws_api_gateway_rest_api.api_rest_api: no resource policy"]);
  });

  test("an adopted API's handed-over policy without the Deny", () => {
    const verdict = verdictOn("resource-policy", `${FIRST_TOPOLOGY}-adopted`, (out) => {
      const output = out.output.resource_policy_for_api_owner as { value: string };
      const document = decodePolicy(output.value) as { Statement: { Effect: string }[] };
      output.value = jsonencode({ ...document, Statement: document.Statement.filter((s) => s.Effect === "Allow") });
    });
    expect(problemsOf(verdict)).toEqual([expect.stringMatching(/^output.resource_policy_for_api_owner: no Deny/)]);
  });

  test("an endpoint policy allowing *, and an endpoint with no policy", () => {
    const wildcard = verdictOn("endpoint-policy", `${FIRST_TOPOLOGY}-dev`, (out) => {
      const policy = out.resource.aws_vpc_endpoint_policy?.execute_api_policy as { policy: string };
      policy.policy = jsonencode({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }],
      });
    });
    expect(problemsOf(wildcard)).toEqual(["aws_vpc_endpoint.execute_api_endpoint: Allow on *, not on a specific API"]);
    const missing = verdictOn("endpoint-policy", `${FIRST_TOPOLOGY}-dev`, (out) => {
      delete out.resource.aws_vpc_endpoint_policy;
    });
    expect(problemsOf(missing)).toEqual([expect.stringMatching(/no endpoint policy, so AWS applies full access/)]);
  });

  test("a security group open to the internet, or admitting a CIDR nobody configured", () => {
    const open = verdictOn("security-groups", `${FIRST_TOPOLOGY}-dev`, (out) => {
      const rules = out.resource.aws_vpc_security_group_ingress_rule as Record<string, { cidr_ipv4?: string }>;
      rules.execute_api_https_from_vpc = { ...rules.execute_api_https_from_vpc, cidr_ipv4: "0.0.0.0/0" };
    });
    expect(problemsOf(open)).toEqual([
      "aws_vpc_security_group_ingress_rule.execute_api_https_from_vpc admits 0.0.0.0/0",
      expect.stringMatching(/^security groups admit \[0\.0\.0\.0\/0\]; the configuration admits \[10\.10\.0\.0\/16\]$/),
    ]);
    const inline = verdictOn("security-groups", `${FIRST_TOPOLOGY}-dev`, (out) => {
      const groups = out.resource.aws_security_group as Record<string, Record<string, unknown>>;
      const group = groups.execute_api_security_group ?? {};
      group.ingress = [{ from_port: 443, to_port: 443, protocol: "tcp", ipv6_cidr_blocks: ["::/0"] }];
    });
    expect(problemsOf(inline)).toContain("aws_security_group.execute_api_security_group admits ::/0");
  });

  test("a stack without security groups does not count as closed", () => {
    const verdict = verdictOn("security-groups", `${FIRST_TOPOLOGY}-dev`, (out) => {
      delete out.resource.aws_security_group;
      delete out.resource.aws_vpc_security_group_ingress_rule;
    });
    expect(verdict).toEqual({ applies: false, because: "the stack has no security group or rule" });
  });

  test("a default route over a peering connection", () => {
    const verdict = verdictOn("peering-routes", `${FIRST_TOPOLOGY}-dev`, (out) => {
      out.resource.aws_route = {
        to_peer: { route_table_id: "rtb", destination_cidr_block: "0.0.0.0/0", vpc_peering_connection_id: "pcx" },
        to_peer_vpc: {
          route_table_id: "rtb",
          destination_cidr_block: "10.99.0.0/16",
          vpc_peering_connection_id: "pcx",
        },
      };
    });
    expect(problemsOf(verdict)).toEqual(["aws_route.to_peer sends a default route over a peering connection"]);
  });

  test("a BGP key or an access key written into the Terraform", () => {
    const verdict = verdictOn("secrets", `${FIRST_TOPOLOGY}-dev`, (out) => {
      out.resource.aws_dx_private_virtual_interface = {
        vif: { bgp_auth_key: "s3cr3t-bgp-key", bgp_asn: 65000 },
        referenced: { bgp_auth_key: "${data.aws_ssm_parameter.bgp.value}" },
      };
      out.resource.aws_ssm_parameter = { leaked: { value: "AKIAABCDEFGHIJKLMNOP" } };
    });
    expect(problemsOf(verdict)).toEqual([
      "the Terraform contains an AWS access key id",
      "resource.aws_dx_private_virtual_interface.vif.bgp_auth_key holds a literal secret; reference it from a secret store instead",
    ]);
  });

  test("an execute-api private zone in the VPC of a private-DNS endpoint", () => {
    const verdict = verdictOn("execute-api-zone", `${FIRST_TOPOLOGY}-dev`, (out) => {
      out.resource.aws_route53_zone = {
        execute_api: { name: "execute-api.eu-west-1.amazonaws.com", vpc: [{ vpc_id: "${aws_vpc.network_vpc.id}" }] },
      };
    });
    expect(problemsOf(verdict)).toEqual([
      "aws_route53_zone.execute_api puts an execute-api zone into ${aws_vpc.network_vpc.id}, whose endpoint has private DNS on",
    ]);
    const associated = verdictOn("execute-api-zone", `${FIRST_TOPOLOGY}-dev`, (out) => {
      out.resource.aws_route53_zone = { execute_api: { name: "execute-api.eu-west-1.amazonaws.com" } };
      out.resource.aws_route53_zone_association = {
        api_vpc: { zone_id: "${aws_route53_zone.execute_api.zone_id}", vpc_id: "${aws_vpc.network_vpc.id}" },
      };
    });
    expect(problemsOf(associated)).toHaveLength(1);
  });
});

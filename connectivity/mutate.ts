/**
 * Mutations of a parsed stack: remove or change one thing (a record, a zone association, a rule, a route, a
 * mapping, an access association, a policy statement) and evaluate again. The original stays untouched.
 */
import { blockAt, isObject, type Block, type HclDocument, type Json, type ParsedStack } from "./hcl";

/** One change to a stack's HCL. */
export type Change = (hcl: HclDocument) => void;

/** A copy of `stack` with the changes applied; `label` names the mutated stack in messages. */
export function mutate(stack: ParsedStack, label: string, ...changes: Change[]): ParsedStack {
  const hcl = structuredClone(stack.hcl);
  for (const change of changes) change(hcl);
  return { name: `${stack.name} (${label})`, file: stack.file, hcl };
}

function split(address: string): [string, string] {
  const [type, name] = address.split(".");
  if (type === undefined || name === undefined) throw new Error(`not a resource address: ${address}`);
  return [type, name];
}

function mustHave(hcl: HclDocument, address: string): Block {
  const block = blockAt(hcl, address);
  if (block === undefined) throw new Error(`mutation: the stack has no ${address}`);
  return block;
}

/** Removes a resource. */
export function without(address: string): Change {
  return (hcl) => {
    mustHave(hcl, address);
    const [type, name] = split(address);
    const byName = hcl.resource[type];
    if (byName !== undefined) Reflect.deleteProperty(byName, name);
  };
}

/** Removes every resource of a type whose address matches. */
export function withoutAll(type: string, match: (name: string, block: Block) => boolean = () => true): Change {
  return (hcl) => {
    const byName = hcl.resource[type] ?? {};
    for (const [name, block] of Object.entries(byName)) if (match(name, block)) Reflect.deleteProperty(byName, name);
  };
}

/** Sets (or, with undefined, removes) one attribute of a resource. */
export function withAttribute(address: string, key: string, value: Json | undefined): Change {
  return (hcl) => {
    const block = mustHave(hcl, address);
    if (value === undefined) Reflect.deleteProperty(block, key);
    else block[key] = value;
  };
}

/** Adds a resource. */
export function withResource(address: string, block: Block): Change {
  return (hcl) => {
    const [type, name] = split(address);
    hcl.resource[type] = { ...(hcl.resource[type] ?? {}), [name]: block };
  };
}

/** Removes the statement with this Sid from the resource's `policy`. */
export function withoutStatement(address: string, sid: string): Change {
  return (hcl) => {
    const policy = mustHave(hcl, address).policy;
    if (!isObject(policy) || !Array.isArray(policy.Statement))
      throw new Error(`mutation: ${address} has no decoded policy`);
    const before = policy.Statement.length;
    policy.Statement = policy.Statement.filter((statement) => !(isObject(statement) && statement.Sid === sid));
    if (policy.Statement.length === before) throw new Error(`mutation: ${address}'s policy has no statement ${sid}`);
  };
}

/** Removes a VPC from a private zone's inline `vpc` blocks (a zone association). */
export function withoutZoneVpc(zoneAddress: string, vpcId: string): Change {
  return (hcl) => {
    const zone = mustHave(hcl, zoneAddress);
    const vpcs = Array.isArray(zone.vpc) ? zone.vpc : [];
    zone.vpc = vpcs.filter((vpc) => !(isObject(vpc) && vpc.vpc_id === vpcId));
    if (zone.vpc.length === vpcs.length) throw new Error(`mutation: ${zoneAddress} is not associated with ${vpcId}`);
  };
}

/** Adds, to every route table associated with a subnet of `vpcId`, a route to `destination` via `target`. */
export function withRoutes(vpcId: string, destination: string, target: Record<string, string>): Change {
  return (hcl) => {
    const subnets = Object.entries(hcl.resource.aws_subnet ?? {})
      .filter(([, block]) => block.vpc_id === vpcId)
      .map(([name]) => `\${aws_subnet.${name}.id}`);
    const tables = Object.values(hcl.resource.aws_route_table_association ?? {})
      .filter((association) => typeof association.subnet_id === "string" && subnets.includes(association.subnet_id))
      .map((association) => association.route_table_id);
    if (tables.length === 0) throw new Error(`mutation: no route table serves a subnet of ${vpcId}`);
    tables.forEach((table, index) => {
      withResource(`aws_route.mutation_route_${String(index)}`, {
        route_table_id: table ?? "",
        destination_cidr_block: destination,
        ...target,
      })(hcl);
    });
  };
}

/**
 * Changes the postconditions of a block (a lookup's): each condition passes through `change`, which returns
 * its replacement, or undefined to drop it.
 */
export function withPostconditions(address: string, change: (condition: string) => string | undefined): Change {
  return (hcl) => {
    const block = mustHave(hcl, address);
    const lifecycles = Array.isArray(block.lifecycle) ? block.lifecycle.filter(isObject) : [];
    if (lifecycles.length === 0) throw new Error(`mutation: ${address} has no postconditions`);
    for (const lifecycle of lifecycles) {
      const checks = Array.isArray(lifecycle.postcondition) ? lifecycle.postcondition.filter(isObject) : [];
      lifecycle.postcondition = checks.flatMap((check) => {
        const condition = change(typeof check.condition === "string" ? check.condition : "");
        return condition === undefined ? [] : [{ ...check, condition }];
      });
    }
  };
}

/** Sets, in the statement with this Sid of the resource's `policy`, one condition key's values. */
export function withPolicyCondition(
  address: string,
  sid: string,
  operator: string,
  key: string,
  values: readonly string[],
): Change {
  return (hcl) => {
    const policy = mustHave(hcl, address).policy;
    const statement =
      isObject(policy) && Array.isArray(policy.Statement)
        ? policy.Statement.find((candidate) => isObject(candidate) && candidate.Sid === sid)
        : undefined;
    if (!isObject(statement)) throw new Error(`mutation: ${address}'s policy has no statement ${sid}`);
    const condition = isObject(statement.Condition) ? statement.Condition : {};
    const tests = isObject(condition[operator]) ? condition[operator] : {};
    statement.Condition = { ...condition, [operator]: { ...tests, [key]: [...values] } };
  };
}

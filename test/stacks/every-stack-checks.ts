import { decodePolicy, type Synthesized } from "../helpers";

/**
 * Properties every stack the registry produces must have, as checks that list the problems of one
 * synthesized stack: every-stack.test.ts runs them over the committed environments and the
 * fixtures, the property tests over generated environments.
 */

/** Attributes that hold an IAM policy document, by resource type. */
const POLICY_ATTRIBUTES = ["policy", "assume_role_policy"];

/** Every `[address, attribute, value]` that holds a policy document. */
function policies(out: Synthesized): [string, string, unknown][] {
  return Object.entries(out.resource).flatMap(([type, resources]) =>
    Object.entries(resources).flatMap(([name, body]) =>
      POLICY_ATTRIBUTES.filter((attribute) => attribute in body).map((attribute): [string, string, unknown] => [
        `${type}.${name}`,
        attribute,
        body[attribute],
      ]),
    ),
  );
}

/** One property of every stack: the problems of one stack (none when it holds). */
export interface StackProperty {
  readonly title: string;
  readonly problems: (name: string, out: Synthesized) => string[];
}

export const EVERY_STACK_PROPERTIES: readonly StackProperty[] = [
  {
    title: "no policy document waits on a managed resource: no aws_iam_policy_document data source reads one",
    problems: (name, out) =>
      Object.entries(out.data.aws_iam_policy_document ?? {})
        .map(([address, document]) => `${name}: data.aws_iam_policy_document.${address} ${JSON.stringify(document)}`)
        .filter((line) => /\$\{aws_/.test(line)),
  },
  {
    title: "every policy is jsonencode of a document, so the plan shows it",
    problems: (name, out) => {
      const found = policies(out);
      if (found.length === 0) {
        return [`${name}: 0 policies`];
      }
      return found.flatMap(([address, attribute, value]) => {
        let document: { Version?: string; Statement?: unknown[] };
        try {
          document = decodePolicy(value) as typeof document;
        } catch (error) {
          return [`${name} ${address}.${attribute}: ${(error as Error).message}`];
        }
        return [
          ...(document.Version === "2012-10-17"
            ? []
            : [`${name} ${address}.${attribute}: ${document.Version ?? "no Version"}`]),
          ...((document.Statement?.length ?? 0) > 0 ? [] : [`${name} ${address}.${attribute}: no Statement`]),
        ];
      });
    },
  },
  {
    title:
      "every VPC a stack names but does not create is looked up, and the plan fails unless its DNS support and hostnames are on",
    problems: (name, out) => {
      const named = [...new Set(JSON.stringify(out.resource).match(/\bvpc-[0-9a-f]{8,17}\b/g) ?? [])];
      const lookups = Object.values(out.data.aws_vpc ?? {});
      const looked = new Set(lookups.map((lookup) => lookup.id as string));
      return [
        ...named.filter((id) => !looked.has(id)).map((id) => `${name}: ${id} is named but not looked up`),
        ...lookups
          .filter((lookup) => {
            const conditions = ((lookup.lifecycle?.postcondition ?? []) as { condition: string }[]).map(
              (check) => check.condition,
            );
            return !["${self.enable_dns_support}", "${self.enable_dns_hostnames}"].every((required) =>
              conditions.includes(required),
            );
          })
          .map((lookup) => `${name}: the lookup of ${String(lookup.id)} does not require DNS support and hostnames on`),
      ];
    },
  },
  {
    title: "no REST API carries create_before_destroy (it would be forced onto the endpoint)",
    problems: (name, out) =>
      Object.entries(out.resource.aws_api_gateway_rest_api ?? {})
        .filter(([, api]) => api.lifecycle?.create_before_destroy !== undefined)
        .map(([address]) => `${name}: aws_api_gateway_rest_api.${address} has create_before_destroy`),
  },
  {
    title: "no deployment trigger hashes a whole resource",
    problems: (name, out) =>
      Object.entries(out.resource.aws_api_gateway_deployment ?? {}).flatMap(([address, deployment]) => {
        const hashed = /jsonencode\(\[(.*)\]\)/.exec(deployment.triggers.redeployment as string)?.[1] ?? "";
        return hashed
          .split(",")
          .map((part) => part.trim())
          .filter((item) => !/^aws_[a-z_]+\.[A-Za-z0-9_-]+\.[a-z_]+$/.test(item))
          .map((item) => `${name}: aws_api_gateway_deployment.${address} hashes ${item}`);
      }),
  },
];

/** Every problem of one stack, against every property. */
export function everyStackProblems(name: string, out: Synthesized): string[] {
  return EVERY_STACK_PROPERTIES.flatMap((property) => property.problems(name, out));
}

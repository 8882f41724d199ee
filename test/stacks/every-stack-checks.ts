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

/**
 * Resource types AWS identifies by their arguments (a rule, an association, an attachment, a route):
 * a second one with the same arguments is refused at apply (`InvalidPermission.Duplicate`,
 * `ConflictingDomainExists`, `RouteAlreadyExists`, …). Others, such as route tables, get ids of
 * their own and may well be alike.
 */
const KEYED_BY_ARGUMENTS = [
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
  "aws_route",
  "aws_route53_zone_association",
  "aws_route53_record",
  "aws_vpn_gateway_attachment",
  "aws_vpn_gateway_route_propagation",
  "aws_ec2_transit_gateway_vpc_attachment",
  "aws_vpc_peering_connection_accepter",
  "aws_dx_hosted_private_virtual_interface_accepter",
  "aws_dx_gateway_association",
  "aws_api_gateway_base_path_mapping",
  "aws_api_gateway_domain_name_access_association",
];

/** The longest `name` (and `name_prefix`) AWS accepts, by resource type. */
const NAME_LIMITS: Readonly<Record<string, { readonly name: number; readonly prefix?: number }>> = {
  aws_iam_role: { name: 64, prefix: 38 },
  aws_iam_policy: { name: 128, prefix: 96 },
  aws_lb: { name: 32, prefix: 6 },
  aws_lb_target_group: { name: 32, prefix: 6 },
  aws_security_group: { name: 255, prefix: 255 },
  aws_kms_alias: { name: 256 },
  aws_cloudwatch_log_group: { name: 512, prefix: 483 },
  aws_ec2_managed_prefix_list: { name: 255 },
  aws_route53_resolver_endpoint: { name: 64 },
};

/** What says nothing to AWS: tags, descriptions, Terraform's meta-arguments and cdktf's metadata. */
const BOOKKEEPING = [
  "//",
  "tags",
  "tags_all",
  "description",
  "depends_on",
  "lifecycle",
  "provider",
  "count",
  "for_each",
];

/** A resource's arguments as AWS receives them, to compare two resources. */
function awsArguments(body: Record<string, unknown>): string {
  return JSON.stringify(Object.entries(body).filter(([key]) => !BOOKKEEPING.includes(key)));
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
  {
    title:
      "no two rules, routes, associations or attachments say the same thing to AWS (it refuses the second at apply)",
    problems: (name, out) =>
      KEYED_BY_ARGUMENTS.flatMap((type) => {
        const resources = out.resource[type] ?? {};
        const first = new Map<string, string>();
        return Object.entries(resources).flatMap(([address, body]) => {
          const key = awsArguments(body as Record<string, unknown>);
          const earlier = first.get(key);
          first.set(key, earlier ?? address);
          return earlier === undefined ? [] : [`${name}: ${type}.${address} repeats ${type}.${earlier}`];
        });
      }),
  },
  {
    title: "no private hosted zone names one VPC twice (AWS refuses the second association)",
    problems: (name, out) =>
      Object.entries(out.resource.aws_route53_zone ?? {}).flatMap(([address, zone]) => {
        const vpcs = (
          (Array.isArray(zone.vpc) ? zone.vpc : zone.vpc === undefined ? [] : [zone.vpc]) as {
            vpc_id?: unknown;
          }[]
        ).map((vpc) => JSON.stringify(vpc.vpc_id));
        return vpcs
          .filter((vpc, index) => vpcs.indexOf(vpc) !== index)
          .map((vpc) => `${name}: aws_route53_zone.${address} names VPC ${vpc} twice`);
      }),
  },
  {
    title: "every name is within the length AWS accepts (a longer one fails at apply)",
    problems: (name, out) =>
      Object.entries(NAME_LIMITS).flatMap(([type, limits]) =>
        Object.entries(out.resource[type] ?? {}).flatMap(([address, body]) =>
          (
            [
              ["name", limits.name],
              ["name_prefix", limits.prefix],
            ] as const
          ).flatMap(([attribute, limit]) => {
            const value: unknown = body[attribute];
            return typeof value === "string" && limit !== undefined && value.length > limit && !value.includes("${")
              ? [
                  `${name}: ${type}.${address}.${attribute} has ${String(value.length)} characters (at most ${String(limit)}): ${value}`,
                ]
              : [];
          }),
        ),
      ),
  },
];

/** Every problem of one stack, against every property. */
export function everyStackProblems(name: string, out: Synthesized): string[] {
  return EVERY_STACK_PROPERTIES.flatMap((property) => property.problems(name, out));
}

/**
 * `npm run explain`: what happens, hop by hop, when a described client calls a URL against a committed stack
 * (or any folder's main.tf). Exit 0 when it answered (whatever the outcome), 1 on an unreadable stack or input
 * it does not model, 2 on usage.
 */
import { UserError } from "../lib/errors";
import { parseCommandLine, userPath } from "../tooling/arguments";
import { runCli, UsageError } from "../tooling/cli";
import { evaluate } from "../connectivity/evaluate";
import { formatAnswer } from "../connectivity/format";
import { loadStack, StackReadError } from "../connectivity/hcl";
import { parseHeaders, RequestError, type ConnectivityRequest } from "../connectivity/request";
import { stackFile } from "../connectivity/shipped";
import { join } from "node:path";
import { TOPOLOGIES } from "../topologies/registry";

/** One command per topology of the registry: its matrix's example, on the shipped stack it names. */
async function examples(): Promise<string> {
  const lines = await Promise.all(
    Object.entries(TOPOLOGIES).map(async ([name, unit]) => {
      const { description, environment, request, outcome } = (await unit.connectivity()).example;
      const quoted = (value: string) => `'${value}'`;
      const options = [
        `--stack ${name}-${environment}`,
        `--from ${quoted(request.from)}`,
        ...(request.dns === undefined ? [] : [`--dns ${quoted(request.dns)}`]),
        `--url ${quoted(request.url)}`,
        ...Object.entries(request.headers ?? {}).map(([header, value]) => `--header ${quoted(`${header}: ${value}`)}`),
        ...(request.securityGroups ?? []).map((group) => `--security-group ${group}`),
        ...(request.signed === true ? ["--signed"] : []),
      ];
      return `  ${name}: ${description} (answers ${outcome} today):\n    npm run explain -- ${options.join(" \\\n      ")}`;
    }),
  );
  return lines.join("\n");
}

const usage = (
  examples: string,
) => `Usage: npm run explain -- (--stack <name> | --dir <folder>) --from <client> --url <url> [options]

Reads a stack's generated Terraform and says what happens to one request, hop by hop: DNS, route both ways,
security groups, TLS name, API selection, policies, stage and path; then the outcome (ok, nxdomain, no-route,
dropped, timeout, tls-name-mismatch, forbidden, missing-authentication-token), the deciding hop and resource,
and every assumption (a 🟡 or ❓ rule of CONNECTIVITY.md) the answer relies on.

Options:
  --stack <name>        a committed stack: generated/<name>/main.tf (e.g. <topology>-prod)
  --dir <folder>        read <folder>/main.tf instead (relative to the folder you run the command in)
  --from <client>       an IPv4 address, a CIDR (one host in it), or a VPC of the stack: '\${aws_vpc.network_vpc.id}'
                        or an adopted VPC's vpc-… id; references to CIDR attributes are followed
  --url <url>           https URL; may hold Terraform references as the outputs print them, e.g.
                        '\${aws_api_gateway_stage.api_stage.invoke_url}/health'
  --header "Name: v"    a request header (repeatable): Host, x-apigw-api-id; values may hold references
  --signed              the request is SigV4-signed (default: unsigned)
  --dns <resolver>      vpc (the client's VPC), public, on-premises (forwarding to the stack's Resolver inbound
                        endpoint), or a VPC whose resolver the client uses; default: vpc inside a VPC, else public
  --routed-by <what>    the client's network is routed to the VPC, both ways, by <what> outside the stack
                        (reported as an assumption)
  --egress-by <what>    the client's adopted VPC reaches the internet through <what> outside the stack (its
                        network.egress declaration; reported as an assumption)
  --security-group <id> a security group of the client's interface (repeatable): a Client VPN endpoint's
                        clients arrive NATed to its interfaces in the VPC, with its groups
  --principal-account <id>, --principal-org <o-id>
                        who signs the request, for policies that admit named principals only (default: a
                        principal they admit, reported as an assumption)
  --method <verb>       HTTP method (default GET)
  --json                print the answer as one JSON object (outcome, hop, reason, api, hops, assumptions)
  -h, --help            this help

Examples (one per topology; quote references so the shell leaves \${…} alone):
${examples}

Exit status: 0 when it answered (whatever the outcome), 1 when the stack cannot be read or the input is not
modelled, 2 on a usage mistake.
`;

const OPTIONS = {
  stack: { type: "string" },
  dir: { type: "string" },
  from: { type: "string" },
  url: { type: "string" },
  header: { type: "string", multiple: true },
  signed: { type: "boolean" },
  dns: { type: "string" },
  "routed-by": { type: "string" },
  "egress-by": { type: "string" },
  "security-group": { type: "string", multiple: true },
  "principal-account": { type: "string" },
  "principal-org": { type: "string" },
  method: { type: "string" },
  json: { type: "boolean" },
} as const;

async function main(): Promise<void> {
  const values = parseCommandLine("explain", usage(await examples()), OPTIONS);
  if (values === undefined) return;
  const hint = "Run `npm run explain -- --help` for usage.";
  if ((values.stack === undefined) === (values.dir === undefined))
    throw new UsageError(`Give exactly one of --stack and --dir. ${hint}`);
  if (values.from === undefined) throw new UsageError(`--from is required. ${hint}`);
  if (values.url === undefined) throw new UsageError(`--url is required. ${hint}`);
  if (values.stack !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(values.stack)) {
    throw new UsageError(`--stack "${values.stack}" is not a stack name (e.g. <topology>-prod). ${hint}`);
  }
  const file = values.stack !== undefined ? stackFile(values.stack) : join(userPath(values.dir ?? "."), "main.tf");
  const name = values.stack ?? values.dir ?? "stack";
  try {
    const stack = await loadStack(file, name);
    const request: ConnectivityRequest = {
      from: values.from,
      url: values.url,
      headers: parseHeaders(values.header ?? []),
      signed: values.signed === true,
      ...(values.dns === undefined ? {} : { dns: values.dns }),
      ...(values["routed-by"] === undefined ? {} : { routedBy: values["routed-by"] }),
      ...(values["egress-by"] === undefined ? {} : { egressBy: values["egress-by"] }),
      ...(values["security-group"] === undefined ? {} : { securityGroups: values["security-group"] }),
      ...(values["principal-account"] === undefined && values["principal-org"] === undefined
        ? {}
        : {
            principal: {
              ...(values["principal-account"] === undefined ? {} : { account: values["principal-account"] }),
              ...(values["principal-org"] === undefined ? {} : { organizationId: values["principal-org"] }),
            },
          }),
      ...(values.method === undefined ? {} : { method: values.method }),
    };
    const answer = evaluate(stack, request);
    process.stdout.write(values.json === true ? `${JSON.stringify(answer)}\n` : `${formatAnswer(answer)}\n`);
  } catch (error) {
    if (error instanceof StackReadError || error instanceof RequestError) throw new UserError(error.message);
    throw error;
  }
}

runCli(main);

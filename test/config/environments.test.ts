import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { type EnvironmentInput, loadEnvironmentSources, resolveEnvironment } from "../../config";
import { ConfigError } from "../../lib/errors";
import { defineStacks } from "../../stacks";
import { environmentInput, source } from "../helpers";

/** Resolves the input for direct-vpce and returns the ConfigError's message. */
function errorFor(input: unknown, name = "test"): string {
  try {
    resolveEnvironment(source(input, name), "direct-vpce");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

function withNetwork(network: EnvironmentInput["network"]): EnvironmentInput {
  return environmentInput({ network });
}

describe("committed environments", () => {
  test("dev, staging and prod load and validate for every topology", async () => {
    // GIVEN the environment files in config/environments
    const sources = await loadEnvironmentSources();

    // THEN there is one per file and each is valid
    expect(sources.map((s) => s.name)).toEqual(["dev", "prod", "staging"]);
    for (const s of sources) {
      expect(resolveEnvironment(s, "direct-vpce").name).toBe(s.name);
    }
  });

  test("prod protects against deletion and keeps logs for a year", async () => {
    const prod = (await loadEnvironmentSources()).find((s) => s.name === "prod");
    const env = resolveEnvironment(prod!, "direct-vpce");
    expect(env.deletionProtection).toBe(true);
    expect(env.logRetentionDays).toBeGreaterThanOrEqual(365);
  });

  test("adding an environment is adding one file", async () => {
    // GIVEN a folder with one new environment file
    const dir = mkdtempSync(path.join(tmpdir(), "envs-"));
    const schema = path.resolve(__dirname, "../../config/schema");
    writeFileSync(
      path.join(dir, "qa.ts"),
      `import { defineEnvironment } from ${JSON.stringify(schema)};\nexport default defineEnvironment(${JSON.stringify({
        ...environmentInput(),
        name: "qa",
      })});\n`,
    );

    // WHEN stacks are defined from it
    const app = Testing.app();
    const stacks = defineStacks(app, await loadEnvironmentSources(dir));

    // THEN its stack exists
    expect(stacks.map((s) => s.node.id)).toEqual(["direct-vpce-qa"]);
  });
});

describe("bad input gets one clear line per problem", () => {
  test("the message names environment, topology, field, value and fix", () => {
    const message = errorFor(environmentInput({ clientCidrs: { anywhere: "0.0.0.0/0" } }));
    expect(message).toContain("Invalid configuration (config/environments/test.ts):");
    expect(message).toContain(
      'environment "test", topology "direct-vpce", field "clientCidrs.anywhere": received "0.0.0.0/0"; ' +
        "opens the endpoint to a range far wider than any client network (the internet). Fix: ",
    );
  });

  test.each<[string, EnvironmentInput, string, string]>([
    [
      "a malformed CIDR",
      withNetwork({
        mode: "create",
        cidr: "10.0.0/16",
        privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
      }),
      'field "network.cidr": received "10.0.0/16"',
      "is not an IPv4 CIDR block",
    ],
    [
      "a CIDR with host bits set",
      withNetwork({
        mode: "create",
        cidr: "10.0.0.1/16",
        privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
      }),
      'field "network.cidr": received "10.0.0.1/16"',
      "the block it denotes is 10.0.0.0/16",
    ],
    [
      "a subnet outside the VPC",
      withNetwork({
        mode: "create",
        cidr: "10.0.0.0/16",
        privateSubnets: { "eu-west-1a": "10.9.0.0/24", "eu-west-1b": "10.0.1.0/24" },
      }),
      'field "network.privateSubnets.eu-west-1a": received "10.9.0.0/24"',
      "is not inside the VPC CIDR 10.0.0.0/16",
    ],
    [
      "overlapping subnets",
      withNetwork({
        mode: "create",
        cidr: "10.0.0.0/16",
        privateSubnets: { "eu-west-1a": "10.0.0.0/23", "eu-west-1b": "10.0.1.0/24" },
      }),
      'field "network.privateSubnets.eu-west-1b": received "10.0.1.0/24"',
      "overlaps the subnet of eu-west-1a",
    ],
    [
      "fewer than 2 availability zones",
      withNetwork({ mode: "create", cidr: "10.0.0.0/16", privateSubnets: { "eu-west-1a": "10.0.0.0/24" } }),
      'field "network.privateSubnets"',
      "fewer than 2 availability zones",
    ],
    [
      "a zone of another region",
      withNetwork({
        mode: "create",
        cidr: "10.0.0.0/16",
        privateSubnets: { "eu-west-1a": "10.0.0.0/24", "us-east-1b": "10.0.1.0/24" },
      }),
      'field "network.privateSubnets.us-east-1b": received "us-east-1b"',
      "is not an availability zone of eu-west-1",
    ],
    [
      "an unknown region",
      environmentInput({ region: "eu-middle-9" }),
      'field "region": received "eu-middle-9"',
      "Fix: use one of af-south-1",
    ],
    [
      "a client CIDR of 0.0.0.0/0",
      environmentInput({ clientCidrs: { anywhere: "0.0.0.0/0" } }),
      'field "clientCidrs.anywhere": received "0.0.0.0/0"',
      "the internet",
    ],
    [
      "a duplicate client range under two names",
      environmentInput({ clientCidrs: { vpn: "172.16.0.0/16", "vpn-again": "172.16.0.0/16" } }),
      'field "clientCidrs.vpn-again": received "172.16.0.0/16"',
      'duplicates client "vpn"',
    ],
    [
      "a client range inside the VPC",
      environmentInput({ clientCidrs: { app: "10.0.5.0/24" } }),
      'field "clientCidrs.app": received "10.0.5.0/24"',
      "overlaps the VPC CIDR 10.0.0.0/16",
    ],
    [
      "a reserved client name",
      environmentInput({ clientCidrs: { vpc: "172.16.0.0/16" } }),
      'field "clientCidrs.vpc"',
      'reserved client name "vpc"',
    ],
    [
      "a client name that cannot be a Terraform address",
      environmentInput({ clientCidrs: { "Corporate VPN": "172.16.0.0/16" } }),
      'field "clientCidrs.Corporate VPN"',
      "is not a valid name",
    ],
    [
      "a tag the project sets itself",
      environmentInput({ tags: { Environment: "x" } }),
      'field "tags.Environment": received "x"',
      "duplicates a tag the project sets",
    ],
    [
      "a malformed account id",
      environmentInput({ accountId: "1234" }),
      'field "accountId": received "1234"',
      "12-digit",
    ],
    [
      "an unsupported log retention",
      environmentInput({ logRetentionDays: 42 }),
      'field "logRetentionDays": received 42',
      "Fix: use one of 1, 3, 5",
    ],
    [
      "a misspelt field",
      { ...environmentInput(), regoin: "eu-west-1" } as EnvironmentInput,
      'field "(environment)": received ["regoin"]',
      "unknown field(s) regoin",
    ],
    [
      "a missing field",
      { ...environmentInput(), stateBucket: undefined } as unknown as EnvironmentInput,
      'field "stateBucket": received nothing',
      "is required",
    ],
    [
      "an unknown network mode",
      withNetwork({ mode: "import" } as unknown as EnvironmentInput["network"]),
      'field "network.mode"',
      'Fix: use one of "create", "existing"',
    ],
    [
      "a malformed VPC id",
      withNetwork({
        mode: "existing",
        vpcId: "vpc-xyz",
        cidr: "10.0.0.0/16",
        subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0", "eu-west-1b": "subnet-0123456789abcdef1" },
      }),
      'field "network.vpcId": received "vpc-xyz"',
      "is not a VPC id",
    ],
    [
      "one subnet given for two zones",
      withNetwork({
        mode: "existing",
        vpcId: "vpc-0123456789abcdef0",
        cidr: "10.0.0.0/16",
        subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0", "eu-west-1b": "subnet-0123456789abcdef0" },
      }),
      'field "network.subnetIds.eu-west-1b"',
      "is also given for eu-west-1a",
    ],
    [
      "an OpenAPI file next to an existing API",
      environmentInput({
        api: {
          stageName: "v1",
          loggingLevel: "INFO",
          openApiSpec: "x.json",
          existing: { restApiId: "a1b2c3d4e5", stageName: "v1" },
        },
      }),
      'field "api.openApiSpec"',
      "cannot be imported into an existing API",
    ],
    [
      "an OpenAPI file that does not exist",
      environmentInput({ api: { stageName: "v1", loggingLevel: "INFO", openApiSpec: "does/not/exist.json" } }),
      'field "api.openApiSpec": received "does/not/exist.json"',
      "the file cannot be read",
    ],
  ])("fails on %s", (_case, input, field, problem) => {
    const message = errorFor(input);
    expect(message).toContain(`environment "test", topology "direct-vpce", ${field}`);
    expect(message).toContain(problem);
    expect(message).toMatch(/Fix: .+\.$/m);
  });

  test("reads an OpenAPI definition named by api.openApiSpec", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "spec-")), "orders.json");
    writeFileSync(file, JSON.stringify({ openapi: "3.0.1", info: { title: "orders", version: "1" }, paths: {} }));
    const env = resolveEnvironment(
      source(environmentInput({ api: { stageName: "v1", loggingLevel: "INFO", openApiSpec: file } })),
      "direct-vpce",
    );
    expect(env.openApiDocument).toMatchObject({ openapi: "3.0.1", paths: {} });
  });

  test.each([
    ["not JSON", "openapi: 3.0.1\n", "the file is not JSON"],
    ["not an API definition", JSON.stringify({ name: "x" }), "is not an OpenAPI 3 or Swagger 2 definition"],
  ])("fails on an OpenAPI file that is %s", (_case, content, problem) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "spec-")), "spec.json");
    writeFileSync(file, content);
    const message = errorFor(environmentInput({ api: { stageName: "v1", loggingLevel: "INFO", openApiSpec: file } }));
    expect(message).toContain('field "api.openApiSpec"');
    expect(message).toContain(problem);
  });

  test("fails on a key written twice in an environment file, which JavaScript would silently collapse", async () => {
    // GIVEN a file naming the same client twice
    const dir = mkdtempSync(path.join(tmpdir(), "envs-"));
    const schema = path.resolve(__dirname, "../../config/schema");
    const body = JSON.stringify({ ...environmentInput(), name: "qa" }, null, 2).replace(
      '"clientCidrs": {}',
      '"clientCidrs": {\n    "vpn": "172.16.0.0/16",\n    "vpn": "172.17.0.0/16"\n  }',
    );
    writeFileSync(
      path.join(dir, "qa.ts"),
      `import { defineEnvironment } from ${JSON.stringify(schema)};\nexport default defineEnvironment(${body});\n`,
    );

    // WHEN it is loaded and resolved
    const [qa] = await loadEnvironmentSources(dir);

    // THEN the duplicate is named by its field
    expect(() => resolveEnvironment(qa!, "direct-vpce")).toThrow(
      /environment "qa", topology "direct-vpce", field "clientCidrs.vpn": received "172.17.0.0\/16"; is written twice in one object \(line \d+\); only the last value would count. Fix: keep one of them./,
    );
  });

  test("an adopted VPC may be as small as AWS allows; a new one needs room for its subnets", () => {
    const existing = resolveEnvironment(
      source(
        environmentInput({
          network: {
            mode: "existing",
            vpcId: "vpc-0123456789abcdef0",
            cidr: "10.0.0.0/26",
            subnetIds: { "eu-west-1a": "subnet-0123456789abcdef0", "eu-west-1b": "subnet-0123456789abcdef1" },
          },
        }),
      ),
      "direct-vpce",
    );
    expect(existing.network.cidr).toBe("10.0.0.0/26");
    expect(
      errorFor(
        withNetwork({
          mode: "create",
          cidr: "10.0.0.0/26",
          privateSubnets: { "eu-west-1a": "10.0.0.0/28", "eu-west-1b": "10.0.0.16/28" },
        }),
      ),
    ).toContain('field "network.cidr": received "10.0.0.0/26"; is outside the /16 to /24 range of a new VPC CIDR');
  });

  test("fails when the name does not match the file", () => {
    expect(errorFor(environmentInput({ name: "prod" }), "dev")).toContain(
      'field "name": received "prod"; does not match the file name config/environments/dev.ts',
    );
  });

  test("fails when a file has no default export", () => {
    expect(errorFor(undefined)).toContain("export default defineEnvironment");
  });

  test("reports the problems of every environment at once, and builds no stack", () => {
    const app = Testing.app();
    const sources = [
      source({ ...environmentInput({ region: "eu-middle-9" }), name: "dev" }, "dev"),
      source({ ...environmentInput({ logRetentionDays: 42 }), name: "qa" }, "qa"),
    ];
    expect(() => defineStacks(app, sources)).toThrow(
      /environment "dev", topology "direct-vpce", field "region"[^]*environment "qa", topology "direct-vpce", field "logRetentionDays"/,
    );
    expect(app.node.children).toHaveLength(0);
  });

  test("fails when two environments manage the same account's API Gateway settings", () => {
    const shared = {
      accountId: "123456789012",
      region: "eu-west-1",
      apiGatewayAccount: { manageCloudWatchRole: true },
    };
    const sources = [
      source({ ...environmentInput(shared), name: "dev" }, "dev"),
      source({ ...environmentInput(shared), name: "qa" }, "qa"),
    ];
    expect(() => defineStacks(Testing.app(), sources)).toThrow(
      /environment "qa", topology "api-gateway-account", field "apiGatewayAccount.manageCloudWatchRole": received true; environment "dev" already manages/,
    );
  });
});

import { Testing } from "cdktf";
import { z } from "zod";
import { loadEnvironmentSources, resolveEnvironments, type TopologyConfig } from "../../config";
import { defineStacks, describeStacks } from "../../topologies";
import { type EnvironmentInput, TOPOLOGIES, TOPOLOGY_CATALOG } from "../../topologies/registry";
import { configErrorOf, environmentInput, FIRST_TOPOLOGY, resolve, source } from "../helpers";
import { environmentFile, environmentsDir } from "../helpers/temporary";

/** The ConfigError message for environments that must fail. */
function errorFor(...inputs: unknown[]): string {
  return configErrorOf(() =>
    resolveEnvironments(
      inputs.map((input) => source(input, (input as { name?: string } | undefined)?.name ?? "test")),
      TOPOLOGY_CATALOG,
    ),
  );
}

describe("committed environments", () => {
  test("dev, staging and prod load and validate, and run every topology", async () => {
    const stacks = describeStacks(await loadEnvironmentSources());
    const kinds = [...Object.keys(TOPOLOGIES), "api-gateway-account"];
    expect(stacks.map((s) => s.name).sort()).toEqual(
      kinds.flatMap((kind) => ["dev", "staging", "prod"].map((env) => `${kind}-${env}`)).sort(),
    );
  });

  test("carry no placeholder state bucket, and prod protects against deletion and keeps logs a year", async () => {
    const environments = resolveEnvironments(await loadEnvironmentSources(), TOPOLOGY_CATALOG);
    for (const { settings } of environments) {
      expect(settings.stateBucket).toBeUndefined();
    }
    const prod = environments.find((e) => e.settings.name === "prod")?.settings;
    expect(prod?.deletionProtection).toBe(true);
    expect(prod?.logRetentionDays).toBeGreaterThanOrEqual(365);
  });

  test("adding an environment is adding one file", async () => {
    const dir = environmentsDir({ qa: environmentFile(JSON.stringify(environmentInput({ name: "qa" }))) });
    const stacks = defineStacks(Testing.app(), await loadEnvironmentSources(dir));
    expect(stacks.map((s) => s.node.id)).toEqual([`${FIRST_TOPOLOGY}-qa`]);
  });
});

describe("environments opt into topologies", () => {
  test("an environment without a topology's section gets no stack for it", () => {
    // GIVEN an environment that only manages the account's API Gateway settings
    const input = environmentInput({ topologies: {}, apiGatewayAccount: { manageCloudWatchRole: true } });
    // THEN it gets the account stack and no topology stack
    expect(describeStacks([source(input)]).map((s) => s.name)).toEqual(["api-gateway-account-test"]);
  });

  test("a stack name with extra hyphens keeps its topology and its Terraform assertions", () => {
    const stacks = describeStacks([source(environmentInput({ name: "eu-prod" }), "eu-prod")]);
    expect(stacks).toEqual([
      {
        name: `${FIRST_TOPOLOGY}-eu-prod`,
        environment: "eu-prod",
        topology: FIRST_TOPOLOGY,
        terraformAssertions: TOPOLOGIES[FIRST_TOPOLOGY].terraformAssertions,
      },
    ]);
  });

  test("fails on an environment that lists no topology and no account stack", () => {
    expect(errorFor(environmentInput({ topologies: {} }))).toContain(
      'environment "test", field "topologies": received {}; lists no topology',
    );
  });

  test("fails on an unknown topology, naming the known ones", () => {
    const misspelt = `${FIRST_TOPOLOGY}s`;
    const input = { ...environmentInput(), topologies: { [misspelt]: TOPOLOGIES[FIRST_TOPOLOGY].fixtures.defaults() } };
    expect(errorFor(input)).toContain(
      `environment "test", field "topologies.${misspelt}": received "${misspelt}"; is not a topology of this project. Fix: use one of ${Object.keys(TOPOLOGIES).join(", ")}.`,
    );
  });
});

describe("environment-wide problems name no topology", () => {
  test.each<[string, EnvironmentInput, string]>([
    ["an unknown region", environmentInput({ region: "eu-middle-9" }), 'field "region": received "eu-middle-9"'],
    ["a malformed account id", environmentInput({ accountId: "1234" }), 'field "accountId": received "1234"'],
    [
      "an unsupported log retention",
      environmentInput({ logRetentionDays: 42 }),
      'field "logRetentionDays": received 42',
    ],
    [
      "a tag the project sets itself",
      environmentInput({ tags: { Environment: "x" } }),
      'field "tags.Environment": received "x"; duplicates a tag the project sets',
    ],
    [
      "an unknown log encryption",
      environmentInput({ logEncryption: "kms" as "aws-owned-key" }),
      'field "logEncryption": received "kms"',
    ],
    [
      "a malformed state bucket",
      environmentInput({ stateBucket: "My_Bucket" }),
      'field "stateBucket": received "My_Bucket"; is not a valid S3 bucket name',
    ],
    [
      "a misspelt field",
      { ...environmentInput(), regoin: "eu-west-1" } as EnvironmentInput,
      'field "(environment)": received ["regoin"]; has unknown field(s) regoin',
    ],
  ])("fails on %s", (_case, input, expected) => {
    const message = errorFor(input);
    expect(message).toContain(`environment "test", ${expected}`);
    expect(message).not.toContain("topology");
    expect(message).toMatch(/Fix: .+\.$/m);
  });

  test("a problem in a section names its topology, next to an environment-wide one, in one run", () => {
    const message = errorFor(
      environmentInput({
        region: "eu-middle-9",
        topologies: { [FIRST_TOPOLOGY]: { ...TOPOLOGIES[FIRST_TOPOLOGY].fixtures.defaults(), bogus: 1 } },
      }),
    );
    expect(message).toContain('environment "test", field "region"');
    expect(message).toContain(
      `environment "test", topology "${FIRST_TOPOLOGY}", field "(section)": received ["bogus"]`,
    );
  });

  test("fails when the name does not match the file, with advice that the name rule accepts", () => {
    const wrongFile = (name: string) => {
      try {
        resolveEnvironments([source(environmentInput({ name: "prod" }), name)], TOPOLOGY_CATALOG);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error("expected an error");
    };
    expect(wrongFile("dev")).toContain('set name to "dev" or rename the file');
    expect(wrongFile("dev copy")).toContain("rename the file to prod.ts");
  });

  test("fails when a file has no default export", () => {
    expect(errorFor(undefined)).toContain("export default defineEnvironment");
  });

  test("fails on a key written twice in an environment file, which JavaScript would silently collapse", async () => {
    const body = JSON.stringify(environmentInput({ name: "qa" }), null, 2).replace(
      '"logRetentionDays": 30',
      '"logRetentionDays": 30,\n  "logRetentionDays": 90',
    );
    const [qa] = await loadEnvironmentSources(environmentsDir({ qa: environmentFile(body) }));
    expect(() => resolveEnvironments([qa!], TOPOLOGY_CATALOG)).toThrow(
      /environment "qa", field "logRetentionDays": received 90; is written twice in one object \(line \d+\); only the last value would count. Fix: keep one of them./,
    );
  });

  test("reports the problems of every environment at once, and builds no stack", () => {
    const app = Testing.app();
    const sources = [
      source(environmentInput({ name: "dev", region: "eu-middle-9" }), "dev"),
      source(environmentInput({ name: "qa", logRetentionDays: 42 }), "qa"),
    ];
    expect(() => defineStacks(app, sources)).toThrow(
      /environment "dev", field "region"[^]*environment "qa", field "logRetentionDays"/,
    );
    expect(app.node.children).toHaveLength(0);
  });

  test("fails when two environments manage the same account's API Gateway settings", () => {
    const shared = {
      accountId: "123456789012",
      region: "eu-west-1",
      apiGatewayAccount: { manageCloudWatchRole: true },
    };
    expect(
      errorFor(environmentInput({ ...shared, name: "dev" }), environmentInput({ ...shared, name: "qa" })),
    ).toContain(
      'environment "qa", field "apiGatewayAccount.manageCloudWatchRole": received true; environment "dev" already manages',
    );
  });
});

describe("rules that span topologies", () => {
  const vpcId = "vpc-0123456789abcdef0";

  /**
   * Stand-in topologies that put a private zone for the service domain, or an endpoint with private
   * DNS on, into an adopted VPC: the rule is about the registry's data, not any one topology.
   */
  const claiming = (what: string): TopologyConfig => ({
    schema: () => z.strictObject({ vpcId: z.string() }),
    executeApiDomainClaims: (section) => [{ vpcId: (section as { vpcId: string }).vpcId, field: "vpcId", what }],
    adoptedVpcs: () => [],
  });
  /** A stand-in topology that adopts a VPC in a region of its section's choosing, with a CIDR. */
  const adopting: TopologyConfig = {
    schema: () => z.strictObject({ vpcId: z.string(), region: z.string(), cidr: z.string() }),
    executeApiDomainClaims: () => [],
    adoptedVpcs: (section) => {
      const { vpcId: id, region, cidr } = section as { vpcId: string; region: string; cidr: string };
      return [{ vpcId: id, field: "vpcId", region, cidr }];
    },
  };
  const catalog = {
    endpoints: claiming("an execute-api endpoint with private DNS on"),
    zones: claiming("a private hosted zone for execute-api.eu-west-1.amazonaws.com"),
  };

  test("fails on two topologies that would both own the execute-api domain of one adopted VPC, naming both", () => {
    const input = { ...environmentInput(), topologies: { endpoints: { vpcId: vpcId }, zones: { vpcId: vpcId } } };
    expect(() => resolveEnvironments([source(input)], catalog)).toThrow(
      'environment "test", topology "zones", field "vpcId": received "vpc-0123456789abcdef0"; would put a private hosted zone for execute-api.eu-west-1.amazonaws.com into the VPC where environment "test", topology "endpoints" already puts an execute-api endpoint with private DNS on; AWS allows one private owner of execute-api.eu-west-1.amazonaws.com per VPC and refuses the second (ConflictingDomainExists).',
    );
  });

  test("fails on two environments whose topologies would share one adopted VPC's execute-api domain", () => {
    const section = { topologies: { endpoints: { vpcId: vpcId } } };
    expect(() =>
      resolveEnvironments(
        [
          source({ ...environmentInput({ name: "dev" }), ...section }, "dev"),
          source({ ...environmentInput({ name: "qa" }), ...section }, "qa"),
        ],
        catalog,
      ),
    ).toThrow('environment "qa", topology "endpoints", field "vpcId"');
  });

  test("fails on one VPC id declared in two regions, or with two CIDRs, naming both declarations", () => {
    const input = (second: { region: string; cidr: string }) => ({
      ...environmentInput(),
      topologies: {
        peered: { vpcId, region: "eu-west-1", cidr: "10.120.0.0/16" },
        client: { vpcId, ...second },
      },
    });
    const catalogue = { peered: adopting, client: adopting };
    expect(() =>
      resolveEnvironments([source(input({ region: "us-east-1", cidr: "10.120.0.0/16" }))], catalogue),
    ).toThrow(
      'environment "test", topology "client", field "vpcId": received "vpc-0123456789abcdef0"; is declared in us-east-1 here but in eu-west-1 by environment "test", topology "peered", field "vpcId"; a VPC id names one VPC, in one region, with one CIDR, and one of the two stacks would fail at apply. Fix: correct the id, region or CIDR of one of the two declarations.',
    );
    expect(() =>
      resolveEnvironments([source(input({ region: "eu-west-1", cidr: "10.124.0.0/16" }))], catalogue),
    ).toThrow("is declared with CIDR 10.124.0.0/16 here but 10.120.0.0/16 by");
    expect(
      resolveEnvironments([source(input({ region: "eu-west-1", cidr: "10.120.0.0/16" }))], catalogue),
    ).toHaveLength(1);
  });

  test("the shipped environments declare every adopted VPC consistently (staging's tools VPC is not its us-east-1 client)", async () => {
    expect(resolveEnvironments(await loadEnvironmentSources(), TOPOLOGY_CATALOG).length).toBeGreaterThan(0);
  });

  test("created VPCs never conflict", () => {
    expect(resolve(environmentInput({ name: "dev" }), environmentInput({ name: "qa" }))).toHaveLength(2);
  });
});

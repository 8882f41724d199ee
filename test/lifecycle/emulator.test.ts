import {
  type Emulator,
  installEmulator,
  leftBehind,
  nominalAuthorization,
  startEmulator,
} from "../../lifecycle/emulator";

/*
 * The patch layer of lifecycle/emulator.py, against the real (pinned) moto: each patch restores
 * the AWS behaviour it names, and plain moto still lacks that behaviour, so a moto upgrade that
 * closes a gap fails here and its patch is removed. Requests are made as the provider makes them
 * (moto picks the service from the signature's credential scope and checks no signature).
 */

const INSTALL_AND_START_MS = 240_000;
let patched: Emulator;
let plain: Emulator;

beforeAll(async () => {
  const moto = await installEmulator();
  [patched, plain] = await Promise.all([startEmulator(moto), startEmulator(moto, { patched: false })]);
}, INSTALL_AND_START_MS);

afterAll(async () => {
  await Promise.all([patched.stop(), plain.stop()]);
});

async function call(
  emulator: Emulator,
  service: string,
  region: string,
  method: string,
  url: string,
  body?: string,
): Promise<string> {
  const response = await fetch(`${emulator.endpoint}${url}`, {
    method,
    headers: {
      authorization: nominalAuthorization(service, region),
      "content-type": service === "route53" ? "text/xml" : "application/json",
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${url}: HTTP ${String(response.status)}: ${text}`);
  }
  return text;
}

describe("patch: GetRestApi returns the resource policy escaped, as AWS does", () => {
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }],
  });

  async function policyReadBack(emulator: Emulator): Promise<unknown> {
    const created = JSON.parse(
      await call(emulator, "apigateway", "eu-west-1", "POST", "/restapis", JSON.stringify({ name: "t", policy })),
    ) as { id: string };
    const read = JSON.parse(await call(emulator, "apigateway", "eu-west-1", "GET", `/restapis/${created.id}`)) as {
      policy: unknown;
    };
    return read.policy;
  }

  it("returns the document with its quotes backslash-escaped, which the provider unquotes", async () => {
    const returned = await policyReadBack(patched);
    expect(returned).toBe(policy.replaceAll('"', '\\"'));
    // What the provider's flattenAPIPolicy does with it: unquote, then parse.
    expect(JSON.parse(JSON.parse(`"${String(returned)}"`) as string)).toEqual(JSON.parse(policy));
  });

  it("is still needed: plain moto returns the document unescaped", async () => {
    expect(await policyReadBack(plain)).toBe(policy);
  });
});

describe("patch: CreateHostedZone with a VPC makes a private zone, as AWS does", () => {
  // The request the provider sends for aws_route53_zone with a vpc block: a VPC, no PrivateZone flag.
  const request = (reference: string): string =>
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">' +
    `<Name>execute-api.eu-west-1.amazonaws.com</Name><CallerReference>${reference}</CallerReference>` +
    "<VPC><VPCRegion>eu-west-1</VPCRegion><VPCId>vpc-0123456789abcdef0</VPCId></VPC>" +
    "</CreateHostedZoneRequest>";

  async function createdZone(emulator: Emulator, reference: string): Promise<string> {
    const created = await call(emulator, "route53", "us-east-1", "POST", "/2013-04-01/hostedzone", request(reference));
    const id = /<Id>\/hostedzone\/([^<]+)<\/Id>/.exec(created)?.[1];
    if (id === undefined) {
      throw new Error(`no zone id in ${created}`);
    }
    return call(emulator, "route53", "us-east-1", "GET", `/2013-04-01/hostedzone/${id}`);
  }

  it("makes the zone private and associates the VPC", async () => {
    const zone = await createdZone(patched, "patched");
    expect(zone).toContain("<PrivateZone>true</PrivateZone>");
    expect(zone).toContain("<VPCId>vpc-0123456789abcdef0</VPCId>");
  });

  it("is still needed: plain moto makes a public zone without the VPC", async () => {
    const zone = await createdZone(plain, "plain");
    expect(zone).toContain("<PrivateZone>false</PrivateZone>");
    expect(zone).not.toContain("vpc-0123456789abcdef0");
  });
});

describe("the emulator's inventory", () => {
  it("lists what was created through the AWS APIs and shows what a destroy would leave", async () => {
    await patched.reset();
    const before = await patched.inventory(["eu-west-1"]);
    await call(patched, "apigateway", "eu-west-1", "POST", "/restapis", JSON.stringify({ name: "left" }));
    await patched.createBucket("state");
    const after = await patched.inventory(["eu-west-1"]);
    expect(Object.values(before).flat()).toEqual([]);
    expect(leftBehind(before, after)).toEqual({
      "apigateway rest api@eu-west-1": [expect.any(String)],
      "s3 bucket": ["state"],
    });
    expect(leftBehind(before, after, { "s3 bucket": ["state"], "apigateway rest api@eu-west-1": [] })).toEqual({
      "apigateway rest api@eu-west-1": [expect.any(String)],
    });
  });

  it("reports a listing it could not make, and never takes it for nothing left", async () => {
    // moto answers 500 for a region it does not know: every regional listing fails.
    const inventory = await patched.inventory(["xx-nowhere-1"]);
    const failed = Object.values(inventory)
      .flat()
      .filter((id) => id.startsWith("<could not list: "));
    expect(failed.length).toBeGreaterThan(0);
    expect(Object.keys(leftBehind(inventory, inventory))).toContain("apigateway rest api@xx-nowhere-1");
  });
});

import { execFile, spawn } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../lib/paths";
import { UserError } from "../lib/errors";
import { installPythonTool, type PythonTool } from "../tooling/python-tools";

/*
 * The moto AWS emulator: moto's own server, started by lifecycle/emulator.py (which also holds
 * the patch layer and the inventory) on a free loopback port, one process per emulator. moto
 * checks no signature, but it picks the service from the signature's credential scope and treats
 * an unsigned S3 request as anonymous, so the harness's own requests carry a nominal one.
 */

const run = promisify(execFile);
const LAUNCHER = path.join(PROJECT_ROOT, "lifecycle", "emulator.py");
const START_TIMEOUT_MS = 60_000;

/** The account moto answers as. */
export const EMULATOR_ACCOUNT = "123456789012";

/** Every resource of the kinds our stacks create, by kind (`ec2 vpc@eu-west-1`), as sorted ids. */
export type Inventory = Readonly<Record<string, readonly string[]>>;

export interface Emulator {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Forgets every resource (moto's reset). */
  reset(): Promise<void>;
  createBucket(bucket: string): Promise<void>;
  objectExists(bucket: string, key: string): Promise<boolean>;
  /**
   * Creates stand-ins for public hosted zones, issued certificates and custom domain names a stack
   * names but does not create; returns {configured id: stand-in id} (a domain name stands in for
   * itself: it is looked up by name).
   */
  standIns(
    region: string,
    external: {
      readonly zones: readonly string[];
      readonly certificates: readonly string[];
      readonly domainNames: readonly string[];
      /** Adopted VPCs, by id, with their regions and the CIDR their lookups require. */
      readonly vpcs: Readonly<Record<string, AdoptedVpcStandIn>>;
      /** Adopted route tables, by id, with their regions. */
      readonly routeTables: Readonly<Record<string, string>>;
      /** Transit gateways, peering connections, security groups and VPN gateways, by id, with their regions. */
      readonly networkObjects: Readonly<Record<string, string>>;
      readonly zoneName: string;
    },
  ): Promise<Record<string, string>>;
  /** What the emulator holds, read through the AWS APIs of `regions` (and the global ones). */
  inventory(regions: readonly string[]): Promise<Inventory>;
  stop(): Promise<void>;
}

/** An adopted VPC's stand-in: its region, and the primary CIDR the stack's lookup requires. */
export interface AdoptedVpcStandIn {
  readonly region: string;
  readonly cidr?: string;
}

/** A SigV4 Authorization header moto accepts for `service` in `region` (it checks no signature). */
export function nominalAuthorization(service: string, region: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

/** Installs the pinned moto into .tools/ unless it is there already. */
export function installEmulator(): Promise<PythonTool> {
  return installPythonTool("moto");
}

/** Starts an emulator; without patches it is plain moto (the tests use that to show each gap). */
export async function startEmulator(moto: PythonTool, options: { patched?: boolean } = {}): Promise<Emulator> {
  const args = [LAUNCHER, "serve", ...(options.patched === false ? ["--without-patches"] : [])];
  const child = spawn(moto.python, args, {
    stdio: ["pipe", "pipe", "pipe"],
    // ACM certificates are issued at once (moto's default waits 60 s, which proves nothing).
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true", MOTO_ACM_VALIDATION_WAIT: "0" },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      resolve();
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new UserError(`moto did not start within ${String(START_TIMEOUT_MS / 1000)} s: ${stderr.trim()}`));
    }, START_TIMEOUT_MS);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^\{"port": (\d+)\}$/m.exec(stdout);
      if (line !== null) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new UserError(`moto could not be started (${moto.python}): ${error.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new UserError(`moto exited (code ${String(code)}) before it listened: ${stderr.trim()}`));
    });
  });
  const endpoint = `http://127.0.0.1:${String(port)}`;

  /** A request to moto's own API (reset) or to its S3. */
  const request = async (method: string, url: string, what: string): Promise<Response> => {
    try {
      return await fetch(`${endpoint}${url}`, {
        method,
        headers: { authorization: nominalAuthorization("s3", "us-east-1") },
      });
    } catch (error) {
      throw new UserError(`The emulator at ${endpoint} did not answer ${what}: ${(error as Error).message}`);
    }
  };

  return {
    endpoint,
    async reset() {
      const response = await request("POST", "/moto-api/reset", "a reset");
      if (!response.ok) {
        throw new UserError(`The emulator refused a reset: HTTP ${String(response.status)}`);
      }
    },
    async createBucket(bucket) {
      const response = await request("PUT", `/${bucket}`, `the creation of bucket ${bucket}`);
      if (!response.ok) {
        throw new UserError(`The emulator refused bucket ${bucket}: HTTP ${String(response.status)}`);
      }
    },
    async objectExists(bucket, key) {
      const response = await request("HEAD", `/${bucket}/${key}`, `a request for s3://${bucket}/${key}`);
      return response.ok;
    },
    async standIns(region, { zones, certificates, domainNames, vpcs, routeTables, networkObjects, zoneName }) {
      if (
        zones.length === 0 &&
        certificates.length === 0 &&
        domainNames.length === 0 &&
        Object.keys(vpcs).length === 0 &&
        Object.keys(routeTables).length === 0 &&
        Object.keys(networkObjects).length === 0
      ) {
        return {};
      }
      const args = [
        "--zone-name",
        zoneName,
        ...zones.flatMap((zone) => ["--zone", zone]),
        ...certificates.flatMap((arn) => ["--certificate", arn]),
        ...domainNames.flatMap((name) => ["--domain-name", name]),
        ...Object.entries(vpcs).flatMap(([id, vpc]) => [
          "--vpc",
          [id, vpc.region, ...(vpc.cidr === undefined ? [] : [vpc.cidr])].join("@"),
        ]),
        ...Object.entries(routeTables).flatMap(([id, tableRegion]) => ["--route-table", `${id}@${tableRegion}`]),
        ...Object.entries(networkObjects).flatMap(([id, objectRegion]) => [
          "--network-object",
          `${id}@${objectRegion}`,
        ]),
      ];
      const { stdout } = await run(moto.python, [
        LAUNCHER,
        "stand-ins",
        "--endpoint",
        endpoint,
        "--region",
        region,
        ...args,
      ]);
      return JSON.parse(stdout) as Record<string, string>;
    },
    async inventory(regions) {
      const regionArgs = regions.flatMap((region) => ["--region", region]);
      const { stdout } = await run(moto.python, [LAUNCHER, "inventory", "--endpoint", endpoint, ...regionArgs], {
        maxBuffer: 16 * 1024 * 1024,
      });
      return JSON.parse(stdout) as Inventory;
    },
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** How the inventory marks a kind it could not list (emulator.py's UNLISTED). */
const UNLISTED = "<could not list: ";

/**
 * What `after` holds that `before` does not, by kind, leaving out `expected` entries. A kind the
 * inventory could not list is always reported: it cannot be shown to be empty.
 */
export function leftBehind(before: Inventory, after: Inventory, expected: Inventory = {}): Record<string, string[]> {
  const left: Record<string, string[]> = {};
  for (const [kind, ids] of Object.entries(after)) {
    const known = new Set([...(before[kind] ?? []), ...(expected[kind] ?? [])]);
    const extra = ids.filter((id) => id.startsWith(UNLISTED) || !known.has(id));
    if (extra.length > 0) {
      left[kind] = extra;
    }
  }
  return left;
}

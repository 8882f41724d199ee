import fc from "fast-check";
import { REGIONS } from "../../config/regions";

/**
 * Environment files generated around the valid space: a valid environment (a shipped one, or a
 * topology's fixture) with a few mutations applied. A mutation is data (what kind, which place,
 * which replacement), so fast-check shrinks a failing case to the fewest, plainest mutations.
 */

/** A place in an environment: the keys from the root. */
export type Path = readonly (string | number)[];

/** What a mutation does. */
export const MUTATION_KINDS = [
  "remove",
  "wrong-type",
  "extra-field",
  "cidr",
  "address",
  "zone",
  "region",
  "id",
  "number",
  "text",
  "rename-key",
  "duplicate-entry",
  "swap-mode",
  "merge-mode",
  "transplant",
  "same-vpc",
] as const;

export type MutationKind = (typeof MUTATION_KINDS)[number];

/** One mutation: `at` picks the place among those the kind applies to, `pick` the replacement. */
export interface Mutation {
  readonly kind: MutationKind;
  readonly at: number;
  readonly pick: number;
}

/** A generated case: the valid environment it starts from, what is changed, and whether to synthesize it. */
export interface GeneratedCase {
  /** Index into the bases. */
  readonly base: number;
  readonly mutations: readonly Mutation[];
  /** Whether a case that validates is also synthesized and checked (the sampled share). */
  readonly synthesize: boolean;
  /** Which of its topologies to synthesize. */
  readonly focus: number;
}

/**
 * The name every generated environment has, and its file's: as long as an environment name may be
 * (16), so every name the stacks derive from it is at its longest.
 */
export const GENERATED_NAME = "property-fuzzing";

const WRONG_TYPES: readonly unknown[] = [0, -1, true, null, [], {}, "", "text", ["a"], 1e21, { mode: "create" }];

const EXTRA_KEYS = ["extra", "cidrBlock", "vpcID", "Mode", "__proto__", "constructor", "toString", "description"];

const CIDR_EDGES = [
  "0.0.0.0/0",
  "10.0.0.0/8",
  "10.0.0.0/7",
  "10.0.0.0/32",
  "10.0.0.1/16",
  "255.255.255.255/32",
  "10.0.0.0/33",
  "256.0.0.0/16",
  "010.0.0.0/16",
  "10.0.0.0/016",
  " 10.0.0.0/16",
  "10.0.0.0",
  "169.254.0.0/16",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "224.0.0.0/4",
  "10.0.0.0/28",
  "10.0.0.0/29",
  "10.0.0.0/16",
  "10.0.0.0/24",
  "192.168.0.0/16",
  "172.16.0.0/12",
];

const ADDRESS_EDGES = [
  "0.0.0.0",
  "255.255.255.255",
  "10.0.0.0",
  "10.0.0.1",
  "10.0.0.3",
  "10.0.0.4",
  "10.0.0.255",
  "10.0.1.4",
  "010.0.0.4",
  "10.0.0.256",
  "169.254.10.1/30",
  "169.254.10.0/30",
  "169.254.10.3/30",
  "169.254.255.1/30",
  "10.0.0.1/30",
  "169.254.10.1",
];

const NUMBER_EDGES = [
  0,
  -1,
  1,
  1.5,
  7,
  4094,
  4095,
  4096,
  64511,
  64512,
  65534,
  65535,
  65536,
  4199999999,
  4200000000,
  4294967294,
  4294967295,
  4294967296,
  100000,
  100001,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
];

const TEXT_EDGES = [
  "",
  " ",
  "ü",
  "名前",
  "🙂",
  "\u202eevil",
  "\u0000",
  "a\nb",
  'a"b',
  "a\\b",
  "${var.x}",
  "%{ if true }x%{ endif }",
  "a".repeat(300),
  "é".repeat(129),
  "vpc",
  "UPPER",
  "-leading",
  "a--b",
  "x".repeat(41),
  "x".repeat(40),
  "x".repeat(11),
  "x".repeat(12),
  "x".repeat(17),
  "aws:reserved",
  "Environment",
];

const ID_PREFIXES = ["vpc", "subnet", "sg", "tgw", "vgw", "pcx", "rtb", "vpce", "dxcon", "dxvif", "dxlag"];

/** A malformed or reserved variant of an id. */
function idVariant(id: string, pick: number): string {
  const [prefix = "", rest = ""] = id.split(/-(.*)/s);
  const variants = [
    id.toUpperCase(),
    id.slice(0, -1),
    `${id}0`,
    `${ID_PREFIXES[pick % ID_PREFIXES.length] ?? "vpc"}-${rest}`,
    `${prefix}-${"0".repeat(8)}`,
    `${prefix}-${"f".repeat(17)}`,
    `${prefix}-${"g".repeat(17)}`,
    `${prefix}-`,
    `${prefix}_${rest}`,
    `${id} `,
    "",
    `${prefix}-${"0".repeat(8)}${"0".repeat(9)}`,
  ];
  return variants[Math.floor(pick / ID_PREFIXES.length) % variants.length] ?? id;
}

/** Zone names: of the region, of another region, malformed. */
function zoneVariant(zone: string, pick: number): string {
  const region = zone.slice(0, -1);
  const other = REGIONS[pick % REGIONS.length] ?? "us-east-1";
  const variants = [`${other}a`, `${region}z`, zone.toUpperCase(), region, `${region}aa`, `${region}c`, `${region}d`];
  return variants[Math.floor(pick / REGIONS.length) % variants.length] ?? zone;
}

const REGION_EDGES = ["eu-west-9", "EU-WEST-1", "cn-north-1", "us-gov-west-1", "eu-west-1a", ""];

type Data = Record<string, unknown>;

function isObject(value: unknown): value is Data {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every place in `value` with its value, parents before children, in key order. */
export function places(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const children = Array.isArray(value)
    ? value.flatMap((item, index) => places(item, [...path, index]))
    : isObject(value)
      ? Object.entries(value).flatMap(([key, child]) => places(child, [...path, key]))
      : [];
  return [{ path, value }, ...children];
}

function parentOf(root: unknown, path: Path): unknown {
  return path.slice(0, -1).reduce<unknown>((node, key) => (node as Data)[key as string], root);
}

/** Sets a property as an own property, even `__proto__`. */
function setOwn(target: Data | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function replaceAt(root: unknown, path: Path, value: unknown): void {
  setOwn(parentOf(root, path) as Data, path[path.length - 1] as string, value);
}

function removeAt(root: unknown, path: Path): void {
  const parent = parentOf(root, path);
  const key = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) {
    parent.splice(key as number, 1);
  } else {
    Reflect.deleteProperty(parent as Data, key);
  }
}

/** Renames a key in place, keeping the key order (a rename onto a sibling's name replaces it). */
function renameAt(root: unknown, path: Path, name: string): void {
  const parent = parentOf(root, path) as Data;
  const old = path[path.length - 1] as string;
  const entries = Object.entries(parent).map(([key, value]): [string, unknown] => [key === old ? name : key, value]);
  for (const key of Object.keys(parent)) {
    Reflect.deleteProperty(parent, key);
  }
  for (const [key, value] of entries) {
    setOwn(parent, key, value);
  }
}

const CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;
const ADDRESS = /^\d{1,3}(\.\d{1,3}){3}(\/30)?$/;
const ZONE = /^[a-z]{2}-[a-z]+-\d[a-z]$/;
const REGION = /^[a-z]{2}-[a-z]+-\d$/;
const ID = new RegExp(`^(${ID_PREFIXES.join("|")})-[0-9a-z]+$`);
const DISCRIMINATORS = ["mode", "via", "kind", "of"];

/** The valid environments the generator starts from, and what it borrows from them. */
export interface Corpus {
  readonly bases: readonly unknown[];
  /** Every value of each discriminator key seen in the bases. */
  readonly discriminated: readonly Data[];
  /** Every place of every base, for transplants. */
  readonly borrowed: readonly { path: Path; value: unknown }[];
}

export function corpusOf(bases: readonly unknown[]): Corpus {
  const all = bases.flatMap((base) => places(base));
  return {
    bases,
    discriminated: all
      .map(({ value }) => value)
      .filter(
        (value): value is Data => isObject(value) && DISCRIMINATORS.some((key) => typeof value[key] === "string"),
      ),
    borrowed: all.filter(({ path }) => path.length > 0),
  };
}

/** The last key of a path, if it is a name. */
const lastKey = (path: Path): string | undefined => {
  const key = path[path.length - 1];
  return typeof key === "string" ? key : undefined;
};

/** The places a mutation kind applies to, in `root`. */
function targets(kind: MutationKind, root: unknown): { path: Path; value: unknown }[] {
  const all = places(root);
  const inner = all.filter(({ path }) => path.length > 0);
  switch (kind) {
    case "remove":
    case "wrong-type":
      return inner;
    case "extra-field":
      return all.filter(({ value }) => isObject(value));
    case "cidr":
      return inner.filter(({ value }) => typeof value === "string" && CIDR.test(value));
    case "address":
      return inner.filter(({ value }) => typeof value === "string" && ADDRESS.test(value));
    case "zone":
      return inner.filter(({ path }) => ZONE.test(lastKey(path) ?? ""));
    case "region":
      return inner.filter(({ value }) => typeof value === "string" && REGION.test(value));
    case "id":
      return inner.filter(({ value }) => typeof value === "string" && ID.test(value));
    case "number":
      return inner.filter(({ value }) => typeof value === "number");
    case "text":
      return inner.filter(({ value }) => typeof value === "string");
    case "rename-key":
      return inner.filter(({ path }) => lastKey(path) !== undefined);
    case "duplicate-entry":
      return inner.filter(({ path, value }) => lastKey(path) !== undefined && isObject(value));
    case "swap-mode":
    case "merge-mode":
      return all.filter(({ value }) => isObject(value) && DISCRIMINATORS.some((key) => typeof value[key] === "string"));
    case "transplant":
      return inner.filter(({ path }) => lastKey(path) !== undefined);
    case "same-vpc":
      return inner.filter(({ path, value }) => lastKey(path) === "network" && isObject(value));
  }
}

/** Applies one mutation to `root` in place; a mutation with no place to apply to changes nothing. */
export function applyMutation(root: unknown, mutation: Mutation, corpus: Corpus): void {
  const candidates = targets(mutation.kind, root);
  const target = candidates[mutation.at % Math.max(candidates.length, 1)];
  if (target === undefined) {
    return;
  }
  const { path, value } = target;
  const pick = mutation.pick;
  const choose = <T>(list: readonly T[]): T => list[pick % list.length] as T;
  switch (mutation.kind) {
    case "remove":
      removeAt(root, path);
      return;
    case "wrong-type":
      replaceAt(root, path, structuredClone(choose(WRONG_TYPES)));
      return;
    case "extra-field":
      setOwn(value as Data, choose(EXTRA_KEYS), choose(WRONG_TYPES));
      return;
    case "cidr": {
      // Half the picks take another CIDR of the same environment: overlaps and duplicates.
      const others = places(root)
        .map((place) => place.value)
        .filter((other): other is string => typeof other === "string" && CIDR.test(other) && other !== value);
      const pool = pick % 2 === 0 && others.length > 0 ? others : CIDR_EDGES;
      replaceAt(root, path, pool[Math.floor(pick / 2) % pool.length]);
      return;
    }
    case "address":
      replaceAt(root, path, choose(ADDRESS_EDGES));
      return;
    case "zone":
      renameAt(root, path, zoneVariant(lastKey(path) ?? "", pick));
      return;
    case "region":
      replaceAt(root, path, pick % 4 === 0 ? choose(REGION_EDGES) : choose(REGIONS));
      return;
    case "id":
      replaceAt(root, path, idVariant(value as string, pick));
      return;
    case "number":
      replaceAt(root, path, choose(NUMBER_EDGES));
      return;
    case "text":
      replaceAt(root, path, choose(TEXT_EDGES));
      return;
    case "rename-key": {
      const siblings = Object.keys(parentOf(root, path) as Data);
      const pool = pick % 3 === 0 ? siblings : TEXT_EDGES.filter((text) => text !== "");
      renameAt(root, path, choose(pool));
      return;
    }
    case "duplicate-entry":
      setOwn(parentOf(root, path) as Data, `${lastKey(path) ?? "entry"}-copy`, structuredClone(value));
      return;
    case "swap-mode": {
      const object = value as Data;
      const key = DISCRIMINATORS.find((candidate) => typeof object[candidate] === "string") ?? "mode";
      const values = [
        ...new Set(corpus.discriminated.flatMap((other) => (typeof other[key] === "string" ? [other[key]] : []))),
      ];
      setOwn(object, key, choose(values));
      return;
    }
    case "merge-mode": {
      const object = value as Data;
      const key = DISCRIMINATORS.find((candidate) => typeof object[candidate] === "string") ?? "mode";
      const donors = corpus.discriminated.filter(
        (other) => typeof other[key] === "string" && other[key] !== object[key],
      );
      if (donors.length > 0) {
        for (const [field, borrowed] of Object.entries(structuredClone(choose(donors)))) {
          if (field !== key || pick % 2 === 0) {
            setOwn(object, field, borrowed);
          }
        }
      }
      return;
    }
    case "transplant": {
      // A value from the same key elsewhere in the valid space: another network, API, section…
      const key = lastKey(path);
      const donors = corpus.borrowed.filter((place) => lastKey(place.path) === key);
      if (donors.length > 0) {
        replaceAt(root, path, structuredClone(choose(donors).value));
      }
      return;
    }
    case "same-vpc": {
      // One adopted VPC declared in two places: here and at the next network of the environment.
      const adopted = corpus.borrowed.filter(
        (place) => lastKey(place.path) === "network" && isObject(place.value) && place.value.mode === "existing",
      );
      const next = candidates[(mutation.at + 1) % candidates.length];
      if (adopted.length > 0 && next !== undefined) {
        const network = choose(adopted).value;
        replaceAt(root, path, structuredClone(network));
        replaceAt(root, next.path, structuredClone(network));
      }
      return;
    }
  }
}

/** The environment file of a case: its base, renamed to the generated name, mutated. */
export function environmentOf(generated: GeneratedCase, corpus: Corpus): unknown {
  const input = { ...(structuredClone(corpus.bases[generated.base]) as Data), name: GENERATED_NAME };
  for (const mutation of generated.mutations) {
    applyMutation(input, mutation, corpus);
  }
  return input;
}

/**
 * Cases around the valid space: most carry one to three mutations, some none (the valid space
 * itself); `synthesizeShare` of them (0 to 1) are synthesized when they validate.
 */
export function generatedCases(corpus: Corpus, synthesizeShare: number): fc.Arbitrary<GeneratedCase> {
  const mutation = fc.record({
    kind: fc.constantFrom(...MUTATION_KINDS),
    at: fc.nat({ max: 10_000 }),
    pick: fc.nat({ max: 10_000 }),
  });
  return fc.record({
    base: fc.nat({ max: corpus.bases.length - 1 }),
    mutations: fc.array(mutation, { maxLength: 3 }),
    // Unbiased: fast-check leans towards small numbers, which would synthesize far more than the share.
    synthesize: fc.noBias(fc.integer({ min: 0, max: 9999 })).map((draw) => draw < synthesizeShare * 10_000),
    focus: fc.nat({ max: 9 }),
  });
}

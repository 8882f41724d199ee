import { Testing } from "cdktf";
import { loadEnvironmentSources } from "../../config";
import { defineStacks } from "../../topologies";
import { decodePolicy, synth, type Synthesized } from "../helpers";
import { everyOptionSources } from "../helpers/fixtures";

/**
 * Properties every stack the registry produces must have, checked over the committed
 * environments and over fixtures that switch every option on: a topology is covered the day it
 * lands.
 */

/** Attributes that hold an IAM policy document, by resource type. */
const POLICY_ATTRIBUTES = ["policy", "assume_role_policy"];

let stacks: [string, Synthesized][] = [];
beforeAll(async () => {
  const all = [...(await loadEnvironmentSources()), ...everyOptionSources()];
  stacks = defineStacks(Testing.app(), all).map((stack) => [stack.node.id, synth(stack)]);
});

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

describe("every stack", () => {
  test("there are stacks to check", () => {
    expect(stacks.length).toBeGreaterThanOrEqual(8);
  });

  test("no policy document waits on a managed resource: no aws_iam_policy_document data source reads one", () => {
    for (const [name, out] of stacks) {
      for (const [address, document] of Object.entries(out.data.aws_iam_policy_document ?? {})) {
        expect(`${name}: data.aws_iam_policy_document.${address} ${JSON.stringify(document)}`).not.toMatch(/\$\{aws_/);
      }
    }
  });

  test("every policy is jsonencode of a document, so the plan shows it", () => {
    for (const [name, out] of stacks) {
      const found = policies(out);
      expect(`${name}: ${String(found.length)} policies`).not.toBe(`${name}: 0 policies`);
      for (const [address, attribute, value] of found) {
        const document = decodePolicy(value) as { Version?: string; Statement?: unknown[] };
        expect(`${name} ${address}.${attribute}: ${document.Version ?? "no Version"}`).toBe(
          `${name} ${address}.${attribute}: 2012-10-17`,
        );
        expect(document.Statement?.length).toBeGreaterThan(0);
      }
    }
  });

  test("every VPC a stack names but does not create is looked up, and the plan fails unless its DNS support and hostnames are on", () => {
    for (const [name, out] of stacks) {
      const named = new Set(JSON.stringify(out.resource).match(/\bvpc-[0-9a-f]{8,17}\b/g) ?? []);
      const lookups = Object.values(out.data.aws_vpc ?? {});
      expect(`${name}: ${[...named].sort().join(", ")}`).toBe(
        `${name}: ${lookups
          .map((lookup) => lookup.id as string)
          .sort()
          .join(", ")}`,
      );
      for (const lookup of lookups) {
        const conditions = (lookup.lifecycle.postcondition as { condition: string }[]).map((check) => check.condition);
        expect(conditions).toEqual(
          expect.arrayContaining(["${self.enable_dns_support}", "${self.enable_dns_hostnames}"]),
        );
      }
    }
  });

  test("no REST API carries create_before_destroy (it would be forced onto the endpoint)", () => {
    for (const [, out] of stacks) {
      for (const api of Object.values(out.resource.aws_api_gateway_rest_api ?? {})) {
        expect(api.lifecycle?.create_before_destroy).toBeUndefined();
      }
    }
  });

  test("no deployment trigger hashes a whole resource", () => {
    for (const [, out] of stacks) {
      for (const deployment of Object.values(out.resource.aws_api_gateway_deployment ?? {})) {
        const hashed = /jsonencode\(\[(.*)\]\)/.exec(deployment.triggers.redeployment as string)?.[1] ?? "";
        for (const item of hashed.split(",").map((part) => part.trim())) {
          expect(item).toMatch(/^aws_[a-z_]+\.[A-Za-z0-9_-]+\.[a-z_]+$/);
        }
      }
    }
  });
});

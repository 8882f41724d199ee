import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/paths";
import { TOPOLOGIES } from "../../topologies/registry";

describe("the topology registry", () => {
  const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");

  test.each(Object.entries(TOPOLOGIES))("%s has its Terraform assertions and its README section", (name, topology) => {
    const assertions = path.join(PROJECT_ROOT, topology.terraformAssertions);
    expect(existsSync(assertions)).toBe(true);
    expect(readFileSync(assertions, "utf8")).toContain('source = "./stacks/STACK"');
    expect(readme).toContain(`\n## ${topology.readmeSection}\n`);
    expect(readme).toMatch(new RegExp(`\\| \`${name}\` +\\|`));
  });
});

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { README, renderReadme, renderSecurity, SECURITY } from "../../docs/readme";
import { PROJECT_ROOT } from "../../lib/paths";
import { TOPOLOGIES } from "../../topologies/registry";

/**
 * A topology is one folder: nothing outside `topologies/<name>/` names it but the registry, the
 * environment files, the generated Terraform, the README (and the topology folders' parts of it, which
 * may compare topologies in prose) and SECURITY.md.
 * Everything else that needs a topology reads the registry's data.
 */
const MAY_NAME_A_TOPOLOGY = [
  /^topologies\/registry\.ts$/,
  /^environments\//,
  /^generated\//,
  /^README\.md$/,
  /^topologies\/[a-z0-9-]+\/(README|configuration)\.md$/,
  /^SECURITY\.md$/,
];

/** Every file of the project (tracked, or new and not ignored), relative to the root. */
function projectFiles(): string[] {
  return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  })
    .split("\n")
    .filter((file) => file !== "" && existsSync(path.join(PROJECT_ROOT, file)));
}

describe("the topology registry", () => {
  const files = projectFiles().map((file) => ({ file, text: readFileSync(path.join(PROJECT_ROOT, file), "latin1") }));

  test.each(Object.keys(TOPOLOGIES))("no file outside topologies/%s/ names it, but those allowed to", (name) => {
    const naming = files
      .filter(({ file, text }) => !file.startsWith(`topologies/${name}/`) && text.includes(name))
      .map(({ file }) => file)
      .filter((file) => !MAY_NAME_A_TOPOLOGY.some((allowed) => allowed.test(file)));
    expect(naming).toEqual([]);
  });

  test.each(Object.entries(TOPOLOGIES))(
    "%s has its assertions, README section and configuration reference",
    (_name, unit) => {
      const assertions = path.join(PROJECT_ROOT, unit.terraformAssertions);
      expect(readFileSync(assertions, "utf8")).toContain('source = "./stacks/STACK"');
      expect(readFileSync(path.join(PROJECT_ROOT, unit.readme), "utf8")).toMatch(/^## Topology: /);
      expect(readFileSync(path.join(PROJECT_ROOT, unit.configuration), "utf8")).toMatch(/^### .+ section\n/);
    },
  );

  test("the README's generated parts are what the registry renders (npm run docs)", async () => {
    const current = readFileSync(README, "utf8");
    expect(current).toBe(await renderReadme(current));
  });

  test("SECURITY.md's generated part is what the registry renders (npm run docs)", () => {
    const current = readFileSync(SECURITY, "utf8");
    expect(current).toBe(renderSecurity(current));
  });
});

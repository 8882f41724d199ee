import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/paths";
import { diffFolders, listFiles } from "../../scripts/drift";
import { describeStaleness, isCurrent, staleness } from "../../synth/check";
import { GENERATED_DIR } from "../../lib/paths";
import { synthesizeStacks } from "../../synth/synthesize";
import { tempDir } from "../helpers/temporary";

describe("generated/ is the golden artifact", () => {
  let first: Awaited<ReturnType<typeof synthesizeStacks>>;
  beforeAll(async () => {
    first = await synthesizeStacks();
  });

  test("the committed Terraform equals a fresh synth, as `npm run synth -- --check` sees it (run `npm run synth` and commit if this fails)", () => {
    const result = staleness(GENERATED_DIR, first.files);
    // The summary and diffs say what changed.
    expect(isCurrent(result) ? "" : describeStaleness(result)).toBe("");
  });

  test("no machine-specific path reaches the committed Terraform", () => {
    for (const file of listFiles(GENERATED_DIR)) {
      const text = readFileSync(path.join(GENERATED_DIR, file), "utf8");
      expect(text).not.toContain(PROJECT_ROOT);
      expect(text).not.toMatch(/"\/(tmp|home|root|Users|work)\//);
      expect(text).not.toContain('backend "local"');
    }
    expect(listFiles(GENERATED_DIR).filter((file) => file.endsWith(".json"))).toEqual([]);
  });

  test("a fresh synth is deterministic: a second one writes the same files, byte for byte", async () => {
    const second = await synthesizeStacks();
    expect(new Map(second.files)).toEqual(new Map(first.files));
  });

  test("fails, printing a unified diff, when a file changed, appeared or disappeared", () => {
    const work = tempDir("diff-");
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
      writeFileSync(path.join(work, file), text);
    };
    write("a/s1/main.tf", 'cidr = "10.0.0.0/16"\n');
    write("b/s1/main.tf", 'cidr = "10.1.0.0/16"\n');
    write("a/gone/main.tf", "x = 1\n");
    write("b/new/main.tf", "y = 2\n");

    const diff = diffFolders(path.join(work, "a"), path.join(work, "b"));
    expect(diff).toContain('-cidr = "10.0.0.0/16"\n+cidr = "10.1.0.0/16"');
    expect(diff).toContain("--- committed/gone/main.tf");
    expect(diff).toContain("+++ fresh synth/new/main.tf");
  });
});

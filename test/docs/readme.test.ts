import { alignTables, fillBlocks } from "../../docs/readme";
import { UserError } from "../../lib/errors";

describe("the generated parts of the docs", () => {
  test("a block is written between its markers, replacing what was there", () => {
    const text = "prose\n<!-- A:START -->\nold\n<!-- A:END -->\nmore prose\n";
    expect(fillBlocks("X.md", text, { A: "new\n" })).toBe(
      "prose\n<!-- A:START -->\n\nnew\n\n<!-- A:END -->\nmore prose\n",
    );
  });

  test("fails, naming the file and the markers, when a block's markers are gone", () => {
    expect(() => fillBlocks("X.md", "prose only\n", { A: "new" })).toThrow(UserError);
    expect(() => fillBlocks("X.md", "prose only\n", { A: "new" })).toThrow(
      "X.md has no <!-- A:START --> ... <!-- A:END --> markers. Fix: restore them",
    );
  });

  test("tables are laid out with padded cells, as prettier --check expects", () => {
    expect(alignTables("intro\n| a | bb |\n| --- | --- |\n| ccc | d |\nend")).toBe(
      "intro\n| a   | bb  |\n| --- | --- |\n| ccc | d   |\nend",
    );
  });
});

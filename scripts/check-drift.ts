import * as path from "node:path";
import { UserError, runCli } from "../lib/errors";
import { diffAgainst } from "./drift";
import { GENERATED_DIR, synthesizeHcl } from "./synthesize";

// npm run check:drift: the committed generated/ must equal a fresh synth, byte for byte.
runCli(async () => {
  const diff = await diffAgainst(GENERATED_DIR, (dir) => synthesizeHcl(dir));
  if (diff !== "") {
    throw new UserError(
      `${diff}\nThe committed Terraform in ${path.relative(process.cwd(), GENERATED_DIR)}/ differs from a fresh synth (diff above). ` +
        "Run `npm run synth` and commit the result.",
    );
  }
  process.stdout.write("generated/ matches a fresh synth.\n");
});

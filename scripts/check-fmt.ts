import { UserError, runCli } from "../lib/errors";
import { terraformFmtCheck } from "../lib/hcl";
import { GENERATED_DIR } from "../synth/synthesize";

// npm run check:fmt: `terraform fmt -check` on the committed Terraform (offline, no providers).
runCli(() => {
  const diff = terraformFmtCheck(GENERATED_DIR);
  if (diff !== "") {
    throw new UserError(`terraform fmt -check found unformatted files:\n${diff}`);
  }
  process.stdout.write("terraform fmt -check: generated/ is formatted.\n");
});

import { parseCommandLine } from "../tooling/arguments";
import { UserError } from "../lib/errors";
import { runCli } from "../tooling/cli";
import { terraformFmtCheck } from "../tooling/hcl";
import { GENERATED_DIR } from "../lib/paths";

const USAGE = `Usage: npm run check:fmt

Runs terraform fmt -check over generated/ (offline, no providers) and exits 1 with the diff of
any file that is not formatted (2 on a usage error).
`;

// npm run check:fmt: `terraform fmt -check` on the committed Terraform (offline, no providers).
runCli(() => {
  if (parseCommandLine("check:fmt", USAGE, {}) === undefined) {
    return;
  }
  const diff = terraformFmtCheck(GENERATED_DIR);
  if (diff !== "") {
    throw new UserError(`terraform fmt -check found unformatted files:\n${diff}`);
  }
  process.stdout.write("terraform fmt -check: generated/ is formatted.\n");
});

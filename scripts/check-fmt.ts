import { execFileSync } from "node:child_process";
import { UserError, runCli } from "../lib/errors";
import { GENERATED_DIR } from "./synthesize";

// npm run check:fmt: `terraform fmt -check` on the committed Terraform (offline, no providers).
runCli(() => {
  try {
    execFileSync("terraform", ["fmt", "-check", "-recursive", "-diff", GENERATED_DIR], {
      encoding: "utf8",
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new UserError(`terraform fmt -check found unformatted files:\n${stdout}${stderr}`);
  }
  process.stdout.write("terraform fmt -check: generated/ is formatted.\n");
});

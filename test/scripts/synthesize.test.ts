import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/paths";
import { synthesizeHcl } from "../../synth/synthesize";
import { awkwardOpenApiDocument, environmentInput, FIRST_TOPOLOGY, firstTopologySections, source } from "../helpers";
import { tempDir } from "../helpers/temporary";

describe("synthesizeHcl", () => {
  test("an imported OpenAPI document survives HCL rendering and terraform fmt byte for byte", async () => {
    // GIVEN a definition with quotes, backslashes and ${...}, which HCL strings would mangle
    const work = tempDir("openapi-");
    const document = awkwardOpenApiDocument();
    const spec = path.join(work, "orders.json");
    writeFileSync(spec, JSON.stringify(document, null, 2));
    // AND an environment importing it, by a path relative to the project root
    const input = environmentInput({
      name: "qa",
      topologies: firstTopologySections({
        api: {
          mode: "create",
          stageName: "v1",
          loggingLevel: "INFO",
          openApiSpec: path.relative(PROJECT_ROOT, spec),
        },
      }),
    });

    // WHEN it is synthesized to formatted HCL (terraform fmt fails on invalid HCL)
    const out = path.join(work, "generated");
    const names = await synthesizeHcl(out, [source(input, "qa")]);

    // THEN Terraform decodes exactly the document, merged into the PRIVATE API
    expect(names).toEqual([`${FIRST_TOPOLOGY}-qa`]);
    const hcl = readFileSync(path.join(out, `${FIRST_TOPOLOGY}-qa`, "main.tf"), "utf8");
    expect(hcl).toMatch(/\n\s+types\s+= \[\s*"PRIVATE"\s*\]\n/);
    expect(hcl).toContain('put_rest_api_mode = "merge"');
    const encoded = /\n\s+body\s+= base64decode\("([A-Za-z0-9+/=]+)"\)\n/.exec(hcl)?.[1] ?? "";
    expect(JSON.parse(Buffer.from(encoded, "base64").toString("utf8"))).toEqual(document);
    expect(hcl).not.toContain('resource "aws_api_gateway_method"');
    // AND no machine-specific path reaches the Terraform
    expect(hcl).not.toContain(work);
  });
});

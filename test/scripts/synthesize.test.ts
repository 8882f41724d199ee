import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { synthesizeHcl } from "../../scripts/synthesize";
import { awkwardOpenApiDocument, environmentInput, source } from "../helpers";

describe("synthesizeHcl", () => {
  test("an imported OpenAPI document survives HCL rendering and terraform fmt byte for byte", async () => {
    // GIVEN a definition with quotes, backslashes and ${...}, which HCL strings would mangle
    const work = mkdtempSync(path.join(tmpdir(), "openapi-"));
    const document = awkwardOpenApiDocument();
    const spec = path.join(work, "orders.json");
    writeFileSync(spec, JSON.stringify(document, null, 2));
    const input = environmentInput({ name: "qa", api: { stageName: "v1", loggingLevel: "INFO", openApiSpec: spec } });

    // WHEN it is synthesized to formatted HCL (terraform fmt fails on invalid HCL)
    const out = path.join(work, "generated");
    await synthesizeHcl(out, [source(input, "qa")]);

    // THEN Terraform decodes exactly the document, merged into the PRIVATE API
    const hcl = readFileSync(path.join(out, "direct-vpce-qa", "main.tf"), "utf8");
    expect(hcl).toContain('put_rest_api_mode = "merge"');
    const encoded = /\n\s+body\s+= base64decode\("([A-Za-z0-9+/=]+)"\)\n/.exec(hcl)?.[1] ?? "";
    expect(JSON.parse(Buffer.from(encoded, "base64").toString("utf8"))).toEqual(document);
    expect(hcl).not.toContain('resource "aws_api_gateway_method"');
  });
});

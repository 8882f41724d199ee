import { loadStack } from "./connectivity/hcl";
import { evaluate } from "./connectivity/evaluate";
import { stackFile } from "./connectivity/shipped";
async function main() {
  const [name, from, url, ...rest] = process.argv.slice(2);
  const stack = await loadStack(stackFile(name!), name!);
  const headers: Record<string,string> = {};
  let signed = false; let dns: string|undefined;
  for (const r of rest) { if (r === "--signed") signed = true; else if (r.startsWith("dns=")) dns = r.slice(4); else { const i = r.indexOf(":"); headers[r.slice(0,i)] = r.slice(i+1).trim(); } }
  const a = evaluate(stack, { from: from!, url: url!, headers, signed, ...(dns ? {dns} : {}) });
  console.log(JSON.stringify(a, null, 1));
}
main().catch((e) => { console.error(e); process.exit(1); });

/**
 * A generated environment as the file a user would write (`environments/<name>.ts`), so that a
 * failing case is reported as something to paste and run.
 */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function key(name: string): string {
  // A quoted "__proto__" in a literal sets the prototype; only a computed key makes it a property.
  if (name === "__proto__") {
    return '["__proto__"]';
  }
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A value as TypeScript source, indented by `indent`. */
export function literal(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (value === undefined) {
    return "undefined";
  }
  if (typeof value === "number") {
    return Object.is(value, -0) ? "-0" : String(value);
  }
  if (typeof value === "string" || typeof value === "boolean" || value === null) {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? "[]"
      : `[\n${value.map((item) => `${inner}${literal(item, inner)},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length === 0
      ? "{}"
      : `{\n${entries.map(([name, child]) => `${inner}${key(name)}: ${literal(child, inner)},`).join("\n")}\n${indent}}`;
  }
  return typeof value === "bigint" ? `${value.toString()}n` : "undefined";
}

/** The whole file of `environments/<name>.ts`. */
export function environmentFile(input: unknown): string {
  return `import { defineEnvironment } from "../topologies/registry";\n\nexport default defineEnvironment(${literal(input)});\n`;
}

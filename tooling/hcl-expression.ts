/**
 * Just enough of HCL's expression syntax to lay out what cdktf writes on one line: function calls,
 * object and tuple constructors, quoted templates and plain references or literals. cdktf renders
 * `Fn.jsonencode({...})` as one long quoted line (`"${jsonencode({"Version" = ...})}"`); a policy
 * is only reviewable laid out the way a person writes it. Anything outside this grammar (`for`
 * expressions, operators, heredocs) is left exactly as it was.
 */

/** A parsed expression. */
export type Expression =
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expression[] }
  | { readonly kind: "object"; readonly entries: readonly (readonly [string, Expression])[] }
  | { readonly kind: "tuple"; readonly items: readonly Expression[] }
  | { readonly kind: "text"; readonly text: string };

class Unsupported extends Error {}

/** Index just past the quoted template that starts at `start` (a `"`), or -1 if unterminated. */
export function endOfQuoted(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") {
      i += 2;
    } else if (c === '"') {
      return i + 1;
    } else if ((c === "$" || c === "%") && text[i + 1] === "{") {
      const end = endOfInterpolation(text, i + 2);
      if (end < 0) {
        return -1;
      }
      i = end;
    } else {
      i++;
    }
  }
  return -1;
}

/** Index just past the `}` closing an interpolation whose body starts at `start`, or -1. */
function endOfInterpolation(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = endOfQuoted(text, i);
      if (end < 0) {
        return -1;
      }
      i = end;
      continue;
    }
    if (c === "{" || c === "[" || c === "(") {
      depth++;
    } else if (c === "]" || c === ")") {
      depth--;
    } else if (c === "}") {
      if (depth === 0) {
        return i + 1;
      }
      depth--;
    }
    i++;
  }
  return -1;
}

/**
 * The expression inside a quoted template that is one interpolation and nothing else
 * (`"${expr}"`), or undefined. Terraform gives such a template the expression's own value and type.
 */
export function interpolationOnly(quoted: string): string | undefined {
  if (!quoted.startsWith('"${') || endOfQuoted(quoted, 0) !== quoted.length) {
    return undefined;
  }
  return endOfInterpolation(quoted, 3) === quoted.length - 1 ? quoted.slice(3, -2) : undefined;
}

/** Parses `text` as one expression of the supported grammar; undefined if it is anything else. */
export function parseExpression(text: string): Expression | undefined {
  const parser = new Parser(text);
  try {
    const expression = parser.expression();
    parser.skipSpace();
    return parser.atEnd() ? expression : undefined;
  } catch (error) {
    if (error instanceof Unsupported) {
      return undefined;
    }
    throw error;
  }
}

class Parser {
  private i = 0;

  public constructor(private readonly text: string) {}

  public atEnd(): boolean {
    return this.i >= this.text.length;
  }

  public skipSpace(): void {
    while (/\s/.test(this.text[this.i] ?? "")) {
      this.i++;
    }
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.i] !== char) {
      throw new Unsupported();
    }
    this.i++;
  }

  /** Consumes `char` if it comes next (after space). */
  private accept(char: string): boolean {
    this.skipSpace();
    if (this.text[this.i] === char) {
      this.i++;
      return true;
    }
    return false;
  }

  public expression(): Expression {
    this.skipSpace();
    const c = this.text[this.i];
    if (c === "{") {
      return this.object();
    }
    if (c === "[") {
      return this.tuple();
    }
    if (c === '"') {
      return { kind: "text", text: this.quoted() };
    }
    const call = /^([A-Za-z_][\w]*)\(/.exec(this.text.slice(this.i));
    if (call?.[1] !== undefined) {
      this.i += call[0].length;
      const args = this.list(")");
      return { kind: "call", name: call[1], args };
    }
    return { kind: "text", text: this.plain() };
  }

  private quoted(): string {
    const end = endOfQuoted(this.text, this.i);
    if (end < 0) {
      throw new Unsupported();
    }
    const text = this.text.slice(this.i, end);
    this.i = end;
    return text;
  }

  /** A reference or literal: `aws_vpc.main.id`, `aws_x.y.dns_entry[*].dns_name`, `true`, `443`. */
  private plain(): string {
    const match = /^[A-Za-z0-9_.\-*]+(\[[A-Za-z0-9_*"]+\](\.[A-Za-z0-9_-]+)*)*/.exec(this.text.slice(this.i));
    if (match === null || match[0] === "" || ["for", "if", "null"].includes(match[0])) {
      throw new Unsupported();
    }
    this.i += match[0].length;
    return match[0];
  }

  private list(close: string): Expression[] {
    const items: Expression[] = [];
    if (this.accept(close)) {
      return items;
    }
    for (;;) {
      items.push(this.expression());
      if (this.accept(close)) {
        return items;
      }
      this.expect(",");
      if (this.accept(close)) {
        return items;
      }
    }
  }

  private tuple(): Expression {
    this.expect("[");
    return { kind: "tuple", items: this.list("]") };
  }

  private object(): Expression {
    this.expect("{");
    const entries: [string, Expression][] = [];
    while (!this.accept("}")) {
      this.skipSpace();
      const key = this.text[this.i] === '"' ? this.quoted() : this.plain();
      if (!this.accept("=") && !this.accept(":")) {
        throw new Unsupported();
      }
      entries.push([key, this.expression()]);
      this.accept(",");
    }
    return { kind: "object", entries };
  }
}

/** An object key as a person writes it: bare when it is an identifier, quoted otherwise. */
function renderKey(key: string): string {
  const bare = /^"([A-Za-z_][\w-]*)"$/.exec(key);
  return bare?.[1] ?? key;
}

function isScalar(expression: Expression): boolean {
  return expression.kind === "text";
}

/**
 * Lays out an expression the way `terraform fmt`'s users write policies: objects one attribute per
 * line, tuples of several items one per line with trailing commas, short calls and one-item
 * tuples inline. `indent` is the indentation of the line the expression starts on.
 */
export function renderExpression(expression: Expression, indent: string): string {
  const inner = `${indent}  `;
  switch (expression.kind) {
    case "text":
      return expression.text;
    case "call":
      return `${expression.name}(${expression.args.map((arg) => renderExpression(arg, indent)).join(", ")})`;
    case "tuple":
      if (expression.items.length === 0) {
        return "[]";
      }
      if (expression.items.length === 1 && expression.items.every(isScalar)) {
        return `[${renderExpression(expression.items[0] as Expression, indent)}]`;
      }
      return `[\n${expression.items.map((item) => `${inner}${renderExpression(item, inner)},\n`).join("")}${indent}]`;
    case "object":
      if (expression.entries.length === 0) {
        return "{}";
      }
      return `{\n${expression.entries
        .map(([key, value]) => `${inner}${renderKey(key)} = ${renderExpression(value, inner)}\n`)
        .join("")}${indent}}`;
  }
}

/** One line per expression, for comparing the same expression written two ways. */
export function canonicalExpression(expression: Expression): string {
  switch (expression.kind) {
    case "text":
      return expression.text;
    case "call":
      return `${expression.name}(${expression.args.map(canonicalExpression).join(", ")})`;
    case "tuple":
      return `[${expression.items.map(canonicalExpression).join(", ")}]`;
    case "object":
      return `{${expression.entries.map(([key, value]) => `${renderKey(key)} = ${canonicalExpression(value)}`).join(", ")}}`;
  }
}

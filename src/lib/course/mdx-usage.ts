/**
 * Which components an MDX page uses, with their attributes and line numbers, read from the source
 * text without compiling it: the lesson contract checks that every `<Questions set>`, `<StepLink trace>`,
 * `<CommandCard scenario>`… names something that exists. Code fences and inline code are skipped, so
 * documentation that shows a component is not taken for a use of it.
 */

/** One attribute value: a string (`a="x"`), a JSON-readable expression (`a={["x"]}`), `true` for a bare name. */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

/** One use of a component. */
export interface ComponentUsage {
  /** The tag name, e.g. "Questions". */
  readonly name: string;
  /** 1-based line of the opening `<`. */
  readonly line: number;
  /** Attributes by name; an expression that is not plain JSON is kept as its source text under `expressions`. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Attribute expressions that are not JSON (`{someVariable}`), by name, as written. */
  readonly expressions: Readonly<Record<string, string>>;
}

/** Replaces fenced code blocks and inline code spans with spaces of the same length, keeping line numbers. */
function blankCode(text: string): string {
  const blank = (match: string) => match.replace(/[^\n]/g, ' ');
  return text
    .replace(/^([ \t]*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, blank)
    .replace(/`[^`\n]+`/g, blank);
}

/** Reads a `{…}` expression starting at `start` (the `{`); returns its inner text and the index after `}`. */
function readExpression(text: string, start: number): { inner: string; end: number } | undefined {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote) {
      if (char === '\\') i += 1;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return { inner: text.slice(start + 1, i), end: i + 1 };
    }
  }
  return undefined;
}

/** Every use of a capitalised component in `source`, in order (optionally only those named in `names`). */
export function componentUsages(source: string, names?: readonly string[]): ComponentUsage[] {
  const text = blankCode(source);
  const usages: ComponentUsage[] = [];
  const open = /<([A-Z][A-Za-z0-9]*)(?=[\s/>])/g;
  for (let match = open.exec(text); match; match = open.exec(text)) {
    const name = match[1]!;
    const attributes: Record<string, AttributeValue> = {};
    const expressions: Record<string, string> = {};
    let i = match.index + match[0].length;
    while (i < text.length) {
      while (i < text.length && /\s/.test(text[i]!)) i += 1;
      if (text.startsWith('/>', i) || text[i] === '>') break;
      const attribute = /^[A-Za-z_:][-A-Za-z0-9_:.]*/.exec(text.slice(i));
      if (!attribute) break;
      const key = attribute[0];
      i += key.length;
      if (text[i] !== '=') {
        attributes[key] = true;
        continue;
      }
      i += 1;
      const quote = text[i];
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, i + 1);
        if (close < 0) break;
        attributes[key] = source.slice(i + 1, close);
        i = close + 1;
      } else if (quote === '{') {
        const expression = readExpression(text, i);
        if (!expression) break;
        const inner = source.slice(i + 1, expression.end - 1);
        try {
          attributes[key] = JSON.parse(inner) as AttributeValue;
        } catch {
          expressions[key] = inner.trim();
        }
        i = expression.end;
      } else break;
    }
    if (names && !names.includes(name)) continue;
    usages.push({ name, line: text.slice(0, match.index).split('\n').length, attributes, expressions });
  }
  return usages;
}

/** A string attribute of a usage, or undefined when missing or not a string. */
export function stringAttribute(usage: ComponentUsage, name: string): string | undefined {
  const value = usage.attributes[name];
  return typeof value === 'string' ? value : undefined;
}

/** A list-of-strings attribute of a usage (`traces={["a", "b"]}`), or undefined when missing or of another type. */
export function stringListAttribute(usage: ComponentUsage, name: string): string[] | undefined {
  const value = usage.attributes[name];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

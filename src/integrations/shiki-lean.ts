/**
 * A Shiki transformer that leaves out of the page what the browser already knows. With dual themes every
 * token carries `style="--shiki-light:…;--shiki-dark:…"`, also the many tokens whose colours are the code
 * block's own (a config file's plain text, a command's arguments). Those inherit the same colours from the
 * `<pre>`, so they become plain text in their line, merged with their plain neighbours: the page looks the
 * same and is lighter.
 */
import type { ShikiTransformer } from 'shiki';

/** A hast node as Shiki builds it (the few fields this transformer reads). */
type HastNode =
  | { type: 'text'; value: string }
  | { type: 'element'; tagName: string; properties: Record<string, unknown>; children: HastNode[] }
  | { type: string; [key: string]: unknown };

type HastElement = Extract<HastNode, { type: 'element' }>;

const isElement = (node: HastNode): node is HastElement => node.type === 'element';
const isText = (node: HastNode): node is { type: 'text'; value: string } => node.type === 'text';

/** The `--shiki-light`/`--shiki-dark` colours a style attribute sets, lower-cased, as one comparable string. */
export function themeColours(style: unknown): string {
  if (typeof style !== 'string') return '';
  const colours = [...style.matchAll(/--shiki-(light|dark):\s*([^;]+)/g)].map(([, theme, value]) => `${theme}=${value!.trim().toLowerCase()}`);
  return colours.sort().join(';');
}

/** The children of one line with block-coloured tokens unwrapped and adjacent text merged. */
export function leanLine(children: readonly HastNode[], blockColours: string): HastNode[] {
  const out: HastNode[] = [];
  const pushText = (value: string): void => {
    const last = out[out.length - 1];
    if (last && isText(last)) last.value += value;
    else out.push({ type: 'text', value });
  };
  for (const child of children) {
    const plain =
      isElement(child) &&
      child.tagName === 'span' &&
      Object.keys(child.properties).every((key) => key === 'style') &&
      (child.properties.style === undefined || themeColours(child.properties.style) === blockColours) &&
      child.children.every(isText);
    if (plain) for (const text of (child as HastElement).children) pushText((text as { value: string }).value);
    else if (isText(child)) pushText(child.value);
    else out.push(child);
  }
  return out;
}

/** The transformer: for each `<pre>`, unwraps the tokens whose colours equal the block's. */
export function leanTokens(): ShikiTransformer {
  return {
    name: 'knet:lean-tokens',
    pre(pre) {
      const blockColours = themeColours(pre.properties.style);
      if (!blockColours) return;
      for (const code of pre.children as HastNode[]) {
        if (!isElement(code) || code.tagName !== 'code') continue;
        for (const line of code.children) {
          if (isElement(line)) line.children = leanLine(line.children, blockColours);
        }
      }
    },
  };
}

import { describe, expect, it } from 'vitest';
import { codeToHtml } from 'shiki';
import { leanLine, leanTokens, themeColours } from './shiki-lean.ts';
import { CODE_THEMES } from '../data/code-themes.ts';

const render = (code: string, lang: string, transformers = [leanTokens()]) =>
  codeToHtml(code, { lang, themes: CODE_THEMES, defaultColor: false, transformers });

/** Each character a reader sees in highlighted HTML, with the colour pair it is painted in (inherited from its nearest styled ancestor). */
function painted(html: string): string[] {
  const block = /<pre[^>]*style="([^"]*)"/.exec(html)?.[1] ?? '';
  const code = html.replace(/^[\s\S]*?<code>|<\/code>[\s\S]*$/g, '');
  const stack = [themeColours(block)];
  const out: string[] = [];
  for (const [tag, style, text] of code.matchAll(/<span[^>]*?(?: style="([^"]*)")?>|<\/span>|([^<]+)/g)) {
    if (text !== undefined) for (const char of text) out.push(`${char}:${stack[stack.length - 1]}`);
    else if (tag === '</span>') stack.pop();
    else stack.push(style === undefined ? stack[stack.length - 1]! : themeColours(style));
  }
  return out;
}

describe('leanTokens', () => {
  it('paints every character of a YAML block in the same colours, with fewer styled spans', async () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-a # a comment\nspec:\n  containers:\n    - image: busybox:1.36\n';
    const full = await render(yaml, 'yaml', []);
    const lean = await render(yaml, 'yaml');
    const spans = (html: string) => (html.match(/<span style=/g) ?? []).length;
    expect(spans(lean)).toBeLessThan(spans(full));
    expect(lean.replace(/<[^>]+>/g, '')).toBe(full.replace(/<[^>]+>/g, ''));
    expect(painted(lean)).toEqual(painted(full));
    expect(new Set(painted(full).map((p) => p.slice(2))).size).toBeGreaterThan(2);
  });

  it('leaves plain text blocks as one text node per line', async () => {
    const html = await render('node-1  10.244.0.0/24\n\nnode-2  10.244.1.0/24', 'text');
    expect(html).toContain('<span class="line">node-1  10.244.0.0/24</span>');
    expect(html).toContain('<span class="line"></span>');
  });
});

describe('leanLine', () => {
  const block = themeColours('--shiki-light:#0e1116;--shiki-dark:#f0f3f6');
  it('unwraps tokens in the block colours and merges their text, keeping coloured tokens', () => {
    const children = [
      { type: 'element', tagName: 'span', properties: { style: '--shiki-light:#0E1116;--shiki-dark:#F0F3F6' }, children: [{ type: 'text', value: 'name' }] },
      { type: 'element', tagName: 'span', properties: {}, children: [{ type: 'text', value: ': ' }] },
      { type: 'element', tagName: 'span', properties: { style: '--shiki-light:#032563;--shiki-dark:#ADDCFF' }, children: [{ type: 'text', value: 'pod-a' }] },
    ];
    const out = leanLine(children, block);
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual({ type: 'text', value: 'name: ' });
    expect(out[1]).toBe(children[2]);
  });
  it('keeps a span that carries anything besides its colours', () => {
    const span = { type: 'element', tagName: 'span', properties: { style: '--shiki-light:#0e1116;--shiki-dark:#f0f3f6', class: 'highlighted' }, children: [{ type: 'text', value: 'x' }] };
    expect(leanLine([span], block)).toEqual([span]);
  });
});

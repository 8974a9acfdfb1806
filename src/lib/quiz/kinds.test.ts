/** Every code language a question may declare is a grammar Shiki bundles, so it really highlights (shiki bundledLanguages). */
import { describe, expect, it } from 'vitest';
import { bundledLanguages, codeToHtml } from 'shiki';
import { CODE_LANGS, shikiLang } from './kinds.ts';

describe('question code languages', () => {
  it('each maps to a bundled Shiki grammar (text is Shiki\'s plain one)', () => {
    for (const lang of CODE_LANGS) if (lang !== 'text') expect(Object.keys(bundledLanguages), lang).toContain(shikiLang(lang));
  });
  it('json is tokenised: keys and strings get different colours', async () => {
    const html = await codeToHtml('{ "cniVersion": "1.1.0", "isGateway": true }', { lang: shikiLang('json'), theme: 'github-light-high-contrast' });
    const colours = new Set([...html.matchAll(/color:(#[0-9A-Fa-f]{6})/g)].map((m) => m[1]));
    expect(colours.size).toBeGreaterThan(2);
  });
});

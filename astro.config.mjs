// @ts-check
/**
 * Site configuration. SITE and BASE come from the environment so the same
 * source builds for the root of a domain or a sub-path such as GitHub Pages:
 *   SITE=https://example.github.io BASE=/course/ npm run build
 * OUT_DIR picks another output folder; CONTENT_ROOT another content root (the engine tests build the
 * fixture lesson of e2e/fixtures/content into dist-e2e/, under BASE=/course/).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import { CODE_THEMES } from './src/data/code-themes.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { offline } from './src/integrations/offline.ts';
import { leanTokens } from './src/integrations/shiki-lean.ts';

const site = process.env.SITE || 'https://kubernetes-networking.example.org';
const base = process.env.BASE || '/';
const outDir = process.env.OUT_DIR || './dist';
// Astro's cache holds the content layer's store. Its default (node_modules/.astro) is shared by every
// checkout that links one node_modules, and by both content roots: a build then rendered another
// checkout's or the fixture's entries. One cache per checkout and content root.
const contentRoot = (process.env.CONTENT_ROOT || 'content').replace(/^\.\//, '').replace(/\/+$/, '');
const cacheDir = `./.cache/astro/${contentRoot.replace(/[^a-z0-9]+/gi, '-')}`;

/**
 * Custom client directives: `client:interaction` hydrates an island when the learner reaches for it.
 * @type {import('astro').AstroIntegration}
 */
const clientDirectives = {
  name: 'knet:client-directives',
  hooks: {
    'astro:config:setup': ({ addClientDirective }) => {
      addClientDirective({ name: 'interaction', entrypoint: fileURLToPath(new URL('./src/client/directives/interaction.ts', import.meta.url)) });
    },
  },
};

export default defineConfig({
  site,
  base,
  outDir,
  cacheDir,
  trailingSlash: 'always',
  scopedStyleStrategy: 'class',
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [clientDirectives, mdx(), preact(), sitemap(), searchIndex(), offline()],
  markdown: {
    shikiConfig: {
      themes: CODE_THEMES,
      defaultColor: false,
      transformers: [leanTokens()],
    },
  },
  devToolbar: { enabled: false },
});

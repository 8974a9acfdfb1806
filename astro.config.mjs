// @ts-check
/**
 * Site configuration. SITE and BASE come from the environment so the same
 * source builds for the root of a domain or a sub-path such as GitHub Pages:
 *   SITE=https://example.github.io BASE=/course/ npm run build
 * OUT_DIR picks another output folder (the tests build a base-path copy into dist-base/).
 */
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import { CODE_THEMES } from './src/data/code-themes.ts';

const site = process.env.SITE || 'https://kubernetes-networking.example.org';
const base = process.env.BASE || '/';
const outDir = process.env.OUT_DIR || './dist';

export default defineConfig({
  site,
  base,
  outDir,
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [mdx(), preact(), sitemap()],
  markdown: {
    shikiConfig: {
      themes: CODE_THEMES,
      defaultColor: false,
    },
  },
  devToolbar: { enabled: false },
});

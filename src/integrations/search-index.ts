/**
 * Astro integration: after the build, Pagefind indexes the built site's lesson pages (the parts marked
 * `data-pagefind-body`: each mode page's title and content) into `<outDir>/pagefind/`. The search dialog
 * loads that index, and Pagefind's own script, only when a learner opens search.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

/** The integration. */
export function searchIndex(): AstroIntegration {
  return {
    name: 'knet:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const site = fileURLToPath(dir);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length > 0) throw new Error(`Pagefind could not index ${site}: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: `${site.replace(/\/$/, '')}/pagefind` });
        if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
        logger.info(`search index: ${added.page_count} pages`);
        await pagefind.close();
      },
    },
  };
}

/**
 * Content collections. Each lesson is one folder under `<content root>/lessons/<slug>/` (the content
 * root is `content/`, or the e2e fixture's, see `data/content-root.ts`):
 *   lesson.yaml        metadata shared by all nine modes
 *   <mode>.mdx         one page per mode (learn, why, deep, visualize, …)
 *   scenarios/*.yaml   Kubernetes manifests the simulator runs
 *   questions.yaml     graded questions, flashcards.yaml, lab.yaml
 * Only the MDX pages are a collection (Astro renders them); the YAML files are read and checked by
 * `data/course.ts` with the schemas in src/lib, so every error names its file and field the same way.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { contentRoot } from './data/content-root.ts';

const modes = defineCollection({
  loader: glob({
    pattern: '*/*.mdx',
    base: `./${contentRoot()}/lessons`,
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: z.strictObject({
    /** One-sentence description for search engines and link previews. */
    description: z.string().min(20).max(200),
  }),
});

export const collections = { modes };

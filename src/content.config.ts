/**
 * Content collections. Each lesson is one folder under `content/lessons/<slug>/`:
 *   lesson.yaml        metadata shared by all nine modes (lessonSchema)
 *   <mode>.mdx         one page per mode (learn, why, deep, visualize, …)
 *   scenarios/*.yaml   Kubernetes manifests the simulator runs
 *   questions.yaml     graded questions, flashcards.yaml, lab.yaml
 * Schemas live beside the logic that uses them in src/lib; this file only wires them.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { lessonSchema } from './lib/course/lesson-schema.ts';
import { labSchema } from './lib/lab/lab-schema.ts';

const base = './content/lessons';

/** The lesson folder's name: the slug used in every URL. */
const folderOf = ({ entry }: { entry: string }) => entry.split('/')[0] ?? entry;

const lessons = defineCollection({
  loader: glob({ pattern: '*/lesson.yaml', base, generateId: folderOf }),
  schema: lessonSchema,
});

const modes = defineCollection({
  loader: glob({
    pattern: '*/*.mdx',
    base,
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: z.strictObject({
    /** One-sentence description for search engines and link previews. */
    description: z.string().min(20).max(200),
  }),
});

const labs = defineCollection({
  loader: glob({ pattern: '*/lab.yaml', base, generateId: folderOf }),
  schema: labSchema,
});

export const collections = { lessons, modes, labs };

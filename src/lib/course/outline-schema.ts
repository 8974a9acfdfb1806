/**
 * The schema of the course outline, `<content root>/course.yaml`: every planned lesson in course
 * order. A lesson whose folder exists is shown from its own lesson.yaml; the others appear on the
 * course map as "coming soon", never as links.
 */
import { z } from 'astro/zod';
import { list, slug, text, typeError } from './field-schemas.ts';

/** One planned lesson. */
export const outlineEntrySchema = z.strictObject(
  {
    /** The lesson's folder name once written. */
    slug: slug(),
    /** Its title. */
    title: text(),
    /** One line on what it covers. */
    summary: text(),
  },
  { error: typeError('a mapping with slug, title and summary') },
);

/** The course outline file. */
export const outlineSchema = z
  .strictObject({ lessons: list(outlineEntrySchema).min(1, 'needs at least one lesson') }, { error: typeError('a mapping with a lessons list') })
  .superRefine((outline, ctx) => {
    const seen = new Map<string, number>();
    outline.lessons.forEach((entry, index) => {
      const first = seen.get(entry.slug);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['lessons', index, 'slug'], message: `"${entry.slug}" is already lesson ${first + 1}` });
      else seen.set(entry.slug, index);
    });
  });

/** The validated outline. */
export type Outline = z.infer<typeof outlineSchema>;
/** One planned lesson of the outline. */
export type OutlineEntry = z.infer<typeof outlineEntrySchema>;

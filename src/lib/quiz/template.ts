/**
 * Fill-in-the-blanks templates: text with blanks written `{{blank-id}}`.
 */

/** The blank syntax: `{{id}}`, where id is letters, digits, `-` or `_` (no spaces). */
export const BLANK_PATTERN = /\{\{([A-Za-z0-9][A-Za-z0-9_-]*)\}\}/g;

/** One piece of a template: literal text, or a blank to fill in. */
export type TemplateSegment = { type: 'text'; text: string } | { type: 'blank'; id: string };

/** Splits a template into literal text and blanks, in order. */
export function splitTemplate(template: string): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  let last = 0;
  for (const match of template.matchAll(BLANK_PATTERN)) {
    const start = match.index;
    if (start > last) segments.push({ type: 'text', text: template.slice(last, start) });
    segments.push({ type: 'blank', id: match[1] ?? '' });
    last = start + match[0].length;
  }
  if (last < template.length) segments.push({ type: 'text', text: template.slice(last) });
  return segments;
}

/** The blank ids of a template in order of appearance (duplicates kept). */
export function templateBlankIds(template: string): string[] {
  return splitTemplate(template).flatMap((segment) => (segment.type === 'blank' ? [segment.id] : []));
}

/** The template with each blank replaced by `fill(id)`. */
export function fillTemplate(template: string, fill: (id: string) => string): string {
  return splitTemplate(template)
    .map((segment) => (segment.type === 'text' ? segment.text : fill(segment.id)))
    .join('');
}

/**
 * Build-time Markdown for short texts authored in YAML (task goals, hints,
 * question prompts, flashcards): block and inline forms. Content is the course's
 * own, rendered once at build; islands receive the resulting HTML.
 */
import { Marked } from 'marked';

const renderer = new Marked({ gfm: true, breaks: false });

/** Renders Markdown paragraphs to HTML. */
export function marked(text: string): string {
  return renderer.parse(text, { async: false });
}

/** Renders one line of Markdown (no wrapping paragraph) to HTML. */
export function markedInline(text: string): string {
  return renderer.parseInline(text, { async: false });
}

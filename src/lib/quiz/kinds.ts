/**
 * The fixed vocabularies of the quiz: question kinds, difficulty levels, code
 * languages and simulator protocols. Plain constants (no Zod), so the browser
 * islands can use them and their types; `schema.ts` builds its enums from them.
 */

/** Question kinds, in the order the docs list them. */
export const QUESTION_KINDS = [
  'single',
  'multiple',
  'true-false',
  'fill-blanks',
  'ordering',
  'pick-output',
  'find-error',
  'open',
  'numeric',
  'cidr',
  'simulator',
] as const;

/** Difficulty levels shared by lessons, questions and flashcards (defined once, in `course/fields.ts`). */
export { DIFFICULTIES, PROTOCOLS } from '../course/fields.ts';
export type { Difficulty, Protocol } from '../course/fields.ts';

/** Languages a question's `code` may be highlighted as. */
export const CODE_LANGS = ['yaml', 'json', 'console', 'sh', 'text'] as const;


/** The kind of a question. */
export type QuestionKind = (typeof QUESTION_KINDS)[number];
/** A language a question's `code` may be highlighted as. */
export type CodeLang = (typeof CODE_LANGS)[number];

/** The Shiki grammar a question's code language is highlighted with (`console` is Shiki's `shellsession`). */
export function shikiLang(lang: CodeLang | undefined): string {
  return lang === 'console' ? 'shellsession' : (lang ?? 'text');
}

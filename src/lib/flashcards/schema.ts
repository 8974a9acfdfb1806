/**
 * The flashcard schema lesson authors write in
 * `content/lessons/<slug>/flashcards.yaml` (top level `cards: [...]`).
 */
import { z } from 'astro/zod';
import { difficulty, formatListFileError, itemId, kebab, list, text, typeError } from '../course/field-schemas.ts';

/** One flashcard: Markdown front and back, a level and optional kebab-case tags. */
export const flashcardSchema = z.strictObject(
  {
    id: kebab(),
    front: text(),
    back: text(),
    level: difficulty(),
    tags: list(kebab()).optional(),
  },
  { error: typeError('a mapping with id, front, back and level') },
);

/** A `flashcards.yaml` file: a list of cards with unique ids. */
export const flashcardFileSchema = z
  .strictObject({ cards: list(flashcardSchema) }, { error: typeError('a mapping with a cards list') })
  .superRefine(
    (file, ctx) => {
      // Runs even when some cards are broken, so duplicate ids are reported with the other errors.
      const cards: unknown = typeof file === 'object' && file !== null ? (file as { cards?: unknown }).cards : undefined;
      if (!Array.isArray(cards)) return;
      const seen = new Map<string, number>();
      cards.forEach((card: unknown, i) => {
        const id = itemId(card);
        if (id === undefined) return;
        const first = seen.get(id);
        if (first === undefined) seen.set(id, i);
        else ctx.addIssue({ code: 'custom', path: ['cards', i, 'id'], message: `duplicate id "${id}": card #${first + 1} already uses it` });
      });
    },
    { when: () => true },
  );

/** A validated flashcard. */
export type Flashcard = z.infer<typeof flashcardSchema>;
/** A validated `flashcards.yaml` file. */
export type FlashcardFile = z.infer<typeof flashcardFileSchema>;

/** Formats a failed `flashcards.yaml` parse: `file: card "id" (#3): field: message` per line. */
export function formatFlashcardFileError(fileLabel: string, error: z.ZodError, data: unknown): string {
  return formatListFileError(fileLabel, 'cards', 'card', error, data);
}

/** Validates parsed YAML as a flashcards file, or throws an Error listing every problem. */
export function parseFlashcardFile(fileLabel: string, data: unknown): FlashcardFile {
  const result = flashcardFileSchema.safeParse(data);
  if (!result.success) throw new Error(formatFlashcardFileError(fileLabel, result.error, data));
  return result.data;
}

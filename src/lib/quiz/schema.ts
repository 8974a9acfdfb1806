/**
 * The question schema lesson authors write in
 * `content/lessons/<slug>/questions.yaml` (top level `questions: [...]`), and a
 * formatter that turns validation errors into lines naming file, question and field.
 * Build time only (it uses Zod); never import it from code that ships to the browser.
 */
import { z } from 'astro/zod';
import { parseCidr, hasHostBits, formatCidr, networkOf } from './cidr.ts';
import { templateBlankIds } from './template.ts';
import { CODE_LANGS, DIFFICULTIES, QUESTION_KINDS } from './kinds.ts';
import { codeLines, normaliseOutput } from './text.ts';
import { bool, connectionFields, formatListFileError, itemId, kebab, list, oneOf, positiveInt, text, typeError } from '../course/field-schemas.ts';

// Zod-free constants and helpers, re-exported for existing imports. Browser code
// must import them from `./kinds.ts` and `./text.ts`: this module pulls in Zod.
export { CODE_LANGS, DIFFICULTIES, PROTOCOLS, QUESTION_KINDS } from './kinds.ts';
export type { CodeLang, Difficulty, Protocol } from './kinds.ts';
export { codeLines, normaliseOutput } from './text.ts';
export { KEBAB_CASE } from '../course/fields.ts';
export { formatListFileError, typeError } from '../course/field-schemas.ts';

const LOCAL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const localId = () =>
  z.string({ error: typeError('text') }).regex(LOCAL_ID, 'ids use letters, digits, "-" and "_" only');

/** Fields every question has, whatever its kind. */
const commonFields = {
  id: kebab(),
  set: kebab(),
  difficulty: oneOf(DIFFICULTIES).optional(),
  prompt: text(),
  code: text().optional(),
  codeLang: oneOf(CODE_LANGS).optional(),
  hint: text().optional(),
  explanation: text(),
  commonMistakes: text().optional(),
  attempts: positiveInt().nullable().optional(),
  timeLimitSeconds: positiveInt().optional(),
  points: z.number({ error: typeError('a number') }).positive('must be greater than 0').optional(),
};

/** A question object of one kind: the common fields plus `shape`, unknown fields rejected. */
function questionOfKind<S extends z.ZodRawShape>(shape: S) {
  const merged = { ...commonFields, ...shape } as Omit<typeof commonFields, keyof S> & S;
  return z.strictObject(merged, { error: typeError('a mapping') });
}

/** Adds a custom issue at `path` (relative to the question). */
function issue(ctx: z.RefinementCtx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

/** Reports list entries that repeat an earlier one (by `keyOf`). */
function checkUnique<T>(
  ctx: z.RefinementCtx,
  items: readonly T[],
  keyOf: (item: T) => string,
  path: (i: number) => (string | number)[],
  describe: (key: string) => string,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else issue(ctx, path(i), `${describe(key)} repeats entry ${first + 1}`);
  });
}

/** One choice of a `single` or `multiple` question. */
export const optionSchema = z.strictObject(
  { id: localId(), text: text(), correct: bool().optional() },
  { error: typeError('a mapping with id and text') },
);

const optionsField = list(optionSchema).min(2, 'needs at least 2 options');

/** Option checks shared by `single` and `multiple`. */
function checkOptions(ctx: z.RefinementCtx, options: readonly { id: string; text: string }[]): void {
  checkUnique(ctx, options, (o) => o.id, (i) => ['options', i, 'id'], (id) => `option id "${id}"`);
  checkUnique(ctx, options, (o) => o.text.trim(), (i) => ['options', i, 'text'], () => 'option text');
}

const singleSchema = questionOfKind({ kind: z.literal('single'), options: optionsField })
  .superRefine((q, ctx) => {
    checkOptions(ctx, q.options);
    const correct = q.options.filter((o) => o.correct === true).length;
    if (correct !== 1) issue(ctx, ['options'], `exactly one option must be marked correct (found ${correct})`);
  });

const multipleSchema = questionOfKind({ kind: z.literal('multiple'), options: optionsField })
  .superRefine((q, ctx) => {
    checkOptions(ctx, q.options);
    if (!q.options.some((o) => o.correct === true)) issue(ctx, ['options'], 'at least one option must be marked correct');
  });

const trueFalseSchema = questionOfKind({ kind: z.literal('true-false'), answer: bool() });

/** One blank of a `fill-blanks` template: accepted answers, first one canonical. */
export const blankSchema = z.strictObject(
  {
    id: localId(),
    answers: list(text()).min(1, 'needs at least one accepted answer'),
    caseSensitive: bool().optional(),
  },
  { error: typeError('a mapping with id and answers') },
);

const fillBlanksSchema = questionOfKind({
    kind: z.literal('fill-blanks'),
    template: text(),
    blanks: list(blankSchema).min(1, 'needs at least one blank'),
    bank: list(text()).optional(),
  })
  .superRefine((q, ctx) => {
    checkUnique(ctx, q.blanks, (b) => b.id, (i) => ['blanks', i, 'id'], (id) => `blank id "${id}"`);
    const used = templateBlankIds(q.template);
    const declared = new Set(q.blanks.map((b) => b.id));
    if (used.length === 0) issue(ctx, ['template'], 'has no blanks; write each blank as {{blank-id}}');
    for (const spaced of q.template.matchAll(/\{\{\s+([A-Za-z0-9_-]+)\s*\}\}|\{\{([A-Za-z0-9_-]+)\s+\}\}/g)) {
      const id = spaced[1] ?? spaced[2] ?? '';
      issue(ctx, ['template'], `write blanks without spaces: {{${id}}}, not ${spaced[0]}`);
    }
    const counted = new Set<string>();
    for (const id of used) {
      if (!declared.has(id)) issue(ctx, ['template'], `uses {{${id}}} but blanks has no id "${id}"`);
      else if (counted.has(id)) issue(ctx, ['template'], `uses {{${id}}} more than once`);
      counted.add(id);
    }
    q.blanks.forEach((b, i) => {
      if (!used.includes(b.id)) issue(ctx, ['blanks', i, 'id'], `blank "${b.id}" does not appear in the template as {{${b.id}}}`);
    });
    if (q.bank !== undefined) {
      checkUnique(ctx, q.bank, (t) => t.trim(), (i) => ['bank', i], (t) => `bank entry "${t}"`);
      const bank = new Set(q.bank.map((t) => t.trim()));
      q.blanks.forEach((b, i) => {
        const first = b.answers[0];
        if (first !== undefined && !bank.has(first.trim())) {
          issue(ctx, ['blanks', i, 'answers', 0], `"${first}" (the first answer of blank "${b.id}") must also be in bank`);
        }
      });
    }
  });

const orderingSchema = questionOfKind({
    kind: z.literal('ordering'),
    items: list(text()).min(3, 'needs at least 3 items (in the correct order)'),
  })
  .superRefine((q, ctx) => {
    checkUnique(ctx, q.items, (t) => t.trim(), (i) => ['items', i], () => 'item text');
  });

const pickOutputSchema = questionOfKind({
    kind: z.literal('pick-output'),
    scenario: kebab(),
    command: text(),
    distractors: list(text()).min(2, 'needs at least 2 wrong outputs (the right one is computed)'),
  })
  .superRefine((q, ctx) => {
    checkUnique(ctx, q.distractors, normaliseOutput, (i) => ['distractors', i], () => 'distractor');
  });

const findErrorSchema = questionOfKind({
    kind: z.literal('find-error'),
    code: text(),
    errorLines: list(positiveInt()).min(1, 'needs at least one line number (1-based)'),
    lineExplanations: z
      .record(z.string().regex(/^[1-9]\d*$/, 'keys must be line numbers'), text(), {
        error: typeError('a mapping from line number to text'),
      })
      .optional(),
  })
  .superRefine((q, ctx) => {
    const count = codeLines(q.code).length;
    checkUnique(ctx, q.errorLines, String, (i) => ['errorLines', i], (n) => `line ${n}`);
    q.errorLines.forEach((line, i) => {
      if (line > count) issue(ctx, ['errorLines', i], `line ${line} is past the end of code (${count} lines)`);
    });
    for (const key of Object.keys(q.lineExplanations ?? {})) {
      if (Number(key) > count) issue(ctx, ['lineExplanations', key], `line ${key} is past the end of code (${count} lines)`);
    }
  });

const openSchema = questionOfKind({
  kind: z.literal('open'),
  /** Optional here only: the checklist and sample answer already explain. */
  explanation: text().optional(),
  checklist: list(text()).min(1, 'needs at least one item a good answer covers'),
  sampleAnswer: text(),
});

const numericSchema = questionOfKind({
  kind: z.literal('numeric'),
  answer: z.number({ error: typeError('a number') }).finite('must be a finite number'),
  tolerance: z.number({ error: typeError('a number') }).nonnegative('must be 0 or more').optional(),
  unit: z
    .string({ error: typeError('text') })
    .regex(/^[^\d\s.,+-](?:[^\d]*\S)?$/, 'must be a word such as "addresses" (no digits, no surrounding spaces)')
    .optional(),
});

const cidrSchema = questionOfKind({ kind: z.literal('cidr'), answer: text() })
  .superRefine((q, ctx) => {
    const parsed = parseCidr(q.answer);
    if (!parsed.ok) issue(ctx, ['answer'], parsed.error);
    else if (hasHostBits(parsed.cidr)) {
      issue(ctx, ['answer'], `${formatCidr(parsed.cidr)} has host bits set; write the network ${formatCidr(networkOf(parsed.cidr))}`);
    }
  });

/** One connection a `simulator` question asks about; the answer is computed at build time. */
export const connectionSchema = z.strictObject(
  { id: localId().optional(), ...connectionFields },
  { error: typeError('a mapping with from, to and port') },
);

const simulatorSchema = questionOfKind({
    kind: z.literal('simulator'),
    scenario: kebab(),
    connections: list(connectionSchema).min(2, 'needs at least 2 connections'),
  })
  .superRefine((q, ctx) => {
    const ids = q.connections.flatMap((c, i) => (c.id === undefined ? [] : [{ id: c.id, i }]));
    checkUnique(ctx, ids, (c) => c.id, (i) => ['connections', ids[i]?.i ?? i, 'id'], (id) => `connection id "${id}"`);
    checkUnique(
      ctx,
      q.connections,
      (c) => `${c.from} ${c.to} ${c.port} ${c.protocol}`,
      (i) => ['connections', i],
      (key) => `connection ${key}`,
    );
  });

/** One question of any kind, discriminated by `kind`. */
export const questionSchema = z.discriminatedUnion(
  'kind',
  [
    singleSchema,
    multipleSchema,
    trueFalseSchema,
    fillBlanksSchema,
    orderingSchema,
    pickOutputSchema,
    findErrorSchema,
    openSchema,
    numericSchema,
    cidrSchema,
    simulatorSchema,
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union' ? `must be one of: ${QUESTION_KINDS.join(', ')}` : typeError('a mapping')(iss),
  },
);

/** A `questions.yaml` file: a list of questions with unique ids. */
export const questionFileSchema = z
  .strictObject({ questions: list(questionSchema) }, { error: typeError('a mapping with a questions list') })
  .superRefine(
    (file, ctx) => {
      // Runs even when some questions are broken, so duplicate ids are reported together with other errors.
      const questions: unknown = typeof file === 'object' && file !== null ? (file as { questions?: unknown }).questions : undefined;
      if (!Array.isArray(questions)) return;
      const seen = new Map<string, number>();
      questions.forEach((q: unknown, i) => {
        const id = itemId(q);
        if (id === undefined) return;
        const first = seen.get(id);
        if (first === undefined) seen.set(id, i);
        else issue(ctx, ['questions', i, 'id'], `duplicate id "${id}": question #${first + 1} already uses it`);
      });
    },
    { when: () => true },
  );

/** A question as written by the author (validated). */
export type Question = z.infer<typeof questionSchema>;
/** A validated `questions.yaml` file. */
export type QuestionFile = z.infer<typeof questionFileSchema>;
/** The kind of a question. */
export type QuestionKind = Question['kind'];
/** The question type of one kind. */
export type QuestionOf<K extends QuestionKind> = Extract<Question, { kind: K }>;
/** One option of a `single`/`multiple` question as written. */
export type QuestionOption = z.infer<typeof optionSchema>;
/** One blank of a `fill-blanks` question as written. */
export type Blank = z.infer<typeof blankSchema>;
/** One connection of a `simulator` question as written. */
export type Connection = z.infer<typeof connectionSchema>;

/** Formats a failed `questions.yaml` parse: `file: question "id" (#3): options: message` per line. */
export function formatQuestionFileError(fileLabel: string, error: z.ZodError, data: unknown): string {
  return formatListFileError(fileLabel, 'questions', 'question', error, data);
}

/** Validates parsed YAML as a questions file, or throws an Error whose message is the formatted issue list. */
export function parseQuestionFile(fileLabel: string, data: unknown): QuestionFile {
  const result = questionFileSchema.safeParse(data);
  if (!result.success) throw new Error(formatQuestionFileError(fileLabel, result.error, data));
  return result.data;
}

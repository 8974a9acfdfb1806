/**
 * Zod schemas for the two JSON halves of a question (see `public.ts` for the
 * types). Build time and tests only: browser code imports the plain types from
 * `public.ts`, never this module, so Zod stays out of the islands' bundles.
 * `public-schema.test.ts` checks that these schemas infer exactly the `public.ts` types.
 */
import { z } from 'astro/zod';
import { CODE_LANGS, DIFFICULTIES, PROTOCOLS } from './kinds.ts';

/** A displayed choice: option, ordering item or pick-output output. */
export const publicOptionSchema = z.object({ id: z.string(), text: z.string() });

const publicCommon = {
  id: z.string(),
  set: z.string(),
  difficulty: z.enum(DIFFICULTIES).optional(),
  prompt: z.string(),
  code: z.string().optional(),
  codeLang: z.enum(CODE_LANGS).optional(),
  hint: z.string().optional(),
  /** Attempts allowed; null means unlimited. */
  attempts: z.number().int().positive().nullable(),
  timeLimitSeconds: z.number().int().positive().optional(),
  /** Points the question is worth (the author's `points`, else the number of parts). */
  points: z.number().positive(),
};

/** A connection of a simulator question, with its id, as displayed. */
export const publicConnectionSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  port: z.number().int(),
  protocol: z.enum(PROTOCOLS),
});

/** What a page may show before the learner answers: no correct flags, answers or explanations. */
export const publicQuestionSchema = z.discriminatedUnion('kind', [
  z.object({ ...publicCommon, kind: z.literal('single'), options: z.array(publicOptionSchema) }),
  z.object({ ...publicCommon, kind: z.literal('multiple'), options: z.array(publicOptionSchema) }),
  z.object({ ...publicCommon, kind: z.literal('true-false') }),
  z.object({
    ...publicCommon,
    kind: z.literal('fill-blanks'),
    template: z.string(),
    /** Blank ids in template order. */
    blanks: z.array(z.object({ id: z.string() })),
    /** Drag options, shuffled; absent means the learner types. */
    bank: z.array(z.string()).optional(),
  }),
  z.object({ ...publicCommon, kind: z.literal('ordering'), items: z.array(publicOptionSchema) }),
  z.object({
    ...publicCommon,
    kind: z.literal('pick-output'),
    scenario: z.string(),
    command: z.string(),
    options: z.array(publicOptionSchema),
  }),
  z.object({ ...publicCommon, kind: z.literal('find-error'), code: z.string() }),
  z.object({ ...publicCommon, kind: z.literal('open') }),
  z.object({ ...publicCommon, kind: z.literal('numeric'), unit: z.string().optional() }),
  z.object({ ...publicCommon, kind: z.literal('cidr') }),
  z.object({
    ...publicCommon,
    kind: z.literal('simulator'),
    scenario: z.string(),
    connections: z.array(publicConnectionSchema),
  }),
]);

const keyCommon = {
  id: z.string(),
  explanation: z.string(),
  commonMistakes: z.string().optional(),
};

/** The private half: everything needed to grade, plus what is revealed after answering. */
export const answerKeySchema = z.discriminatedUnion('kind', [
  z.object({ ...keyCommon, kind: z.literal('single'), correct: publicOptionSchema }),
  z.object({ ...keyCommon, kind: z.literal('multiple'), correct: z.array(publicOptionSchema) }),
  z.object({ ...keyCommon, kind: z.literal('true-false'), answer: z.boolean() }),
  z.object({
    ...keyCommon,
    kind: z.literal('fill-blanks'),
    blanks: z.array(z.object({ id: z.string(), answers: z.array(z.string()).min(1), caseSensitive: z.boolean() })),
  }),
  z.object({ ...keyCommon, kind: z.literal('ordering'), order: z.array(publicOptionSchema) }),
  z.object({ ...keyCommon, kind: z.literal('pick-output'), correct: publicOptionSchema }),
  z.object({
    ...keyCommon,
    kind: z.literal('find-error'),
    errorLines: z.array(z.number().int().positive()),
    lineExplanations: z.array(z.object({ line: z.number().int().positive(), text: z.string() })),
  }),
  z.object({ ...keyCommon, kind: z.literal('open'), checklist: z.array(z.string()), sampleAnswer: z.string() }),
  z.object({
    ...keyCommon,
    kind: z.literal('numeric'),
    answer: z.number(),
    tolerance: z.number().nonnegative(),
    unit: z.string().optional(),
  }),
  z.object({ ...keyCommon, kind: z.literal('cidr'), answer: z.string() }),
  z.object({
    ...keyCommon,
    kind: z.literal('simulator'),
    connections: z.array(publicConnectionSchema.extend({ succeeds: z.boolean() })),
  }),
]);

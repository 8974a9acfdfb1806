import type { z } from 'astro/zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AnswerKey, PublicConnection, PublicOption, PublicQuestion } from './public.ts';
import { answerKeySchema, publicConnectionSchema, publicOptionSchema, publicQuestionSchema } from './public-schema.ts';
import { answerKeyOf, toPublicQuestion } from './resolve.ts';
import { QUESTION_KINDS } from './kinds.ts';
import { resolvedFixture } from './test-fixtures.ts';

describe('public.ts types and public-schema.ts schemas', () => {
  it('infer exactly the same types (checked by tsc)', () => {
    expectTypeOf<z.infer<typeof publicOptionSchema>>().toEqualTypeOf<PublicOption>();
    expectTypeOf<z.infer<typeof publicConnectionSchema>>().toEqualTypeOf<PublicConnection>();
    expectTypeOf<z.infer<typeof publicQuestionSchema>>().toEqualTypeOf<PublicQuestion>();
    expectTypeOf<z.infer<typeof answerKeySchema>>().toEqualTypeOf<AnswerKey>();
  });

  it.each(QUESTION_KINDS.map((kind) => ({ kind })))('$kind: the schemas accept the split halves, with optional fields set', ({ kind }) => {
    const q = resolvedFixture(kind, { difficulty: 'advanced', hint: 'Think.', attempts: 2, timeLimitSeconds: 60, points: 3, commonMistakes: 'Guessing.' });
    const pub: PublicQuestion = toPublicQuestion(q, 'seed');
    const key: AnswerKey = answerKeyOf(q);
    expect(publicQuestionSchema.parse(JSON.parse(JSON.stringify(pub)))).toEqual(pub);
    expect(answerKeySchema.parse(JSON.parse(JSON.stringify(key)))).toEqual(key);
  });

  it.each([
    { name: 'unknown kind', patch: { kind: 'essay' } },
    { name: 'zero points', patch: { points: 0 } },
    { name: 'fractional attempts', patch: { attempts: 1.5 } },
    { name: 'unknown difficulty', patch: { difficulty: 'expert' } },
  ])('publicQuestionSchema rejects $name', ({ patch }) => {
    expect(publicQuestionSchema.safeParse({ ...toPublicQuestion(resolvedFixture('single'), 's'), ...patch }).success).toBe(false);
  });
});

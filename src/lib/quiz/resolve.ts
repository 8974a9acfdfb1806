/**
 * Build-time resolution of authored questions, and the split into a public
 * question (shown before answering) and an answer key (fetched on demand).
 *
 * The simulator is injected through `ResolveContext`: this module never imports it.
 * It imports only types from `schema.ts`, so it stays free of Zod at run time
 * (`grade.ts` and the flashcard scheduler, which ship to the browser, use it).
 */
import type { Question, QuestionOf } from './schema.ts';
import { codeLines, normaliseOutput } from './text.ts';
import type { AnswerKey, PublicConnection, PublicOption, PublicQuestion, QuestionPair } from './public.ts';
import { contentIds, derangedShuffle, seededShuffle } from './shuffle.ts';
import { fillTemplate } from './template.ts';

/** What resolution needs from the simulator; supplied by the build. */
export interface ResolveContext {
  /** Runs `command` in `scenario`, returning stdout+stderr as a learner would see them. */
  kubectl(scenario: string, command: string): string;
  /** Whether the connection succeeds in `scenario`. */
  connects(scenario: string, connection: { from: string; to: string; port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }): boolean;
}

/** A simulator connection with its id and computed outcome. */
export type ResolvedConnection = PublicConnection & { succeeds: boolean };

/** A question after build-time resolution: ids assigned and simulator answers computed. */
export type ResolvedQuestion =
  | Exclude<Question, { kind: 'ordering' | 'pick-output' | 'simulator' }>
  | (Omit<QuestionOf<'ordering'>, 'items'> & {
      /** Items in the correct order, with content-derived ids. */
      items: PublicOption[];
    })
  | (QuestionOf<'pick-output'> & {
      /** The computed output followed by the distractors, with content-derived ids. */
      options: PublicOption[];
      /** The id of the computed (correct) output. */
      correctOptionId: string;
    })
  | (Omit<QuestionOf<'simulator'>, 'connections'> & { connections: ResolvedConnection[] });

/** Wraps a failure of the injected simulator with the question and command. */
function resolveError(q: Question, what: string, cause: unknown): Error {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new Error(`question "${q.id}": ${what} failed: ${detail}`, { cause });
}

/**
 * Resolves one validated question: ordering items get ids, pick-output gets the
 * computed correct output (throws if empty or equal to a distractor), simulator
 * connections get ids (`c1`, `c2`, … unless given) and computed outcomes.
 */
export function resolveQuestion(q: Question, ctx: ResolveContext): ResolvedQuestion {
  switch (q.kind) {
    case 'ordering': {
      const ids = contentIds('item', q.id, q.items);
      return { ...q, items: q.items.map((text, i) => ({ id: ids[i] ?? '', text })) };
    }
    case 'pick-output': {
      let raw: string;
      try {
        raw = ctx.kubectl(q.scenario, q.command);
      } catch (cause) {
        throw resolveError(q, `running "${q.command}" in scenario "${q.scenario}"`, cause);
      }
      const output = normaliseOutput(raw);
      if (output === '') {
        throw new Error(`question "${q.id}": "${q.command}" prints nothing in scenario "${q.scenario}"; choose a command with output`);
      }
      const distractors = q.distractors.map(normaliseOutput);
      const clash = distractors.indexOf(output);
      if (clash >= 0) {
        throw new Error(
          `question "${q.id}": distractors[${clash}] is the real output of "${q.command}" in scenario "${q.scenario}"; replace it with a wrong output`,
        );
      }
      const texts = [output, ...distractors];
      const ids = contentIds('out', q.id, texts);
      return {
        ...q,
        options: texts.map((text, i) => ({ id: ids[i] ?? '', text })),
        correctOptionId: ids[0] ?? '',
      };
    }
    case 'simulator': {
      const taken = new Set(q.connections.flatMap((c) => (c.id === undefined ? [] : [c.id])));
      const connections = q.connections.map((c, i): ResolvedConnection => {
        let id = c.id;
        if (id === undefined) {
          id = `c${i + 1}`;
          for (let n = 2; taken.has(id); n += 1) id = `c${i + 1}-${n}`;
          taken.add(id);
        }
        const wire = { from: c.from, to: c.to, port: c.port, protocol: c.protocol ?? 'TCP' } as const;
        let succeeds: boolean;
        try {
          succeeds = ctx.connects(q.scenario, wire);
        } catch (cause) {
          throw resolveError(q, `checking ${wire.from} → ${wire.to}:${wire.port}/${wire.protocol} in scenario "${q.scenario}"`, cause);
        }
        if (typeof succeeds !== 'boolean') {
          throw new Error(`question "${q.id}": connects() returned ${String(succeeds)} instead of true/false`);
        }
        return { id, ...wire, succeeds };
      });
      return { ...q, connections };
    }
    default:
      return q;
  }
}

/** Resolves every question, throwing one Error that lists all failures. */
export function resolveQuestions(questions: readonly Question[], ctx: ResolveContext, fileLabel = 'questions'): ResolvedQuestion[] {
  const errors: string[] = [];
  const resolved = questions.flatMap((q) => {
    try {
      return [resolveQuestion(q, ctx)];
    } catch (error) {
      errors.push(`${fileLabel}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return resolved;
}

/** The number of gradable parts of a question (the default `points`). */
export function partCount(q: ResolvedQuestion): number {
  switch (q.kind) {
    case 'multiple':
      return q.options.length;
    case 'fill-blanks':
      return q.blanks.length;
    case 'ordering':
      return q.items.length;
    case 'open':
      return q.checklist.length;
    case 'simulator':
      return q.connections.length;
    default:
      return 1;
  }
}

/** Copies only the defined entries, so optional fields are absent rather than undefined. */
function defined<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/**
 * The public half of a question. Options, pick-output outputs, ordering items and
 * the fill-blanks bank are shuffled by a PRNG seeded from `seed` and the question id
 * (same seed, same order); ordering items are never shown already in order.
 */
export function toPublicQuestion(q: ResolvedQuestion, seed: string): PublicQuestion {
  const shuffleSeed = `${seed}\u0000${q.id}`;
  const common = {
    id: q.id,
    set: q.set,
    ...defined({ difficulty: q.difficulty, code: q.code, codeLang: q.codeLang, hint: q.hint }),
    prompt: q.prompt,
    attempts: q.attempts ?? null,
    ...defined({ timeLimitSeconds: q.timeLimitSeconds }),
    points: q.points ?? partCount(q),
  };
  const publicOptions = (options: readonly { id: string; text: string }[]): PublicOption[] =>
    seededShuffle(options, shuffleSeed).map((o) => ({ id: o.id, text: o.text }));
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return { ...common, kind: q.kind, options: publicOptions(q.options) };
    case 'true-false':
    case 'open':
    case 'cidr':
      return { ...common, kind: q.kind };
    case 'fill-blanks':
      return {
        ...common,
        kind: q.kind,
        template: q.template,
        blanks: q.blanks.map((b) => ({ id: b.id })),
        ...(q.bank === undefined ? {} : { bank: seededShuffle(q.bank, shuffleSeed) }),
      };
    case 'ordering':
      return { ...common, kind: q.kind, items: derangedShuffle(q.items, shuffleSeed).map((o) => ({ ...o })) };
    case 'pick-output':
      return { ...common, kind: q.kind, scenario: q.scenario, command: q.command, options: publicOptions(q.options) };
    case 'find-error':
      return { ...common, kind: q.kind, code: q.code };
    case 'numeric':
      return { ...common, kind: q.kind, ...defined({ unit: q.unit }) };
    case 'simulator':
      return {
        ...common,
        kind: q.kind,
        scenario: q.scenario,
        connections: q.connections.map(({ id, from, to, port, protocol }) => ({ id, from, to, port, protocol })),
      };
  }
}

/** The private half of a question: what grading needs plus the post-answer explanations. */
export function answerKeyOf(q: ResolvedQuestion): AnswerKey {
  const common = { id: q.id, explanation: q.explanation ?? '', ...defined({ commonMistakes: q.commonMistakes }) };
  const option = (o: { id: string; text: string }): PublicOption => ({ id: o.id, text: o.text });
  switch (q.kind) {
    case 'single': {
      const correct = q.options.find((o) => o.correct === true) ?? q.options[0];
      return { ...common, kind: q.kind, correct: option(correct ?? { id: '', text: '' }) };
    }
    case 'multiple':
      return { ...common, kind: q.kind, correct: q.options.filter((o) => o.correct === true).map(option) };
    case 'true-false':
      return { ...common, kind: q.kind, answer: q.answer };
    case 'fill-blanks':
      return {
        ...common,
        kind: q.kind,
        blanks: q.blanks.map((b) => ({ id: b.id, answers: [...b.answers], caseSensitive: b.caseSensitive ?? true })),
      };
    case 'ordering':
      return { ...common, kind: q.kind, order: q.items.map(option) };
    case 'pick-output': {
      const correct = q.options.find((o) => o.id === q.correctOptionId);
      return { ...common, kind: q.kind, correct: option(correct ?? { id: q.correctOptionId, text: '' }) };
    }
    case 'find-error':
      return {
        ...common,
        kind: q.kind,
        errorLines: [...q.errorLines].sort((a, b) => a - b),
        lineExplanations: Object.entries(q.lineExplanations ?? {})
          .map(([line, text]) => ({ line: Number(line), text }))
          .sort((a, b) => a.line - b.line),
      };
    case 'open':
      return { ...common, kind: q.kind, checklist: [...q.checklist], sampleAnswer: q.sampleAnswer };
    case 'numeric':
      return { ...common, kind: q.kind, answer: q.answer, tolerance: q.tolerance ?? 0, ...defined({ unit: q.unit }) };
    case 'cidr':
      return { ...common, kind: q.kind, answer: canonicalCidr(q.answer) };
    case 'simulator':
      return { ...common, kind: q.kind, connections: q.connections.map((c) => ({ ...c })) };
  }
}

/** The schema already guarantees a valid network; this only canonicalises its spelling. */
function canonicalCidr(answer: string): string {
  const compact = answer.replace(/\s+/g, '');
  const [address = '', prefix = ''] = compact.split('/');
  return `${address.split('.').map((octet) => String(Number(octet))).join('.')}/${Number(prefix)}`;
}

/** Both halves at once: `{ public: toPublicQuestion(q, seed), key: answerKeyOf(q) }`. */
export function splitQuestion(q: ResolvedQuestion, seed: string): QuestionPair {
  return { public: toPublicQuestion(q, seed), key: answerKeyOf(q) };
}

/** A Markdown code fence around `body`, longer than any backtick run inside it. */
export function fence(body: string, lang = ''): string {
  const longest = Math.max(2, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${body}\n${ticks}`;
}

/**
 * The correct answer as Markdown, for "show the answer" and flashcard backs.
 * Pass the public question too to get a fill-blanks template filled in.
 */
export function revealAnswer(key: AnswerKey, pub?: PublicQuestion): string {
  switch (key.kind) {
    case 'single':
    case 'pick-output':
      return key.kind === 'single' ? `**Answer:** ${key.correct.text}` : `**Output:**\n\n${fence(key.correct.text, 'console')}`;
    case 'multiple':
      return ['**Correct options:**', '', ...key.correct.map((o) => `- ${o.text}`)].join('\n');
    case 'true-false':
      return `**Answer:** ${key.answer ? 'True' : 'False'}`;
    case 'fill-blanks': {
      const answers = new Map(key.blanks.map((b) => [b.id, b.answers[0] ?? '']));
      if (pub?.kind === 'fill-blanks') {
        return `**Answer:**\n\n${fence(fillTemplate(pub.template, (id) => answers.get(id) ?? `{{${id}}}`), pub.codeLang ?? '')}`;
      }
      return ['**Answer:**', '', ...key.blanks.map((b) => `- \`${b.id}\`: ${b.answers[0] ?? ''}`)].join('\n');
    }
    case 'ordering':
      return ['**Correct order:**', '', ...key.order.map((o, i) => `${i + 1}. ${o.text}`)].join('\n');
    case 'find-error': {
      const lines = key.errorLines.length === 1 ? `line ${key.errorLines[0]}` : `lines ${key.errorLines.join(', ')}`;
      const notes = key.lineExplanations
        .filter((n) => key.errorLines.includes(n.line))
        .map((n) => `- Line ${n.line}: ${n.text}`);
      let shown = '';
      if (pub?.kind === 'find-error') {
        const code = codeLines(pub.code);
        shown = key.errorLines.map((n) => `\n\n${fence(code[n - 1] ?? '', pub.codeLang ?? '')}`).join('');
      }
      return [`**The error is on ${lines}.**${shown}`, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
    }
    case 'open':
      return ['**A good answer covers:**', '', ...key.checklist.map((c) => `- ${c}`), '', '**Sample answer:**', '', key.sampleAnswer].join('\n');
    case 'numeric': {
      const tolerance = key.tolerance > 0 ? ` (± ${key.tolerance})` : '';
      return `**Answer:** ${key.answer}${key.unit === undefined ? '' : ` ${key.unit}`}${tolerance}`;
    }
    case 'cidr':
      return `**Answer:** \`${key.answer}\``;
    case 'simulator':
      return [
        '**Which connections succeed:**',
        '',
        ...key.connections.map(
          (c) => `- \`${c.from}\` → \`${c.to}:${c.port}/${c.protocol}\`: ${c.succeeds ? '**succeeds**' : '**blocked**'}`,
        ),
      ].join('\n');
  }
}

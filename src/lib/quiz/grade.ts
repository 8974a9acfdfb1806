/**
 * Grading learners' answers. Works from a resolved question (build time, tests) or
 * from the `{ public, key }` pair a page has after fetching the key: both go
 * through the same code path. Answers are untrusted: any malformed or incomplete
 * answer grades as `invalid` (never an exception, never an attempt).
 *
 * Scoring: every kind has parts (see `partCount`). A part is right or wrong; the
 * status is `correct` when all parts are right, `incorrect` when none are, else
 * `partial`. `total` is the question's points (default: the number of parts) and
 * `earned = total × rightParts / parts`, rounded to 2 decimals.
 * Parts per kind: single, true-false, pick-output, find-error, numeric, cidr: one;
 * multiple: one per option (ticked when it should be, or unticked when it should not);
 * fill-blanks: one per blank; ordering: one per item (in its correct position);
 * open: one per checklist item the learner ticked; simulator: one per connection.
 * Parts are listed in display order (options as shuffled in the public question),
 * otherwise in authored order. Part messages can reveal the key: while retries remain, show only `message` and the score.
 */
import { parseCidr, formatCidr, hasHostBits, networkOf } from './cidr.ts';
import { codeLines } from './text.ts';
import { parseNumericAnswer } from './numeric.ts';
import type { AnswerKey, AnswerKeyOf, PublicQuestion, PublicQuestionOf, QuestionPair } from './public.ts';
import type { ResolvedQuestion } from './resolve.ts';
import { splitQuestion } from './resolve.ts';

/** The shape of the learner's answer for each question kind. */
export interface AnswerByKind {
  single: { optionId: string };
  multiple: { optionIds: string[] };
  'true-false': { value: boolean };
  'fill-blanks': { blanks: Record<string, string> };
  ordering: { order: string[] };
  'pick-output': { optionId: string };
  'find-error': { line: number };
  open: { text: string; checked: number[] };
  numeric: { value: string };
  cidr: { value: string };
  simulator: { succeeds: string[] };
}

/** A learner's answer to any kind of question (validated at run time anyway). */
export type Answer = AnswerByKind[keyof AnswerByKind];

/** The outcome of grading: `invalid` means the answer was incomplete or malformed. */
export type GradeStatus = 'correct' | 'partial' | 'incorrect' | 'invalid';

/** One gradable part (an option, a blank, an item, a connection…) and how it went. */
export interface GradePart {
  /** The option, blank, item or connection id (`line-N` for find-error, `item-N` for open). */
  id: string;
  /** Whether this part was answered correctly. */
  correct: boolean;
  /** Feedback for this part; may reveal the key. */
  message: string;
}

/** The result of grading one answer. */
export interface GradeResult {
  /** Overall status; `invalid` results should not count as attempts. */
  status: GradeStatus;
  /** Points earned, within [0, total]. */
  earned: number;
  /** Points available. */
  total: number;
  /** Per-part feedback (empty when invalid). */
  parts: GradePart[];
  /** Overall feedback that does not reveal the answer. */
  message: string;
}

/** Longest text accepted in a short answer field. */
export const MAX_SHORT_ANSWER = 2000;
/** Longest text accepted for an open answer. */
export const MAX_OPEN_ANSWER = 20000;
const MAX_LIST = 1000;

/** An `invalid` result with a message saying what to fix. */
function invalid(total: number, message: string): GradeResult {
  return { status: 'invalid', earned: 0, total, parts: [], message };
}

/** Scores parts into a result (see the module comment for the rules). */
function scored(total: number, parts: GradePart[], messages: { correct: string; partial: (right: number, of: number) => string; incorrect: string }): GradeResult {
  const right = parts.filter((p) => p.correct).length;
  const n = parts.length;
  const earned = n === 0 ? 0 : Math.min(total, Math.round(((total * right) / n) * 100) / 100);
  if (n > 0 && right === n) return { status: 'correct', earned: total, total, parts, message: messages.correct };
  if (right === 0) return { status: 'incorrect', earned: 0, total, parts, message: messages.incorrect };
  return { status: 'partial', earned, total, parts, message: messages.partial(right, n) };
}

const defaultMessages = {
  correct: 'Correct.',
  partial: (right: number, of: number) => `Partly right: ${right} of ${of}.`,
  incorrect: 'Not quite.',
};

/** A short, safe rendering of learner text for messages. */
function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 40 ? `${flat.slice(0, 40)}…` : flat}"`;
}

/** The own property `name` of a plain-object answer, or undefined. */
function field(answer: unknown, name: string): unknown {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return undefined;
  return Object.hasOwn(answer, name) ? (answer as Record<string, unknown>)[name] : undefined;
}

/** A list of strings (bounded), or null when the value is anything else. */
function stringList(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > MAX_LIST) return null;
  const out: string[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const item: unknown = value[i];
    if (typeof item !== 'string' || item.length > MAX_SHORT_ANSWER) return null;
    out.push(item);
  }
  return out;
}

/** Collapses runs of whitespace and trims, for comparing typed answers. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** True when `value` is a `{ public, key }` pair rather than a resolved question. */
function isPair(value: ResolvedQuestion | QuestionPair): value is QuestionPair {
  return Object.hasOwn(value, 'public') && Object.hasOwn(value, 'key');
}

/**
 * Grades `answer` against a resolved question or a `{ public, key }` pair.
 * Never throws for any answer value; throws only when the pair's halves belong
 * to different questions (a programming error).
 */
export function grade(question: ResolvedQuestion | QuestionPair, answer: Answer): GradeResult {
  const { public: pub, key } = isPair(question) ? question : splitQuestion(question, '');
  if (pub.id !== key.id || pub.kind !== key.kind) {
    throw new Error(`grade: public question "${pub.id}" (${pub.kind}) does not match key "${key.id}" (${key.kind})`);
  }
  const total = pub.points;
  const raw: unknown = answer;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return invalid(total, 'No answer given yet.');
  return gradeKind(pub, key, raw, total);
}

/** Dispatches on kind; `pub` and `key` have the same kind (checked by `grade`). */
function gradeKind(pub: PublicQuestion, key: AnswerKey, answer: object, total: number): GradeResult {
  switch (key.kind) {
    case 'single':
    case 'pick-output':
      return gradeChoice(pub as PublicQuestionOf<'single' | 'pick-output'>, key, answer, total);
    case 'multiple':
      return gradeMultiple(pub as PublicQuestionOf<'multiple'>, key, answer, total);
    case 'true-false': {
      const value = field(answer, 'value');
      if (typeof value !== 'boolean') return invalid(total, 'Choose true or false.');
      const correct = value === key.answer;
      return scored(total, [{ id: 'answer', correct, message: correct ? 'Correct.' : 'Not quite.' }], defaultMessages);
    }
    case 'fill-blanks':
      return gradeBlanks(key, answer, total);
    case 'ordering':
      return gradeOrdering(key, answer, total);
    case 'find-error':
      return gradeFindError(pub as PublicQuestionOf<'find-error'>, key, answer, total);
    case 'open':
      return gradeOpen(key, answer, total);
    case 'numeric':
      return gradeNumeric(key, answer, total);
    case 'cidr':
      return gradeCidr(key, answer, total);
    case 'simulator':
      return gradeSimulator(key, answer, total);
  }
}

function gradeChoice(
  pub: PublicQuestionOf<'single' | 'pick-output'>,
  key: AnswerKeyOf<'single' | 'pick-output'>,
  answer: object,
  total: number,
): GradeResult {
  const id = field(answer, 'optionId');
  if (typeof id !== 'string' || id === '') return invalid(total, 'Choose one of the options.');
  if (!pub.options.some((o) => o.id === id)) return invalid(total, 'That is not one of the options; choose again.');
  const correct = id === key.correct.id;
  return scored(total, [{ id, correct, message: correct ? 'Correct.' : 'Not this one.' }], defaultMessages);
}

function gradeMultiple(pub: PublicQuestionOf<'multiple'>, key: AnswerKeyOf<'multiple'>, answer: object, total: number): GradeResult {
  const ids = stringList(field(answer, 'optionIds'));
  if (ids === null || ids.length === 0) return invalid(total, 'Tick at least one option.');
  const known = new Set(pub.options.map((o) => o.id));
  if (ids.some((id) => !known.has(id))) return invalid(total, 'One of the ticked options is not in this question; tick again.');
  const ticked = new Set(ids);
  const should = new Set(key.correct.map((o) => o.id));
  const parts = pub.options.map((o): GradePart => {
    const isTicked = ticked.has(o.id);
    const correct = isTicked === should.has(o.id);
    const message = correct
      ? isTicked ? 'Correctly ticked.' : 'Correctly left unticked.'
      : isTicked ? 'Should not be ticked.' : 'Should be ticked.';
    return { id: o.id, correct, message };
  });
  return scored(total, parts, {
    ...defaultMessages,
    partial: (right, of) => `${right} of ${of} options are right (ticked or left unticked correctly).`,
  });
}

function gradeBlanks(key: AnswerKeyOf<'fill-blanks'>, answer: object, total: number): GradeResult {
  const given = field(answer, 'blanks');
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return invalid(total, 'Fill in every blank.');
  const ids = new Set(key.blanks.map((b) => b.id));
  const stray = Object.keys(given).find((k) => !ids.has(k));
  if (stray !== undefined) return invalid(total, `${quote(stray)} is not a blank in this question.`);
  const values = new Map<string, string>();
  let empty = 0;
  for (const blank of key.blanks) {
    const value: unknown = Object.hasOwn(given, blank.id) ? (given as Record<string, unknown>)[blank.id] : undefined;
    if (typeof value !== 'string' || squash(value) === '') empty += 1;
    else if (value.length > MAX_SHORT_ANSWER) return invalid(total, 'One of the blanks is far too long.');
    else values.set(blank.id, squash(value));
  }
  if (empty > 0) return invalid(total, empty === 1 ? 'Fill in the empty blank.' : `Fill in every blank (${empty} are empty).`);
  const parts = key.blanks.map((blank): GradePart => {
    const value = values.get(blank.id) ?? '';
    const same = (accepted: string) =>
      blank.caseSensitive ? squash(accepted) === value : squash(accepted).toLowerCase() === value.toLowerCase();
    const correct = blank.answers.some(same);
    return { id: blank.id, correct, message: correct ? 'Correct.' : `${quote(value)} does not fit here.` };
  });
  return scored(total, parts, { ...defaultMessages, partial: (right, of) => `${right} of ${of} blanks are right.` });
}

function gradeOrdering(key: AnswerKeyOf<'ordering'>, answer: object, total: number): GradeResult {
  const order = stringList(field(answer, 'order'));
  const n = key.order.length;
  if (order === null) return invalid(total, 'Put the items in order.');
  if (order.length !== n) return invalid(total, `Place all ${n} items (you placed ${order.length}).`);
  const known = new Set(key.order.map((o) => o.id));
  if (order.some((id) => !known.has(id))) return invalid(total, 'An item in your order is not part of this question.');
  if (new Set(order).size !== n) return invalid(total, 'Place each item exactly once.');
  const parts = key.order.map((item, i): GradePart => {
    const correct = order[i] === item.id;
    return { id: item.id, correct, message: correct ? 'In the right place.' : 'Not in the right place.' };
  });
  return scored(total, parts, { ...defaultMessages, partial: (right, of) => `${right} of ${of} items are in the right place.` });
}

function gradeFindError(pub: PublicQuestionOf<'find-error'>, key: AnswerKeyOf<'find-error'>, answer: object, total: number): GradeResult {
  const count = codeLines(pub.code).length;
  const line = field(answer, 'line');
  if (typeof line !== 'number' || !Number.isInteger(line) || line < 1 || line > count) {
    return invalid(total, `Choose the line with the error (1–${count}).`);
  }
  const correct = key.errorLines.includes(line);
  const note = key.lineExplanations.find((l) => l.line === line)?.text;
  const part = { id: `line-${line}`, correct, message: note ?? (correct ? 'This line has the error.' : 'This line is fine.') };
  return scored(total, [part], {
    ...defaultMessages,
    correct: `Correct: line ${line} has the error.`,
    incorrect: `Line ${line} is not where the problem is.`,
  });
}

function gradeOpen(key: AnswerKeyOf<'open'>, answer: object, total: number): GradeResult {
  const text = field(answer, 'text');
  if (typeof text !== 'string' || text.trim() === '') return invalid(total, 'Write your answer before checking it.');
  if (text.length > MAX_OPEN_ANSWER) return invalid(total, `Keep your answer under ${MAX_OPEN_ANSWER} characters.`);
  const checked = field(answer, 'checked');
  const n = key.checklist.length;
  if (!Array.isArray(checked) || checked.length > MAX_LIST) return invalid(total, 'Tick the checklist items your answer covers (or none).');
  const ticked = new Set<number>();
  for (let i = 0; i < checked.length; i += 1) {
    const index: unknown = checked[i];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= n) {
      return invalid(total, 'Tick only items from the checklist.');
    }
    ticked.add(index);
  }
  const parts = key.checklist.map((item, i): GradePart => ({ id: `item-${i + 1}`, correct: ticked.has(i), message: item }));
  return scored(total, parts, {
    correct: 'Your answer covers every point.',
    partial: (right, of) => `Your answer covers ${right} of ${of} points.`,
    incorrect: 'Your answer covers none of the points yet; compare it with the sample answer.',
  });
}

function gradeNumeric(key: AnswerKeyOf<'numeric'>, answer: object, total: number): GradeResult {
  const raw = field(answer, 'value');
  let value: number;
  if (typeof raw === 'number' && Number.isFinite(raw)) value = raw;
  else if (typeof raw === 'string') {
    const parsed = parseNumericAnswer(raw, key.unit);
    if (!parsed.ok) return invalid(total, parsed.error);
    value = parsed.value;
  } else return invalid(total, 'Enter a number.');
  const slack = key.tolerance + 1e-9 * Math.max(1, Math.abs(key.answer));
  const correct = Math.abs(value - key.answer) <= slack;
  return scored(total, [{ id: 'value', correct, message: correct ? 'Correct.' : `${value} is not it.` }], defaultMessages);
}

function gradeCidr(key: AnswerKeyOf<'cidr'>, answer: object, total: number): GradeResult {
  const raw = field(answer, 'value');
  if (typeof raw !== 'string') return invalid(total, 'Enter a CIDR block, e.g. 10.0.0.0/16.');
  const parsed = parseCidr(raw);
  if (!parsed.ok) return invalid(total, parsed.error);
  const expected = parseCidr(key.answer);
  const target = expected.ok ? formatCidr(networkOf(expected.cidr)) : key.answer;
  const given = parsed.cidr;
  const written = formatCidr(given);
  let message: string;
  let correct = false;
  if (hasHostBits(given)) {
    const network = formatCidr(networkOf(given));
    message = `${written} has host bits set: it is an address inside the network ${network}, not a network itself.`;
  } else if (written === target) {
    correct = true;
    message = 'Correct.';
  } else if (expected.ok && given.address === expected.cidr.address) {
    message = `${written}: the network address is right; check the prefix length.`;
  } else {
    message = `${written} is not the right network.`;
  }
  return scored(total, [{ id: 'value', correct, message }], { ...defaultMessages, incorrect: message });
}

function gradeSimulator(key: AnswerKeyOf<'simulator'>, answer: object, total: number): GradeResult {
  const ids = stringList(field(answer, 'succeeds'));
  if (ids === null) return invalid(total, 'Tick the connections you expect to succeed (none is a valid answer).');
  const known = new Set(key.connections.map((c) => c.id));
  if (ids.some((id) => !known.has(id))) return invalid(total, 'One of the ticked connections is not in this question.');
  const ticked = new Set(ids);
  const parts = key.connections.map((c): GradePart => {
    const said = ticked.has(c.id);
    const correct = said === c.succeeds;
    const outcome = c.succeeds ? 'succeeds' : 'is blocked';
    return { id: c.id, correct, message: correct ? `Right: this connection ${outcome}.` : `This connection ${outcome}.` };
  });
  return scored(total, parts, { ...defaultMessages, partial: (right, of) => `${right} of ${of} connections are right.` });
}

/**
 * The two halves a resolved question is split into for pages:
 * - the public question, shipped in the HTML and shown before answering (no answers);
 * - the answer key, fetched on demand from a separate JSON file (answers,
 *   explanation, common mistakes, sample answer, line explanations).
 * Both are plain JSON. This module holds only TypeScript types, so the browser
 * islands can import it without Zod; the matching Zod schemas, for validating
 * the JSON at build time and in tests, are in `public-schema.ts`.
 */
import type { CodeLang, Difficulty, Protocol } from './kinds.ts';

/** A displayed choice: option, ordering item or pick-output output. */
export interface PublicOption {
  id: string;
  text: string;
}

/** A connection of a simulator question, with its id, as displayed. */
export interface PublicConnection {
  id: string;
  from: string;
  to: string;
  /** A whole number. */
  port: number;
  protocol: Protocol;
}

/** Fields every public question has, whatever its kind. */
export interface PublicQuestionCommon {
  id: string;
  set: string;
  difficulty?: Difficulty;
  prompt: string;
  code?: string;
  codeLang?: CodeLang;
  hint?: string;
  /** Attempts allowed (a positive whole number); null means unlimited. */
  attempts: number | null;
  /** A positive whole number of seconds. */
  timeLimitSeconds?: number;
  /** Points the question is worth (the author's `points`, else the number of parts); positive. */
  points: number;
}

/** A public `single` question. */
export interface PublicSingleQuestion extends PublicQuestionCommon {
  kind: 'single';
  options: PublicOption[];
}

/** A public `multiple` question. */
export interface PublicMultipleQuestion extends PublicQuestionCommon {
  kind: 'multiple';
  options: PublicOption[];
}

/** A public `true-false` question. */
export interface PublicTrueFalseQuestion extends PublicQuestionCommon {
  kind: 'true-false';
}

/** A public `fill-blanks` question. */
export interface PublicFillBlanksQuestion extends PublicQuestionCommon {
  kind: 'fill-blanks';
  template: string;
  /** Blank ids in template order. */
  blanks: { id: string }[];
  /** Drag options, shuffled; absent means the learner types. */
  bank?: string[];
}

/** A public `ordering` question. */
export interface PublicOrderingQuestion extends PublicQuestionCommon {
  kind: 'ordering';
  items: PublicOption[];
}

/** A public `pick-output` question. */
export interface PublicPickOutputQuestion extends PublicQuestionCommon {
  kind: 'pick-output';
  scenario: string;
  command: string;
  options: PublicOption[];
}

/** A public `find-error` question. */
export interface PublicFindErrorQuestion extends PublicQuestionCommon {
  kind: 'find-error';
  code: string;
}

/** A public `open` question. */
export interface PublicOpenQuestion extends PublicQuestionCommon {
  kind: 'open';
}

/** A public `numeric` question. */
export interface PublicNumericQuestion extends PublicQuestionCommon {
  kind: 'numeric';
  unit?: string;
}

/** A public `cidr` question. */
export interface PublicCidrQuestion extends PublicQuestionCommon {
  kind: 'cidr';
}

/** A public `simulator` question. */
export interface PublicSimulatorQuestion extends PublicQuestionCommon {
  kind: 'simulator';
  scenario: string;
  connections: PublicConnection[];
}

/** What a page may show before the learner answers: no correct flags, answers or explanations. */
export type PublicQuestion =
  | PublicSingleQuestion
  | PublicMultipleQuestion
  | PublicTrueFalseQuestion
  | PublicFillBlanksQuestion
  | PublicOrderingQuestion
  | PublicPickOutputQuestion
  | PublicFindErrorQuestion
  | PublicOpenQuestion
  | PublicNumericQuestion
  | PublicCidrQuestion
  | PublicSimulatorQuestion;

/** The public question of one kind. */
export type PublicQuestionOf<K extends PublicQuestion['kind']> = Extract<PublicQuestion, { kind: K }>;

/** Fields every answer key has, whatever its kind. */
export interface AnswerKeyCommon {
  id: string;
  explanation: string;
  commonMistakes?: string;
}

/** The answer key of a `single` question. */
export interface SingleAnswerKey extends AnswerKeyCommon {
  kind: 'single';
  correct: PublicOption;
}

/** The answer key of a `multiple` question. */
export interface MultipleAnswerKey extends AnswerKeyCommon {
  kind: 'multiple';
  correct: PublicOption[];
}

/** The answer key of a `true-false` question. */
export interface TrueFalseAnswerKey extends AnswerKeyCommon {
  kind: 'true-false';
  answer: boolean;
}

/** One blank's accepted answers (at least one; the first is canonical). */
export interface AnswerKeyBlank {
  id: string;
  answers: string[];
  caseSensitive: boolean;
}

/** The answer key of a `fill-blanks` question. */
export interface FillBlanksAnswerKey extends AnswerKeyCommon {
  kind: 'fill-blanks';
  blanks: AnswerKeyBlank[];
}

/** The answer key of a `ordering` question. */
export interface OrderingAnswerKey extends AnswerKeyCommon {
  kind: 'ordering';
  order: PublicOption[];
}

/** The answer key of a `pick-output` question. */
export interface PickOutputAnswerKey extends AnswerKeyCommon {
  kind: 'pick-output';
  correct: PublicOption;
}

/** An explanation of one code line (1-based). */
export interface LineExplanation {
  line: number;
  text: string;
}

/** The answer key of a `find-error` question. */
export interface FindErrorAnswerKey extends AnswerKeyCommon {
  kind: 'find-error';
  /** 1-based line numbers. */
  errorLines: number[];
  lineExplanations: LineExplanation[];
}

/** The answer key of a `open` question. */
export interface OpenAnswerKey extends AnswerKeyCommon {
  kind: 'open';
  checklist: string[];
  sampleAnswer: string;
}

/** The answer key of a `numeric` question. */
export interface NumericAnswerKey extends AnswerKeyCommon {
  kind: 'numeric';
  answer: number;
  /** 0 or more. */
  tolerance: number;
  unit?: string;
}

/** The answer key of a `cidr` question. */
export interface CidrAnswerKey extends AnswerKeyCommon {
  kind: 'cidr';
  answer: string;
}

/** A simulator connection with whether it succeeds. */
export interface AnswerKeyConnection extends PublicConnection {
  succeeds: boolean;
}

/** The answer key of a `simulator` question. */
export interface SimulatorAnswerKey extends AnswerKeyCommon {
  kind: 'simulator';
  connections: AnswerKeyConnection[];
}

/** The private half: everything needed to grade, plus what is revealed after answering. */
export type AnswerKey =
  | SingleAnswerKey
  | MultipleAnswerKey
  | TrueFalseAnswerKey
  | FillBlanksAnswerKey
  | OrderingAnswerKey
  | PickOutputAnswerKey
  | FindErrorAnswerKey
  | OpenAnswerKey
  | NumericAnswerKey
  | CidrAnswerKey
  | SimulatorAnswerKey;

/** The answer key of one kind. */
export type AnswerKeyOf<K extends AnswerKey['kind']> = Extract<AnswerKey, { kind: K }>;

/** A public question with its key: what `grade` needs when the page only has the split halves. */
export interface QuestionPair {
  /** The half shipped in the page. */
  public: PublicQuestion;
  /** The half fetched on demand. */
  key: AnswerKey;
}

/**
 * Build-time question and flashcard data of a lesson: questions.yaml and
 * flashcards.yaml parsed and validated (a broken file fails the build naming the
 * file, the question id and the field), simulator questions resolved against the
 * lesson's scenarios, and each question split into the public half a page ships
 * and the key entry served from `/quiz-keys/<lesson>.json`.
 */
import { codeToHtml } from 'shiki';
import { shikiLang, type CodeLang } from '../lib/quiz/kinds.ts';
import { resolveQuestions, revealAnswer, splitQuestion, type ResolvedQuestion } from '../lib/quiz/resolve.ts';
import type { Flashcard } from '../lib/flashcards/schema.ts';
import { cardFromMissedQuestion } from '../lib/flashcards/scheduler.ts';
import type { KeyEntry, QuizItem } from '../components/islands/Quiz.tsx';
import { marked } from './markdown.ts';
import { CODE_THEMES } from './code-themes.ts';
import { runTerminal, scenarioCluster } from './simulation.ts';
import { terminalText } from '../lib/terminal-order.ts';
import { getLessons, lessonBySlug, ROOT } from './course.ts';

const resolvedCache = new Map<string, ResolvedQuestion[]>();

/** The lesson's questions, validated and resolved against its scenarios (cached per build). */
export function lessonQuestions(lesson: string): ResolvedQuestion[] {
  const cached = resolvedCache.get(lesson);
  if (cached) return cached;
  const file = `${ROOT}/lessons/${lesson}/questions.yaml`;
  const resolved = resolveQuestions(
    lessonBySlug(lesson).source.questions,
    {
      kubectl: (scenario, command) => {
        const [entry] = runTerminal(lesson, scenario, [command]);
        return entry ? terminalText(entry) : '';
      },
      connects: (scenario, connection) => scenarioCluster(lesson, scenario).connect(connection).allowed,
    },
    file,
  );
  resolvedCache.set(lesson, resolved);
  return resolved;
}

const seedOf = (lesson: string, id: string) => `${lesson}:${id}`;

async function highlight(code: string, lang: CodeLang | undefined): Promise<string> {
  return codeToHtml(code.replace(/\n$/, ''), {
    lang: shikiLang(lang),
    themes: CODE_THEMES,
    defaultColor: false,
  });
}

/** The public questions of one set, ready for the Quiz island; a build error when the set is empty. */
export async function questionSet(lesson: string, set: string): Promise<QuizItem[]> {
  const questions = lessonQuestions(lesson).filter((question) => question.set === set);
  if (questions.length === 0) {
    throw new Error(`${ROOT}/lessons/${lesson}/questions.yaml: no questions in set "${set}" (a page shows <Questions set="${set}" />).`);
  }
  return Promise.all(
    questions.map(async (question) => {
      const { public: pub } = splitQuestion(question, seedOf(lesson, question.id));
      return {
        question: pub,
        promptHtml: marked(pub.prompt),
        codeHtml: pub.code ? await highlight(pub.code, pub.codeLang) : undefined,
      };
    }),
  );
}

/** A flashcard for a missed question, rendered. */
function missedCard(card: Flashcard) {
  return { id: card.id, level: card.level, frontHtml: marked(card.front), backHtml: marked(card.back) };
}

/** Every key entry of the lesson, by question id: what `/quiz-keys/<lesson>.json` serves. */
export function lessonKeys(lesson: string): Record<string, KeyEntry & { card: ReturnType<typeof missedCard> }> {
  return Object.fromEntries(
    lessonQuestions(lesson).map((question) => {
      const { public: pub, key } = splitQuestion(question, seedOf(lesson, question.id));
      return [
        question.id,
        {
          key,
          revealHtml: marked(revealAnswer(key, pub)),
          explanationHtml: marked(key.explanation),
          commonMistakesHtml: key.commonMistakes ? marked(key.commonMistakes) : undefined,
          card: missedCard(cardFromMissedQuestion({ public: pub, key })),
        },
      ];
    }),
  );
}

/** The lesson's flashcards, validated; an empty list when it has none. */
export function lessonFlashcards(lesson: string): readonly Flashcard[] {
  return lessonBySlug(lesson).source.flashcards;
}

/** Slugs of lessons that have questions (for the key endpoint). */
export async function lessonsWithQuestions(): Promise<string[]> {
  return (await getLessons()).filter((lesson) => lesson.source.has.questions).map((lesson) => lesson.slug);
}

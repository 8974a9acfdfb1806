/**
 * `/review-deck.json`: every written lesson's flashcards, rendered, for the course review page; fetched once the
 * learner has something to review, so the page itself stays light.
 */
import type { APIRoute } from 'astro';
import { getLessons } from '../data/course.ts';
import { lessonFlashcards } from '../data/quiz.ts';
import { marked } from '../data/markdown.ts';

export const GET: APIRoute = async () => {
  const lessons = await getLessons();
  const deck = Object.fromEntries(
    lessons.map((lesson) => [
      lesson.slug,
      lessonFlashcards(lesson.slug).map((card) => ({ id: card.id, level: card.level, frontHtml: marked(card.front), backHtml: marked(card.back) })),
    ]),
  );
  return new Response(JSON.stringify(deck), { headers: { 'Content-Type': 'application/json' } });
};

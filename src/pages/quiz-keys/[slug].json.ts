/**
 * `/quiz-keys/<lesson>.json`: the answer keys of a lesson's questions, fetched by
 * the Quiz island only when the learner checks an answer.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { lessonKeys, lessonsWithQuestions } from '../../data/quiz.ts';

export const getStaticPaths: GetStaticPaths = async () => (await lessonsWithQuestions()).map((slug) => ({ params: { slug } }));

export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(lessonKeys(params.slug!)), { headers: { 'Content-Type': 'application/json' } });

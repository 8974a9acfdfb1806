/**
 * `/narration/<lesson>.json`: every diagram Listen mode's cues show, by trace name, fetched when the
 * learner reaches for the narration (the page carries the first cue's only).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { narratedLessons, narrationDiagrams } from '../../data/narration.ts';

export const getStaticPaths: GetStaticPaths = async () => (await narratedLessons()).map((slug) => ({ params: { slug } }));

export const GET: APIRoute = async ({ params }) =>
  new Response(JSON.stringify((await narrationDiagrams(params.slug!)).diagrams), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });

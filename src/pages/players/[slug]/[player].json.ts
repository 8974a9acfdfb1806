/**
 * `/players/<lesson>/<id>.json`: the branches of one Visualize player after the first (the page
 * carries the first), fetched when the learner first reaches for another branch.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { allPlayers, playerBranches, playerDataName } from '../../../data/player-branches.ts';

export const getStaticPaths: GetStaticPaths = async () =>
  (await allPlayers()).map(({ slug, traces }) => ({ params: { slug, player: playerDataName(traces) }, props: { traces } }));

export const GET: APIRoute = async ({ params, props }) => {
  const branches = await playerBranches(params.slug!, (props as { traces: string[] }).traces);
  return new Response(JSON.stringify(branches.slice(1)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};

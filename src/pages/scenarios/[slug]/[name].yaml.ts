/**
 * `/scenarios/<lesson>/<name>.yaml`: a lesson's scenario manifests, fetched by live
 * terminals when the learner runs their first command (keeping them out of the page).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { scenarioNames, scenarioText } from '../../../data/course.ts';

export const getStaticPaths: GetStaticPaths = () => scenarioNames().map(([slug, name]) => ({ params: { slug, name } }));

export const GET: APIRoute = ({ params }) =>
  new Response(scenarioText(params.slug!, params.name!), { headers: { 'Content-Type': 'application/yaml; charset=utf-8' } });

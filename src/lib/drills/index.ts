/**
 * Broken-cluster drills: templates (templates.ts) make a seeded small cluster with a fault, a task and checks;
 * `makeDrill` picks the variant for a learner and review; `checkDrill` (check.ts) runs the checks on the simulator.
 * This entry is light (no simulator): the review page imports check.ts and symptom.ts only when a drill opens.
 */
import { createRandom, drillSeed } from './random.ts';
import { DRILL_TEMPLATES, drillTemplate } from './templates.ts';
import type { DrillInstance } from './types.ts';

export { DRILL_TEMPLATES, drillTemplate } from './templates.ts';
export { drillSeed } from './random.ts';
export type * from './types.ts';

/** The drill for `learner`'s `reviews`-th attempt at template `templateId` (undefined for an unknown template). */
export function makeDrill(templateId: string, learner: string, reviews: number): DrillInstance | undefined {
  const template = drillTemplate(templateId);
  if (!template) return undefined;
  const seed = drillSeed(learner, templateId, reviews);
  return template.generate(createRandom(seed), seed);
}

/** The drill of template `templateId` for a fixed `seed` (tests, and sharing a variant). */
export function drillForSeed(templateId: string, seed: number): DrillInstance | undefined {
  const template = drillTemplate(templateId);
  return template?.generate(createRandom(seed), seed);
}

/** The templates that drill `lesson`. */
export function drillsOfLesson(lesson: string): readonly (typeof DRILL_TEMPLATES)[number][] {
  return DRILL_TEMPLATES.filter((template) => template.lesson === lesson);
}

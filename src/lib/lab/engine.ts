/**
 * Everything the lab island needs from the simulator, in one module it loads on demand with `import()`
 * (and, behind it, the cell explainer, loaded the first time a matrix cell is opened):
 * the simulator and the YAML parser (about 65 KB gzipped together) stay off the page's first load.
 * (Re-exports only; each is documented where it is defined.)
 */
export { createEvaluator, evaluateManifests } from './evaluate.ts';
export { labSnapshot } from './view.ts';
export { runLabCommand } from './lab-commands.ts';

/** The cell explainer (policy lines, explanations), fetched the first time a learner opens a matrix cell. */
export const loadExplainer = () => import('./cell-explanation.ts');

/**
 * Everything the lab island needs from the simulator, in one module it loads on demand with `import()`
 * (and, behind it, the cell explainer, loaded the first time a matrix cell is opened):
 * the simulator and the YAML parser (about 65 KB gzipped together) stay off the page's first load.
 * The terminal's part (kubectl, its printers and the in-pod and node tools) is `terminal.ts`, loaded with the
 * first command. (Re-exports only; each is documented where it is defined.)
 */
export { createEvaluator, evaluateManifests } from './evaluate.ts';
export { labSnapshot } from './view.ts';

/** The cell explainer (policy lines, explanations), fetched the first time a learner opens a matrix cell. */
export const loadExplainer = () => import('./cell-explanation.ts');

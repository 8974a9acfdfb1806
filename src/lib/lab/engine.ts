/**
 * Everything the lab island needs from the simulator, in one module it loads on demand with `import()`:
 * the simulator and the YAML parser (about 65 KB gzipped together) stay off the page's first load.
 * (Re-exports only; each is documented where it is defined.)
 */
export { createEvaluator, evaluateManifests } from './evaluate.ts';
export { labSnapshot } from './view.ts';
export { runLabCommand } from './lab-commands.ts';
export { explainLabCell } from './cell-explanation.ts';

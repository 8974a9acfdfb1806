/**
 * The lab terminal's part of the simulator, loaded on demand with `import()` when the learner first runs
 * (or starts typing) a command: kubectl with its printers, exec tools and node tools stay off the page's
 * first load. (Re-exports only; each is documented where it is defined.)
 */
export { runLabCommand } from './lab-commands.ts';

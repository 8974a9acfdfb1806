/**
 * A case's scenario sent to the page as line edits of the lab's shared scenario (cases are the shop with one
 * fault each, so a patch is a few lines where the whole text is hundreds): the build diffs the two texts
 * (longest common subsequence of lines), the lab island applies the patch when a case is opened. Pure and tiny.
 */

/** Line edits of a base text, in order: n > 0 copies n base lines, n < 0 skips -n base lines, a string inserts that line. */
export type ScenarioPatch = ReadonlyArray<number | string>;

/** Largest base × target line product the diff works on (beyond it the patch is the target text, inserted whole). */
const MAX_CELLS = 4_000_000;

const push = (ops: Array<number | string>, op: number | string) => {
  const last = ops.at(-1);
  if (typeof op === 'number' && typeof last === 'number' && Math.sign(last) === Math.sign(op)) ops[ops.length - 1] = last + op;
  else ops.push(op);
};

/** The patch that turns `base` into `target` (lines split on "\n"; applyPatch(base, patch) === target). */
export function diffLines(base: string, target: string): ScenarioPatch {
  const a = base.split('\n');
  const b = target.split('\n');
  const ops: Array<number | string> = [];
  if (a.length * b.length > MAX_CELLS) {
    push(ops, -a.length);
    for (const line of b) push(ops, line);
    return ops;
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push(ops, 1);
      i += 1;
      j += 1;
    } else if (j < b.length && (i === a.length || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
      push(ops, b[j]!);
      j += 1;
    } else {
      push(ops, -1);
      i += 1;
    }
  }
  return ops;
}

/** `base` with `patch` applied; a patch that does not fit the base (copies or skips past its end) stops there. */
export function applyPatch(base: string, patch: ScenarioPatch): string {
  const a = base.split('\n');
  const out: string[] = [];
  let i = 0;
  for (const op of patch) {
    if (typeof op === 'string') out.push(op);
    else if (op > 0) {
      out.push(...a.slice(i, i + op));
      i += op;
    } else i -= op;
  }
  return out.join('\n');
}

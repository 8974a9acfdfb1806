/**
 * Main-thread work per keystroke, read from a Chromium trace (the JSON that `browser.stopTracing()` returns).
 * The page marks each keystroke (`knet:bench-key`, in a capture listener on keydown) and the moment the frame
 * that shows its redrawn matrix has been painted (`knet:bench-painted`). Between the two, the renderer's main
 * thread either works (a top-level task runs: input handling, the simulator, the redraw, style, layout, paint)
 * or waits for the display's next frame. Work is the time covered by top-level tasks from the start of the task
 * that received the key to the painted mark; the wait is the rest. A keystroke fits in one 16 ms frame when its
 * work does: the wait, 0–16.7 ms depending on where between two frames the key lands, is the display's, and no
 * page can shorten it.
 */

/** One event of a Chromium trace (the fields used here). */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly cat?: string;
  readonly args?: { readonly name?: string };
}

/** A Chromium trace: `{ traceEvents }` or a bare array of events. */
export type Trace = { readonly traceEvents: readonly TraceEvent[] } | readonly TraceEvent[];

/** The categories to record for `keystrokeWork`: top-level tasks, and the page's user-timing marks. */
export const TRACE_CATEGORIES = ['disabled-by-default-devtools.timeline', 'blink.user_timing'];

/** The mark the page sets when a key arrives. */
export const KEY_MARK = 'knet:bench-key';
/** The mark the page sets once the frame showing that key's matrix is painted. */
export const PAINTED_MARK = 'knet:bench-painted';

/** One keystroke: main-thread work and wait (ms) from the key to the painted matrix, and the frames committed. */
export interface KeystrokeWork {
  /** Milliseconds of top-level tasks from the key's task to the painted mark. */
  readonly work: number;
  /** Milliseconds with no task running in that span (waiting for the next frame). */
  readonly wait: number;
  /** Frames the renderer committed in that span (1: the matrix is in the first frame after the key). */
  readonly frames: number;
}

const isMark = (event: TraceEvent, name: string) => event.name === name && event.cat?.includes('blink.user_timing') === true && event.ph !== 'e';

/**
 * Work per keystroke, in order: each key mark is paired with the first painted mark after it (a key with
 * none is left out). Throws when the trace has no renderer main thread (`CrRendererMain`) holding the marks.
 */
export function keystrokeWork(trace: Trace): KeystrokeWork[] {
  const events = Array.isArray(trace) ? (trace as readonly TraceEvent[]) : (trace as { traceEvents: readonly TraceEvent[] }).traceEvents;
  const keys = events.filter((e) => isMark(e, KEY_MARK)).sort((a, b) => a.ts - b.ts);
  const first = keys[0];
  if (!first) return [];
  const thread = (e: TraceEvent) => e.pid === first.pid && e.tid === first.tid;
  const isMain = events.some((e) => e.name === 'thread_name' && thread(e) && e.args?.name === 'CrRendererMain');
  if (!isMain) throw new Error(`keystrokeWork: the ${KEY_MARK} marks are not on a renderer main thread (CrRendererMain)`);
  const painted = events.filter((e) => isMark(e, PAINTED_MARK) && thread(e)).sort((a, b) => a.ts - b.ts);
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && thread(e) && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const commits = events.filter((e) => e.name === 'Commit' && e.ph === 'X' && thread(e)).map((e) => e.ts);
  const result: KeystrokeWork[] = [];
  for (const [n, key] of keys.entries()) {
    const next = keys[n + 1]?.ts ?? Number.POSITIVE_INFINITY;
    const end = painted.find((p) => p.ts >= key.ts)?.ts;
    if (end === undefined || end > next) continue;
    const keyTask = tasks.find((t) => t.ts <= key.ts && t.ts + (t.dur ?? 0) >= key.ts);
    const start = keyTask?.ts ?? key.ts;
    let work = 0;
    let covered = start; // tasks nest rarely; count each instant once
    for (const task of tasks) {
      const from = Math.max(task.ts, covered);
      const to = Math.min(task.ts + (task.dur ?? 0), end);
      if (to > from) {
        work += to - from;
        covered = to;
      }
    }
    const frames = commits.filter((c) => c >= start && c <= end).length;
    result.push({ work: work / 1000, wait: (end - start - work) / 1000, frames });
  }
  return result;
}

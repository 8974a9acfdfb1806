import { describe, expect, it } from 'vitest';
import { KEY_MARK, PAINTED_MARK, keystrokeWork, type TraceEvent } from './trace-work.ts';

// A renderer main thread (pid 7, tid 7) as Chromium names it, and a second thread whose tasks must not count.
const MAIN = { pid: 7, tid: 7 };
const name: TraceEvent = { name: 'thread_name', ph: 'M', ts: 0, ...MAIN, args: { name: 'CrRendererMain' } };
const task = (ts: number, dur: number, tid = 7): TraceEvent => ({ name: 'RunTask', ph: 'X', ts, dur, pid: 7, tid, cat: 'disabled-by-default-devtools.timeline' });
const mark = (label: string, ts: number): TraceEvent => ({ name: label, ph: 'R', ts, ...MAIN, cat: 'blink.user_timing' });
const commit = (ts: number): TraceEvent => ({ name: 'Commit', ph: 'X', ts, dur: 100, ...MAIN });

describe('keystrokeWork', () => {
  it('counts the tasks from the key to the painted mark as work and the gap as the wait for the next frame', () => {
    // Key handled in 6 ms (task at 1000 µs), idle until the frame at 12 000 µs, frame of 4 ms painted at 16 000 µs.
    const trace = [name, task(1000, 6000), mark(KEY_MARK, 1100), task(12_000, 4500), commit(15_500), mark(PAINTED_MARK, 16_000), task(14_000, 300, 9)];
    expect(keystrokeWork(trace)).toEqual([{ work: 10, wait: 5, frames: 1 }]);
  });

  it('pairs each key with the first painted mark after it, and leaves out a key whose frame never came', () => {
    const trace = {
      traceEvents: [name, task(0, 2000), mark(KEY_MARK, 10), mark(PAINTED_MARK, 1900), task(5000, 1000), mark(KEY_MARK, 5010), task(9000, 1000), mark(KEY_MARK, 9010), task(9500, 3000), commit(11_000), commit(12_000), mark(PAINTED_MARK, 12_400)],
    };
    const rows = keystrokeWork(trace);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ work: 1.9, wait: 0, frames: 0 });
    // Overlapping tasks count each instant once: 9000–12 400 µs is 3.4 ms of work; two frames were committed.
    expect(rows[1]).toEqual({ work: 3.4, wait: 0, frames: 2 });
  });

  it('says so when the marks are not on the renderer main thread', () => {
    expect(() => keystrokeWork([task(0, 10), mark(KEY_MARK, 1), mark(PAINTED_MARK, 5)])).toThrow(/CrRendererMain/);
  });
});

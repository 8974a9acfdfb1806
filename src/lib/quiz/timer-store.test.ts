import { describe, expect, it } from 'vitest';
import { clearTimerStart, loadTimer, loadTimerStart, saveTimerStart, TIMER_KEY, type TimerStorage } from './timer-store.ts';

function memory(initial?: string): TimerStorage & { data: Map<string, string> } {
  const data = new Map<string, string>(initial === undefined ? [] : [[TIMER_KEY, initial]]);
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe('timer store', () => {
  it('remembers when a problem started, per problem, until cleared', () => {
    const storage = memory();
    saveTimerStart(storage, 'lesson:q1', 1_000);
    saveTimerStart(storage, 'lesson:q2', 2_000);
    expect(loadTimerStart(storage, 'lesson:q1')).toBe(1_000);
    clearTimerStart(storage, 'lesson:q1');
    expect(loadTimerStart(storage, 'lesson:q1')).toBeNull();
    expect(loadTimerStart(storage, 'lesson:q2')).toBe(2_000);
  });

  it('keeps the timing a problem was started with; a start stored as a bare number is a standard one', () => {
    const storage = memory('{"lesson:old":1000}');
    saveTimerStart(storage, 'lesson:q1', 2_000, 'extended');
    expect(loadTimer(storage, 'lesson:q1')).toEqual({ startedAt: 2_000, timing: 'extended' });
    expect(loadTimer(storage, 'lesson:old')).toEqual({ startedAt: 1_000, timing: 'standard' });
    expect(loadTimer(memory('{"lesson:q1":{"at":5,"timing":"slow"}}'), 'lesson:q1')).toBeNull();
  });

  it.each(['not json', '[1,2]', '{"lesson:q1":"soon"}', 'null'])('treats unreadable data (%s) as no timer', (raw) => {
    expect(loadTimerStart(memory(raw), 'lesson:q1')).toBeNull();
  });

  it('keeps working when storage refuses writes', () => {
    const storage: TimerStorage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => saveTimerStart(storage, 'lesson:q1', 5)).not.toThrow();
  });
});

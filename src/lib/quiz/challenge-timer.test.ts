import { describe, expect, it } from 'vitest';
import {
  badgeTimingNote,
  EXTENDED_TIME_FACTOR,
  idleTimer,
  isExpired,
  isTicking,
  limitFor,
  limitTag,
  remainingMs,
  startLabel,
  startTimer,
  stopTimer,
  timerText,
  timingChoiceLabel,
  withPreferredTiming,
} from './challenge-timer.ts';

// WCAG 2.2 success criterion 2.2.1 (https://www.w3.org/TR/WCAG22/#timing-adjustable): the user can turn
// the limit off, or extend it to at least ten times the default, before encountering it.
describe('challenge timer', () => {
  it('offers at least ten times the limit, or none', () => {
    expect(EXTENDED_TIME_FACTOR).toBeGreaterThanOrEqual(10);
    expect(limitFor(75, 'standard')).toBe(75);
    expect(limitFor(75, 'extended')).toBe(750);
    expect(limitFor(75, 'untimed')).toBeNull();
  });

  it('counts down from the chosen limit and expires at zero', () => {
    const timer = startTimer('extended', 1_000);
    expect(remainingMs(timer, 75, 1_000)).toBe(750_000);
    expect(timerText(timer, 75, 31_000)).toBe('Time left: 720 s');
    expect(isExpired(timer, 75, 76_000)).toBe(false); // the standard limit would be over here
    expect(isExpired(timer, 75, 751_000)).toBe(true);
    expect(remainingMs(timer, 75, 10_000_000)).toBe(0);
    expect(remainingMs(timer, 75, 0)).toBe(750_000); // a clock running backwards counts as no time elapsed
  });

  it('an untimed problem never ticks or expires', () => {
    const timer = startTimer('untimed', 1_000);
    expect(isTicking(timer, 75)).toBe(false);
    expect(remainingMs(timer, 75, 1e12)).toBeNull();
    expect(isExpired(timer, 75, 1e12)).toBe(false);
    expect(timerText(timer, 75, 1e12)).toBe('Untimed: take as long as you need.');
  });

  it('a not-started timer follows the preference; a running one keeps its timing', () => {
    expect(withPreferredTiming(idleTimer('standard'), 'untimed')).toEqual(idleTimer('untimed'));
    const running = startTimer('standard', 5);
    expect(withPreferredTiming(running, 'untimed')).toBe(running);
    expect(stopTimer(running, 'extended')).toEqual({ startedAt: null, timing: 'extended' });
    expect(isTicking(idleTimer('standard'), 75)).toBe(false);
  });

  it('says what the learner chose', () => {
    expect(startLabel(75, 'standard')).toBe('Start problem (75 s)');
    expect(startLabel(75, 'extended')).toBe('Start problem (750 s)');
    expect(startLabel(75, 'untimed')).toBe('Start problem (untimed)');
    expect(limitTag(90, 'standard')).toBe('90 s limit');
    expect(limitTag(90, 'untimed')).toBe('untimed');
    expect(timingChoiceLabel(90, 'extended')).toBe('More time (900 s)');
    expect(badgeTimingNote(['standard'])).toBe('');
    expect(badgeTimingNote(['standard', 'extended'])).toBe('Earned with more time.');
    expect(badgeTimingNote(['extended', 'untimed'])).toBe('Earned untimed.');
  });
});

/**
 * The timed-problem parts of a question card, loaded only on pages with a timed problem (the Quiz island
 * imports this module when it has one, so Visualize and Review do not carry it): the timing chooser
 * and start button shown before a problem starts (WCAG 2.2.1), the countdown while it runs, and the
 * tab-session record of running timers. The rules are in `lib/quiz/challenge-timer.ts`.
 * State: the countdown's clock reading (it ticks only while a timed problem runs).
 */
import { useEffect, useState } from 'preact/hooks';
import { CHALLENGE_TIMINGS, type ChallengeTiming } from '../../lib/progress/schema.ts';
import { badgeTimingNote, isTicking, limitTag, remainingMs, startLabel, timerText, timingChoiceLabel, type ChallengeTimer } from '../../lib/quiz/challenge-timer.ts';
import { clearTimerStart, loadTimer, saveTimerStart, type TimerStorage } from '../../lib/quiz/timer-store.ts';

export { badgeTimingNote, limitTag };

/** The tab's session storage for timers, or a stand-in where it is unavailable. */
function timerStorage(): TimerStorage {
  try {
    return window.sessionStorage;
  } catch {
    return { getItem: () => null, setItem: () => undefined };
  }
}

/** The problem's running timer saved in this tab (a reload resumes it), or null. */
export const savedTimer = (id: string): ChallengeTimer | null => loadTimer(timerStorage(), id);
/** Starts problem `id` now with `timing`, saved for the tab's session. */
export function startSaved(id: string, timing: ChallengeTiming): ChallengeTimer {
  const at = Date.now();
  saveTimerStart(timerStorage(), id, at, timing);
  return { startedAt: at, timing };
}
/** Forgets problem `id`'s running timer. */
export const clearSaved = (id: string): void => clearTimerStart(timerStorage(), id);

/** Before a timed problem: the time-limit menu (the learner's saved preference) and the start button. */
export function TimerStart(props: {
  id: string;
  limitSeconds: number;
  timing: ChallengeTiming;
  /** The note under the menu (the Quiz's placeholder shows the same words before this module loads). */
  note: string;
  ready: boolean;
  onTiming: (timing: ChallengeTiming) => void;
  onStart: () => void;
}) {
  const { id, limitSeconds, timing, ready } = props;
  return (
    <div class="timer-start">
      <span class="timer-choice">
        <label for={`${id}-timing`}>Time limit</label>
        <select
          id={`${id}-timing`}
          value={timing}
          disabled={!ready}
          aria-describedby={`${id}-timing-note`}
          onChange={(event) => {
            const choice = CHALLENGE_TIMINGS.find((candidate) => candidate === (event.currentTarget as HTMLSelectElement).value);
            if (choice) props.onTiming(choice);
          }}
        >
          {CHALLENGE_TIMINGS.map((choice) => (
            <option value={choice}>{timingChoiceLabel(limitSeconds, choice)}</option>
          ))}
        </select>
      </span>
      <p class="muted timer-choice-note" id={`${id}-timing-note`}>
        {props.note}
      </p>
      <button type="button" class="button-primary" disabled={!ready} onClick={props.onStart}>
        {startLabel(limitSeconds, timing)}
      </button>
    </div>
  );
}

/** While a timed problem runs: the time left (or that it is untimed); calls `onExpire` once at zero. */
export function TimerCountdown({ timer, limitSeconds, onExpire }: { timer: ChallengeTimer; limitSeconds: number; onExpire: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  const ticking = isTicking(timer, limitSeconds);
  useEffect(() => {
    if (!ticking) return undefined;
    setNow(Date.now());
    const interval = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(interval);
  }, [ticking, timer.startedAt]);
  const expired = remainingMs(timer, limitSeconds, now) === 0;
  useEffect(() => {
    if (expired) onExpire();
  }, [expired]);
  return (
    <p class="timer" role={ticking ? 'timer' : undefined} aria-live="off">
      {timerText(timer, limitSeconds, now)}
    </p>
  );
}

/**
 * A graded question set: every question kind, operable by keyboard, feedback
 * announced through a live region. The page ships only public questions; the
 * answer keys are fetched from a separate JSON file on the first check, so no
 * answer is in the page before it is earned.
 * Feedback says each thing once (feedback.ts): the outcome and points, one line on
 * what is wrong, and "Try again" keeps the parts that were right. A timed problem's
 * start is kept for the tab's session, so a reload resumes its countdown; before it starts the
 * learner may choose more time or no limit (a saved preference). The timed parts are in `ChallengeTimer.tsx`,
 * loaded only when the set has a timed problem; their rules in `lib/quiz/challenge-timer.ts`. When the
 * set is done, a panel right after the question that finished it shows the outcome,
 * the badge if earned, and where to go next.
 * State per question: the learner's draft answer, attempt state, last grade,
 * hint/answer visibility and (timed problems) the timer. Results go to the
 * progress store; the set marks its mode done by the mode's rule.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { grade, type Answer, type GradeResult } from '../../lib/quiz/grade.ts';
import { initialAttemptState, recordAttempt, recordReveal, recordTimeout, type AttemptState } from '../../lib/quiz/attempts.ts';
import type { AnswerKey, PublicQuestion } from '../../lib/quiz/public.ts';
import { setOutcome, type QuestionStanding, type SetRule } from '../../lib/quiz/set-outcome.ts';
import type { ChallengeTiming, ProgressState, QuestionRecord } from '../../lib/progress/schema.ts';
import { preferences, questionResult } from '../../lib/progress/selectors.ts';
import type { ModeSlug } from '../../lib/course/modes.ts';
import { progress } from '../../client/progress.ts';
import { AnswerInput, emptyAnswer } from './AnswerInput.tsx';
import { feedbackFor, keepRightParts, type Feedback } from '../../lib/quiz/feedback.ts';
import type { ChallengeTimer } from '../../lib/quiz/challenge-timer.ts';

/** The timed-problem module (chooser, countdown, saved timers), loaded when a set has a timed problem. */
/** The note under the time-limit menu, in the chooser and in its placeholder alike. */
const TIMING_NOTE = 'Kept for every timed problem.';
type TimerUi = typeof import('./ChallengeTimer.tsx');
let timerUiLoad: Promise<TimerUi> | undefined;
const loadTimerUi = (): Promise<TimerUi> => (timerUiLoad ??= import('./ChallengeTimer.tsx'));

/** A public question with its build-time rendered HTML. */
export interface QuizItem {
  /** The public half of the question. */
  question: PublicQuestion;
  /** The prompt rendered from Markdown. */
  promptHtml: string;
  /** The code shown with the prompt, highlighted, if any. */
  codeHtml?: string | undefined;
}

/** What the key file holds for one question. */
export interface KeyEntry {
  /** The answer key used by the grader. */
  key: AnswerKey;
  /** The correct answer rendered for "show the answer". */
  revealHtml: string;
  /** The explanation, rendered. */
  explanationHtml: string;
  /** Common mistakes, rendered, if any. */
  commonMistakesHtml?: string | undefined;
}

interface Props {
  /** Lesson slug, for progress. */
  lesson: string;
  /** Mode the set belongs to, for progress. */
  mode: ModeSlug;
  /** The set's name (e.g. quick-check). */
  set: string;
  /** URL of the lesson's key file. */
  keyUrl: string;
  /** The questions, in order. */
  items: QuizItem[];
  /** When the set counts as done for its mode. */
  rule: SetRule;
  /** Badge awarded when every question is correct, if any: its id and the name the learner sees. */
  badge?: { id: string; name: string } | undefined;
  /** Where to go when the set is done, most useful first. */
  next?: { label: string; href: string; note?: string | undefined }[] | undefined;
}

let keyCache: Promise<Record<string, KeyEntry>> | undefined;

function loadKeys(url: string): Promise<Record<string, KeyEntry>> {
  keyCache ??= fetch(url).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json() as Promise<Record<string, KeyEntry>>;
  });
  keyCache.catch(() => {
    keyCache = undefined;
  });
  return keyCache;
}

/** Where a question stands, from this visit's attempts and the saved progress. */
function standingOf(question: PublicQuestion, local: AttemptState | undefined, saved: QuestionRecord | undefined): QuestionStanding {
  const savedFinished =
    saved !== undefined && (saved.lastStatus === 'correct' || question.attempts === null || saved.attempts >= question.attempts);
  const savedCorrect = saved !== undefined && saved.best.earned >= saved.best.total;
  return {
    answered: Boolean(local?.finished) || savedFinished,
    correct: local?.lastStatus === 'correct' || savedCorrect,
    earned: Math.max(local?.best?.earned ?? 0, saved ? (saved.best.earned / saved.best.total) * question.points : 0),
    total: question.points,
  };
}

/** A question set. */
export default function Quiz({ lesson, mode, set, keyUrl, items, rule, badge, next = [] }: Props) {
  const [results, setResults] = useState<Record<string, AttemptState>>({});
  const [saved, setSaved] = useState<ProgressState | null>(null);
  // The question whose answer completed the set in this visit: the done panel appears right after it.
  const [finishedBy, setFinishedBy] = useState<string | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  // The timings this visit's timed problems were started with, so the badge can say it was earned untimed.
  const [timingsUsed, setTimingsUsed] = useState<ChallengeTiming[]>([]);
  const timing = saved ? preferences(saved).challengeTiming : 'standard';
  const [timerUi, setTimerUi] = useState<TimerUi | null>(null);
  useEffect(() => {
    if (items.some((item) => item.question.timeLimitSeconds !== undefined)) void loadTimerUi().then(setTimerUi);
  }, []);
  const timingNote = timerUi?.badgeTimingNote(timingsUsed) ?? '';

  useEffect(() => {
    const store = progress();
    setSaved(store.getState());
    return store.subscribe(setSaved);
  }, []);

  const standings = items.map((item) =>
    standingOf(item.question, results[item.question.id], saved ? questionResult(saved, lesson, item.question.id) : undefined),
  );
  const outcome = setOutcome(standings, rule);
  const earnedBadge = badge !== undefined && outcome.allCorrect;

  useEffect(() => {
    if (outcome.done && rule.marksDone) progress().markDone(lesson, mode);
    if (badge && outcome.allCorrect) progress().awardBadge(badge.id);
  }, [outcome.done, outcome.allCorrect]);

  useEffect(() => {
    if (!finishedBy || !outcome.done) return;
    panelRef.current?.scrollIntoView({ block: 'nearest', behavior: window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    panelRef.current?.focus({ preventScroll: true });
  }, [finishedBy, outcome.done]);

  const donePanel = outcome.done && (
    <section class={`set-done${earnedBadge ? ' set-done-badge' : ''}`} ref={panelRef} tabindex={-1} aria-labelledby={`${set}-done-title`}>
      {earnedBadge && (
        <svg class="badge-medal" viewBox="0 0 64 64" aria-hidden="true">
          <path d="M20 4h10l6 18H26zM34 4h10l-6 18H28z" class="badge-ribbon" />
          <circle cx="32" cy="40" r="19" class="badge-disc" />
          <path d="M32 28l3.7 7.5 8.3 1.2-6 5.8 1.4 8.2L32 46.8l-7.4 3.9 1.4-8.2-6-5.8 8.3-1.2z" class="badge-star" />
        </svg>
      )}
      <div>
        <h3 id={`${set}-done-title`}>{earnedBadge ? `Badge earned: ${badge.name}` : 'Finished: what next?'}</h3>
        {earnedBadge && (
          <p>
            Every problem right. The badge is kept on your progress page.{timingNote ? ` ${timingNote}` : ''}
          </p>
        )}
        {badge && !earnedBadge && <p>The badge needs every problem right: read the explanations above, then come back to it.</p>}
        {next.length > 0 && (
          <ul class="set-done-next">
            {next.map((link) => (
              <li>
                <a href={link.href}>{link.label}</a>
                {link.note ? <span class="muted"> {link.note}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );

  return (
    <div class="quiz" data-quiz-set={set}>
      <p class="quiz-progress">
        {outcome.answered} of {items.length} answered, score {outcome.score.earned} of {outcome.score.total}
        {outcome.done && rule.marksDone ? ` · ${rule.doneMessage}` : ''}
        {earnedBadge ? ' · Badge earned' : ''}
      </p>
      {!finishedBy && donePanel}
      {items.map((item, index) => (
        <>
          <QuestionCard
            key={item.question.id}
            item={item}
            number={index + 1}
            count={items.length}
            lesson={lesson}
            mode={mode}
            keyUrl={keyUrl}
            saved={saved ? questionResult(saved, lesson, item.question.id) : undefined}
            timing={timing}
            timerUi={timerUi}
            onTimingStarted={(used) => setTimingsUsed((previous) => (previous.includes(used) ? previous : [...previous, used]))}
            onState={(state) => {
              setResults((previous) => ({ ...previous, [item.question.id]: state }));
              if (state.finished) setFinishedBy(item.question.id);
            }}
          />
          {finishedBy === item.question.id && donePanel}
        </>
      ))}
    </div>
  );
}

interface CardProps {
  item: QuizItem;
  number: number;
  count: number;
  lesson: string;
  mode: ModeSlug;
  keyUrl: string;
  saved: QuestionRecord | undefined;
  onState: (state: AttemptState) => void;
  /** The learner's preferred timing for timed problems. */
  timing: ChallengeTiming;
  /** Called when a timed problem starts, with the timing it runs with. */
  onTimingStarted: (timing: ChallengeTiming) => void;
  /** The timed-problem module, once loaded (null before, and in sets without a timed problem). */
  timerUi: TimerUi | null;
}

function QuestionCard({ item, number, count, lesson, mode, keyUrl, saved, onState, timing, onTimingStarted, timerUi }: CardProps) {
  const { question } = item;
  const [answer, setAnswer] = useState<Answer>(() => emptyAnswer(question));
  const [attempt, setAttempt] = useState<AttemptState>(() => initialAttemptState(question));
  const [result, setResult] = useState<GradeResult | null>(null);
  const [entry, setEntry] = useState<KeyEntry | null>(null);
  const [showHint, setShowHint] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [timer, setTimer] = useState<ChallengeTimer>(() => ({ startedAt: null, timing }));
  const [announcement, setAnnouncement] = useState('');
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  // Controls stay disabled until the island is live, so no click or choice made before hydration is lost.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const timed = question.timeLimitSeconds !== undefined;
  const limitSeconds = question.timeLimitSeconds ?? 0;
  const timerId = `${lesson}:${question.id}`;
  const headingId = `q-${question.id}`;
  const cardRef = useRef<HTMLElement>(null);
  // When an action removes or locks the focused control (Check answer becomes Try again, Start problem
  // becomes the answer), focus goes to the control that takes its place, never to the top of the page.
  const refocus = useRef(false);
  const keepFocus = () => {
    refocus.current = cardRef.current?.contains(document.activeElement) ?? false;
  };
  useLayoutEffect(() => {
    // While the answers load the button shows "Checking…": wait for the render that shows the result.
    if (!refocus.current || busy) return;
    refocus.current = false;
    const card = cardRef.current;
    const active = document.activeElement as HTMLElement | null;
    const lost = !active || active === document.body || !active.isConnected || active.matches(':disabled');
    if (!card || !lost) return;
    const next = card.querySelector<HTMLElement>(
      ':is(.timer-start, .question-answer-area, .question-actions) :is(input, textarea, button):not(:disabled)',
    );
    (next ?? card).focus({ preventScroll: true });
  });

  const update = (next: AttemptState) => {
    setAttempt(next);
    onState(next);
  };

  const key = async (): Promise<KeyEntry | null> => {
    if (entry) return entry;
    try {
      const keys = await loadKeys(keyUrl);
      const found = keys[question.id];
      if (!found) throw new Error('no key for this question');
      setEntry(found);
      return found;
    } catch (cause) {
      setError(`Could not load the answers to check this question (${(cause as Error).message}). Check your connection and try again.`);
      return null;
    }
  };

  const finish = (next: AttemptState, graded: GradeResult | null) => {
    update(next);
    if (graded && graded.status !== 'invalid') {
      progress().recordQuestionResult(lesson, mode, question.id, {
        earned: graded.earned,
        total: graded.total,
        status: graded.status,
      });
    }
  };

  const check = async () => {
    keepFocus();
    setError('');
    setBusy(true);
    const found = await key();
    setBusy(false);
    if (!found) return;
    const graded = grade({ public: question, key: found.key }, answer);
    setResult(graded);
    const next = recordAttempt(attempt, graded);
    setAnnouncement('');
    setFeedback(feedbackFor(question, graded, next));
    if (graded.status !== 'invalid' && timed) stopTimer();
    finish(next, graded);
  };

  const compare = async () => {
    keepFocus();
    if (question.kind === 'open' && !(answer as { text: string }).text.trim()) {
      setAnnouncement('Write your explanation first, then compare it with the checklist.');
      return;
    }
    setBusy(true);
    const found = await key();
    setBusy(false);
    if (found) {
      setFeedback(null);
      setAnnouncement('The checklist is below: tick each point your explanation covers, then record it.');
    }
  };

  const reveal = async () => {
    keepFocus();
    const found = await key();
    if (!found) return;
    const next = recordReveal(attempt);
    update(next);
    if (timed) stopTimer();
    setFeedback(null);
    setAnnouncement('The answer is shown below.');
  };

  // Try again keeps the parts that were right; a timed problem's next attempt gets a fresh timer.
  const retry = () => {
    keepFocus();
    if (result) setAnswer(keepRightParts(question, answer, result));
    setResult(null);
    setFeedback(null);
    setAnnouncement(result && result.status === 'partial' ? 'Try again: the parts that were right are kept.' : 'Try again.');
    if (timed) startTimer();
  };

  // Timed problems: a countdown that starts when the learner starts the problem, kept across a reload,
  // and stopped while a checked answer is shown.
  // The timing is chosen before the start (a saved preference); a running timer keeps the one it started with.
  const startTimer = () => {
    if (!timerUi) return;
    keepFocus();
    setTimer(timerUi.startSaved(timerId, timer.timing));
    onTimingStarted(timer.timing);
  };
  const stopTimer = () => {
    timerUi?.clearSaved(timerId);
    setTimer((current) => ({ startedAt: null, timing: current.timing }));
  };
  // A timer that has not started follows the preference.
  useEffect(() => setTimer((current) => (current.startedAt === null ? { startedAt: null, timing } : current)), [timing]);
  useEffect(() => {
    const resumed = timed && timerUi ? timerUi.savedTimer(timerId) : null;
    if (resumed) {
      setTimer(resumed);
      onTimingStarted(resumed.timing);
    }
  }, [timerUi]);
  const startedAt = timer.startedAt;
  const expire = () => {
    if (attempt.finished) return;
    keepFocus();
    const next = recordTimeout(attempt, question.points);
    setResult(null);
    setFeedback(null);
    setAnnouncement(
      next.finished ? 'Time is up. The problem is over.' : `Time is up: that counts as an attempt. ${next.attemptsLeft} left; start again when ready.`,
    );
    finish(next, { status: 'incorrect', earned: 0, total: question.points, parts: [], message: 'Time ran out.' });
    stopTimer();
  };

  const showingResult = result !== null && result.status !== 'invalid';
  const started = !timed || startedAt !== null || attempt.finished || showingResult;
  const locked = attempt.finished || showingResult || busy || !started || !ready;
  const showKey = entry !== null && attempt.finished;

  return (
    <section
      class={`question-card status-${attempt.finished ? (attempt.lastStatus ?? 'revealed') : 'open'}`}
      aria-labelledby={headingId}
      ref={cardRef}
      tabindex={-1}
    >
      <header class="question-head">
        <h3 id={headingId}>
          Question {number} of {count}
        </h3>
        <span class="question-meta">
          {question.difficulty && <span class="tag">{question.difficulty}</span>}
          <span class="tag">
            {question.points} point{question.points === 1 ? '' : 's'}
          </span>
          {attempt.attemptsLeft !== null && (
            <span class="tag">
              {attempt.attemptsLeft} of {attempt.maxAttempts} attempts left
            </span>
          )}
          {timed && <span class="tag">{timerUi ? timerUi.limitTag(limitSeconds, timer.timing) : `${limitSeconds} s limit`}</span>}
        </span>
      </header>
      {saved && (
        <p class="question-saved">
          Saved result: best {Math.round((saved.best.earned / saved.best.total) * question.points * 100) / 100} of {question.points}, {saved.attempts}{' '}
          attempt{saved.attempts === 1 ? '' : 's'} so far.
        </p>
      )}
      <div class="question-prompt" dangerouslySetInnerHTML={{ __html: item.promptHtml }} />
      {item.codeHtml && question.kind !== 'find-error' && <div class="question-code" dangerouslySetInnerHTML={{ __html: item.codeHtml }} />}

      {timed && !attempt.finished && startedAt === null && timerUi && (
        <timerUi.TimerStart
          id={headingId}
          limitSeconds={limitSeconds}
          timing={timer.timing}
          ready={ready}
          note={TIMING_NOTE}
          onTiming={(choice) => progress().setPreference('challengeTiming', choice)}
          onStart={startTimer}
        />
      )}
      {timed && !attempt.finished && startedAt === null && !timerUi && (
        // The chooser's shape, disabled, until its module loads: nothing on the page moves when it arrives.
        <div class="timer-start">
          <label class="timer-choice">
            Time limit
            <select disabled />
          </label>
          <p class="muted timer-choice-note">{TIMING_NOTE}</p>
          <button type="button" class="button-primary" disabled>
            Start problem ({limitSeconds} s)
          </button>
        </div>
      )}
      {timed && !attempt.finished && startedAt !== null && timerUi && <timerUi.TimerCountdown timer={timer} limitSeconds={limitSeconds} onExpire={expire} />}

      {started && (
        <div class="question-answer-area">
        <AnswerInput
          question={question}
          answer={answer}
          onChange={setAnswer}
          disabled={locked}
          headingId={headingId}
          result={attempt.finished ? result : null}
          checklist={entry?.key.kind === 'open' ? entry.key.checklist : undefined}
        />
        </div>
      )}

      <div class="question-actions">
        {started && !attempt.finished && !showingResult && question.kind === 'open' && !entry && (
          <button type="button" class="button-primary" onClick={compare} disabled={busy || !ready}>
            Compare with the checklist
          </button>
        )}
        {started && !attempt.finished && !showingResult && (question.kind !== 'open' || entry) && (
          <button type="button" class="button-primary" onClick={check} disabled={busy || !ready}>
            {busy ? 'Checking…' : question.kind === 'open' ? 'Record my self-assessment' : 'Check answer'}
          </button>
        )}
        {showingResult && !attempt.finished && (
          <button type="button" class="button-primary" onClick={retry}>
            Try again
          </button>
        )}
        {question.hint && !attempt.finished && (
          <button type="button" aria-expanded={showHint} disabled={!ready} onClick={() => setShowHint(!showHint)}>
            {showHint ? 'Hide hint' : 'Hint'}
          </button>
        )}
        {attempt.canShowAnswer && attempt.lastStatus !== 'correct' && (
          <button type="button" onClick={reveal}>
            Show the answer
          </button>
        )}
      </div>
      {showHint && question.hint && !attempt.finished && <p class="question-hint">Hint: {question.hint}</p>}

      <div class="question-feedback" role="status" aria-live="polite">
        {feedback && (
          <div class={`feedback feedback-${feedback.tone}`}>
            <p class="feedback-headline">{feedback.headline}</p>
            {feedback.reason && !attempt.finished && <p class="feedback-reason">{feedback.reason}</p>}
          </div>
        )}
        {announcement && <p class="feedback feedback-info">{announcement}</p>}
        {error && <p class="feedback feedback-incorrect">{error}</p>}
      </div>
      {feedback && attempt.finished && feedback.wrongParts.length > 0 && (
        <ul class="part-feedback" aria-label="What was wrong">
          {feedback.wrongParts.map((message) => (
            <li class="part-bad">
              <span aria-hidden="true">✗</span> {message}
            </li>
          ))}
        </ul>
      )}
      {showKey && entry && (
        <div class="question-solution">
          {attempt.revealed && <div dangerouslySetInnerHTML={{ __html: entry.revealHtml }} />}
          <div dangerouslySetInnerHTML={{ __html: entry.explanationHtml }} />
          {entry.commonMistakesHtml && (
            <div class="common-mistakes">
              <strong>Common mistakes:</strong> <span dangerouslySetInnerHTML={{ __html: entry.commonMistakesHtml }} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * The course review island: the interleaved queue of cards and drills (lib/progress/review-queue.ts), due counts
 * per lesson and a 7-day forecast. Cards reveal and rate like the lesson deck (Space/Enter, keys 1–4); a drill opens
 * DrillPanel, loaded (with the simulator) only then. State: the progress record, the card faces once fetched, the
 * item on show and whether its back is revealed.
 */
import { lazy, Suspense } from 'preact/compat';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CARD_RATINGS, parseCardState, type CardRating } from '../../../lib/flashcards/card-state.ts';
import { buildReviewQueue, describeWait, type QueueItem, type QueueLessonInput } from '../../../lib/progress/review-queue.ts';
import type { ProgressState } from '../../../lib/progress/schema.ts';
import { progress } from '../../../client/progress.ts';

const DrillPanel = lazy(() => import('./DrillPanel.tsx'));

/** A card face pair, rendered at build time. */
interface DeckCard {
  id: string;
  level: string;
  frontHtml: string;
  backHtml: string;
}

interface Lesson extends QueueLessonInput {
  href: string;
  drillNames: Record<string, string>;
}

interface Props {
  lessons: Lesson[];
  /** URL of every lesson's rendered flashcards. */
  deckUrl: string;
  /** Base URL of the lessons' key files (`<base><lesson>.json`), which hold cards for missed questions. */
  keysBase: string;
}

const RATING_LABELS: Record<CardRating, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };
const dayName = (date: string, index: number): string =>
  index === 0 ? 'Today' : index === 1 ? 'Tomorrow' : new Date(`${date}T12:00:00Z`).toLocaleDateString('en', { weekday: 'long', timeZone: 'UTC' });

/** The course review. */
export default function CourseReview({ lessons, deckUrl, keysBase }: Props) {
  const [state, setState] = useState<ProgressState | null>(null);
  const [deck, setDeck] = useState<Record<string, DeckCard[]> | null>(null);
  const [missed, setMissed] = useState<Record<string, DeckCard>>({});
  const [revealed, setRevealed] = useState(false);
  const [drillLearner, setDrillLearner] = useState<string | null>(null);
  const [keysLoaded, setKeysLoaded] = useState<readonly string[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const [ready, setReady] = useState(false);
  const itemRef = useRef<HTMLElement>(null);
  const refocus = useRef(false);
  useEffect(() => setReady(true), []);
  useEffect(() => {
    const store = progress();
    setState(store.getState());
    return store.subscribe(setState);
  }, []);
  // Focus moves in the same commit as the change that removed the focused button: a plain effect waits
  // for the next frame, and a key pressed in that gap went to the page's body and was lost.
  useLayoutEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    itemRef.current?.focus();
  });
  // One rating at a time: the scheduler loads on the first one, and a second key pressed meanwhile
  // would rate the same card twice.
  const ratingInFlight = useRef(false);

  const queue = state ? buildReviewQueue(state, lessons, now, { utcOffsetMinutes: -new Date(now).getTimezoneOffset() }) : null;
  const needsDeck = queue?.items.some((item) => item.kind === 'card') ?? false;
  useEffect(() => {
    if (!needsDeck || deck) return;
    fetch(deckUrl)
      .then((response) => (response.ok ? response.json() : {}))
      .then((data: Record<string, DeckCard[]>) => setDeck(data))
      .catch(() => setAnnouncement('The cards could not be loaded; drills work as usual.'));
  }, [needsDeck]);
  const missedLessons = [...new Set(queue?.items.filter((item) => item.kind === 'card' && item.id.startsWith('missed-')).map((item) => item.lesson) ?? [])];
  useEffect(() => {
    for (const lesson of missedLessons) {
      fetch(`${keysBase}${lesson}.json`)
        .then((response) => (response.ok ? response.json() : {}))
        .then((keys: Record<string, { card?: DeckCard }>) => {
          const cards: Record<string, DeckCard> = {};
          for (const entry of Object.values(keys)) if (entry.card) cards[`${lesson}:${entry.card.id}`] = entry.card;
          setMissed((previous) => ({ ...previous, ...cards }));
          setKeysLoaded((previous) => [...previous, lesson]);
        })
        .catch(() => setAnnouncement('Cards for missed questions could not be loaded.'));
    }
  }, [missedLessons.join(',')]);

  const faceOf = (item: QueueItem): DeckCard | undefined =>
    item.kind === 'card' ? (deck?.[item.lesson]?.find((card) => card.id === item.id) ?? missed[item.key]) : undefined;
  // A card whose face is not loaded yet waits; a missed card whose question no longer exists is skipped.
  const loaded = (item: QueueItem) => (item.id.startsWith('missed-') ? keysLoaded.includes(item.lesson) : deck !== null);
  const items = queue?.items.filter((item) => item.kind === 'drill' || faceOf(item) !== undefined || !loaded(item)) ?? [];
  const current = items[0];
  const lessonOf = (slug: string) => lessons.find((lesson) => lesson.slug === slug);
  const dueNow = queue?.lessons.reduce((sum, lesson) => sum + lesson.due, 0) ?? 0;
  const freshNow = queue?.lessons.reduce((sum, lesson) => sum + lesson.fresh, 0) ?? 0;

  const rate = async (rating: CardRating) => {
    if (!current || current.kind !== 'card' || !state || ratingInFlight.current) return;
    ratingInFlight.current = true;
    try {
      const { newCardState, rateCard } = await import('../../../lib/flashcards/scheduler.ts');
      const at = Date.now();
      const previous = parseCardState(state.cards[current.key]) ?? newCardState(at);
      const next = rateCard(previous, rating, at);
      progress().saveCardState(current.key, next);
      refocus.current = true;
      setRevealed(false);
      setNow(Date.now());
      setAnnouncement(`Rated ${RATING_LABELS[rating]}. Next review ${describeWait(next.due - at)}.`);
    } finally {
      ratingInFlight.current = false;
    }
  };

  const onKey = (event: KeyboardEvent) => {
    if (!current || current.kind !== 'card' || event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
    if (!revealed && (event.key === ' ' || event.key === 'Enter') && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      refocus.current = true;
      setRevealed(true);
    } else if (revealed && ['1', '2', '3', '4'].includes(event.key)) {
      const rating = CARD_RATINGS[Number(event.key) - 1];
      if (rating) void rate(rating);
    }
  };

  const onDrillGraded = (message: string) => {
    setDrillLearner(null);
    refocus.current = true;
    setNow(Date.now());
    setAnnouncement(message);
  };

  if (!state || !queue) return <p class="muted">Loading your review…</p>;
  const face = current ? faceOf(current) : undefined;
  const lesson = current ? lessonOf(current.lesson) : undefined;
  const maxForecast = Math.max(1, ...queue.forecast.map((day) => day.count));

  return (
    <div class="course-review" onKeyDown={onKey}>
      <p class="review-count">
        <strong>{dueNow}</strong> due now · {freshNow} new
      </p>
      {current ? (
        <section class="review-item" aria-label={`${current.kind === 'card' ? 'Flashcard' : 'Drill'} from ${lesson?.title ?? current.lesson}`} ref={itemRef} tabIndex={-1}>
          <p class="muted">
            <span class="tag">{current.kind === 'card' ? (current.id.startsWith('missed-') ? 'Missed question' : 'Flashcard') : 'Drill'}</span>{' '}
            {lesson ? <a href={lesson.href}>{lesson.title}</a> : current.lesson}
          </p>
          {current.kind === 'card' ? (
            face ? (
              <>
                <div class="flashcard-front" dangerouslySetInnerHTML={{ __html: face.frontHtml }} />
                {revealed ? (
                  <>
                    <div class="flashcard-back" dangerouslySetInnerHTML={{ __html: face.backHtml }} />
                    <div class="flashcard-rate" role="group" aria-label="How well did you recall it?">
                      {CARD_RATINGS.map((rating, index) => (
                        <button type="button" onClick={() => void rate(rating)} aria-keyshortcuts={String(index + 1)}>
                          {RATING_LABELS[rating]} <kbd aria-hidden="true">{index + 1}</kbd>
                        </button>
                      ))}
                    </div>
                  </>
                ) : (
                  <button type="button" class="button-primary" disabled={!ready} onClick={() => { refocus.current = true; setRevealed(true); }}>
                    Reveal answer
                  </button>
                )}
              </>
            ) : (
              <p>Loading the card…</p>
            )
          ) : drillLearner ? (
            <Suspense fallback={<p role="status">Loading the drill and the simulator…</p>}>
              <DrillPanel
                templateId={current.id}
                name={lesson?.drillNames[current.id] ?? current.id}
                learner={drillLearner}
                reviews={state.review.drills[current.id]?.reviews ?? 0}
                previous={state.review.drills[current.id]?.card ?? null}
                onGraded={onDrillGraded}
              />
            </Suspense>
          ) : (
            <>
              <h2 class="drill-title">A broken cluster</h2>
              <p>Read the symptom, find the fault, fix it, and the simulator checks your fix. Each time it is a new cluster.</p>
              <button type="button" class="button-primary" disabled={!ready} onClick={() => setDrillLearner(progress().learnerId())}>
                Open the drill
              </button>
            </>
          )}
        </section>
      ) : (
        <div class="review-done">
          <p>
            {queue.lessons.length === 0 && queue.forecast.every((day) => day.count === 0)
              ? 'Nothing to review yet. Rate a few flashcards in a lesson’s Review mode, or visit a lesson, and its cards and drills join this queue.'
              : 'All caught up for now.'}
          </p>
        </div>
      )}
      <div class="review-summary">
        <section aria-labelledby="due-heading">
          <h2 id="due-heading">Due by lesson</h2>
          {queue.lessons.length === 0 ? (
            <p class="muted">Nothing due.</p>
          ) : (
            <table>
              <thead>
                <tr><th scope="col">Lesson</th><th scope="col" class="num">Due</th><th scope="col" class="num">New</th></tr>
              </thead>
              <tbody>
                {queue.lessons.map((row) => (
                  <tr><th scope="row"><a href={lessonOf(row.slug)?.href}>{row.title}</a></th><td class="num">{row.due}</td><td class="num">{row.fresh}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="forecast-heading">
          <h2 id="forecast-heading">Next 7 days</h2>
          <table>
            <thead>
              <tr><th scope="col">Day</th><th scope="col" class="num">Reviews</th><th scope="col"><span class="visually-hidden">Chart</span></th></tr>
            </thead>
            <tbody>
              {queue.forecast.map((day, index) => (
                <tr>
                  <th scope="row"><time dateTime={day.date}>{dayName(day.date, index)}</time></th>
                  <td class="num">{day.count}</td>
                  <td aria-hidden="true"><span class="forecast-bar" style={{ width: `${(day.count / maxForecast) * 6}rem` }} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">{announcement}</p>
      <p class="muted flashcards-keys">Keys on a card: Space or Enter reveals, 1–4 rate (again, hard, good, easy).</p>
    </div>
  );
}

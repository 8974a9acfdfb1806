/**
 * Flashcards with spaced repetition (FSRS): reveal by click or key, rate
 * again/hard/good/easy, see what is due. Questions the learner missed in this
 * lesson's quizzes join the deck (their cards come with the answer keys, fetched
 * only when there is a missed question). State: the deck, saved schedules (from
 * the progress store), the card on show and whether its back is revealed.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CARD_RATINGS, dueCards, parseCardState, type CardRating } from '../../lib/flashcards/card-state.ts';
import type { ProgressState } from '../../lib/progress/schema.ts';
import { progress } from '../../client/progress.ts';

/** A card ready to show: rendered front and back. */
export interface DeckCard {
  /** Card id, unique in the lesson. */
  id: string;
  /** Level tag. */
  level: 'beginner' | 'intermediate' | 'advanced';
  /** Front, rendered HTML. */
  frontHtml: string;
  /** Back, rendered HTML. */
  backHtml: string;
}

interface Props {
  /** Lesson slug: card schedules are saved as `<lesson>:<card id>`. */
  lesson: string;
  /** The lesson's authored cards. */
  cards: DeckCard[];
  /** URL of the lesson's key file, which also holds cards for missed questions. */
  keyUrl: string;
}

const LEVELS = ['all', 'beginner', 'intermediate', 'advanced'] as const;
const RATING_LABELS: Record<CardRating, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };

function describeDue(ms: number): string {
  const minutes = Math.round(ms / 60000);
  if (minutes < 1) return 'in less than a minute';
  if (minutes < 90) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `in ${hours} hours`;
  return `in ${Math.round(hours / 24)} days`;
}

/** The flashcard deck. */
export default function Flashcards({ lesson, cards, keyUrl }: Props) {
  const [state, setState] = useState<ProgressState | null>(null);
  const [missed, setMissed] = useState<DeckCard[]>([]);
  const [level, setLevel] = useState<(typeof LEVELS)[number]>('all');
  const [revealed, setRevealed] = useState(false);
  const [studyAll, setStudyAll] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [now, setNow] = useState(() => Date.now());
  // Buttons stay disabled until the island is live, so an early click is not lost.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  // Revealing or rating removes the focused button: focus then moves to the card, so the keys keep working.
  // It moves in the same commit (a layout effect): a plain effect waits for the next frame, and a key
  // pressed in that gap went to the page's body and was lost.
  const rootRef = useRef<HTMLDivElement>(null);
  const cardRef = useRef<HTMLElement>(null);
  const refocus = useRef(false);
  // One rating at a time: the scheduler loads on the first one, and a second key pressed meanwhile
  // would rate the same card twice.
  const ratingInFlight = useRef(false);
  useLayoutEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    (cardRef.current ?? rootRef.current)?.focus();
  });
  const reveal = () => {
    refocus.current = true;
    setRevealed(true);
  };

  useEffect(() => {
    const store = progress();
    setState(store.getState());
    return store.subscribe(setState);
  }, []);

  // Cards for questions missed in this lesson's quizzes.
  const missedIds = state
    ? Object.entries(state.questions[lesson] ?? {})
        .filter(([, record]) => record.lastStatus !== 'correct')
        .map(([id]) => id)
    : [];
  useEffect(() => {
    if (missedIds.length === 0) return;
    fetch(keyUrl)
      .then((response) => (response.ok ? response.json() : {}))
      .then((keys: Record<string, { card?: DeckCard }>) => {
        setMissed(missedIds.flatMap((id) => (keys[id]?.card ? [keys[id].card] : [])));
      })
      .catch(() => setAnnouncement('Cards for missed questions could not be loaded; your other cards work as usual.'));
  }, [missedIds.join(',')]);

  const deck = useMemo(() => [...cards, ...missed], [cards, missed]);
  const inLevel = deck.filter((card) => level === 'all' || card.level === level);
  const states: Record<string, unknown> = {};
  for (const card of deck) {
    const saved = state?.cards[`${lesson}:${card.id}`];
    if (saved) states[card.id] = saved;
  }
  const due = dueCards(inLevel, states, now);
  const queue = studyAll && due.length === 0 ? inLevel : due;
  const current = queue[0];

  const nextDue = inLevel
    .map((card) => parseCardState(states[card.id])?.due)
    .filter((value): value is number => typeof value === 'number' && value > now)
    .sort((a, b) => a - b)[0];

  const rate = async (choice: CardRating) => {
    if (!current || ratingInFlight.current) return;
    ratingInFlight.current = true;
    try {
      // The FSRS scheduler loads on the first rating, keeping it out of the page's first load.
      const { newCardState, rateCard } = await import('../../lib/flashcards/scheduler.ts');
      const previous = parseCardState(states[current.id]) ?? newCardState(Date.now());
      const next = rateCard(previous, choice, Date.now());
      progress().saveCardState(`${lesson}:${current.id}`, next);
      refocus.current = rootRef.current?.contains(document.activeElement) ?? false;
      setRevealed(false);
      setNow(Date.now());
      setAnnouncement(`Rated ${RATING_LABELS[choice]}. Next review ${describeDue(next.due - Date.now())}.`);
      if (studyAll && queue.length <= 1) setStudyAll(false);
    } finally {
      ratingInFlight.current = false;
    }
  };

  const onKey = (event: KeyboardEvent) => {
    if (!current || event.target instanceof HTMLSelectElement) return;
    if (!revealed && (event.key === ' ' || event.key === 'Enter') && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      reveal();
    } else if (revealed && ['1', '2', '3', '4'].includes(event.key)) {
      const choice = CARD_RATINGS[Number(event.key) - 1];
      if (choice) void rate(choice);
    }
  };

  return (
    <div class="flashcards" onKeyDown={onKey} ref={rootRef} tabIndex={-1}>
      <div class="flashcards-bar">
        <p>
          <strong>{due.length}</strong> due now · {inLevel.length} card{inLevel.length === 1 ? '' : 's'}
          {missed.length > 0 ? ` (${missed.length} from missed questions)` : ''}
        </p>
        <label>
          Level{' '}
          <select value={level} onChange={(event) => setLevel((event.target as HTMLSelectElement).value as (typeof LEVELS)[number])}>
            {LEVELS.map((value) => (
              <option value={value}>{value === 'all' ? 'All levels' : value}</option>
            ))}
          </select>
        </label>
      </div>
      {current ? (
        <section class="flashcard" aria-label={`Flashcard, ${current.level}`} ref={cardRef} tabIndex={-1}>
          <span class="tag">{current.level}</span>
          <div class="flashcard-front" dangerouslySetInnerHTML={{ __html: current.frontHtml }} />
          {revealed ? (
            <>
              <div class="flashcard-back" dangerouslySetInnerHTML={{ __html: current.backHtml }} />
              <div class="flashcard-rate" role="group" aria-label="How well did you recall it?">
                {CARD_RATINGS.map((choice, index) => (
                  <button type="button" onClick={() => void rate(choice)} aria-keyshortcuts={String(index + 1)}>
                    {RATING_LABELS[choice]} <kbd aria-hidden="true">{index + 1}</kbd>
                  </button>
                ))}
              </div>
            </>
          ) : (
            <button type="button" class="button-primary" disabled={!ready} onClick={reveal}>
              Reveal answer
            </button>
          )}
        </section>
      ) : (
        <div class="flashcards-done">
          <p>
            All caught up{nextDue ? `: the next card is due ${describeDue(nextDue - now)}` : ''}.
          </p>
          {inLevel.length > 0 && (
            <button type="button" disabled={!ready} onClick={() => setStudyAll(true)}>
              Study all cards anyway
            </button>
          )}
        </div>
      )}
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <p class="muted flashcards-keys">Keys: Space or Enter reveals, 1–4 rate (again, hard, good, easy).</p>
    </div>
  );
}

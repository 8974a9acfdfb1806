/**
 * The nine learning modes every lesson is offered in, in switcher order, and
 * each mode's "done when" rule. One source of truth: routes, the mode switcher,
 * the content schema, the progress store, the quiz's set rules and the lesson
 * contract (what a lesson must hold so every mode can be finished) all read it.
 */

/** The slug of one learning mode, as it appears in URLs and file names. */
export type ModeSlug =
  | 'learn'
  | 'why'
  | 'deep'
  | 'visualize'
  | 'listen'
  | 'lab'
  | 'review'
  | 'try'
  | 'challenge';

/** What finishes a mode. */
export type CompletionRule =
  /** Scrolling to the end of the page. */
  | { readonly kind: 'read-to-end' }
  /**
   * A question set of the lesson's questions.yaml, shown on the mode's page: every question answered
   * (`answered`), or answered with at least `passRatio` of the points (`passed`). `badge`: all correct
   * earns the lesson's badge.
   */
  | {
      readonly kind: 'question-set';
      readonly set: string;
      readonly pass: 'answered' | 'passed';
      readonly passRatio?: number;
      readonly badge?: boolean;
    }
  /** The Listen read-along reaching its last sentence. */
  | { readonly kind: 'narration-end' }
  /** Every task of the lesson's lab.yaml passing. */
  | { readonly kind: 'lab-tasks' };

/** What the switcher and the mode page say about one mode. */
export interface ModeInfo {
  /** URL segment and MDX file name (`<slug>.mdx`). */
  slug: ModeSlug;
  /** Short name shown in the switcher, e.g. "Deep dive". */
  name: string;
  /** The learning style it serves, e.g. "analytical". */
  style: string;
  /** One line on what the page holds. */
  blurb: string;
  /** What counts as finishing this mode, as the page tells the learner. */
  doneWhen: string;
  /** What finishing it takes, checked by the progress code and required of every lesson by the contract. */
  done: CompletionRule;
  /** What the page says once the mode is done. */
  doneMessage: string;
}

/** The nine modes, in the order the switcher lists them. */
export const MODES: readonly ModeInfo[] = [
  {
    slug: 'learn',
    name: 'Learn',
    style: 'reading',
    blurb: 'The introductory article with runnable commands.',
    doneWhen: 'Read to the end.',
    done: { kind: 'read-to-end' },
    doneMessage: 'Read to the end: Learn is done.',
  },
  {
    slug: 'why',
    name: 'Why',
    style: 'reasoning',
    blurb: 'The real reasons: problem, solution, before and after.',
    doneWhen: 'Answer the practice question.',
    done: { kind: 'question-set', set: 'why-practice', pass: 'answered' },
    doneMessage: 'Practice answered: Why is done.',
  },
  {
    slug: 'deep',
    name: 'Deep dive',
    style: 'analytical',
    blurb: 'How it works underneath: packets, interfaces, rules.',
    doneWhen: 'Read to the end.',
    done: { kind: 'read-to-end' },
    doneMessage: 'Read to the end: Deep dive is done.',
  },
  {
    slug: 'visualize',
    name: 'Visualize',
    style: 'visual',
    blurb: 'Step through the flow, table and status tracker.',
    doneWhen: 'Pass the visual quiz.',
    done: { kind: 'question-set', set: 'visual-quiz', pass: 'passed', passRatio: 0.7 },
    doneMessage: 'Visual quiz passed: Visualize is done.',
  },
  {
    slug: 'listen',
    name: 'Listen',
    style: 'auditory',
    blurb: 'The lesson narrated, read along sentence by sentence.',
    doneWhen: 'Reach the end of the narration.',
    done: { kind: 'narration-end' },
    doneMessage: 'Narration finished. Listen mode is done.',
  },
  {
    slug: 'lab',
    name: 'Lab',
    style: 'hands-on',
    blurb: 'A sandbox cluster with guided tasks.',
    doneWhen: 'Pass every lab task.',
    done: { kind: 'lab-tasks' },
    doneMessage: 'All tasks pass: the lab is done.',
  },
  {
    slug: 'review',
    name: 'Review',
    style: 'recall',
    blurb: 'Flashcards, a quick check and open prompts.',
    doneWhen: 'Pass the quick check.',
    done: { kind: 'question-set', set: 'quick-check', pass: 'passed', passRatio: 0.7 },
    doneMessage: 'Quick check passed: Review is done.',
  },
  {
    slug: 'try',
    name: 'Try',
    style: 'practice',
    blurb: 'Fill in real manifests and commands.',
    doneWhen: 'Answer every task.',
    done: { kind: 'question-set', set: 'try', pass: 'answered' },
    doneMessage: 'Every task answered: Try is done.',
  },
  {
    slug: 'challenge',
    name: 'Challenge',
    style: 'test',
    blurb: 'Timed problems, limited attempts, a badge.',
    doneWhen: 'Earn the badge, or answer every problem.',
    done: { kind: 'question-set', set: 'challenge', pass: 'answered', badge: true },
    doneMessage: 'Every problem answered: Challenge is done.',
  },
];

/** Every mode slug, in switcher order. */
export const MODE_SLUGS: readonly ModeSlug[] = MODES.map((mode) => mode.slug);

/** The mode a lesson opens in for a learner with no preference. */
export const DEFAULT_MODE: ModeSlug = 'learn';

/** True when `value` names one of the nine modes. */
export function isModeSlug(value: unknown): value is ModeSlug {
  return typeof value === 'string' && (MODE_SLUGS as readonly string[]).includes(value);
}

/** The mode's description, or undefined for an unknown slug. */
export function modeInfo(slug: string): ModeInfo | undefined {
  return MODES.find((mode) => mode.slug === slug);
}

/** The mode's description; throws for an unknown slug (a programming error, not content). */
export function mode(slug: ModeSlug): ModeInfo {
  const found = modeInfo(slug);
  if (!found) throw new Error(`unknown mode "${slug}"`);
  return found;
}

/** The question set that finishes `mode`, or undefined when its rule is not a question set. */
export function completionSet(slug: ModeSlug): Extract<CompletionRule, { kind: 'question-set' }> | undefined {
  const rule = mode(slug).done;
  return rule.kind === 'question-set' ? rule : undefined;
}

/** The modes a learner finishes by reading to the end. */
export const READ_TO_END_MODES: readonly ModeSlug[] = MODES.filter((info) => info.done.kind === 'read-to-end').map((info) => info.slug);

/**
 * Modes whose pages are mostly reading (Learn, Why, Deep dive): their islands (terminals, the practice
 * question) hydrate only when the learner interacts, and the size budget holds their script to 5 KB.
 */
export const READING_MODES: readonly ModeSlug[] = ['learn', 'why', 'deep'];

/** Modes whose pages use the width of a wide screen (the lab's workspace, the player and its tables); the others keep a reading measure. */
export const WIDE_MODES: readonly ModeSlug[] = ['visualize', 'lab'];

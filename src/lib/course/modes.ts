/**
 * The nine learning modes every lesson is offered in, in switcher order.
 * One source of truth: routes, the mode switcher, the content schema and the
 * progress store all read this list.
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
  /** What counts as finishing this mode. */
  doneWhen: string;
}

/** The nine modes, in the order the switcher lists them. */
export const MODES: readonly ModeInfo[] = [
  { slug: 'learn', name: 'Learn', style: 'reading', blurb: 'The introductory article with runnable commands.', doneWhen: 'Read to the end.' },
  { slug: 'why', name: 'Why', style: 'reasoning', blurb: 'The real reasons: problem, solution, before and after.', doneWhen: 'Answer the practice question.' },
  { slug: 'deep', name: 'Deep dive', style: 'analytical', blurb: 'How it works underneath: packets, interfaces, rules.', doneWhen: 'Read to the end.' },
  { slug: 'visualize', name: 'Visualize', style: 'visual', blurb: 'Step through the flow, table and status tracker.', doneWhen: 'Pass the visual quiz.' },
  { slug: 'listen', name: 'Listen', style: 'auditory', blurb: 'The lesson narrated, read along sentence by sentence.', doneWhen: 'Reach the end of the narration.' },
  { slug: 'lab', name: 'Lab', style: 'hands-on', blurb: 'A sandbox cluster with guided tasks.', doneWhen: 'Pass every lab task.' },
  { slug: 'review', name: 'Review', style: 'recall', blurb: 'Flashcards, a quick check and open prompts.', doneWhen: 'Pass the quick check.' },
  { slug: 'try', name: 'Try', style: 'practice', blurb: 'Fill in real manifests and commands.', doneWhen: 'Answer every task.' },
  { slug: 'challenge', name: 'Challenge', style: 'test', blurb: 'Timed problems, limited attempts, a badge.', doneWhen: 'Earn the badge, or answer every problem.' },
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

/**
 * Test-only helpers: fast-check arbitraries for valid progress records, a
 * JSON mutator for fuzzing, and a fixed clock. Not imported by runtime code.
 */
import fc from 'fast-check';
import { MODE_SLUGS, type ModeSlug } from '../course/modes.ts';
import {
  parseModeRecord,
  type BadgeRecord,
  type CardState,
  type DrillRecord,
  type LabTaskRecord,
  type LessonRecord,
  type ModeRecord,
  type Preferences,
  type ProgressState,
  type QuestionRecord,
  type ResumeRecord,
  type ReviewState,
  type Score,
} from './schema.ts';

/** A clock that starts at `start` and advances one second per call. */
export function tickingClock(start = '2025-01-01T00:00:00.000Z'): () => Date {
  let ms = Date.parse(start);
  return () => {
    const date = new Date(ms);
    ms += 1000;
    return date;
  };
}

/** Canonical ISO times in 2020–2030. */
export const isoArb: fc.Arbitrary<string> = fc
  .date({ min: new Date('2020-01-01T00:00:00.000Z'), max: new Date('2030-01-01T00:00:00.000Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

/** One of the nine mode slugs. */
export const modeArb: fc.Arbitrary<ModeSlug> = fc.constantFrom(...MODE_SLUGS);

/** A small set of lesson slugs, so merges collide. */
export const lessonSlugArb: fc.Arbitrary<string> = fc.constantFrom('pods', 'services', 'dns', 'ingress', 'network-policy');

const idArb = fc.constantFrom('q1', 'q2', 'q3', 't1', 't2', 'first-steps', 'dns-master');

/** A valid score with small integers. */
export const scoreArb: fc.Arbitrary<Score> = fc
  .integer({ min: 1, max: 12 })
  .chain((total) => fc.integer({ min: 0, max: total }).map((earned) => ({ earned, total })));

/** A valid, canonical mode record. */
export const modeRecordArb: fc.Arbitrary<ModeRecord> = fc
  .record(
    { firstVisited: isoArb, lastVisited: isoArb, done: fc.boolean(), doneAt: isoArb, best: scoreArb, attempts: fc.nat(20) },
    { requiredKeys: ['done', 'attempts'], noNullPrototype: true },
  )
  .map((raw) => {
    const parsed = parseModeRecord(raw);
    if (!parsed) throw new Error('modeRecordArb made an invalid record');
    return parsed;
  });

const lessonArb: fc.Arbitrary<LessonRecord> = fc.dictionary(modeArb, modeRecordArb, { maxKeys: 4, noNullPrototype: true });

const questionArb: fc.Arbitrary<QuestionRecord> = fc.record({
  mode: modeArb,
  best: scoreArb,
  attempts: fc.nat(9),
  lastStatus: fc.constantFrom('correct' as const, 'partial' as const, 'incorrect' as const),
  answeredAt: isoArb,
});

const cardArb: fc.Arbitrary<CardState> = fc.record(
  {
    due: fc.oneof(isoArb, fc.integer({ min: 0, max: 2_000_000_000_000 })),
    reps: fc.nat(5),
    last_review: isoArb,
    stability: fc.double({ min: 0, max: 100, noNaN: true }),
  },
  { requiredKeys: ['due'], noNullPrototype: true },
);

const labArb: fc.Arbitrary<LabTaskRecord> = fc.record({ passed: fc.boolean(), at: isoArb });
const badgeArb: fc.Arbitrary<BadgeRecord> = fc.record({ earnedAt: isoArb });
const resumeArb: fc.Arbitrary<ResumeRecord> = fc.record({ lesson: lessonSlugArb, mode: modeArb, at: isoArb });
const preferencesArb: fc.Arbitrary<Preferences> = fc.record(
  {
    theme: fc.record({ value: fc.constantFrom('light' as const, 'dark' as const, 'system' as const), at: isoArb }),
    narrationRate: fc.record({ value: fc.constantFrom(0.5, 0.75, 1, 1.5, 2), at: isoArb }),
    preferredMode: fc.record({ value: modeArb, at: isoArb }),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const dict = <T>(value: fc.Arbitrary<T>, keys: fc.Arbitrary<string> = idArb) =>
  fc.dictionary(keys, value, { maxKeys: 3, noNullPrototype: true });

const drillArb: fc.Arbitrary<DrillRecord> = fc.record({
  card: cardArb,
  reviews: fc.nat(30),
  lastResult: fc.constantFrom('passed' as const, 'failed' as const),
  at: isoArb,
});

const reviewArb: fc.Arbitrary<ReviewState> = fc.record(
  {
    learner: fc.constantFrom('learner-a1b2c3d4', 'learner-zz000000', '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'),
    drills: dict(drillArb, fc.constantFrom('selector-typo', 'wrong-target-port', 'dns-egress-blocked')),
  },
  { requiredKeys: ['drills'], noNullPrototype: true },
);

/** A valid v2 record, as stored before v3: no "review". */
export const progressV2Arb = fc.record({
  version: fc.constant(2 as const),
  lessons: dict(lessonArb, lessonSlugArb),
  questions: dict(dict(questionArb), lessonSlugArb),
  cards: dict(cardArb, fc.constantFrom('pods/1', 'pods/2', 'dns/1')),
  labs: dict(dict(labArb), lessonSlugArb),
  badges: dict(badgeArb),
  resume: fc.option(resumeArb, { nil: null }),
  preferences: preferencesArb,
});

/** A valid v3 progress record. */
export const progressArb: fc.Arbitrary<ProgressState> = fc
  .tuple(progressV2Arb, reviewArb)
  .map(([v2, review]) => ({ ...v2, version: 3 as const, review }));

/** One edit of a JSON tree: walk `path` (indices into child keys), then delete, replace or add. */
export interface JsonMutation {
  readonly path: readonly number[];
  readonly action: 'delete' | 'replace' | 'add';
  readonly key: string;
  readonly value: unknown;
}

/** Random JSON edits. */
export const mutationsArb: fc.Arbitrary<JsonMutation[]> = fc.array(
  fc.record({
    path: fc.array(fc.nat(20), { minLength: 0, maxLength: 4 }),
    action: fc.constantFrom('delete' as const, 'replace' as const, 'add' as const),
    key: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...MODE_SLUGS, '__proto__', 'version', '')),
    // Fresh arrays and objects for every mutation: a shared constant ({} or []) inserted twice, once inside
    // itself, made a cyclic tree ("Converting circular structure to JSON"), and leaked edits between runs.
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      modeRecordArb,
      fc.constantFrom(null, -1, 'x', 99, 1),
      fc.constant(null).map(() => []),
      fc.constant(null).map(() => ({})),
    ),
  }),
  { minLength: 1, maxLength: 6 },
);

type Json = unknown;

function childKeys(node: Json): (string | number)[] {
  if (Array.isArray(node)) return node.map((_, i) => i);
  if (typeof node === 'object' && node !== null) return Object.keys(node);
  return [];
}

/** A deep copy of a JSON value (undefined stays undefined). */
const copyJson = (value: Json): Json => (value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Json));

/**
 * Apply `mutations` to a deep copy of `root` (a JSON value); returns the new root. Each inserted value is
 * copied too, so the result is always a tree (never cyclic) and the generated values are never changed.
 */
export function applyMutations(root: Json, mutations: readonly JsonMutation[]): Json {
  let copy = copyJson(root);
  for (const { value: generated, ...rest } of mutations) {
    const mutation = { ...rest, value: copyJson(generated) };
    let parent: Record<string | number, Json> | null = null;
    let parentKey: string | number | null = null;
    let node = copy;
    for (const step of mutation.path) {
      const keys = childKeys(node);
      if (keys.length === 0) break;
      const key = keys[step % keys.length] as string | number;
      parent = node as Record<string | number, Json>;
      parentKey = key;
      node = parent[key];
    }
    if (mutation.action === 'add') {
      if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
        Object.defineProperty(node, mutation.key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
      }
    } else if (parent === null || parentKey === null) {
      if (mutation.action === 'replace') copy = mutation.value;
    } else if (mutation.action === 'delete' && !Array.isArray(parent)) {
      delete parent[parentKey];
    } else {
      Object.defineProperty(parent, parentKey, { value: mutation.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return copy;
}

import { describe, expect, it } from 'vitest';
import {
  decodeProgressText,
  emptyProgress,
  normalizeTime,
  parseBadge,
  parseCardState,
  parseLabTask,
  parseModeRecord,
  parsePreferenceEntry,
  parsePreferenceValue,
  parseQuestionRecord,
  parseResume,
  parseScore,
  serializeProgress,
  type Decoded,
  type ProgressState,
} from './schema.ts';

const NOW = '2025-06-01T12:00:00.000Z';
const T1 = '2025-01-01T10:00:00.000Z';
const T2 = '2025-01-02T10:00:00.000Z';

/** A real v2 record, as the course stored it before v3 (every section filled). */
const validV2: Omit<ProgressState, 'version' | 'review'> & { version: 2 } = {
  version: 2,
  lessons: {
    pods: { learn: { firstVisited: T1, lastVisited: T2, done: true, doneAt: T2, attempts: 0 } },
    dns: { challenge: { done: false, best: { earned: 3, total: 4 }, attempts: 2 } },
  },
  questions: { pods: { q1: { mode: 'why', best: { earned: 1, total: 1 }, attempts: 1, lastStatus: 'correct', answeredAt: T1 } } },
  cards: { 'pods/1': { due: T2, reps: 3 } },
  labs: { pods: { t1: { passed: true, at: T1 } } },
  badges: { 'first-steps': { earnedAt: T1 } },
  resume: { lesson: 'pods', mode: 'learn', at: T2 },
  preferences: { theme: { value: 'dark', at: T1 }, narrationRate: { value: 1.25, at: T1 } },
};

/** The same record in v3, with a learner id and one graded drill. */
const validV3: ProgressState = {
  ...validV2,
  version: 3,
  review: {
    learner: 'learner-0001',
    drills: { 'selector-typo': { card: { due: Date.parse(T2), reps: 1, state: 'review', lastReview: Date.parse(T1) }, reviews: 2, lastResult: 'passed' as const, at: T1 } },
  },
};

describe('decodeProgressText', () => {
  const cases: {
    name: string;
    raw: string | null;
    status: Decoded['status'];
    lessons: string[];
    dropped?: string[];
    check?: (decoded: Decoded) => void;
  }[] = [
    { name: 'nothing stored', raw: null, status: 'empty', lessons: [] },
    {
      name: 'valid v2: upgraded to v3 with every record kept',
      raw: JSON.stringify(validV2),
      status: 'upgraded',
      lessons: ['dns', 'pods'],
      dropped: [],
      check: (d) => expect(d.progress).toEqual({ ...validV2, version: 3, review: { drills: {} } }),
    },
    {
      name: 'valid v3 with drills',
      raw: JSON.stringify(validV3),
      status: 'ok',
      lessons: ['dns', 'pods'],
      check: (d) => expect(d.progress).toEqual(validV3),
    },
    {
      name: 'v3 with a bad drill and a bad learner id: the rest of the review kept',
      raw: JSON.stringify({
        ...validV3,
        review: { learner: 'x', drills: { ...validV3.review.drills, broken: { card: { due: T2 }, reviews: -1, lastResult: 'passed', at: T1 } } },
      }),
      status: 'salvaged',
      lessons: ['dns', 'pods'],
      dropped: ['the review learner id', 'drill "broken"'],
      check: (d) => expect(d.progress.review).toEqual({ drills: validV3.review.drills }),
    },
    {
      name: 'v2 with a "review" field (not a v2 field): reported, everything else kept',
      raw: JSON.stringify({ ...validV2, review: validV3.review }),
      status: 'salvaged',
      lessons: ['dns', 'pods'],
      dropped: ['unknown field "review"'],
      check: (d) => expect(d.progress).toEqual({ ...validV2, version: 3, review: { drills: {} } }),
    },
    {
      name: 'v1 record',
      raw: JSON.stringify({
        version: 1,
        lessons: { pods: { visited: ['learn', 'lab'], done: ['learn'], scores: { challenge: 80 } } },
        theme: 'dark',
      }),
      status: 'migrated',
      lessons: ['pods'],
      dropped: [],
      check: (d) => {
        expect(d.progress.lessons['pods']).toEqual({
          learn: { firstVisited: NOW, lastVisited: NOW, done: true, doneAt: NOW, attempts: 0 },
          lab: { firstVisited: NOW, lastVisited: NOW, done: false, attempts: 0 },
          challenge: { done: false, best: { earned: 80, total: 100 }, attempts: 1 },
        });
        expect(d.progress.preferences).toEqual({ theme: { value: 'dark', at: NOW } });
      },
    },
    {
      name: 'v1 with bad entries',
      raw: JSON.stringify({
        version: 1,
        lessons: { pods: { visited: ['learn', 'nope'], done: 'learn', scores: { why: 140 } }, dns: 7 },
        theme: 'blue',
      }),
      status: 'migrated',
      lessons: ['pods'],
      dropped: [
        'lesson "dns"',
        'lesson "pods", visited mode "nope"',
        'lesson "pods", done list',
        'lesson "pods", score for mode "why"',
        'preference "theme"',
      ],
    },
    { name: 'truncated JSON', raw: '{"version":2,', status: 'corrupt', lessons: [] },
    { name: 'an array', raw: '[]', status: 'corrupt', lessons: [] },
    { name: 'null', raw: 'null', status: 'corrupt', lessons: [] },
    { name: 'a JSON string', raw: '"hello"', status: 'corrupt', lessons: [] },
    { name: 'not JSON at all', raw: 'hello', status: 'corrupt', lessons: [] },
    { name: 'an object without version', raw: '{}', status: 'corrupt', lessons: [] },
    {
      name: 'version as a string, valid lessons salvaged',
      raw: JSON.stringify({ ...validV2, version: '2' }),
      status: 'corrupt',
      lessons: ['dns', 'pods'],
    },
    {
      name: 'one bad lesson among good ones',
      raw: JSON.stringify({ ...validV2, lessons: { ...validV2.lessons, broken: 'oops', ingress: { lab: { done: 'yes' }, learn: { done: true } } } }),
      status: 'salvaged',
      lessons: ['dns', 'ingress', 'pods'],
      dropped: ['lesson "broken"', 'lesson "ingress", mode "lab"'],
      check: (d) => {
        expect(d.lessonsFound).toBe(4);
        expect(d.lessonsKept).toBe(3);
        expect(d.progress.lessons['ingress']).toEqual({ learn: { done: true, attempts: 0 } });
      },
    },
    {
      name: 'bad records in every section',
      raw: JSON.stringify({
        ...validV2,
        lessons: { pods: { learn: { done: true }, teleport: { done: true } } },
        questions: { pods: { q1: { mode: 'why' }, q2: validV2.questions['pods']?.['q1'] } },
        cards: { a: { due: null }, b: [], c: { due: 5 } },
        labs: { pods: { t1: { passed: 'true', at: T1 } }, dns: 3 },
        badges: JSON.parse(`{"x":{"earnedAt":"yesterday"},"__proto__":{"earnedAt":"${T1}"}}`) as unknown,
        resume: { lesson: 'pods', mode: 'nap', at: T1 },
        preferences: { theme: { value: 'dark' }, narrationRate: { value: 3, at: T1 }, volume: 1 },
        extra: true,
      }),
      status: 'salvaged',
      lessons: ['pods'],
      dropped: [
        'lesson "pods", mode "teleport"',
        'question "q1" in lesson "pods"',
        'flashcard "a"',
        'flashcard "b"',
        'lab results for lesson "dns"',
        'lab task "t1" in lesson "pods"',
        'badge "x"',
        'badge "__proto__"',
        'the place to resume from',
        'preference "narrationRate"',
        'preference "theme"',
        'preference "volume"',
        'unknown field "extra"',
      ],
      check: (d) => {
        expect(d.progress.cards).toEqual({ c: { due: 5 } });
        expect(d.progress.questions['pods']).toEqual({ q2: validV2.questions['pods']?.['q1'] });
        expect(d.progress.resume).toBeNull();
        expect(Object.getPrototypeOf(d.progress.badges)).toBe(Object.prototype);
      },
    },
    {
      name: 'newer version 99',
      raw: JSON.stringify({ ...validV2, version: 99, hologram: {} }),
      status: 'newer',
      lessons: ['dns', 'pods'],
      check: (d) => expect(d.version).toBe(99),
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const decoded = decodeProgressText(c.raw, NOW);
      expect(decoded.status).toBe(c.status);
      expect(Object.keys(decoded.progress.lessons).sort()).toEqual(c.lessons);
      if (c.dropped) expect([...decoded.dropped].sort()).toEqual([...c.dropped].sort());
      c.check?.(decoded);
      // Whatever came in, the result is a valid record and a fixed point.
      expect(decodeProgressText(serializeProgress(decoded.progress), NOW)).toMatchObject({ status: 'ok', progress: decoded.progress });
    });
  }
});

describe('leaf validators', () => {
  const times: [unknown, string | undefined][] = [
    [T1, T1],
    ['2025-01-01T11:00:00+01:00', T1],
    ['2025-01-01T10:00Z', T1],
    ['2025-01-01', undefined],
    ['yesterday', undefined],
    ['1', undefined],
    [1735725600000, undefined],
    [null, undefined],
  ];
  for (const [input, expected] of times) {
    it(`normalizeTime(${JSON.stringify(input)})`, () => expect(normalizeTime(input)).toBe(expected));
  }

  const scores: [unknown, boolean][] = [
    [{ earned: 0, total: 1 }, true],
    [{ earned: 2.5, total: 5 }, true],
    [{ earned: 2, total: 1 }, false],
    [{ earned: -1, total: 1 }, false],
    [{ earned: 0, total: 0 }, false],
    [{ earned: 1 }, false],
    [{ earned: '1', total: 2 }, false],
  ];
  for (const [input, ok] of scores) {
    it(`parseScore(${JSON.stringify(input)}) is ${ok ? 'valid' : 'invalid'}`, () => expect(parseScore(input) !== undefined).toBe(ok));
  }

  const modes: [unknown, unknown][] = [
    [{}, { done: false, attempts: 0 }],
    [{ done: false, doneAt: T1, attempts: 1 }, { done: false, attempts: 1 }],
    [{ done: true, doneAt: T1, attempts: 1, junk: 1 }, { done: true, doneAt: T1, attempts: 1 }],
    [{ done: true, attempts: 1.5 }, undefined],
    [{ done: true, attempts: -1 }, undefined],
    [{ firstVisited: 'soon' }, undefined],
    [{ best: { earned: 5, total: 4 } }, undefined],
    [[], undefined],
    [null, undefined],
  ];
  for (const [input, expected] of modes) {
    it(`parseModeRecord(${JSON.stringify(input)})`, () => expect(parseModeRecord(input)).toEqual(expected));
  }

  const cards: [unknown, boolean][] = [
    [{ due: T1 }, true],
    [{ due: 0, reps: 1, nested: { a: [1, 2] } }, true],
    [{ due: null }, false],
    [{ due: Number.NaN }, false],
    [{ reps: 1 }, false],
    [[{ due: 1 }], false],
    ['{"due":1}', false],
    [{ due: 1, deep: JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown }, false],
    [{ due: 1, big: 'x'.repeat(30_000) }, false],
  ];
  for (const [input, ok] of cards) {
    it(`parseCardState(${JSON.stringify(input).slice(0, 40)}) is ${ok ? 'valid' : 'invalid'}`, () =>
      expect(parseCardState(input) !== undefined).toBe(ok));
  }

  it('parseQuestionRecord rejects an unknown status', () => {
    expect(parseQuestionRecord({ mode: 'why', best: { earned: 1, total: 1 }, attempts: 1, lastStatus: 'meh', answeredAt: T1 })).toBeUndefined();
  });

  it('parseScore checks ranges and copies the score', () => {
    const score = { earned: 1, total: 2, extra: true };
    expect(parseScore(score)).toStrictEqual({ earned: 1, total: 2 });
    expect(parseScore({ earned: 0, total: 1_000_000 })).toBeDefined();
    expect(parseScore({ earned: 0, total: 1_000_001 })).toBeUndefined();
    expect(parseScore({ earned: 0, total: Number.POSITIVE_INFINITY })).toBeUndefined();
    expect(parseScore({ earned: Number.NaN, total: 1 })).toBeUndefined();
    expect(parseScore([1, 2])).toBeUndefined();
  });

  it('parseModeRecord treats undefined as absent and checks counts', () => {
    expect(parseModeRecord({ done: undefined, attempts: undefined, best: undefined })).toStrictEqual({ done: false, attempts: 0 });
    expect(parseModeRecord({ done: null })).toBeUndefined();
    expect(parseModeRecord({ attempts: 1_000_000_000 })).toEqual({ done: false, attempts: 1_000_000_000 });
    expect(parseModeRecord({ attempts: 1_000_000_001 })).toBeUndefined();
    expect(parseModeRecord({ lastVisited: '2025-01-01T11:00:00+01:00' })).toEqual({ lastVisited: T1, done: false, attempts: 0 });
  });

  it('record checks accept any non-array object and read inherited fields', () => {
    const inherited: unknown = Object.assign(Object.create({ done: true }) as object, { attempts: 2 });
    expect(parseModeRecord(inherited)).toStrictEqual({ done: true, attempts: 2 });
    expect(parseBadge(Object.assign(new Date(0), { earnedAt: T1 }))).toStrictEqual({ earnedAt: T1 });
  });

  it('parseLabTask, parseBadge and parseResume', () => {
    expect(parseLabTask({ passed: false, at: '2025-01-01T10:00Z', x: 1 })).toStrictEqual({ passed: false, at: T1 });
    expect(parseLabTask({ passed: 1, at: T1 })).toBeUndefined();
    expect(parseLabTask({ passed: true })).toBeUndefined();
    expect(parseBadge({ earnedAt: T1 })).toStrictEqual({ earnedAt: T1 });
    expect(parseBadge({ earnedAt: 5 })).toBeUndefined();
    expect(parseBadge(null)).toBeUndefined();
    expect(parseResume({ lesson: 'pods', mode: 'lab', at: T1 })).toStrictEqual({ lesson: 'pods', mode: 'lab', at: T1 });
    expect(parseResume({ lesson: '', mode: 'lab', at: T1 })).toBeUndefined();
    expect(parseResume({ lesson: '__proto__', mode: 'lab', at: T1 })).toBeUndefined();
    expect(parseResume({ lesson: 'pods', mode: 'nap', at: T1 })).toBeUndefined();
  });

  it('parsePreferenceValue and parsePreferenceEntry', () => {
    expect(parsePreferenceValue('theme', 'system')).toBe('system');
    expect(parsePreferenceValue('theme', 'blue')).toBeUndefined();
    expect(parsePreferenceValue('narrationRate', 0.5)).toBe(0.5);
    expect(parsePreferenceValue('narrationRate', 2)).toBe(2);
    expect(parsePreferenceValue('narrationRate', 2.01)).toBeUndefined();
    expect(parsePreferenceValue('narrationRate', '1')).toBeUndefined();
    expect(parsePreferenceValue('preferredMode', 'deep')).toBe('deep');
    expect(parsePreferenceValue('preferredMode', 'nap')).toBeUndefined();
    expect(parsePreferenceEntry('theme', { value: 'dark', at: '2025-01-01T10:00Z' })).toStrictEqual({ value: 'dark', at: T1 });
    expect(parsePreferenceEntry('theme', { value: 'dark' })).toBeUndefined();
  });

  it('emptyProgress is valid', () => {
    expect(decodeProgressText(serializeProgress(emptyProgress()), NOW).status).toBe('ok');
  });
});

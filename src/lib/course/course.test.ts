import { describe, expect, it } from 'vitest';
import { checkCourse, lessonHref, lessonNeighbours, paragraphs, sortLessons, totalMinutes, withBase, type CourseLesson, type LessonFolder } from './course.ts';
import { lessonSchema, type LessonMeta } from './lesson-schema.ts';
import { MODE_SLUGS } from './modes.ts';

const minutes = Object.fromEntries(MODE_SLUGS.map((mode) => [mode, 5])) as LessonMeta['minutes'];

function meta(overrides: Partial<LessonMeta> = {}): LessonMeta {
  return {
    title: 'A lesson',
    summary: 'A summary long enough.',
    order: 1,
    difficulty: 'beginner',
    tags: ['pods'],
    prerequisites: [],
    minutes,
    snapshot: ['one', 'two', 'three', 'four', 'five'],
    transcript: 'x'.repeat(200),
    traces: {},
    narration: [],
    ...overrides,
  };
}

const fullFolder = (slug: string, extra: Partial<LessonFolder> = {}): LessonFolder => ({
  slug,
  mdxFiles: [...MODE_SLUGS],
  scenarios: ['allow'],
  hasMetadata: true,
  ...extra,
});

describe('checkCourse', () => {
  it('accepts a complete lesson', () => {
    expect(checkCourse([fullFolder('a')], [{ slug: 'a', meta: meta() }])).toEqual([]);
  });

  it.each([
    ['a missing mode file', [fullFolder('a', { mdxFiles: MODE_SLUGS.filter((m) => m !== 'lab') })], 'content/lessons/a/lab.mdx: file missing'],
    ['an unknown mode file', [fullFolder('a', { mdxFiles: [...MODE_SLUGS, 'quiz'] })], 'content/lessons/a/quiz.mdx: unknown mode "quiz"'],
    ['a folder without metadata', [fullFolder('a', { hasMetadata: false })], 'content/lessons/a/lesson.yaml: file missing'],
  ])('reports %s naming the file', (_label, folders, expected) => {
    const problems = checkCourse(folders, [{ slug: 'a', meta: meta() }]);
    expect(problems.join('\n')).toContain(expected);
  });

  it('reports duplicate order, unknown prerequisites and missing trace scenarios by field', () => {
    const lessons: CourseLesson[] = [
      { slug: 'a', meta: meta({ order: 1 }) },
      {
        slug: 'b',
        meta: meta({
          order: 1,
          prerequisites: ['nope'],
          traces: { deny: { scenario: 'deny', from: 'default/a', to: 'default/b', port: 80, protocol: 'TCP' } },
        }),
      },
    ];
    const problems = checkCourse([fullFolder('a'), fullFolder('b')], lessons).join('\n');
    expect(problems).toContain('content/lessons/b/lesson.yaml: order: 1 is already used by lesson "a"');
    expect(problems).toContain('content/lessons/b/lesson.yaml: prerequisites[0]: unknown lesson "nope"');
    expect(problems).toContain('content/lessons/b/lesson.yaml: traces.deny.scenario: no file scenarios/deny.yaml');
  });
});

describe('lesson metadata schema', () => {
  it('names the field that is wrong', () => {
    const result = lessonSchema.safeParse({ ...meta(), difficulty: 'expert' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['difficulty']);
  });

  it('requires minutes for all nine modes', () => {
    const { lab: _dropped, ...partial } = minutes;
    const result = lessonSchema.safeParse({ ...meta(), minutes: partial });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['minutes', 'lab']);
  });

  it('rejects fewer than five snapshot bullets', () => {
    expect(lessonSchema.safeParse({ ...meta(), snapshot: ['a b c'] }).success).toBe(false);
  });
});

describe('navigation', () => {
  const lessons = [
    { slug: 'c', meta: meta({ order: 3 }) },
    { slug: 'a', meta: meta({ order: 1 }) },
    { slug: 'b', meta: meta({ order: 2 }) },
  ];

  it('orders lessons by their order field', () => {
    expect(sortLessons(lessons).map((l) => l.slug)).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['a', undefined, 'b'],
    ['b', 'a', 'c'],
    ['c', 'b', undefined],
  ])('neighbours of %s are %s and %s', (slug, previous, next) => {
    const result = lessonNeighbours(lessons, slug);
    expect(result.previous?.slug).toBe(previous);
    expect(result.next?.slug).toBe(next);
  });

  it('sums the minutes of all nine modes', () => {
    expect(totalMinutes(meta())).toBe(45);
  });
});

describe('URLs under a base path', () => {
  it.each([
    ['/', 'lessons/x/', '/lessons/x/'],
    ['/course/', 'lessons/x/', '/course/lessons/x/'],
    ['/course', '/lessons/x', '/course/lessons/x/'],
    ['/course/', 'favicon.svg', '/course/favicon.svg'],
  ])('withBase(%s, %s) is %s', (base, path, expected) => {
    expect(withBase(base, path)).toBe(expected);
  });

  it('builds mode URLs', () => {
    expect(lessonHref('/course/', 'intro', 'lab')).toBe('/course/lessons/intro/lab/');
    expect(lessonHref('/', 'intro')).toBe('/lessons/intro/');
  });
});

describe('paragraphs', () => {
  it('splits on blank lines and folds whitespace', () => {
    expect(paragraphs('One\nline.\n\n  Two.  \n\n\n')).toEqual(['One line.', 'Two.']);
  });
});

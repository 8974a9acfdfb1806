import { describe, expect, it } from 'vitest';
import { checkCourse, courseMap, lessonHref, lessonNeighbours, paragraphs, sortLessons, totalMinutes, withBase, type CourseLesson } from './course.ts';
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
    settings: {},
    narration: [],
    ...overrides,
  };
}

const outline = {
  lessons: [
    { slug: 'a', title: 'A', summary: 'First.' },
    { slug: 'b', title: 'B', summary: 'Second.' },
    { slug: 'c', title: 'C', summary: 'Third, not written yet.' },
  ],
};

describe('checkCourse', () => {
  it('accepts lessons in their outline positions', () => {
    expect(checkCourse([{ slug: 'a', meta: meta({ order: 1 }) }, { slug: 'b', meta: meta({ order: 2 }) }], outline)).toEqual([]);
  });

  it.each([
    ['a duplicate order', [{ slug: 'x', meta: meta({ order: 4 }) }, { slug: 'y', meta: meta({ order: 4 }) }], 'content/lessons/y/lesson.yaml: order: 4 is already used by lesson "x"'],
    ['an order other than the outline\'s', [{ slug: 'b', meta: meta({ order: 3 }) }], 'content/lessons/b/lesson.yaml: order: 3, but content/course.yaml lists "b" as lesson 2'],
    ['an unlisted lesson on a planned position', [{ slug: 'new', meta: meta({ order: 3 }) }], 'content/lessons/new/lesson.yaml: order: 3 is lesson "c" in content/course.yaml'],
    ['an unknown prerequisite', [{ slug: 'a', meta: meta({ order: 1, prerequisites: ['nope'] }) }], 'content/lessons/a/lesson.yaml: prerequisites[0]: unknown lesson "nope"'],
    ['a lesson requiring itself', [{ slug: 'a', meta: meta({ order: 1, prerequisites: ['a'] }) }], 'content/lessons/a/lesson.yaml: prerequisites[0]: a lesson cannot require itself'],
  ])('reports %s naming the file and the field', (_label, lessons, expected) => {
    expect(checkCourse(lessons as CourseLesson[], outline).join('\n')).toContain(expected);
  });

  it('accepts a planned lesson as a prerequisite before it is written, and an unlisted lesson on a free position', () => {
    expect(checkCourse([{ slug: 'a', meta: meta({ order: 1, prerequisites: ['c'] }) }, { slug: 'extra', meta: meta({ order: 10 }) }], outline)).toEqual([]);
  });
});

describe('courseMap', () => {
  it('lists the outline in order, written lessons as ready and the others as coming soon, then unlisted lessons', () => {
    const map = courseMap([{ slug: 'extra', meta: meta({ order: 10 }) }, { slug: 'b', meta: meta({ order: 2 }) }], outline);
    expect(map.map((entry) => `${entry.order}:${entry.slug}:${entry.status}`)).toEqual([
      '1:a:coming-soon',
      '2:b:ready',
      '3:c:coming-soon',
      '10:extra:ready',
    ]);
    expect(map[2]).toMatchObject({ title: 'C', summary: 'Third, not written yet.' });
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

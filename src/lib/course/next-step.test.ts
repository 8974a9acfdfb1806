import { describe, expect, it } from 'vitest';
import { MODE_SLUGS, type ModeSlug } from './modes.ts';
import { nextStep, type NextStepLesson } from './next-step.ts';

const lessons: NextStepLesson[] = [
  { slug: 'one', title: 'One', prerequisites: [] },
  { slug: 'two', title: 'Two', prerequisites: ['one'] },
  { slug: 'three', title: 'Three', prerequisites: ['planned'] },
];
const doneSet = (...entries: string[]) => (lesson: string, mode: ModeSlug) => entries.includes(`${lesson}/${mode}`) || entries.includes(`${lesson}/*`);

describe('nextStep', () => {
  it('starts a new learner on the first lesson, first mode', () => {
    expect(nextStep(lessons, doneSet(), null)).toEqual({ kind: 'start', lesson: 'one', mode: 'learn' });
  });

  it('continues the lesson the learner was in, at the next mode not done (wrapping round)', () => {
    expect(nextStep(lessons, doneSet('one/learn', 'one/why'), { lesson: 'one', mode: 'why' })).toEqual({ kind: 'continue', lesson: 'one', mode: 'deep' });
    const allButLearn = MODE_SLUGS.filter((mode) => mode !== 'learn').map((mode) => `one/${mode}`);
    expect(nextStep(lessons, doneSet(...allButLearn), { lesson: 'one', mode: 'challenge' })).toEqual({ kind: 'continue', lesson: 'one', mode: 'learn' });
  });

  it('moves on to the first unfinished lesson whose written prerequisites are finished', () => {
    expect(nextStep(lessons, doneSet('one/*'), { lesson: 'one', mode: 'lab' })).toEqual({ kind: 'next-lesson', lesson: 'two', mode: 'learn' });
  });

  it('treats a prerequisite not written yet as no obstacle', () => {
    expect(nextStep(lessons, doneSet('one/*', 'two/*'), { lesson: 'two', mode: 'learn' })).toEqual({ kind: 'next-lesson', lesson: 'three', mode: 'learn' });
  });

  it('says when every written lesson is finished', () => {
    expect(nextStep(lessons, doneSet('one/*', 'two/*', 'three/*'), null)).toEqual({ kind: 'finished' });
  });
});

import { describe, expect, it } from 'vitest';
import { MODE_SLUGS, type ModeSlug } from './course/modes.ts';
import { nextSteps } from './next-steps.ts';

const minutes = Object.fromEntries(MODE_SLUGS.map((mode) => [mode, 10])) as Record<ModeSlug, number>;
const lesson = { slug: 'why-kubernetes-networking-matters', minutes };

describe('nextSteps', () => {
  it('leads from a mode to the next mode first', () => {
    const steps = nextSteps({ base: '/', lesson, mode: 'visualize' });
    expect(steps[0]).toEqual({ label: 'Next mode: Listen', href: '/lessons/why-kubernetes-networking-matters/listen/', note: '(auditory, ~10 min)' });
    expect(steps.map((step) => step.label)).toContain('Review the flashcards that are due');
  });

  it('leads from the last mode to the next lesson, under the base path', () => {
    const steps = nextSteps({ base: '/course/', lesson, mode: 'challenge', nextLesson: { slug: 'kubernetes-network-model', title: 'The Kubernetes network model' } });
    expect(steps[0]).toEqual({ label: 'Next lesson: The Kubernetes network model', href: '/course/lessons/kubernetes-network-model/' });
  });

  it('says when there is no next lesson yet, and still offers review and progress', () => {
    const steps = nextSteps({ base: '/', lesson, mode: 'challenge' });
    expect(steps.map((step) => step.href)).toEqual(['/lessons/why-kubernetes-networking-matters/review/#flashcards', '/progress/']);
    expect(steps.at(-1)?.note).toBe('(the next lesson is not published yet)');
  });

  it('does not send Review to itself', () => {
    expect(nextSteps({ base: '/', lesson, mode: 'review' }).some((step) => step.href.includes('/review/'))).toBe(false);
  });
});

/**
 * The lesson contract, checked on every lesson folder of every content root (the course's and the e2e
 * fixture's): the folder's files are valid, every mode can be finished, every reference on a page
 * resolves, and the simulator checks pass (scenarios, traces, narration cues, commands, simulator-keyed
 * questions, the lab's reference solution). A new lesson folder is tested here with no change to this file.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_ROOTS } from '../../data/content-root.ts';
import { readLessonFolders, readOutlineText } from './content-files.ts';
import { checkLessonContract } from './contract.ts';
import { SIMULATION_CHECKS, simulateLesson } from './contract-simulation.ts';
import { checkCourse } from './course.ts';
import { formatIssues } from './field-schemas.ts';
import { readLessonFolder } from './lesson-folder.ts';
import { outlineSchema } from './outline-schema.ts';
import { readYaml } from './read-yaml.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const CHECK_NAMES: Record<keyof typeof SIMULATION_CHECKS, string> = {
  scenarios: 'every scenario builds a cluster',
  traces: 'every named trace runs on its scenario',
  narration: 'every narration cue resolves to a step of its trace',
  pages: 'every StepLink, CommandCard and Terminal command names something that exists',
  questions: 'every simulator-keyed question computes its key',
  lab: "the lab's reference solution passes every task, and the starting scenario passes none",
};

for (const root of CONTENT_ROOTS) {
  const folders = readLessonFolders(repo, root);

  describe(`${root}`, () => {
    it('has lessons', () => {
      expect(folders.length).toBeGreaterThan(0);
    });

    it('has a valid outline that agrees with the lessons', () => {
      const text = readOutlineText(repo, root);
      expect(text, `${root}/course.yaml exists`).toBeDefined();
      const yaml = readYaml(`${root}/course.yaml`, text ?? '');
      if (!yaml.ok) throw new Error(yaml.error);
      const outline = outlineSchema.safeParse(yaml.value);
      expect(outline.success ? [] : formatIssues(`${root}/course.yaml`, outline.error)).toEqual([]);
      const lessons = folders.flatMap(({ dir, files }) => {
        const { source } = readLessonFolder(dir, files);
        return source.meta ? [{ slug: source.slug, meta: source.meta }] : [];
      });
      expect(checkCourse(lessons, outline.data, root)).toEqual([]);
    });
  });

  describe.each(folders)(`${root}/lessons/$slug`, ({ dir, files }) => {
    const { source, problems } = readLessonFolder(dir, files);
    const simulation = simulateLesson(source);

    it('its files are valid (lesson, lab, questions, flashcards, nine mode pages)', () => {
      expect(problems).toEqual([]);
    });

    it('every mode can be finished, and every set, scenario, trace and link a page names exists', () => {
      expect(checkLessonContract(source)).toEqual([]);
    });

    it.each(Object.entries(SIMULATION_CHECKS).map(([name, check]) => [CHECK_NAMES[name as keyof typeof SIMULATION_CHECKS], check] as const))(
      '%s',
      (_name, check) => {
        expect(check(source, simulation)).toEqual([]);
      },
    );
  });
}

/**
 * The course as the pages see it: every lesson folder of the content root read and validated once per
 * build (lesson.yaml, lab.yaml, questions.yaml, flashcards.yaml, scenarios, the MDX pages), checked
 * against the lesson contract and the simulator, and the course outline. A broken lesson fails the build
 * here with every problem listed, each naming the file and the field (or line).
 */
import { checkCourse, courseMap, sortLessons, type CourseLesson, type CourseMapEntry } from '../lib/course/course.ts';
import { readLessonFolder, type LessonSource } from '../lib/course/lesson-folder.ts';
import { checkLessonContract } from '../lib/course/contract.ts';
import { checkLessonSimulation, simulateLesson, type LessonSimulation } from '../lib/course/contract-simulation.ts';
import { outlineSchema, type Outline } from '../lib/course/outline-schema.ts';
import { formatIssues } from '../lib/course/field-schemas.ts';
import { readYaml } from '../lib/course/read-yaml.ts';
import type { LessonMeta } from '../lib/course/lesson-schema.ts';
import type { Lab } from '../lib/lab/lab-schema.ts';
import { contentRoot, type ContentRoot } from './content-root.ts';

/** A lesson with its slug, validated metadata and everything its folder holds. */
export interface Lesson extends CourseLesson {
  /** Folder name under `<content root>/lessons/`. */
  slug: string;
  /** lesson.yaml, validated. */
  meta: LessonMeta;
  /** The whole folder, parsed. */
  source: LessonSource;
}

// Vite needs literal glob patterns and options: one set per content root.
const FILES: Record<ContentRoot, Record<string, string>> = {
  content: import.meta.glob<string>(['/content/course.yaml', '/content/lessons/*/*.yaml', '/content/lessons/*/scenarios/*.yaml'], { query: '?raw', import: 'default', eager: true }),
  'e2e/fixtures/content': import.meta.glob<string>(
    ['/e2e/fixtures/content/course.yaml', '/e2e/fixtures/content/lessons/*/*.yaml', '/e2e/fixtures/content/lessons/*/scenarios/*.yaml'],
    { query: '?raw', import: 'default', eager: true },
  ),
};
const MDX: Record<ContentRoot, Record<string, string>> = {
  content: import.meta.glob<string>('/content/lessons/*/*.mdx', { query: '?raw', import: 'default', eager: true }),
  'e2e/fixtures/content': import.meta.glob<string>('/e2e/fixtures/content/lessons/*/*.mdx', { query: '?raw', import: 'default', eager: true }),
};

/** The content root of this build. */
export const ROOT: ContentRoot = contentRoot();

interface Course {
  lessons: Lesson[];
  outline: Outline | undefined;
  simulations: Map<string, LessonSimulation>;
}

/** Groups the root's files by lesson folder: slug → path inside the folder → text. */
function folders(): Map<string, Record<string, string>> {
  const prefix = `/${ROOT}/lessons/`;
  const bySlug = new Map<string, Record<string, string>>();
  for (const [path, text] of [...Object.entries(FILES[ROOT]), ...Object.entries(MDX[ROOT])]) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    const slug = rest.slice(0, slash);
    const files = bySlug.get(slug) ?? {};
    files[rest.slice(slash + 1)] = text;
    bySlug.set(slug, files);
  }
  return bySlug;
}

function readOutline(problems: string[]): Outline | undefined {
  const file = `${ROOT}/course.yaml`;
  const text = FILES[ROOT][`/${file}`];
  if (text === undefined) {
    problems.push(`${file}: file missing: the course outline lists every planned lesson in order.`);
    return undefined;
  }
  const yaml = readYaml(file, text);
  if (!yaml.ok) {
    problems.push(yaml.error);
    return undefined;
  }
  const result = outlineSchema.safeParse(yaml.value);
  if (!result.success) {
    problems.push(...formatIssues(file, result.error));
    return undefined;
  }
  return result.data;
}

let course: Course | undefined;

/** The checked course (computed once per build); throws, failing the build, when anything is wrong. */
function getCourse(): Course {
  if (course) return course;
  const problems: string[] = [];
  const outline = readOutline(problems);
  const lessons: Lesson[] = [];
  const simulations = new Map<string, LessonSimulation>();
  for (const [slug, files] of folders()) {
    const { source, problems: folderProblems } = readLessonFolder(`${ROOT}/lessons/${slug}`, files);
    problems.push(...folderProblems, ...checkLessonContract(source));
    const simulation = simulateLesson(source);
    problems.push(...checkLessonSimulation(source, simulation));
    simulations.set(slug, simulation);
    if (source.meta) lessons.push({ slug, meta: source.meta, source });
  }
  problems.push(...checkCourse(lessons, outline, ROOT));
  if (problems.length > 0) {
    throw new Error(`The course content has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  }
  course = { lessons: sortLessons(lessons), outline, simulations };
  return course;
}

/** Every lesson in course order; throws (failing the build) when the course has problems. */
export async function getLessons(): Promise<Lesson[]> {
  return getCourse().lessons;
}

/** One lesson by slug, or a build error naming the slug. */
export async function getLesson(slug: string): Promise<Lesson> {
  return lessonBySlug(slug);
}

/** One lesson by slug, synchronously (for build-time data modules). */
export function lessonBySlug(slug: string): Lesson {
  const lesson = getCourse().lessons.find((candidate) => candidate.slug === slug);
  if (!lesson) throw new Error(`No lesson "${slug}" under ${ROOT}/lessons/.`);
  return lesson;
}

/** The course map: every planned lesson in order, written or coming soon. */
export function getCourseMap(): CourseMapEntry<Lesson>[] {
  const { lessons, outline } = getCourse();
  return courseMap(lessons, outline);
}

/** The simulation of a lesson's scenarios and traces, shared by every page of the build. */
export function lessonSimulation(slug: string): LessonSimulation {
  const simulation = getCourse().simulations.get(slug);
  if (!simulation) throw new Error(`No lesson "${slug}" under ${ROOT}/lessons/.`);
  return simulation;
}

/** The lesson's lab.yaml, validated, or a build error naming the file. */
export function lessonLab(slug: string): Lab {
  const lab = lessonBySlug(slug).source.lab;
  if (!lab) throw new Error(`${ROOT}/lessons/${slug}/lab.yaml: file missing (the lab page uses <Lab />).`);
  return lab;
}

/** Every scenario file as [lesson slug, scenario name]. */
export function scenarioNames(): [string, string][] {
  return getCourse().lessons.flatMap((lesson) => Object.keys(lesson.source.scenarios).map((name): [string, string] => [lesson.slug, name]));
}

/** The manifest text of a lesson's scenario (`scenarios/<name>.yaml`), or a build error naming the file. */
export function scenarioText(slug: string, name: string): string {
  const text = lessonBySlug(slug).source.scenarios[name];
  if (text === undefined) throw new Error(`${ROOT}/lessons/${slug}/scenarios/${name}.yaml: file missing (named by a component or trace).`);
  return text;
}

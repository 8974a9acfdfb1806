/**
 * The course as the pages see it: lessons from the content collections, checked
 * once per build. A broken lesson (missing or unknown mode file, bad metadata,
 * a trace naming a missing scenario) fails the build here with every problem
 * listed by file and field.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { checkCourse, sortLessons, type LessonFolder } from '../lib/course/course.ts';

/** A lesson with its slug and validated metadata. */
export type Lesson = CollectionEntry<'lessons'> & { slug: string; meta: CollectionEntry<'lessons'>['data'] };

const mdxFiles = Object.keys(import.meta.glob('/content/lessons/*/*.mdx'));
const metadataFiles = Object.keys(import.meta.glob('/content/lessons/*/lesson.yaml'));
const scenarioTexts = import.meta.glob<string>('/content/lessons/*/scenarios/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** `/content/lessons/<slug>/<rest>` → [slug, rest]. */
function splitLessonPath(path: string): [string, string] {
  const rest = path.replace(/^\/content\/lessons\//, '');
  const slash = rest.indexOf('/');
  return [rest.slice(0, slash), rest.slice(slash + 1)];
}

/** The folders under content/lessons with what each contains. */
function lessonFolders(): LessonFolder[] {
  const folders = new Map<string, LessonFolder>();
  const folder = (slug: string): LessonFolder => {
    let found = folders.get(slug);
    if (!found) {
      found = { slug, mdxFiles: [], scenarios: [], hasMetadata: false };
      folders.set(slug, found);
    }
    return found;
  };
  for (const path of mdxFiles) {
    const [slug, file] = splitLessonPath(path);
    folder(slug).mdxFiles.push(file.replace(/\.mdx$/, ''));
  }
  for (const path of metadataFiles) folder(splitLessonPath(path)[0]).hasMetadata = true;
  for (const path of Object.keys(scenarioTexts)) {
    const [slug, file] = splitLessonPath(path);
    folder(slug).scenarios.push(file.replace(/^scenarios\//, '').replace(/\.yaml$/, ''));
  }
  return [...folders.values()];
}

let checked: Promise<Lesson[]> | undefined;

/** Every lesson in course order; throws (failing the build) when the course has structural problems. */
export function getLessons(): Promise<Lesson[]> {
  checked ??= (async () => {
    const entries = await getCollection('lessons');
    const lessons = entries.map((entry) => Object.assign(entry, { slug: entry.id, meta: entry.data }));
    const problems = checkCourse(lessonFolders(), lessons);
    if (problems.length > 0) {
      throw new Error(`The course content has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    }
    return sortLessons(lessons);
  })();
  return checked;
}

/** One lesson by slug, or a build error naming the slug. */
export async function getLesson(slug: string): Promise<Lesson> {
  const lesson = (await getLessons()).find((candidate) => candidate.slug === slug);
  if (!lesson) throw new Error(`No lesson "${slug}" under content/lessons/.`);
  return lesson;
}

/** Every scenario file as [lesson slug, scenario name]. */
export function scenarioNames(): [string, string][] {
  return Object.keys(scenarioTexts).map((path) => {
    const [slug, file] = splitLessonPath(path);
    return [slug, file.replace(/^scenarios\//, '').replace(/\.yaml$/, '')];
  });
}

/** The manifest text of a lesson's scenario (`scenarios/<name>.yaml`), or a build error naming the file. */
export function scenarioText(slug: string, name: string): string {
  const path = `/content/lessons/${slug}/scenarios/${name}.yaml`;
  const text = scenarioTexts[path];
  if (text === undefined) throw new Error(`content/lessons/${slug}/scenarios/${name}.yaml: file missing (named by a component or trace).`);
  return text;
}

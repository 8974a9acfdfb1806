/**
 * One lesson folder read and validated, as pure data: the files found (texts in, from Vite's globs at
 * build time or from the file system in the contract tests) become a `LessonSource` with every file
 * parsed by its schema, plus a list of problems, each naming the file and the field. The build and the
 * contract tests read lessons through this one function, so both see the same lesson.
 */
import { lessonSchema, type LessonMeta } from './lesson-schema.ts';
import { labSchema, type Lab } from '../lab/lab-schema.ts';
import { questionFileSchema, formatQuestionFileError, type Question } from '../quiz/schema.ts';
import { flashcardFileSchema, formatFlashcardFileError, type Flashcard } from '../flashcards/schema.ts';
import { formatIssues } from './field-schemas.ts';
import { componentUsages, type ComponentUsage } from './mdx-usage.ts';
import { isModeSlug, MODE_SLUGS, type ModeSlug } from './modes.ts';
import { readYaml } from './read-yaml.ts';

/** One MDX page of a lesson: its text and the components it uses. */
export interface LessonPage {
  /** The file's path for messages, e.g. `content/lessons/x/learn.mdx`. */
  readonly file: string;
  /** The MDX source. */
  readonly text: string;
  /** Components used on the page, in order. */
  readonly usages: readonly ComponentUsage[];
}

/** A lesson folder, parsed. A field is undefined when its file is missing or invalid (see the problems). */
export interface LessonSource {
  /** The folder name: the slug in every URL. */
  readonly slug: string;
  /** The folder's path for messages, e.g. `content/lessons/x`. */
  readonly dir: string;
  /** Every file of the folder by path relative to it (`lesson.yaml`, `scenarios/allow.yaml`), as text. */
  readonly files: Readonly<Record<string, string>>;
  /** lesson.yaml, validated. */
  readonly meta: LessonMeta | undefined;
  /** lab.yaml, validated. */
  readonly lab: Lab | undefined;
  /** questions.yaml's questions, validated (empty without the file). */
  readonly questions: readonly Question[];
  /** flashcards.yaml's cards, validated (empty without the file). */
  readonly flashcards: readonly Flashcard[];
  /** Scenario manifests by name (`scenarios/<name>.yaml`). */
  readonly scenarios: Readonly<Record<string, string>>;
  /** The mode pages found, by mode. */
  readonly pages: Readonly<Partial<Record<ModeSlug, LessonPage>>>;
  /** Whether lesson.yaml, questions.yaml, flashcards.yaml and lab.yaml exist. */
  readonly has: Readonly<Record<'lesson' | 'questions' | 'flashcards' | 'lab', boolean>>;
}

/** Parses one YAML file with `parse`, adding its problems; undefined when missing or invalid. */
function parseFile<T>(
  files: Readonly<Record<string, string>>,
  dir: string,
  name: string,
  parse: (file: string, value: unknown) => { ok: true; value: T } | { ok: false; problems: string[] },
  problems: string[],
): T | undefined {
  const text = files[name];
  if (text === undefined) return undefined;
  const file = `${dir}/${name}`;
  const yaml = readYaml(file, text);
  if (!yaml.ok) {
    problems.push(yaml.error);
    return undefined;
  }
  const result = parse(file, yaml.value);
  if (!result.ok) {
    problems.push(...result.problems);
    return undefined;
  }
  return result.value;
}

/** Reads the lesson folder `dir` (e.g. `content/lessons/<slug>`) from its files; every problem names the file and the field. */
export function readLessonFolder(dir: string, files: Readonly<Record<string, string>>): { source: LessonSource; problems: string[] } {
  const slug = dir.split('/').at(-1) ?? dir;
  const problems: string[] = [];
  const meta = parseFile(files, dir, 'lesson.yaml', (file, value) => {
    const result = lessonSchema.safeParse(value);
    return result.success ? { ok: true, value: result.data } : { ok: false, problems: formatIssues(file, result.error) };
  }, problems);
  const lab = parseFile(files, dir, 'lab.yaml', (file, value) => {
    const result = labSchema.safeParse(value);
    return result.success ? { ok: true, value: result.data } : { ok: false, problems: formatIssues(file, result.error) };
  }, problems);
  const questions = parseFile(files, dir, 'questions.yaml', (file, value) => {
    const result = questionFileSchema.safeParse(value);
    return result.success
      ? { ok: true, value: result.data.questions }
      : { ok: false, problems: formatQuestionFileError(file, result.error, value).split('\n') };
  }, problems);
  const flashcards = parseFile(files, dir, 'flashcards.yaml', (file, value) => {
    const result = flashcardFileSchema.safeParse(value);
    return result.success
      ? { ok: true, value: result.data.cards }
      : { ok: false, problems: formatFlashcardFileError(file, result.error, value).split('\n') };
  }, problems);

  const scenarios: Record<string, string> = {};
  const pages: Partial<Record<ModeSlug, LessonPage>> = {};
  for (const [name, text] of Object.entries(files)) {
    const scenario = /^scenarios\/([^/]+)\.yaml$/.exec(name);
    if (scenario) scenarios[scenario[1]!] = text;
    const page = /^([^/]+)\.mdx$/.exec(name);
    if (page) {
      const mode = page[1]!;
      if (isModeSlug(mode)) pages[mode] = { file: `${dir}/${name}`, text, usages: componentUsages(text) };
      else {
        problems.push(
          `${dir}/${name}: unknown mode "${mode}": mode files must be named after one of the nine modes (${MODE_SLUGS.join(', ')}).`,
        );
      }
    }
  }
  if (files['lesson.yaml'] === undefined) {
    problems.push(`${dir}/lesson.yaml: file missing: every lesson folder needs its metadata (title, summary, order, …).`);
  }
  for (const mode of MODE_SLUGS) {
    if (!pages[mode]) problems.push(`${dir}/${mode}.mdx: file missing: every lesson has all nine modes, and mode "${mode}" has no page.`);
  }
  const has = {
    lesson: files['lesson.yaml'] !== undefined,
    questions: files['questions.yaml'] !== undefined,
    flashcards: files['flashcards.yaml'] !== undefined,
    lab: files['lab.yaml'] !== undefined,
  };
  return {
    source: { slug, dir, files, meta, lab, questions: questions ?? [], flashcards: flashcards ?? [], scenarios, pages, has },
    problems,
  };
}

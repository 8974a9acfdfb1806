/**
 * Reading a content root from the file system (Node only): for the contract tests and tools, which
 * check the lessons without running Astro. The build reads the same files through Vite's globs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One lesson folder: its path (`<root>/lessons/<slug>`) and its files by path inside it. */
export interface LessonFolderFiles {
  readonly slug: string;
  readonly dir: string;
  readonly files: Record<string, string>;
}

/** The files of a lesson folder that the course reads: `*.yaml`, `*.mdx` and `scenarios/*.yaml`. */
function lessonFiles(absolute: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(absolute)) {
    const path = join(absolute, name);
    if (statSync(path).isFile() && /\.(ya?ml|mdx)$/.test(name)) files[name] = readFileSync(path, 'utf8');
  }
  const scenarios = join(absolute, 'scenarios');
  if (existsSync(scenarios)) {
    for (const name of readdirSync(scenarios)) {
      if (name.endsWith('.yaml')) files[`scenarios/${name}`] = readFileSync(join(scenarios, name), 'utf8');
    }
  }
  return files;
}

/** Every lesson folder under `<repo>/<root>/lessons`, sorted by slug. */
export function readLessonFolders(repo: string, root: string): LessonFolderFiles[] {
  const lessons = join(repo, root, 'lessons');
  if (!existsSync(lessons)) return [];
  return readdirSync(lessons)
    .filter((name) => statSync(join(lessons, name)).isDirectory())
    .sort()
    .map((slug) => ({ slug, dir: relative(repo, join(lessons, slug)).split('\\').join('/'), files: lessonFiles(join(lessons, slug)) }));
}

/** The outline text of a content root (`<root>/course.yaml`), or undefined. */
export function readOutlineText(repo: string, root: string): string | undefined {
  const path = join(repo, root, 'course.yaml');
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/**
 * Which content the site is built from. A content root is a folder holding `course.yaml` (the outline)
 * and `lessons/<slug>/`. The course lives in `content/`; the engine end-to-end tests build a separate
 * site from the fixture lesson in `e2e/fixtures/content/` (CONTENT_ROOT=e2e/fixtures/content), which
 * never reaches the course's build, home page, sitemap or search.
 */

/** The content roots the build knows (Vite's globs need them spelled out). */
export const CONTENT_ROOTS = ['content', 'e2e/fixtures/content'] as const;

/** A known content root. */
export type ContentRoot = (typeof CONTENT_ROOTS)[number];

/** The content root of this build: `CONTENT_ROOT` from the environment, `content` by default. */
export function contentRoot(value: string | undefined = process.env.CONTENT_ROOT): ContentRoot {
  const root = (value ?? 'content').replace(/^\.\//, '').replace(/\/+$/, '');
  if (!(CONTENT_ROOTS as readonly string[]).includes(root)) {
    throw new Error(`CONTENT_ROOT=${value}: unknown content root; use one of ${CONTENT_ROOTS.join(', ')}.`);
  }
  return root as ContentRoot;
}

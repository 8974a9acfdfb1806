/** Helpers shared by the end-to-end specs: the lesson under test and site crawling. */
import type { APIRequestContext } from '@playwright/test';

/** The seed lesson, present in every build. */
export const LESSON = 'why-kubernetes-networking-matters';

/** The nine modes with the names the switcher shows. */
export const MODES = [
  ['learn', 'Learn'],
  ['why', 'Why'],
  ['deep', 'Deep dive'],
  ['visualize', 'Visualize'],
  ['listen', 'Listen'],
  ['lab', 'Lab'],
  ['review', 'Review'],
  ['try', 'Try'],
  ['challenge', 'Challenge'],
] as const;

/** Internal page links (same origin, under `base`) found in an HTML document. */
export function internalLinks(html: string, pageUrl: string, base: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/\s(?:href|src)="([^"#]*)(?:#[^"]*)?"/g)) {
    const raw = match[1];
    if (!raw || raw.startsWith('mailto:') || raw.startsWith('data:')) continue;
    const url = new URL(raw, pageUrl);
    if (url.origin !== new URL(pageUrl).origin) continue;
    if (!url.pathname.startsWith(base)) {
      links.add(url.pathname); // outside the base: reported as broken by the caller
      continue;
    }
    links.add(url.pathname);
  }
  return [...links];
}

/** Every page reachable by links from the base, with the broken links found on the way. */
export async function crawl(
  request: APIRequestContext,
  origin: string,
  base: string,
): Promise<{ pages: string[]; broken: { from: string; to: string; status: number }[] }> {
  const seen = new Set<string>([base]);
  const queue = [base];
  const pages: string[] = [];
  const broken: { from: string; to: string; status: number }[] = [];
  const statusOf = new Map<string, number>();
  while (queue.length > 0) {
    const path = queue.shift()!;
    const response = await request.get(origin + path);
    statusOf.set(path, response.status());
    const type = response.headers()['content-type'] ?? '';
    if (!response.ok() || !type.includes('text/html')) continue;
    pages.push(path);
    const html = await response.text();
    for (const link of internalLinks(html, origin + path, base)) {
      if (!link.startsWith(base)) {
        broken.push({ from: path, to: link, status: 0 });
        continue;
      }
      if (!seen.has(link)) {
        seen.add(link);
        queue.push(link);
        const check = await request.get(origin + link);
        statusOf.set(link, check.status());
        if (!check.ok()) broken.push({ from: path, to: link, status: check.status() });
      }
    }
  }
  return { pages, broken };
}

/** Waits until the island holding `locator` has hydrated (Astro drops the `ssr` attribute then), scrolling it into view first. */
export async function hydrated(locator: import('@playwright/test').Locator): Promise<void> {
  await locator.first().scrollIntoViewIfNeeded();
  await locator
    .first()
    .locator('xpath=ancestor::astro-island[1]')
    .and(locator.page().locator('astro-island:not([ssr])'))
    .waitFor({ state: 'attached' });
}

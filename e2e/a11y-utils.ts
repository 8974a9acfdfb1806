/**
 * Helpers for the WCAG 2.2 checks a scanner cannot make (e2e/a11y-*.spec.ts): the pages to check
 * (every mode page of every lesson in content/, so lessons are covered as they land), waking every
 * island, and in-page measurements (targets, sideways scrollers, obscured focus, running animations).
 * Each measurement returns what it found, named, so a failure says which control and where.
 */
import type { Page } from '@playwright/test';
import { courseLessons, MODES } from './test-utils.ts';

/** The course's pages outside the lessons. */
export const FRAME_PAGES = ['/', '/progress/', '/review/', '/accessibility/', '/404.html'];

/** Every mode page of every written lesson: `{ lesson, mode, path }`. */
export function lessonModePages(): { lesson: string; mode: string; name: string; path: string }[] {
  return courseLessons().flatMap((lesson) =>
    MODES.map(([mode, name]) => ({ lesson: lesson.slug, mode, name, path: `/lessons/${lesson.slug}/${mode}/` })),
  );
}

/** Every page to check: the frame's pages, then each lesson's nine mode pages. */
export function allPages(): string[] {
  return [...FRAME_PAGES, ...lessonModePages().map((entry) => entry.path)];
}

/**
 * Wakes every island on the page as a learner would (scroll it into view, bring the pointer over it)
 * and waits, island by island, until each one that shows something has hydrated, then returns to the
 * top, so what is measured next is the live page and nothing changes under the measurement (the lab's
 * editor, which becomes CodeMirror on first focus, is upgraded too). An island
 * is `display: contents` (no box of its own), so it is scrolled to and judged by its children; one
 * that renders nothing until an event (the progress notices) is left asleep.
 */
export async function wakeIslands(page: Page): Promise<void> {
  // Numbered first: an island leaves `astro-island[ssr]` as it hydrates, so positions would shift.
  const count = await page.evaluate(() => {
    const asleep = [...document.querySelectorAll('astro-island[ssr]')];
    asleep.forEach((island, index) => island.setAttribute('data-wake', String(index)));
    return asleep.length;
  });
  for (let index = 0; index < count; index += 1) {
    const island = page.locator(`astro-island[data-wake="${index}"]`);
    const shows = await island.evaluate((element) => {
      const box = [...element.children].find((child) => {
        const rect = child.getBoundingClientRect();
        return rect.width > 0 && rect.height > 0;
      });
      if (!box || !element.hasAttribute('ssr')) return false;
      box.scrollIntoView({ block: 'center' });
      element.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
      return true;
    });
    if (shows) await page.locator(`astro-island[data-wake="${index}"]:not([ssr])`).waitFor({ state: 'attached' });
  }
  // What upgrades itself on first focus is upgraded now: the lab's editor is a textarea until CodeMirror loads.
  await page.evaluate(async () => {
    for (let area = document.querySelector<HTMLElement>('[data-editor="plain"] textarea'); area; area = document.querySelector('[data-editor="plain"] textarea')) {
      const plain = area;
      plain.focus();
      await new Promise<void>((resolve) => {
        const check = () => (plain.isConnected ? requestAnimationFrame(check) : resolve());
        check();
      });
    }
  });
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
}

/** The selector of everything a pointer or keyboard can operate. */
const TARGETS = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]), [role="button"], [role="slider"]';

/**
 * Targets that fail WCAG 2.5.8 (target size, minimum), as "name W×H": smaller than 24 × 24 CSS px and
 * not saved by the criterion's spacing exception (a 24 px circle centred on the target meets no other
 * target and no other undersized target's circle). A field is measured with its label when the label
 * is the bigger target (clicking it works too); links inside running text are exempt (the inline
 * exception); so is what is not rendered or visually hidden.
 */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const visible = (element: Element): boolean => {
      const style = getComputedStyle(element);
      const rect = element.getBoundingClientRect();
      return style.visibility !== 'hidden' && style.display !== 'none' && rect.width > 1 && rect.height > 1 && !element.closest('[hidden], [inert], .visually-hidden');
    };
    const big = (box: DOMRect) => box.width >= 23.5 && box.height >= 23.5; // half a pixel of rounding
    const targets: { name: string; box: DOMRect; small: boolean }[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (element.closest('.cm-content') && element !== element.closest('.cm-content')) continue;
      const label = element instanceof HTMLInputElement ? (element.closest('label') ?? (element.id ? document.querySelector(`label[for="${CSS.escape(element.id)}"]`) : null)) : null;
      const target = label && !big(element.getBoundingClientRect()) && big(label.getBoundingClientRect()) ? label : element;
      if (!visible(target)) continue;
      if (element.tagName === 'A' && getComputedStyle(element).display === 'inline') {
        const block = element.closest('p, li, td, dd, dt, figcaption, blockquote');
        if (block && (block.textContent ?? '').trim().length > (element.textContent ?? '').trim().length) continue;
      }
      const box = target.getBoundingClientRect();
      const name = (element.getAttribute('aria-label') ?? element.textContent ?? element.getAttribute('name') ?? element.tagName).trim().replace(/\s+/g, ' ').slice(0, 40);
      targets.push({ name: `${element.tagName.toLowerCase()} "${name}"`, box, small: !big(box) });
    }
    const centre = (box: DOMRect) => ({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    const circleMeetsBox = (c: { x: number; y: number }, box: DOMRect) => {
      const dx = Math.max(box.left - c.x, 0, c.x - box.right);
      const dy = Math.max(box.top - c.y, 0, c.y - box.bottom);
      return dx * dx + dy * dy < 12 * 12;
    };
    const found: string[] = [];
    for (const target of targets) {
      if (!target.small) continue;
      const c = centre(target.box);
      const crowded = targets.some((other) => {
        if (other === target) return false;
        if (other.box.left === target.box.left && other.box.top === target.box.top && other.box.width === target.box.width) return false; // the same box (a label and its field)
        if (circleMeetsBox(c, other.box)) return true;
        if (!other.small) return false;
        const o = centre(other.box);
        return Math.hypot(o.x - c.x, o.y - c.y) < 24;
      });
      if (crowded) found.push(`${target.name} ${Math.round(target.box.width * 10) / 10}×${Math.round(target.box.height * 10) / 10}`);
    }
    return found;
  }, TARGETS);
}

/**
 * What scrolls sideways at the current width (WCAG 1.4.10): the page itself, and every scroller that
 * holds something other than code, terminal output, an editor or a data table.
 */
export function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth + 1) found.push(`the page (${page.scrollWidth} px wide in ${page.clientWidth})`);
    const allowed = 'pre, code, table, [role="table"], [role="grid"], [role="log"], textarea, .cm-editor';
    for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
      if (element.scrollWidth <= element.clientWidth + 1) continue;
      const overflow = getComputedStyle(element).overflowX;
      if (overflow !== 'auto' && overflow !== 'scroll') continue;
      if (element.matches(allowed) || element.closest(allowed) || element.querySelector(allowed)) continue;
      const name = element.getAttribute('aria-label') ?? element.className ?? element.tagName;
      found.push(`${element.tagName.toLowerCase()} "${String(name).slice(0, 40)}" (${element.scrollWidth} px in ${element.clientWidth})`);
    }
    return found;
  });
}

/** Where focus is and whether it is hidden: see `measureFocus`. */
export interface FocusStop {
  /** A path of tag names and child indexes from the focused element up to body ('body' when nothing has focus). */
  where: string;
  /** What hides the focused element, or '' when some of it can be seen. */
  problem: string;
}

/**
 * In the page: where focus is and whether the focused element is entirely hidden (WCAG 2.4.11): off
 * screen, or every sampled point of its visible box covered by another element (a sticky header, player
 * or toolbar). Self-contained (it runs in the page, on its own or from the keyup recorder below).
 */
export function measureFocus(): FocusStop {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return { where: 'body', problem: '' };
  const path: string[] = [];
  for (let node: Element | null = focused; node && node !== document.body; node = node.parentElement) {
    path.push(`${node.tagName}${node.parentElement ? [...node.parentElement.children].indexOf(node) : ''}`);
  }
  const where = path.join('<');
  let element = focused as HTMLElement | null;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement as HTMLElement;
  if (!element) return { where, problem: '' };
  const name = `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
  // A scroller (the editor, a table) is visible when part of its box is.
  const rect = element.getBoundingClientRect();
  const left = Math.max(rect.left, 0);
  const right = Math.min(rect.right, window.innerWidth);
  const top = Math.max(rect.top, 0);
  const bottom = Math.min(rect.bottom, window.innerHeight);
  if (right - left < 1 || bottom - top < 1) return { where, problem: `${name} is off screen (${Math.round(rect.top)} px from the top)` };
  // Sample each line box (a link that wraps has one per line), clipped to the viewport.
  const points: [number, number][] = [];
  const boxes = element.getClientRects().length > 0 ? [...element.getClientRects()] : [rect];
  for (const box of boxes) {
    const l = Math.max(box.left, 0);
    const r = Math.min(box.right, window.innerWidth);
    const t = Math.max(box.top, 0);
    const b = Math.min(box.bottom, window.innerHeight);
    if (r - l < 1 || b - t < 1) continue;
    for (const fx of [0.1, 0.5, 0.9]) for (const fy of [0.2, 0.5, 0.8]) points.push([l + (r - l) * fx, t + (b - t) * fy]);
  }
  const label = element instanceof HTMLInputElement ? element.closest('label') : null;
  const seen = points.some(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (element!.contains(hit) || hit === label || (label?.contains(hit) ?? false));
  });
  if (seen) return { where, problem: '' };
  const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  return { where, problem: `${name} is covered by ${hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : 'something'}` };
}

/**
 * Presses `key` (Tab or Shift+Tab) `count` times in one burst and returns the focus stop after each press.
 * The presses are real keyboard input (CDP `Input.dispatchKeyEvent`, as Playwright's keyboard sends it),
 * sent without waiting for each to be answered; the page measures each stop itself, in a capture-phase
 * keyup listener: the browser moves focus and scrolls it into view while handling the keydown, so at
 * keyup the page is exactly as a learner sees it after that press. A walk of a hundred stops costs a few
 * round trips instead of two per stop.
 */
export async function pressAndRecordFocus(page: Page, key: 'Tab' | 'Shift+Tab', count: number): Promise<FocusStop[]> {
  await page.evaluate(`(() => {
    const recorder = window.__focusRecorder ?? (window.__focusRecorder = { stops: [], measure: (${measureFocus.toString()}) });
    if (!recorder.listening) {
      recorder.listening = true;
      window.addEventListener('keyup', (event) => { if (event.key === 'Tab') recorder.stops.push(recorder.measure()); }, true);
    }
    recorder.stops = [];
  })()`);
  const cdp = await page.context().newCDPSession(page);
  try {
    const event = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9, nativeVirtualKeyCode: 9, modifiers: key === 'Shift+Tab' ? 8 : 0 };
    const sent: Promise<unknown>[] = [];
    for (let index = 0; index < count; index += 1) {
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...event }));
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...event }));
    }
    await Promise.all(sent);
  } finally {
    await cdp.detach();
  }
  return page.evaluate('window.__focusRecorder.stops') as Promise<FocusStop[]>;
}

/** Animations and transitions still running with a real duration (reduced motion allows none). */
export function movingAnimations(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    document
      .getAnimations()
      .filter((animation) => {
        if (animation.playState !== 'running') return false;
        const timing = animation.effect?.getComputedTiming();
        const duration = Number(timing?.duration ?? 0);
        return duration > 1;
      })
      .map((animation) => {
        const target = (animation.effect as KeyframeEffect | null)?.target;
        const name = (animation as CSSAnimation).animationName ?? (animation as CSSTransition).transitionProperty ?? 'script animation';
        return `${name} on ${target ? `${target.tagName.toLowerCase()}.${target.getAttribute('class') ?? ''}` : '?'}`;
      }),
  );
}

/**
 * Records every script request for smooth scrolling (`behavior: 'smooth'` passed to scrollIntoView,
 * scrollTo or scrollBy), which CSS `scroll-behavior` cannot override; read it with `smoothScrolls`.
 */
export async function recordSmoothScrolls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls: string[] = [];
    (window as unknown as { __smoothScrolls: string[] }).__smoothScrolls = calls;
    const wrap = (owner: object, name: 'scrollIntoView' | 'scrollTo' | 'scrollBy') => {
      const original = (owner as Record<string, (...args: unknown[]) => unknown>)[name]!;
      (owner as Record<string, unknown>)[name] = function (this: Element | Window, ...args: unknown[]) {
        const options = args[0];
        if (typeof options === 'object' && options !== null && (options as ScrollOptions).behavior === 'smooth') {
          calls.push(`${name} on ${this instanceof Element ? `${this.tagName.toLowerCase()}.${this.getAttribute('class') ?? ''}` : 'window'}`);
        }
        return original.apply(this, args);
      };
    };
    wrap(Element.prototype, 'scrollIntoView');
    wrap(Element.prototype, 'scrollTo');
    wrap(Element.prototype, 'scrollBy');
    wrap(window, 'scrollTo');
    wrap(window, 'scrollBy');
  });
}

/** The smooth scrolls requested since the page loaded (see `recordSmoothScrolls`). */
export function smoothScrolls(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __smoothScrolls?: string[] }).__smoothScrolls ?? []);
}

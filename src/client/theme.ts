/**
 * Theme toggle: light or dark, starting from the system setting, saved as a
 * preference in the progress record (the inline head script restores it before
 * paint), through the small path so no page loads the progress store for it.
 * The button's label ("Switch to dark theme") follows the theme in CSS.
 */
import { litePreference, liteTheme } from '../lib/progress/lite.ts';
import { PROGRESS_KEY } from '../lib/progress/keys.ts';
import { saveProgress } from './lite-progress.ts';

type Theme = 'light' | 'dark';

function effectiveTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Theme controls for the page. */
export const theme = {
  /** Wires the toggle buttons (their label says which theme a click switches to). Other tabs' choices are followed. */
  initToggle(buttons: NodeListOf<HTMLButtonElement>): void {
    for (const button of buttons) {
      button.addEventListener('click', () => {
        const next: Theme = effectiveTheme() === 'dark' ? 'light' : 'dark';
        document.documentElement.dataset.theme = next;
        saveProgress(
          (record, at) => litePreference(record, 'theme', next, at),
          (store) => store.setPreference('theme', next),
        );
      });
    }
    // Another tab's choice: read it from the stored record as the head script does, without loading the store.
    window.addEventListener('storage', (event) => {
      if (event.key !== PROGRESS_KEY) return;
      const saved = liteTheme(event.newValue);
      if (saved && saved !== document.documentElement.dataset.theme) document.documentElement.dataset.theme = saved;
    });
  },
};

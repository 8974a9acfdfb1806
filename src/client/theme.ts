/**
 * Theme toggle: light or dark, starting from the system setting, saved as a
 * preference in the progress record (the inline head script restores it before paint).
 * The button's label ("Switch to dark theme") follows the theme in CSS.
 */
import { withProgress } from './with-progress.ts';

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
        withProgress((store) => store.setPreference('theme', next));
      });
    }
    window.addEventListener('storage', (event) => {
      if (event.key !== 'knet:progress') return;
      withProgress((store) => {
        const saved = store.getState().preferences.theme?.value;
        if ((saved === 'light' || saved === 'dark') && saved !== document.documentElement.dataset.theme) {
          document.documentElement.dataset.theme = saved;
        }
      });
    });
  },
};

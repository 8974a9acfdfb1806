/**
 * Theme toggle: light or dark, starting from the system setting, saved as a
 * preference in the progress record (the inline head script restores it before paint).
 */
import { progress } from './progress.ts';

type Theme = 'light' | 'dark';

function effectiveTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function render(buttons: Iterable<HTMLButtonElement>): void {
  const dark = effectiveTheme() === 'dark';
  for (const button of buttons) button.setAttribute('aria-pressed', String(dark));
}

/** Theme controls for the page. */
export const theme = {
  /** Wires the toggle buttons: pressed means dark. */
  initToggle(buttons: NodeListOf<HTMLButtonElement>): void {
    render(buttons);
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => render(buttons));
    for (const button of buttons) {
      button.addEventListener('click', () => {
        const next: Theme = effectiveTheme() === 'dark' ? 'light' : 'dark';
        document.documentElement.dataset.theme = next;
        render(buttons);
        progress().setPreference('theme', next);
      });
    }
    progress().subscribe((state) => {
      const saved = state.preferences.theme?.value;
      if ((saved === 'light' || saved === 'dark') && saved !== document.documentElement.dataset.theme) {
        document.documentElement.dataset.theme = saved;
        render(buttons);
      }
    });
  },
};

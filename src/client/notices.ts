/** Shows the progress store's notices (data set aside, storage unavailable…) in a live region, each dismissible. */
import type { ProgressStore } from '../lib/progress/store.ts';
import { withProgress } from './with-progress.ts';

function render(region: HTMLElement, store: ProgressStore): void {
  region.replaceChildren(
    ...store.notices().map((notice, index) => {
      const box = document.createElement('div');
      box.className = 'notice';
      const text = document.createElement('p');
      text.textContent = notice.message;
      const dismiss = document.createElement('button');
      dismiss.type = 'button';
      dismiss.textContent = 'Dismiss';
      dismiss.setAttribute('aria-label', 'Dismiss this notice');
      dismiss.addEventListener('click', () => store.dismissNotice(index));
      box.append(text, dismiss);
      return box;
    }),
  );
}

/** Renders the current notices into `region` and keeps it up to date. */
export function showProgressNotices(region: HTMLElement | null): void {
  if (!region) return;
  withProgress((store) => {
    let shown = store.notices();
    render(region, store);
    // Re-render only when the notices change, not on every progress change: rebuilding the same
    // notice re-announced it and took keyboard focus away from its Dismiss button.
    store.subscribe(() => {
      if (store.notices() === shown) return;
      shown = store.notices();
      render(region, store);
    });
  });
}

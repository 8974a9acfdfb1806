/**
 * The "A new version is ready — Reload" prompt, loaded only when a new version of the course is waiting
 * (or another tab has already switched to it). It is announced politely (a status message; focus stays
 * where the learner is), and Reload asks the waiting worker to take over, then reloads once it has: the
 * page then comes whole from the new version. "Later" hides it until the next page.
 * Bundled by the offline integration into `<base>update-prompt.js` (a file of its own, precached with the
 * rest); a page adds it as a module script when an update waits, and it finds the registration itself.
 */
const STYLE = `
.update-prompt{position:fixed;inset:auto 1rem 1rem auto;z-index:50;max-width:min(26rem,calc(100vw - 2rem));display:flex;flex-wrap:wrap;gap:.5rem .75rem;align-items:center;padding:.75rem 1rem;background:var(--bg-raised);color:var(--fg);border:2px solid var(--accent);border-radius:var(--radius);box-shadow:0 4px 16px rgb(15 23 42 / .18)}
.update-prompt p{margin:0;flex:1 1 12rem}
.update-prompt div{display:flex;gap:.5rem}
@media (max-width:34rem){.update-prompt{inset:auto .5rem .5rem .5rem;max-width:none}}
@media print{.update-prompt{display:none}}
`;

let shown: HTMLElement | undefined;

/** Shows the prompt for `registration` (once per page). */
function offerUpdate(registration: ServiceWorkerRegistration): void {
  if (shown) return;
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.append(style);

  const box = document.createElement('section');
  box.className = 'update-prompt';
  box.setAttribute('aria-label', 'Course update');
  const message = document.createElement('p');
  message.setAttribute('role', 'status');
  const actions = document.createElement('div');
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'button button-primary';
  reload.textContent = 'Reload';
  const later = document.createElement('button');
  later.type = 'button';
  later.className = 'button';
  later.textContent = 'Later';
  actions.append(reload, later);
  box.append(message, actions);
  document.body.append(box);
  shown = box;
  // Filled after the live region is in the page, so screen readers announce it.
  requestAnimationFrame(() => {
    message.textContent = 'A new version of the course is ready.';
  });

  reload.addEventListener('click', () => {
    reload.disabled = true;
    message.textContent = 'Reloading with the new version…';
    const waiting = registration.waiting;
    if (!waiting) {
      location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage({ type: 'skip-waiting' });
  });
  later.addEventListener('click', () => {
    box.hidden = true;
  });
}

void navigator.serviceWorker?.getRegistration().then((registration) => {
  if (registration) offerUpdate(registration);
});

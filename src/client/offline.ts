/**
 * Offline support on every page (tiny: it runs on reading pages): registers the service worker after
 * load, offers "A new version is ready — Reload" (loaded only when a new version is waiting, or when
 * another tab has switched to it), and asks for persistent storage when the store saves a kept result.
 */
import type { ProgressState } from '../lib/progress/schema.ts';
import { whenProgressReady } from './progress-ready.ts';
import { persistAfterSave } from './storage-persist.ts';

const base = import.meta.env.BASE_URL;

/**
 * Shows the update prompt: its script (written by the offline integration, precached) is added only now, and
 * finds the waiting worker itself. A script element, not `import()`, so the page carries no preload helper.
 */
const offer = () => {
  if (document.querySelector('script[data-update-prompt]')) return;
  const script = document.createElement('script');
  script.type = 'module';
  script.src = `${base}update-prompt.js`;
  script.dataset.updatePrompt = '';
  document.head.append(script);
};

function watch(registration: ServiceWorkerRegistration): void {
  const workers = navigator.serviceWorker;
  const track = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && workers.controller) offer();
    });
  if (registration.waiting && workers.controller) offer();
  track(registration.installing);
  registration.addEventListener('updatefound', () => track(registration.installing));
  // A page that had a worker and gets another was loaded from the old version: offer the reload too.
  let controlled = Boolean(workers.controller);
  workers.addEventListener('controllerchange', () => {
    if (controlled) offer();
    controlled = true;
  });
}

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).then(watch, () => undefined);
  });
}

whenProgressReady((store) => {
  let before: ProgressState = store.getState();
  store.subscribe((after) => {
    persistAfterSave(before, after);
    before = after;
  });
});

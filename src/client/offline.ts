/**
 * Offline support on every page (tiny: it runs on reading pages): registers the service worker after
 * load, offers "A new version is ready — Reload" (loaded only when a new version is waiting, or when
 * another tab has switched to it). (Persistent storage is asked for by `storage-persist.ts`, after saves.)
 */

const base = import.meta.env.BASE_URL;

let offered = false;

/**
 * Shows the update prompt: its script (written by the offline integration, precached) is added only now, and
 * finds the registration itself. A script element, not `import()`, so the page carries no preload helper.
 */
function offer(): void {
  if (offered) return;
  offered = true;
  const script = document.createElement('script');
  script.type = 'module';
  script.src = `${base}update-prompt.js`;
  document.head.append(script);
}

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const workers = navigator.serviceWorker;
  // The worker says so when a new version has installed, and to pages of an old version when a new one took over.
  workers.addEventListener('message', (event) => event.data === 'knet:update-ready' && offer());
  window.addEventListener('load', () => {
    // (Resolves undefined where service workers are blocked, e.g. the e2e specs other than offline.spec.ts.)
    workers.register(`${base}sw.js`, { scope: base }).then((registration) => registration?.waiting && workers.controller && offer(), () => undefined);
  });
}

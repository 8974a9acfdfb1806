/**
 * The course's service worker (bundled into `<base>sw.js` at build time, after the manifest
 * `__PRECACHE__` the build writes in front of it).
 *
 * State, all in Cache Storage so it survives the worker being stopped:
 * - one precache per build version (`knet-precache-<version>`), filled on install with every file of
 *   the manifest, each checked against the build's SHA-256 (a file that differs fails the install, so a
 *   half-deployed site is never cached; the old version keeps serving);
 * - the metadata cache: which open page (client id) was served by which version.
 *
 * Serving: a navigation is answered from this worker's version; every other request from the version
 * that served its page, so an open page never mixes files of two builds. A new version waits until the
 * learner chooses Reload (a `skip-waiting` message); old precaches are deleted only once no open page uses them.
 */
import { cacheKeyForPath, type PrecacheManifest } from '../../lib/offline/precache.ts';
import { cachesToDelete, liveClientVersions, META_CACHE, precacheName, versionOfCache } from '../../lib/offline/cache-names.ts';

// The few service-worker types used here, declared locally: the WebWorker lib conflicts with the DOM lib
// the rest of the project is checked against.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  readonly clientId: string;
  readonly resultingClientId: string;
  respondWith(response: Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  readonly location: Location;
  readonly clients: {
    matchAll(options: { includeUncontrolled: boolean; type: 'all' }): Promise<readonly { readonly id: string; postMessage(message: unknown): void }[]>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
}

declare const self: WorkerScope;
declare const __PRECACHE__: PrecacheManifest;

const { version, base, entries } = __PRECACHE__;
const CACHE = precacheName(version);
const CLIENTS_KEY = `${base}__knet-offline/clients.json`;
const SHA_HEADER = 'x-knet-sha';
const PARALLEL = 6;

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/** The response a cache should keep: the body, its status and headers, and the content hash (so the next version can reuse it). */
async function keepable(response: Response, sha: string): Promise<Response> {
  const body = await response.arrayBuffer();
  const digest = hex(await crypto.subtle.digest('SHA-256', body)).slice(0, sha.length);
  if (digest !== sha) throw new Error(`content differs from this build's manifest (${digest} ≠ ${sha})`);
  const headers = new Headers(response.headers);
  headers.set(SHA_HEADER, sha);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** Fills this version's precache: a file any older precache holds with the same hash is copied, the rest fetched. */
async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  const others = (await caches.keys()).filter((name) => name !== CACHE && versionOfCache(name) !== undefined);
  const queue = [...entries];
  const work = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      if (await cache.match(entry.url)) continue; // an install that was interrupted resumes
      let copied: Response | undefined;
      for (const name of others) {
        const old = await (await caches.open(name)).match(entry.url);
        if (old?.headers.get(SHA_HEADER) === entry.sha) copied = old;
        if (copied) break;
      }
      if (!copied) {
        const response = await fetch(new Request(entry.url, { cache: 'no-cache', credentials: 'same-origin' }));
        if (!response.ok) throw new Error(`${entry.url}: HTTP ${response.status}`);
        try {
          copied = await keepable(response, entry.sha);
        } catch (error) {
          throw new Error(`${entry.url}: ${(error as Error).message}`);
        }
      }
      await cache.put(entry.url, copied);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, work));
}

let clientMap: Promise<Record<string, string>> | undefined;

/** Which version served each open page, as last saved. */
function readClients(): Promise<Record<string, string>> {
  clientMap ??= caches
    .open(META_CACHE)
    .then((cache) => cache.match(CLIENTS_KEY))
    .then((response) => (response ? (response.json() as Promise<Record<string, string>>) : {}))
    .catch(() => ({}));
  return clientMap;
}

async function writeClients(map: Record<string, string>): Promise<void> {
  clientMap = Promise.resolve(map);
  const cache = await caches.open(META_CACHE);
  await cache.put(CLIENTS_KEY, new Response(JSON.stringify(map), { headers: { 'content-type': 'application/json' } }));
}

/** Forgets closed pages, maps pages nobody mapped (loaded from the network) to `fallback`, and deletes precaches no open page uses. */
async function tidy(fallback: string): Promise<void> {
  const open = await self.clients.matchAll({ includeUncontrolled: true, type: 'all' });
  const map = liveClientVersions(await readClients(), open.map((client) => client.id), fallback);
  await writeClients(map);
  const doomed = cachesToDelete(await caches.keys(), version, Object.values(map));
  await Promise.all(doomed.map((name) => caches.delete(name)));
}

async function remember(clientId: string, served: string): Promise<void> {
  if (!clientId) return;
  const map = await readClients();
  if (map[clientId] === served) return;
  await writeClients({ ...map, [clientId]: served });
}

/** The cached response for `path` in `version`'s precache, if that version is still cached. */
async function fromCache(cacheVersion: string, path: string): Promise<Response | undefined> {
  const name = precacheName(cacheVersion);
  if (!(await caches.has(name))) return undefined;
  return (await caches.open(name)).match(cacheKeyForPath(path), { ignoreSearch: true });
}

async function respond(event: FetchEvent, url: URL): Promise<Response> {
  const navigate = event.request.mode === 'navigate';
  const served = navigate ? version : ((await readClients())[event.clientId] ?? version);
  const hit = (await fromCache(served, url.pathname)) ?? (served === version ? undefined : await fromCache(version, url.pathname));
  if (hit) {
    if (navigate) event.waitUntil(remember(event.resultingClientId, served).then(() => tidy(version)));
    return hit;
  }
  try {
    return await fetch(event.request);
  } catch (error) {
    // Offline, and a page this build does not have: the site's own 404 page, as the server would answer.
    const missing = navigate ? await fromCache(served, `${base}404.html`) : undefined;
    if (missing) return new Response(missing.body, { status: 404, statusText: 'Not Found', headers: missing.headers });
    throw error;
  }
}

self.addEventListener('install', (event) => {
  // Once cached, pages a previous version serves are told a new one is ready (the first install has none to tell).
  event.waitUntil(
    precache().then(async () => {
      const previous = (await caches.keys()).some((name) => name !== CACHE && versionOfCache(name) !== undefined);
      // (An installing worker controls no page yet: every page of this origin is asked.)
      if (previous) for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: 'all' })) client.postMessage('knet:update-ready');
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const previous = (await caches.keys()).some((name) => name !== CACHE && versionOfCache(name) !== undefined);
      // Pages open before any worker controlled them came from the network at (about) this build.
      await tidy(previous ? '' : version);
      await self.clients.claim();
      // Pages an older version served (other tabs) may reload into this one.
      const map = await readClients();
      for (const client of await self.clients.matchAll({ includeUncontrolled: false, type: 'all' }))
        if (map[client.id] !== version) client.postMessage('knet:update-ready');
    })(),
  );
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'skip-waiting') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(base) || url.pathname === `${base}sw.js`) return;
  event.respondWith(respond(event, url));
});

/**
 * An in-memory `StorageLike` with failure switches, for tests and for
 * environments without Web Storage.
 *
 * Stored data: a `Map` of key → string, like `localStorage`; nothing persists
 * beyond the object's life, so there is nothing to migrate.
 */
import type { StorageLike } from './store.ts';

/** How a fake storage call should fail: not at all, like a full disk, or like blocked storage. */
export type FakeFailure = 'none' | 'quota' | 'security';

/** An in-memory storage whose `getItem`/`setItem`/`removeItem` can be made to throw. */
export interface FakeStorage extends StorageLike {
  readonly data: Map<string, string>;
  readonly length: number;
  key(index: number): string | null;
  failGet: FakeFailure;
  failSet: FakeFailure;
  failRemove: FakeFailure;
  /** Number of `setItem` calls that succeeded. */
  writes: number;
}

function failure(kind: FakeFailure): Error {
  const error = new Error(kind === 'quota' ? 'The quota has been exceeded.' : 'The operation is insecure.');
  error.name = kind === 'quota' ? 'QuotaExceededError' : 'SecurityError';
  return error;
}

/** A fresh fake storage holding `initial`. */
export function createFakeStorage(initial: Readonly<Record<string, string>> = {}): FakeStorage {
  const data = new Map(Object.entries(initial));
  const storage: FakeStorage = {
    data,
    get length() {
      return data.size;
    },
    key: (index) => [...data.keys()][index] ?? null,
    failGet: 'none',
    failSet: 'none',
    failRemove: 'none',
    writes: 0,
    getItem(key) {
      if (storage.failGet !== 'none') throw failure(storage.failGet);
      return data.get(key) ?? null;
    },
    setItem(key, value) {
      if (storage.failSet !== 'none') throw failure(storage.failSet);
      data.set(key, String(value));
      storage.writes += 1;
    },
    removeItem(key) {
      if (storage.failRemove !== 'none') throw failure(storage.failRemove);
      data.delete(key);
    },
  };
  return storage;
}

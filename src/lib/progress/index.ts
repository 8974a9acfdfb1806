/**
 * The progress module: a versioned, validated, cross-tab progress store with
 * export/import, and pure selectors. See `store.ts` and `schema.ts` for the
 * stored data and its migrations.
 */
export * from './schema.ts';
export * from './merge.ts';
export * from './transfer.ts';
export * from './store.ts';
export * from './selectors.ts';

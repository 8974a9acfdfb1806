/**
 * Export and import of progress files.
 *
 * An export is pretty JSON:
 *   { "format": "knet-progress", "version": 3, "exportedAt": time, "progress": <v3 record> }
 * `parseImport` accepts that envelope (and the version 2 one; its `progress` may
 * also be a v1 or v2 record, migrated on the way in) and, for convenience, a bare
 * v1, v2 or v3 record as found in storage or
 * in a backup key. Invalid records are dropped and listed; importing merges
 * (see `mergeProgress`), it never replaces.
 */
import { decodeProgressValue, isPlainObject, PROGRESS_VERSION, type ProgressState } from './schema.ts';
import { utf8Length } from '../utf8-length.ts';

/** The `format` field of an export file. */
export const EXPORT_FORMAT = 'knet-progress';
/** The largest import accepted, in bytes of UTF-8 (1 MB). */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** The outcome of reading an import file. */
export type ImportResult =
  | { readonly ok: true; readonly progress: ProgressState; readonly dropped: readonly string[] }
  | { readonly ok: false; readonly error: string };

/** The export file text for `state`: pretty JSON in the `knet-progress` envelope. */
export function exportProgress(state: ProgressState, exportedAt: Date = new Date()): string {
  const time = Number.isFinite(exportedAt.getTime()) ? exportedAt : new Date();
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: PROGRESS_VERSION, exportedAt: time.toISOString(), progress: state }, null, 2)}\n`;
}

/** True for a version this course can read: 1, 2 (migrated) or the current one. */
function isKnownVersion(version: unknown): boolean {
  return version === 1 || version === 2 || version === PROGRESS_VERSION;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Read an import file (or pasted text): validated, v1 migrated, invalid
 * records dropped and listed. Never throws. `now` stamps migrated v1 times.
 */
export function parseImport(text: string, now: Date = new Date(), maxBytes: number = MAX_IMPORT_BYTES): ImportResult {
  if (typeof text !== 'string') return { ok: false, error: 'Nothing to import: expected the text of a progress file.' };
  if (text.length > maxBytes || utf8Length(text) > maxBytes) {
    return {
      ok: false,
      error: `This file is too large (${megabytes(utf8Length(text))}). A progress export is at most ${megabytes(maxBytes)}.`,
    };
  }
  if (text.trim() === '') return { ok: false, error: 'The file is empty.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not valid JSON, so it cannot be a progress export.' };
  }
  if (!isPlainObject(value)) {
    return { ok: false, error: 'This file is not a progress export: it does not contain a JSON object.' };
  }
  let record: unknown = value;
  if ('format' in value) {
    if (value['format'] !== EXPORT_FORMAT) {
      return {
        ok: false,
        error: `This file is not a progress export from this course (its format is ${JSON.stringify(value['format']) ?? 'missing'}, expected "${EXPORT_FORMAT}").`,
      };
    }
    const version = value['version'];
    if (typeof version === 'number' && version > PROGRESS_VERSION) {
      return { ok: false, error: 'This progress file was made by a newer version of the course. Reload the page to update, then import again.' };
    }
    if (!isKnownVersion(version)) {
      return { ok: false, error: 'This progress file has an unknown version, so it cannot be imported.' };
    }
    record = value['progress'];
    if (!isPlainObject(record)) return { ok: false, error: 'This progress file has no progress in it.' };
  }
  const recordVersion = (record as Record<string, unknown>)['version'];
  if (typeof recordVersion === 'number' && Number.isInteger(recordVersion) && recordVersion > PROGRESS_VERSION) {
    return { ok: false, error: 'This progress file was made by a newer version of the course. Reload the page to update, then import again.' };
  }
  if (!isKnownVersion(recordVersion)) {
    return { ok: false, error: `This file is not a progress export: expected "format": "${EXPORT_FORMAT}".` };
  }
  const time = Number.isFinite(now.getTime()) ? now : new Date();
  try {
    const decoded = decodeProgressValue(record, time.toISOString());
    return { ok: true, progress: decoded.progress, dropped: decoded.dropped };
  } catch {
    return { ok: false, error: 'This progress file could not be read.' };
  }
}

/**
 * Share links: a lab state travels in the URL fragment as `#lab=<payload>`, so it never reaches a server.
 * The payload is the JSON record of `lab-state.ts`, UTF-8 encoded and base64url encoded, with a one-letter
 * prefix naming the encoding:
 *
 *   `z.<base64url>`  the JSON compressed with raw DEFLATE (CompressionStream('deflate-raw')), used when the
 *                    browser has CompressionStream (every current one; Node 18+ too);
 *   `j.<base64url>`  the JSON as is, when it does not.
 *
 * Decoding never throws: a damaged, truncated, oversized or foreign link comes back as `{ ok: false, error }`.
 * Decompression is capped so a crafted link cannot expand into gigabytes.
 *
 * The open troubleshooting case travels beside it as `#case=<task id>` (alone: a case's "Open this case" link and
 * a reload; or `#case=<id>&lab=…`: a share link made while a case is open), so the intent of a click made before
 * the lab island hydrates is kept in the URL until the island reads it.
 */
import { MAX_LAB_YAML_BYTES, parseLabRecord, toRecord, type LabState, type LabStateParse } from './lab-state.ts';

/** Name of the fragment parameter that carries a lab: `#lab=…`. */
export const SHARE_PARAM = 'lab';

/** Name of the fragment parameter that carries the open case: `#case=<task id>`. */
export const CASE_PARAM = 'case';

/** A task id as lab.yaml allows it (kebab-case), capped in length. */
const TASK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_TASK_ID = 100;

/** Largest decoded record accepted (the manifests limit plus room for the JSON around them). */
const MAX_RECORD_BYTES = MAX_LAB_YAML_BYTES * 2 + 4096;

/** Options of encodeShare. */
export interface EncodeOptions {
  /** Compress with raw DEFLATE when the platform can (default true). */
  readonly compress?: boolean;
}

/** base64url (RFC 4648 §5, no padding) of bytes. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Bytes of a base64url string (padding optional); null when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

function canCompress(): boolean {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The fragment (without `#`) that carries `state` of `lesson`: `lab=z.…` (compressed) or `lab=j.…`. */
export async function encodeShare(lesson: string, state: LabState, options: EncodeOptions = {}): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(toRecord(lesson, state)));
  if (options.compress !== false && canCompress()) {
    try {
      const packed = await pipe(json, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
      if (packed) return `${SHARE_PARAM}=z.${toBase64Url(packed)}`;
    } catch {
      // fall through to the plain encoding
    }
  }
  return `${SHARE_PARAM}=j.${toBase64Url(json)}`;
}

/** The share payload in a URL fragment (`#lab=…`, possibly among other `&`-separated parameters), or null. */
export function sharePayload(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of fragment.split('&')) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return null;
}

/** The task id in a URL fragment's `case=<id>` parameter (among `&`-separated ones), or null when absent or not a task id. */
export function caseParam(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of fragment.split('&')) {
    if (!part.startsWith(`${CASE_PARAM}=`)) continue;
    const id = part.slice(CASE_PARAM.length + 1);
    return id.length <= MAX_TASK_ID && TASK_ID.test(id) ? id : null;
  }
  return null;
}

/** The fragment (without `#`) that opens case `id`: `case=<id>`, followed by `&<rest>` when given (a share's `lab=…`). */
export function caseFragment(id: string | undefined, rest = ''): string {
  if (id === undefined || id.length > MAX_TASK_ID || !TASK_ID.test(id)) return rest;
  return rest === '' ? `${CASE_PARAM}=${id}` : `${CASE_PARAM}=${id}&${rest}`;
}

/** `href` with its fragment replaced by `fragment` (a string from encodeShare). */
export function shareUrl(href: string, fragment: string): string {
  const hashAt = href.indexOf('#');
  return `${hashAt >= 0 ? href.slice(0, hashAt) : href}#${fragment}`;
}

/** Decodes a share payload (the part after `lab=`) for `lesson`. Never throws. */
export async function decodeShare(payload: string, lesson: string): Promise<LabStateParse> {
  const damaged = (why: string): LabStateParse => ({ ok: false, error: `the link is damaged (${why}); ask for it again, or copy all of it` });
  let text: string;
  try {
    const match = /^([zj])\.(.*)$/s.exec(payload.trim());
    if (!match) return damaged('it does not start with a known encoding');
    let body: string;
    try {
      body = decodeURIComponent(match[2] ?? '');
    } catch {
      return damaged('it has a broken %-escape');
    }
    const bytes = fromBase64Url(body);
    if (!bytes || bytes.length === 0) return damaged('it is not valid base64url');
    let json: Uint8Array;
    if (match[1] === 'z') {
      if (!canCompress()) return { ok: false, error: 'this browser cannot decompress the link (no DecompressionStream)' };
      let unpacked: Uint8Array | null;
      try {
        unpacked = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_RECORD_BYTES);
      } catch {
        return damaged('it does not decompress');
      }
      if (!unpacked) return { ok: false, error: 'the lab in the link is larger than the 1 MiB limit' };
      json = unpacked;
    } else {
      if (bytes.length > MAX_RECORD_BYTES) return { ok: false, error: 'the lab in the link is larger than the 1 MiB limit' };
      json = bytes;
    }
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    return damaged('it is not valid text');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return damaged('it is not valid JSON');
  }
  const parsed = parseLabRecord(value, lesson);
  return parsed.ok ? parsed : { ok: false, error: `the link cannot be opened: ${parsed.error}` };
}

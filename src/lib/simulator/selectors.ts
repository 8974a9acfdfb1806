/** Label selectors: matching (matchLabels + matchExpressions), kubectl formatting and `-l` parsing. */
import type { LabelSelector, LabelSelectorRequirement } from './types.ts';

/** The empty selector (matches everything). */
export const EMPTY_SELECTOR: LabelSelector = { matchLabels: {}, matchExpressions: [] };

/** True when the selector has neither matchLabels nor matchExpressions (it selects everything). */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** True when one matchExpressions requirement holds for the labels. */
export function matchesRequirement(req: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(labels[req.key] as string);
    case 'NotIn':
      return !has || !req.values.includes(labels[req.key] as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** True when labels satisfy every matchLabels pair and every matchExpressions requirement (AND). */
export function matchesSelector(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const key of Object.keys(selector.matchLabels)) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== selector.matchLabels[key]) return false;
  }
  for (const req of selector.matchExpressions) {
    if (!matchesRequirement(req, labels)) return false;
  }
  return true;
}

/** True when labels contain every pair of a plain map selector (Service selector semantics). */
export function matchesLabelMap(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const key of Object.keys(selector)) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== selector[key]) return false;
  }
  return true;
}

/** Formats a selector like kubectl (`app=web,tier in (a,b)`), `<none>` when empty. */
export function formatSelector(selector: LabelSelector | null | undefined): string {
  if (!selector) return '<none>';
  const parts: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(selector.matchLabels)) parts.push([k, `${k}=${v}`]);
  for (const r of selector.matchExpressions) {
    const values = [...r.values].sort().join(',');
    const text =
      r.operator === 'In'
        ? `${r.key} in (${values})`
        : r.operator === 'NotIn'
          ? `${r.key} notin (${values})`
          : r.operator === 'Exists'
            ? r.key
            : `!${r.key}`;
    parts.push([r.key, text]);
  }
  if (parts.length === 0) return '<none>';
  parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return parts.map((p) => p[1]).join(',');
}

/** Formats a label map as `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | null | undefined): string {
  if (!labels) return '<none>';
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels[k]}`).join(',');
}

/** A parsed `-l` query: a selector, or an error message in kubectl's words. */
export type SelectorParse = { ok: true; selector: LabelSelector } | { ok: false; error: string };

/**
 * Parses a kubectl `-l` selector string: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`,
 * comma-separated (AND).
 */
export function parseSelectorString(text: string): SelectorParse {
  const selector: LabelSelector = { matchLabels: {}, matchExpressions: [] };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, selector };
  // split on commas that are not inside parentheses
  const terms: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of trimmed) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  const keyRe = /^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/;
  const valRe = /^([A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)?$/;
  const bad = (): SelectorParse => ({ ok: false, error: `error: unable to parse requirement: found '${text}', expected: identifier` });
  for (const raw of terms) {
    const t = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(t))) {
      const key = m[1] ?? '';
      const values = (m[3] ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
      if (!keyRe.test(key) || values.some((v) => !valRe.test(v))) return bad();
      selector.matchExpressions.push({ key, operator: m[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = /^([^\s!=()]+)\s*!=\s*([^\s!=()]*)$/.exec(t))) {
      const key = m[1] ?? '';
      const value = m[2] ?? '';
      if (!keyRe.test(key) || !valRe.test(value)) return bad();
      selector.matchExpressions.push({ key, operator: 'NotIn', values: [value] });
    } else if ((m = /^([^\s!=()]+)\s*==?\s*([^\s!=()]*)$/.exec(t))) {
      const key = m[1] ?? '';
      const value = m[2] ?? '';
      if (!keyRe.test(key) || !valRe.test(value)) return bad();
      selector.matchExpressions.push({ key, operator: 'In', values: [value] });
    } else if ((m = /^!\s*([^\s!=()]+)$/.exec(t))) {
      const key = m[1] ?? '';
      if (!keyRe.test(key)) return bad();
      selector.matchExpressions.push({ key, operator: 'DoesNotExist', values: [] });
    } else if (keyRe.test(t)) {
      selector.matchExpressions.push({ key: t, operator: 'Exists', values: [] });
    } else {
      return bad();
    }
  }
  return { ok: true, selector };
}

/** A stable text key for a selector (used to cache selector evaluations). */
export function selectorKey(selector: LabelSelector): string {
  const labels = Object.keys(selector.matchLabels)
    .sort()
    .map((k) => `${k}=${selector.matchLabels[k]}`)
    .join('\u0001');
  const exprs = selector.matchExpressions
    .map((r) => `${r.key}\u0002${r.operator}\u0002${[...r.values].sort().join('\u0003')}`)
    .sort()
    .join('\u0001');
  return `${labels}\u0000${exprs}`;
}

/**
 * Reading learners' numeric answers: `256`, ` 256 `, `1,024`, `-1.5`, `256 addresses`.
 */

/** The outcome of reading a numeric answer: a number, or a learner-facing reason it is unreadable. */
export type NumericParse = { ok: true; value: number } | { ok: false; error: string };

const MAX_INPUT = 100;
const NUMBER = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)(.*)$/s;

/** The spellings accepted for a unit: as given, and singular/plural variants, lowercased. */
export function unitForms(unit: string): string[] {
  const base = unit.trim().toLowerCase();
  const forms = new Set([base, `${base}s`]);
  if (base.endsWith('es')) forms.add(base.slice(0, -2));
  if (base.endsWith('s')) forms.add(base.slice(0, -1));
  return [...forms];
}

/**
 * Reads a number, allowing surrounding whitespace, thousands commas (`1,024`) and,
 * when the question has a unit, that unit after the number (`256 addresses`).
 */
export function parseNumericAnswer(input: string, unit?: string): NumericParse {
  const trimmed = input.trim();
  const example = unit === undefined ? 'e.g. 256' : `e.g. 256 ${unit}`;
  if (trimmed === '') return { ok: false, error: `Enter a number, ${example}.` };
  if (trimmed.length > MAX_INPUT) return { ok: false, error: 'That answer is too long to be a number.' };
  const match = NUMBER.exec(trimmed);
  if (match === null) return { ok: false, error: `"${trimmed}" is not a number; enter digits, ${example}.` };
  const [, digits = '', rest = ''] = match;
  const suffix = rest.trim();
  if (suffix !== '') {
    if (!/^\s/.test(rest) && /^[\d.,]/.test(rest)) {
      return { ok: false, error: `Could not read "${trimmed}" as a number; write it like 1024 or 1,024.` };
    }
    if (unit === undefined) return { ok: false, error: `Enter just the number, without "${suffix}".` };
    if (!unitForms(unit).includes(suffix.replace(/\s+/g, ' ').toLowerCase())) {
      return { ok: false, error: `"${suffix}" is not the unit asked for; answer in ${unit}, ${example}.` };
    }
  }
  const value = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(value)) return { ok: false, error: `"${trimmed}" is not a number; enter digits, ${example}.` };
  return { ok: true, value };
}

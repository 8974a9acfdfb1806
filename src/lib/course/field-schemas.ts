/**
 * The field schemas every content schema builds on (lesson.yaml, lab.yaml,
 * questions.yaml, flashcards.yaml), with one wording for authors ("is required",
 * "must be kebab-case", "unknown field") and one error format:
 * `<file>: <field.path>: <message>`, one line per problem.
 * Build time only (Zod): browser code imports the vocabularies from `fields.ts`.
 */
import { z } from 'astro/zod';
import { DIFFICULTIES, KEBAB_CASE, NAMESPACED_POD, PROTOCOLS } from './fields.ts';

/** A Zod error map wording type and unknown-key errors for authors ("is required", "must be a list"). */
export function typeError(expected: string) {
  return (issue: { code?: string; input?: unknown; keys?: unknown }): string | undefined => {
    if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
      const keys = issue.keys.map((key) => `"${String(key)}"`).join(', ');
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${keys} (check the spelling)`;
    }
    if (issue.code !== 'invalid_type') return undefined;
    return issue.input === undefined ? 'is required' : `must be ${expected}`;
  };
}

/** Non-empty text. */
export const text = () => z.string({ error: typeError('text') }).regex(/\S/, 'must not be empty');

/** A kebab-case name: slugs, ids, set and scenario names. */
export const kebab = () =>
  z.string({ error: typeError('text') }).regex(KEBAB_CASE, 'must be kebab-case (lowercase letters, digits, single hyphens)');

/** A lesson slug (a lesson folder's name). */
export const slug = kebab;

/** A whole number greater than 0. */
export const positiveInt = () =>
  z.number({ error: typeError('a number') }).int('must be a whole number').positive('must be greater than 0');

/** A list of `item`. */
export const list = <T extends z.ZodType>(item: T) => z.array(item, { error: typeError('a list') });

/** true or false. */
export const bool = () => z.boolean({ error: typeError('true or false') });

/** One of a fixed set of words. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined ? 'is required' : `must be one of: ${values.join(', ')}`) });

/** A difficulty level. */
export const difficulty = () => oneOf(DIFFICULTIES);

/** A transport protocol, TCP when omitted. */
export const protocol = () => oneOf(PROTOCOLS).default('TCP');

/** A TCP/UDP/SCTP port number. */
export const port = () =>
  z.number({ error: typeError('a number') }).int('must be a whole number').min(1, 'must be 1–65535').max(65535, 'must be 1–65535');

/**
 * The fields of one connection the simulator attempts (a trace, a lab expectation, a simulator
 * question's row): the client pod, the destination, the port and the protocol.
 */
export const connectionFields = {
  /** The client pod, `namespace/name`. */
  from: z.string({ error: typeError('text') }).regex(NAMESPACED_POD, 'must be "namespace/pod"'),
  /** The destination: `namespace/pod`, a Service's DNS name or an IP address. */
  to: text(),
  /** The destination port. */
  port: port(),
  /** The transport protocol (TCP when omitted). */
  protocol: protocol(),
};

/** Renders a field path: `tasks[1].expect[0].port` (indexes 0-based, like JSON paths). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** One line per issue: `<file>: <field.path>: <message>` (no path for a problem with the whole file). */
export function formatIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = formatPath(issue.path);
    return field === '' ? `${file}: ${issue.message}` : `${file}: ${field}: ${issue.message}`;
  });
}

/** The `id` of a raw list item (a question, a card), when it is a string. */
export function itemId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'id')) return undefined;
  const id: unknown = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Formats a failed list-file parse as one line per issue:
 * `<fileLabel>: <item> "<id>" (#<n>): <field.path>: <message>`, where `n` is the
 * 1-based position in the list and the field path is 0-based (`options[1].text`).
 */
export function formatListFileError(fileLabel: string, listKey: string, itemLabel: string, error: z.ZodError, data: unknown): string {
  const items: unknown =
    typeof data === 'object' && data !== null && Object.hasOwn(data, listKey) ? (data as Record<string, unknown>)[listKey] : undefined;
  return error.issues
    .map((iss) => {
      const path = iss.path;
      const parts = [fileLabel];
      let rest: readonly PropertyKey[] = path;
      if (path[0] === listKey && typeof path[1] === 'number') {
        const index = path[1];
        const id = Array.isArray(items) ? itemId(items[index]) : undefined;
        parts.push(id === undefined ? `${itemLabel} #${index + 1}` : `${itemLabel} "${id}" (#${index + 1})`);
        rest = path.slice(2);
      }
      const field = formatPath(rest);
      if (field !== '') parts.push(field);
      parts.push(iss.message);
      return parts.join(': ');
    })
    .join('\n');
}

/**
 * Pure text helpers shared by build-time validation (`schema.ts`, `resolve.ts`)
 * and the browser (`grade.ts`). No Zod here: this module ships to the islands.
 */

/** Trims trailing spaces on each line and trailing blank lines, for comparing outputs. */
export function normaliseOutput(output: string): string {
  return output
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** Splits code into lines as displayed (a single trailing newline does not start a line). */
export function codeLines(code: string): string[] {
  return code.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
}

/** Parsing an authored YAML file, turning a syntax error into one line naming the file, line and column. */
import { parse as parseYaml, YAMLParseError } from 'yaml';

/** The parsed value, or `{ error }` naming `file`, the line and the column of the first syntax error. */
export function readYaml(file: string, text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: parseYaml(text, { prettyErrors: true }) as unknown };
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const position = error.linePos?.[0];
      const where = position ? `line ${position.line}, column ${position.col}` : 'an unknown position';
      return { ok: false, error: `${file}: invalid YAML at ${where}: ${error.message.split('\n')[0]}` };
    }
    return { ok: false, error: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Command-line parsing as glibc's getopt_long does it for busybox applets and curl-like tools: short options
 * clustered (`-qO-`), a short option's argument attached or in the next word, long options as `--name=value` or
 * `--name value` (unambiguous prefixes accepted), operands anywhere (GNU permutation) and `--` ending the options.
 * Error texts are glibc's (posix/getopt.c): "invalid option -- 'x'", "unrecognized option '--x'",
 * "option requires an argument -- 'x'", "option '--x' requires an argument".
 */

/** One option a program accepts. */
export interface OptSpec {
  /** Short letter, e.g. 'O'. */
  short?: string;
  /** Long name without dashes, e.g. 'output-document'. */
  long?: string;
  /** Whether the option takes an argument. */
  arg: boolean;
  /** The key the parsed value is stored under (defaults to long, then short). */
  key?: string;
}

/** Parsed options: key → values in order (flags get ''), plus the operands. */
export interface ParsedOpts {
  opts: Map<string, string[]>;
  operands: string[];
}

/** glibc's error message for a bad option (without the program name). */
export type OptError = { error: string };

const keyOf = (s: OptSpec) => s.key ?? s.long ?? s.short ?? '';

/** Parses `args` against `specs`; the error text names the program as `prog: …`. */
export function getopt(prog: string, args: readonly string[], specs: readonly OptSpec[]): ParsedOpts | OptError {
  const opts = new Map<string, string[]>();
  const operands: string[] = [];
  const put = (s: OptSpec, v: string) => {
    const k = keyOf(s);
    const list = opts.get(k);
    if (list) list.push(v);
    else opts.set(k, [v]);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const exact = specs.find((s) => s.long === name);
      const prefixed = exact ? [exact] : specs.filter((s) => s.long?.startsWith(name));
      if (prefixed.length !== 1) {
        if (prefixed.length > 1) return { error: `${prog}: option '${a.slice(0, eq >= 0 ? eq : undefined)}' is ambiguous` };
        return { error: `${prog}: unrecognized option '${a.slice(0, eq >= 0 ? eq : undefined)}'` };
      }
      const s = prefixed[0] as OptSpec;
      if (s.arg) {
        if (eq >= 0) put(s, a.slice(eq + 1));
        else if (i + 1 < args.length) put(s, args[++i] as string);
        else return { error: `${prog}: option '--${s.long}' requires an argument` };
      } else {
        if (eq >= 0) return { error: `${prog}: option '--${s.long}' doesn't allow an argument` };
        put(s, '');
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        const s = specs.find((x) => x.short === c);
        if (!s) return { error: `${prog}: invalid option -- '${c}'` };
        if (s.arg) {
          if (j + 1 < a.length) put(s, a.slice(j + 1));
          else if (i + 1 < args.length) put(s, args[++i] as string);
          else return { error: `${prog}: option requires an argument -- '${c}'` };
          break;
        }
        put(s, '');
      }
      continue;
    }
    operands.push(a);
  }
  return { opts, operands };
}

/** True when the parse failed. */
export const isOptError = (p: ParsedOpts | OptError): p is OptError => 'error' in p;

/** The last value given for a key, or undefined. */
export function last(p: ParsedOpts, key: string): string | undefined {
  const v = p.opts.get(key);
  return v ? v[v.length - 1] : undefined;
}

/** How many times a key was given. */
export function count(p: ParsedOpts, key: string): number {
  return p.opts.get(key)?.length ?? 0;
}

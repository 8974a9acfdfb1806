/**
 * The writer every `kubectl describe` text goes through, after kubectl pkg/describe/describe.go:
 * a PrefixWriter (two spaces per level) over one tabwriter (minwidth 0, padding 2) that is flushed
 * at the end and wherever the describer calls Flush (DescribeEvents does, before the events table).
 * The helpers below are the describer's shared printers (labels, annotations, events), kept to
 * kubectl's format character for character.
 */
import { alignTabs, DESCRIBE_TABWRITER } from '../tabwriter.ts';

/** One event as `kubectl describe` lists it (after searchEvents). */
export interface DescribeEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  /** Age column (translateTimestampSince of the event's first timestamp). */
  age: string;
  /** Source component (e.g. default-scheduler, kubelet). */
  from: string;
  message: string;
}

/** Accumulates describe text; `flush()` aligns what was written so far as its own tabwriter block. */
export class DescribeWriter {
  private done = '';
  private pending = '';

  /** PrefixWriter.Write: `text` prefixed with two spaces per level. */
  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  /** PrefixWriter.Flush: lays out the pending text now (later text forms new column blocks). */
  flush(): void {
    this.done += alignTabs(this.pending, DESCRIBE_TABWRITER);
    this.pending = '';
  }

  /** The finished text (tabbedString's final Flush). */
  toString(): string {
    this.flush();
    return this.done;
  }
}

const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

function sortedKeys(map: Record<string, string>): string[] {
  return Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** printLabelsMultilineWithIndent: `Title:\tk=v` then one `\tk=v` line per further label, `<none>` when empty. */
export function printLabelsMultiline(w: DescribeWriter, title: string, labels: Record<string, string>, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(labels);
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    w.write(0, `${key}=${labels[key]}\n`);
  });
}

/** printAnnotationsMultiline: `key: value` lines (not `=`), long or multi-line values on their own indented lines. */
export function printAnnotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string>): void {
  w.write(0, `${title}:\t`);
  const keys = sortedKeys(annotations).filter((k) => !SKIPPED_ANNOTATIONS.has(k));
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, indent);
    const value = (annotations[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(0, `${indent}  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

/** DescribeEvents: `Events:\t<none>` in the current block, or a flushed table of events. */
export function describeEvents(w: DescribeWriter, events: readonly DescribeEvent[]): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of events) w.write(1, `${e.type}\t${e.reason}\t${e.age}\t${e.from}\t${e.message.trim()}\n`);
}

/** Go's `%v` of a []string: `[a b c]`. */
export function goList(values: readonly string[] | undefined): string {
  return `[${(values ?? []).join(' ')}]`;
}

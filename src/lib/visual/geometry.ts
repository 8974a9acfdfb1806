/**
 * Plane geometry for the diagrams: points, rectangles, polylines, text boxes
 * estimated from their characters, and the overlap tests the layout uses to keep
 * lines and markers off labels. Pure functions; no DOM.
 */

/** A point in diagram units (the SVG viewBox). */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned rectangle. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One line of text placed in the diagram (`y` is the baseline). */
export interface Label {
  x: number;
  y: number;
  text: string;
  /** Font size in diagram units. */
  size: number;
  bold?: boolean | undefined;
  anchor: 'start' | 'middle' | 'end';
  /** Muted labels are secondary (IPs, CIDRs). */
  muted?: boolean | undefined;
}

// Advance widths as a fraction of the font size, on the wide side of common sans-serif fonts
// (DejaVu Sans, the fallback on Linux, is among the widest), so estimates err towards more room.
const NARROW = new Set([...'il.,:;\'|!()[]/ -ıjtfr']);
const WIDE = new Set([...'mwMW@%']);

/** Estimated width of `text` at `size` (bold text is about 8% wider). */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const char of text) {
    if (NARROW.has(char)) units += 0.36;
    else if (WIDE.has(char)) units += 0.92;
    else if (char >= '0' && char <= '9') units += 0.64;
    else if (char >= 'A' && char <= 'Z') units += 0.7;
    else if (char === '·' || char === '=') units += 0.6;
    else units += 0.6;
  }
  return units * size * (bold ? 1.08 : 1);
}

/**
 * Splits `text` into lines no wider than `maxWidth`, preferring breaks at " · " and then at spaces.
 * then after commas inside a word too wide for the line; a word that still does not fit keeps a line of its own.
 */
export function wrapText(text: string, size: number, maxWidth: number, bold = false): string[] {
  if (textWidth(text, size, bold) <= maxWidth) return [text];
  const pieces = text.split(' · ');
  if (pieces.length > 1) return pieces.flatMap((piece) => wrapText(piece, size, maxWidth, bold));
  const lines: string[] = [];
  let line = '';
  // Words too wide for a line break after their commas (label lists such as app=a,tier=b).
  const words = text.split(' ').flatMap((word) =>
    textWidth(word, size, bold) > maxWidth && word.includes(',') ? word.split(/(?<=,)/).map((part, index) => ({ part, glued: index > 0 })) : [{ part: word, glued: false }],
  );
  for (const { part: word, glued } of words) {
    const candidate = line ? `${line}${glued ? '' : ' '}${word}` : word;
    if (line && textWidth(candidate, size, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** The box a label's glyphs occupy (ascenders to descenders). */
export function labelRect(label: Label): Rect {
  const width = textWidth(label.text, label.size, label.bold);
  const x = label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - width : label.x - width / 2;
  return { x, y: label.y - label.size * 0.92, width, height: label.size * 1.18 };
}

/** True when two rectangles overlap (touching edges do not count). */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** `rect` grown by `by` on every side. */
export function inflate(rect: Rect, by: number): Rect {
  return { x: rect.x - by, y: rect.y - by, width: rect.width + 2 * by, height: rect.height + 2 * by };
}

/** True when the segment a–b passes through `rect` (Liang–Barsky clipping). */
export function segmentHitsRect(a: Point, b: Point, rect: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: [number, number][] = [
    [-dx, a.x - rect.x],
    [dx, rect.x + rect.width - a.x],
    [-dy, a.y - rect.y],
    [dy, rect.y + rect.height - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}

/** True when any segment of the polyline passes through `rect`. */
export function polylineHitsRect(points: readonly Point[], rect: Rect): boolean {
  for (let i = 1; i < points.length; i += 1) {
    if (segmentHitsRect(points[i - 1]!, points[i]!, rect)) return true;
  }
  return false;
}

/** The square around a circle, for overlap tests. */
export function circleRect(center: Point, radius: number): Rect {
  return { x: center.x - radius, y: center.y - radius, width: 2 * radius, height: 2 * radius };
}

/** An SVG path (`M … L …`) through the points. */
export function pathData(points: readonly Point[]): string {
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'} ${round(point.x)} ${round(point.y)}`).join(' ');
}

/** Rounds to a tenth, so coordinates print short. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

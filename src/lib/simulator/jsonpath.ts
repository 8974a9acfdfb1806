/** A small JSONPath evaluator for `kubectl get -o jsonpath=...` and CRD printer columns. */

/** Evaluates a small JSONPath subset: `{.a.b}`, `{.items[*].x}`, `{.items[0].x}`, literal text between expressions. */
export function evalJsonPath(template: string, data: unknown): string | null {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = template.indexOf('}', open);
    if (close < 0) return null;
    const expr = template.slice(open + 1, close).trim();
    i = close + 1;
    if (expr === '"\\n"' || expr === "'\\n'") {
      out += '\n';
      continue;
    }
    if (!expr.startsWith('.') && expr !== '@') return null;
    let values: unknown[] = [data];
    const parts = expr.match(/\.[^.[\]]*|\[[^\]]*\]/g) ?? [];
    for (const part of parts) {
      const next: unknown[] = [];
      for (const v of values) {
        if (part.startsWith('[')) {
          const idx = part.slice(1, -1).trim();
          if (!Array.isArray(v)) continue;
          if (idx === '*') next.push(...v);
          else if (/^-?\d+$/.test(idx)) {
            const n = Number(idx);
            const item = v[n < 0 ? v.length + n : n];
            if (item !== undefined) next.push(item);
          } else return null;
        } else {
          const key = part.slice(1);
          if (key === '') next.push(v);
          else if (key === '*' && v && typeof v === 'object') next.push(...Object.values(v as Record<string, unknown>));
          else if (v && typeof v === 'object' && !Array.isArray(v) && key in (v as Record<string, unknown>)) next.push((v as Record<string, unknown>)[key]);
        }
      }
      values = next;
    }
    out += values.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(' ');
  }
  return out;
}


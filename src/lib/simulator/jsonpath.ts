/** A small JSONPath evaluator for `kubectl get -o jsonpath=...` and CRD printer columns. */

/** The value at a relative path (`@.a.b`) of one item, or undefined. */
function at(item: unknown, path: string): unknown {
  let v: unknown = item;
  for (const key of path.split('.').filter(Boolean)) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A filter `?(@.path==value)` / `?(@.path!=value)` (client-go jsonpath; value quoted or a number), or null when not one. */
function filter(idx: string): ((item: unknown) => boolean) | null {
  const m = /^\?\(\s*@((?:\.[A-Za-z0-9_-]+)*)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(-?\d+(?:\.\d+)?))\s*\)$/.exec(idx);
  if (!m) return null;
  const want: unknown = m[3] ?? m[4] ?? Number(m[5]);
  return (item) => (at(item, m[1] ?? '') === want) === (m[2] === '==');
}

/** Evaluates a small JSONPath subset: `{.a.b}`, `{.items[*].x}`, `{.items[0].x}`, `{.items[?(@.a=="b")].x}`, literal text between expressions. */
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
          const keep = idx.startsWith('?') ? filter(idx) : null;
          if (idx === '*') next.push(...v);
          else if (keep) next.push(...v.filter(keep));
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


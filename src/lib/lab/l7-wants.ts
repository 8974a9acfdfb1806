/** What a lab task's `http` and `conditions` checks ask for, in words (built into the page at build time; the Tasks island shows them). */
import type { LabConditionCheck, LabHttpCheck } from './lab-schema.ts';

/** "GET http://www.shop.example/api/items from external:198.51.100.7". */
export function httpSubject(c: LabHttpCheck): string {
  return `${c.method ?? 'GET'} ${c.url}${c.headers?.Host ? ` (Host ${c.headers.Host})` : ''} from ${c.from}`;
}

/** "must get 200 from shop/backend", "100 requests: shop/backend ×90, shop/backend-v2 ×10". */
export function httpWants(c: LabHttpCheck): string {
  const parts: string[] = [];
  if (c.status !== undefined) parts.push(`${c.status}`);
  if (c.service !== undefined) parts.push(c.service === null ? 'from the proxy itself (no backend)' : `from ${c.service}`);
  if (c.pod !== undefined) parts.push(`answered by pod ${c.pod}`);
  const one = parts.length ? `must get ${parts.join(' ')}` : '';
  if (c.requests === undefined) return one;
  const split = c.services ? Object.entries(c.services).map(([s, n]) => `${s} ×${n}`).join(', ') : '';
  return `${c.requests} requests${one ? `, each ${one.replace('must get', 'getting')}` : ''}${split ? `: ${split}` : ''}`;
}

/** "HTTPRoute shop/shop", "Gateway infra/public listener http". */
export function conditionSubject(c: LabConditionCheck): string {
  const ns = c.kind === 'GatewayClass' ? '' : `${c.namespace ?? 'default'}/`;
  return `${c.kind} ${ns}${c.name}${c.listener ? ` listener ${c.listener}` : ''}${c.parent ? ` (parent ${c.parent})` : ''}`;
}

/** "must be Accepted=True", "must have attachedRoutes 1". */
export function conditionWants(c: LabConditionCheck): string {
  const parts: string[] = [];
  if (c.type) parts.push(`${c.type}=${c.status ?? '…'}${c.reason ? ` (reason ${c.reason})` : ''}`);
  if (c.attachedRoutes !== undefined) parts.push(`attachedRoutes ${c.attachedRoutes}`);
  return `must have ${parts.join(' and ')}`;
}

/** The labels of a task's http checks, then its conditions checks (the order TaskResult lists them). */
export function l7Labels(task: { http: readonly LabHttpCheck[]; conditions: readonly LabConditionCheck[] }): Array<{ subject: string; wants: string }> {
  return [...task.http.map((c) => ({ subject: httpSubject(c), wants: httpWants(c) })), ...task.conditions.map((c) => ({ subject: conditionSubject(c), wants: conditionWants(c) }))];
}

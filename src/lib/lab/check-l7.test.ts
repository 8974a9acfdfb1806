/** Lab checks `http` and `conditions` (lesson 8) on the edge fixture; the statuses and counts they compare come from cluster.http and the Gateway API status (l7/http.test.ts cites the sources). */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../simulator/cluster.ts';
import { EDGE_OPTIONS, EDGE_YAML } from '../simulator/l7/fixture.ts';
import { checkTasks } from './check-tasks.ts';
import { labTaskSchema } from './lab-schema.ts';

const task = (checks: Record<string, unknown>) => labTaskSchema.parse({ id: 't', title: 'Task', goal: 'Do the thing well.', hint: 'Try.', ...checks });

describe('lab checks http and conditions', () => {
  const c = createCluster(EDGE_YAML, EDGE_OPTIONS);
  it('an http check passes on the status and Service, and explains what happened when it fails', () => {
    const [ok] = checkTasks(c, [task({ http: [{ from: 'external:198.51.100.7', url: 'http://www.shop.example/', status: 200, service: 'shop/web' }] })]);
    expect(ok?.passed).toBe(true);
    const [bad] = checkTasks(c, [task({ http: [{ from: 'external:198.51.100.7', url: 'http://www.shop.example/', service: 'shop/backend' }] })]);
    expect(bad?.passed).toBe(false);
    expect(bad?.http[0]?.actual).toBe('200 from shop/web (pod shop/web-1)');
  });
  it('requests: 100 counts every backend Service exactly (the 90/10 canary)', () => {
    const [r] = checkTasks(c, [task({ http: [{ from: 'external:198.51.100.7', url: 'http://www.shop.example/api/items', requests: 100, services: { 'shop/backend': 90, 'shop/backend-v2': 10 } }] })]);
    expect([r?.passed, r?.http[0]?.actual]).toEqual([true, '200 from shop/backend ×90, shop/backend-v2 ×10']);
  });
  it('conditions: a route parent condition and a listener attachedRoutes', () => {
    const [r] = checkTasks(c, [task({ conditions: [{ kind: 'HTTPRoute', namespace: 'shop', name: 'shop', type: 'Accepted', status: 'True' }, { kind: 'Gateway', namespace: 'infra', name: 'public', listener: 'http', attachedRoutes: 1 }] })]);
    expect(r?.passed).toBe(true);
    expect(r?.conditions.map((x) => x.actual)).toEqual(['Accepted=True (Accepted)', 'attachedRoutes 1']);
  });
  it('the schema refuses attachedRoutes without a Gateway listener', () => {
    expect(() => task({ conditions: [{ kind: 'HTTPRoute', name: 'shop', attachedRoutes: 1 }] })).toThrow(/attachedRoutes is a Gateway listener field/);
  });
});

/**
 * Lab connection checks to hosts outside the cluster under policy (lesson 7's task 5): `to: <external IP>`
 * is judged by the source's egress policies only ("ipBlock … should be cluster-external IPs",
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors),
 * and the matrix's external column says the same.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../simulator/index.ts';
import { POLICY_FINAL, withPolicies } from '../simulator/policy/fixture.ts';
import { checkTasks } from './check-tasks.ts';
import { matrixOf } from './view.ts';

const TASK = {
  id: 'one-external-dependency',
  expect: [
    { from: 'shop/backend-1', to: '203.0.113.20', port: 443, protocol: 'TCP' as const, allowed: true },
    { from: 'shop/backend-1', to: '203.0.113.99', port: 443, protocol: 'TCP' as const, allowed: false },
    { from: 'shop/frontend', to: '203.0.113.20', port: 443, protocol: 'TCP' as const, allowed: false },
  ],
};

describe('connection checks to external IPs under policy', () => {
  it('pass with the ipBlock egress rule, and fail without it (deny-all alone drops all three)', () => {
    expect(checkTasks(createCluster(POLICY_FINAL), [TASK])[0]?.passed).toBe(true);
    const denyAll = checkTasks(createCluster(withPolicies('default-deny-all')), [TASK])[0];
    expect(denyAll?.passed).toBe(false);
    expect(denyAll?.expectations.map((e) => [e.passed, e.status])).toEqual([[false, "policy-denied"], [true, "policy-denied"], [true, "policy-denied"]]); // only the allowed one fails
  });

  it('agree with the matrix’s external columns', () => {
    const m = matrixOf(createCluster(POLICY_FINAL), 443, 'TCP', { namespaces: ['shop'], external: ['203.0.113.20', '203.0.113.99'] });
    const row = (pod: string) => m.allowed[m.pods.indexOf(pod)]?.slice(-2);
    expect(row('shop/backend-1')).toEqual([true, false]);
    expect(row('shop/frontend')).toEqual([false, false]);
  });
});

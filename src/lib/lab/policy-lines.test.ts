import { describe, expect, it } from 'vitest';
import { createCluster } from '../simulator/index.ts';
import { POLICY_FINAL } from '../simulator/policy/fixture.ts';
import { explainLabCell } from './cell-explanation.ts';
import { policyLines } from './policy-lines.ts';

/** The 1-based line of the first line of `text` containing `needle` after line `after`. */
function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  const i = lines.findIndex((line, n) => n >= after && line.includes(needle));
  return i + 1;
}

describe('policyLines', () => {
  it('finds each policy document and each of its rules', () => {
    const map = policyLines(POLICY_FINAL);
    const egress = map.get('shop/backend-egress')!;
    const start = lineOf(POLICY_FINAL, 'name: backend-egress');
    expect(egress.document.from).toBe(start - 2); // apiVersion, kind, metadata
    expect(egress.egress).toEqual([
      { from: lineOf(POLICY_FINAL, '- to: [{ podSelector: { matchLabels: { app: db } } }]', start), to: lineOf(POLICY_FINAL, 'port: 5432 }]', start) },
      { from: lineOf(POLICY_FINAL, '- to: [{ ipBlock', start), to: lineOf(POLICY_FINAL, 'port: 443 }]', start) },
    ]);
    expect(map.get('shop/default-deny-all')?.ingress).toEqual([]);
  });

  it('gives nothing for text that does not parse, and names the default namespace', () => {
    expect(policyLines('kind: [').size).toBe(0);
    expect([...policyLines('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n').keys()]).toEqual(['default/p']);
  });

  it('an explanation highlights the allowing rule, or the whole isolating policies', () => {
    const cluster = createCluster(POLICY_FINAL);
    const ok = explainLabCell(cluster, POLICY_FINAL, 'shop/backend-1', '203.0.113.20', 443, 'TCP')!;
    expect(ok.highlights).toEqual([{ policy: 'shop/backend-egress', direction: 'Egress', rule: 2, role: 'allowed', lines: policyLines(POLICY_FINAL).get('shop/backend-egress')!.egress[1] }]);
    const no = explainLabCell(cluster, POLICY_FINAL, 'sandbox/intruder', 'shop/db-0', 5432, 'TCP')!;
    expect(no.highlights.map((h) => [h.policy, h.lines?.from])).toEqual([
      ['shop/db-ingress', lineOf(POLICY_FINAL, 'name: db-ingress') - 2],
      ['shop/default-deny-all', lineOf(POLICY_FINAL, 'name: default-deny-all') - 2],
    ]);
  });
});

/**
 * The lab's name-lookup checks (check-tasks.ts checkDns) and their schema (lab-schema.ts labDnsCheckSchema).
 * A pod's resolver tries its search list first for a name with fewer dots than `ndots` (resolv.conf(5), and the
 * kubelet's default `options ndots:5`, pkg/kubelet/network/dns/dns.go); a trailing dot makes a name absolute;
 * an ExternalName Service answers with a CNAME (kubernetes/dns docs/specification.md §2.5).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../simulator/index.ts';
import { DNS_CLUSTER_YAML, DNS_UPSTREAM } from '../simulator/dns/fixture.ts';
import { formatIssues } from '../course/field-schemas.ts';
import { checkDns, checkTasks } from './check-tasks.ts';
import { labTaskSchema } from './lab-schema.ts';

const cluster = createCluster(DNS_CLUSTER_YAML, DNS_UPSTREAM);

describe('checkDns', () => {
  it('an external name from a pod with ndots:5 takes four queries; with a trailing dot, one', () => {
    const four = checkDns(cluster, { from: 'shop/frontend', resolve: 'api.payments.example', queries: 1 });
    expect(four).toEqual({ subject: 'api.payments.example from shop/frontend', passed: false, actual: '203.0.113.20 after 4 queries' });
    expect(checkDns(cluster, { from: 'shop/frontend', resolve: 'api.payments.example.', queries: 1 }).passed).toBe(true);
  });

  it('checks the answer in any order, the record count, and that a name does not resolve', () => {
    expect(checkDns(cluster, { from: 'shop/frontend', resolve: 'backend', answer: ['10.96.20.10'] }).passed).toBe(true);
    expect(checkDns(cluster, { from: 'shop/frontend', resolve: 'backend', answer: ['10.96.20.11'] }).passed).toBe(false);
    expect(checkDns(cluster, { from: 'monitoring/prometheus', resolve: 'backend', resolves: false }).passed).toBe(true);
    expect(checkDns(cluster, { from: 'shop/frontend', resolve: '_postgres._tcp.db.shop.svc.cluster.local', type: 'SRV', count: 2 })).toMatchObject({ subject: '_postgres._tcp.db.shop.svc.cluster.local (SRV) from shop/frontend', passed: true });
  });

  it('an ExternalName alias answers with its CNAME target', () => {
    expect(checkDns(cluster, { from: 'shop/frontend', resolve: 'payments', type: 'CNAME', answer: ['api.payments.example'] }).passed).toBe(true);
  });

  it('a pod that does not exist fails the check with a reason', () => {
    expect(checkDns(cluster, { from: 'shop/nobody', resolve: 'backend' })).toMatchObject({ passed: false, actual: 'no answer after 0 queries' });
  });

  it('a task passes only when its lookups pass too', () => {
    const [result] = checkTasks(cluster, [{ id: 'fewer', expect: [], dns: [{ from: 'shop/frontend', resolve: 'api.payments.example', queries: 1 }] }]);
    expect(result).toMatchObject({ passed: false, dns: [{ passed: false }] });
  });
});

describe('labDnsCheckSchema', () => {
  const task = (dns: string) => labTaskSchema.safeParse({ id: 't', title: 'Task', goal: 'Do the thing well.', hint: 'Look', dns: [JSON.parse(dns)] });
  it('names the field of a bad check', () => {
    const bad = task('{"from": "shop/frontend", "resolve": "backend", "type": "MX"}');
    expect(bad.success).toBe(false);
    expect(formatIssues('lab.yaml', bad.error!)).toEqual(['lab.yaml: dns[0].type: must be one of: A, AAAA, SRV, PTR, CNAME']);
    expect(task('{"from": "shop/frontend", "resolve": "backend", "queries": 0}').success).toBe(false);
    expect(task('{"from": "shop/frontend", "resolve": "backend", "queries": 1}').success).toBe(true);
  });
});

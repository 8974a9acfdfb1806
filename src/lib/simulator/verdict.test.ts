/**
 * Verdicts, failing steps and client waits. Sources:
 * - kube-proxy rejects a Service without ready endpoints (pkg/proxy/iptables/proxier.go: "has no endpoints" REJECT),
 *   so the client is refused at once; a NetworkPolicy drop is silent (the client times out);
 * - busybox 1.36 networking/wget.c: `-T`, default `G.timeout_seconds = 900`;
 * - curl docs/cmdline-opts/max-time.md and connect-timeout.md; lib/connect.h DEFAULT_CONNECT_TIMEOUT 300000 (ms);
 * - busybox networking/nc.c `-w SEC`.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';
import { shopYaml } from './kube-proxy/l5-fixture.ts';
import { clientWaitSeconds, httpVerdict } from './verdict.ts';

const denyAll = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

describe('verdict and failingStep on connect()', () => {
  it('ok for a connection that gets through, with no failing step', () => {
    const r = createCluster(shopYaml()).connect({ from: 'shop/frontend', to: 'backend', port: 80 });
    expect(r).toMatchObject({ allowed: true, verdict: 'ok' });
    expect(r.failingStep).toBeUndefined();
  });

  it('refused when the selector matches nothing, failing at kube-proxy', () => {
    const r = createCluster(shopYaml().replace('selector: {app: backend}', 'selector: {app: backnd}')).connect({ from: 'shop/frontend', to: 'backend', port: 80 });
    expect(r.verdict).toBe('refused');
    expect(r.steps[r.failingStep!]!.phase).toBe('service');
  });

  it('timeout when a policy drops it (silent), failing at the policy step', () => {
    const r = createCluster(shopYaml('type: ClusterIP', denyAll)).connect({ from: 'shop/frontend', to: 'backend', port: 80 });
    expect(r.status).toBe('policy-denied');
    expect(r.verdict).toBe('timeout');
    expect(r.steps[r.failingStep!]!.phase).toBe('policy');
  });

  it('nxdomain for a name that does not exist', () => {
    const r = createCluster(shopYaml()).connect({ from: 'shop/frontend', to: 'backend.nowhere', port: 80 });
    expect(r.verdict).toBe('nxdomain');
  });

  it('maps HTTP statuses and connection failures', () => {
    expect([200, 301, 404, 500, 503, 502].map((s) => httpVerdict(s, undefined))).toEqual(['ok', 'ok', 'http-404', 'http-500', 'http-503', undefined]);
    expect(httpVerdict(null, 'refused')).toBe('refused');
    expect(httpVerdict(null, 'bad-request')).toBeUndefined();
  });
});

describe('clientWaitSeconds', () => {
  it('refused and HTTP answers come back at once', () => {
    expect(clientWaitSeconds(['wget', '-qO-', '-T', '2', 'backend'], 'refused').seconds).toBe(0);
    expect(clientWaitSeconds(['curl', '-si', 'http://x/'], 'http-503').seconds).toBe(0);
  });

  it("a timeout lasts the tool's limit: wget -T, curl --max-time/--connect-timeout, nc -w", () => {
    expect(clientWaitSeconds(['wget', '-qO-', '-T', '2', 'backend'], 'timeout')).toEqual({ seconds: 2, why: 'wget -T 2' });
    expect(clientWaitSeconds(['wget', '-T5', 'backend'], 'timeout').seconds).toBe(5);
    expect(clientWaitSeconds(['curl', '--max-time', '3', 'http://backend'], 'timeout').seconds).toBe(3);
    expect(clientWaitSeconds(['curl', '-m', '10', '--connect-timeout', '4', 'http://backend'], 'timeout')).toEqual({ seconds: 4, why: 'curl --connect-timeout 4' });
    expect(clientWaitSeconds(['nc', '-zv', '-w', '2', '10.244.1.7', '8080'], 'timeout').seconds).toBe(2);
  });

  it("without a flag: busybox wget's 900 s, curl's 300 s connect timeout; nc and DNS timeouts are not the tool's to say", () => {
    expect(clientWaitSeconds(['wget', '-qO-', 'backend'], 'timeout').seconds).toBe(900);
    expect(clientWaitSeconds(['curl', 'http://backend'], 'timeout').seconds).toBe(300);
    expect(clientWaitSeconds(['nc', '-zv', '10.244.1.7', '8080'], 'timeout').seconds).toBeNull();
    expect(clientWaitSeconds(['wget', '-T', '2', 'backend'], 'dns-timeout').seconds).toBeNull();
  });
});

/**
 * Lesson 7's no-dns scenario (default-deny-all without allow-dns): the name lookup is what fails, and the busybox
 * tools print what busybox 1.36.1 prints. Expected texts: networking/nslookup.c (nslookup_main, no reply from any
 * server: `printf(";; connection timed out; no servers could be reached\n\n")`, EXIT_FAILURE) and libbb/xconnect.c
 * (str2sockaddr: `bb_error_msg("bad address '%s'", org_host)`, prefixed with the applet's name), tag 1_36_1 of
 * git://busybox.net/busybox (mirror/busybox). The own-node exception: "traffic to and from the node where a Pod
 * is running is always allowed" (https://kubernetes.io/docs/concepts/services-networking/network-policies/).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { POLICY_FINAL, withPolicies } from './fixture.ts';

const NO_DNS = withPolicies('default-deny-all', 'backend-ingress', 'frontend-egress', 'db-ingress', 'backend-egress', 'prometheus-scrape');

describe('DNS dropped by egress policy', () => {
  it('connect() by name stops at the DNS step: no TCP connection is attempted', () => {
    const r = createCluster(NO_DNS).connect({ from: 'shop/frontend', to: 'backend', port: 80 });
    expect(r.status).toBe('dns-timeout');
    expect(r.steps.every((s) => s.phase === 'dns' || s.phase === undefined)).toBe(true);
    expect(r.reason).toContain('is dropped');
    // With allow-dns the same connection resolves and connects.
    expect(createCluster(POLICY_FINAL).connect({ from: 'shop/frontend', to: 'backend', port: 80 }).status).toBe('connected');
  });

  it('busybox nslookup: ";; connection timed out; no servers could be reached" and exit 1', () => {
    const out = createCluster(NO_DNS).kubectl('-n shop exec frontend -- nslookup backend');
    expect(out.stdout).toBe(';; connection timed out; no servers could be reached\n\n');
    expect(out.exitCode).toBe(1);
  });

  it("busybox wget: \"wget: bad address 'backend'\" (after the resolver's timeouts), never a TCP timeout", () => {
    const out = createCluster(NO_DNS).kubectl('-n shop exec frontend -- wget -qO- -T 2 backend');
    expect(out.stderr.split('\n')[0]).toBe("wget: bad address 'backend'");
    expect(out.stderr).not.toContain('download timed out');
    expect(out.exitCode).toBe(1);
  });

  it('the same pod still reaches a backend by IP on 8080 (the app path is allowed; only names fail)', () => {
    const out = createCluster(NO_DNS).kubectl('-n shop exec frontend -- wget -qO- -T 2 10.244.1.7:8080/hostname');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe('backend-2');
  });
});

describe('own-node exception', () => {
  it('the kubelet on node-2 reaches backend-2 under default-deny-all; node-1 does not', () => {
    const c = createCluster(withPolicies('default-deny-all'));
    const local = c.connect({ from: 'node:node-2', to: 'shop/backend-2', port: 8080 });
    expect(local.allowed).toBe(true);
    expect(local.steps.find((s) => s.phase === 'policy')?.result).toBe("Allowed: the pod's own node");
    const remote = c.connect({ from: 'node:node-1', to: 'shop/backend-2', port: 8080 });
    expect(remote.status).toBe('policy-denied');
  });
});

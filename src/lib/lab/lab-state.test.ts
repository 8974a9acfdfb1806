import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MANIFEST_BYTES } from '../simulator/index.ts';
import { DEFAULT_LAB_NETWORK, defaultMatrixOptions, isPort, labState, LAB_STATE_VERSION, MAX_LAB_YAML_BYTES, parseLabRecord, sameLabState, toRecord, utf8Length, withLabSettings } from './lab-state.ts';
import { LAB, LESSON } from './test-fixtures.ts';

describe('lab state', () => {
  it('uses the simulator size limit without importing the simulator', () => {
    expect(MAX_LAB_YAML_BYTES).toBe(MAX_MANIFEST_BYTES);
  });

  it('opens the matrix on the first task check (TCP/8080 for the seed lab), TCP/80 without tasks', () => {
    expect(defaultMatrixOptions(LAB.tasks)).toEqual({ port: 8080, protocol: 'TCP' });
    expect(defaultMatrixOptions([])).toEqual({ port: 80, protocol: 'TCP' });
    expect(defaultMatrixOptions([{ expect: [{ port: 53, protocol: 'UDP' }] }])).toEqual({ port: 53, protocol: 'UDP' });
  });

  it('round-trips a record', () => {
    const state = labState('kind: Pod\n', 9090, 'UDP');
    expect(parseLabRecord(JSON.parse(JSON.stringify(toRecord(LESSON, state))), LESSON)).toEqual({ ok: true, state });
  });

  it.each([
    ['not an object', 'text', 'it does not hold a lab'],
    ['an array', [], 'it does not hold a lab'],
    ['no version', { lesson: LESSON, yaml: '', port: 80, protocol: 'TCP' }, 'it has no format version'],
    ['a newer version', { v: LAB_STATE_VERSION + 1, lesson: LESSON, yaml: '', port: 80, protocol: 'TCP' }, 'newer version'],
    ['another lesson', { v: 1, lesson: 'other', yaml: '', port: 80, protocol: 'TCP' }, 'another lesson ("other")'],
    ['no manifests', { v: 1, lesson: LESSON, port: 80, protocol: 'TCP' }, 'holds no manifests'],
    ['a bad port', { v: 1, lesson: LESSON, yaml: '', port: 70000, protocol: 'TCP' }, 'port'],
    ['a fractional port', { v: 1, lesson: LESSON, yaml: '', port: 80.5, protocol: 'TCP' }, 'port'],
    ['a bad protocol', { v: 1, lesson: LESSON, yaml: '', port: 80, protocol: 'ICMP' }, 'protocol'],
    ['oversized manifests', { v: 1, lesson: LESSON, yaml: 'x'.repeat(MAX_LAB_YAML_BYTES + 1), port: 80, protocol: 'TCP' }, '1 MiB'],
  ])('rejects %s with a reason', (_name, value, reason) => {
    const parsed = parseLabRecord(value, LESSON);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(reason);
  });

  it('compares states by all three parts', () => {
    const a = labState('x', 80, 'TCP');
    expect(sameLabState(a, labState('x', 80, 'TCP'))).toBe(true);
    expect(sameLabState(a, labState('y', 80, 'TCP'))).toBe(false);
    expect(sameLabState(a, labState('x', 81, 'TCP'))).toBe(false);
    expect(sameLabState(a, labState('x', 80, 'UDP'))).toBe(false);
  });

  it('validates ports', () => {
    expect([1, 65535, 0, 65536, 1.5, Number.NaN, '80'].map(isPort)).toEqual([true, true, false, false, false, false, false]);
  });

  it('counts UTF-8 bytes like TextEncoder', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => utf8Length(text) === new TextEncoder().encode(text).length));
  });
});

describe('network settings of the lab cluster', () => {
  it('records saved before network settings existed open with the course defaults', () => {
    const parsed = parseLabRecord({ v: LAB_STATE_VERSION, lesson: LESSON, yaml: 'x', port: 80, protocol: 'TCP' }, LESSON);
    expect(parsed).toEqual({ ok: true, state: labState('x', 80, 'TCP', DEFAULT_LAB_NETWORK) });
  });

  it('keeps a switched kube-proxy mode and plugin through save and share, and only writes them when switched', () => {
    const switched = labState('x', 80, 'TCP', { kubeProxyMode: 'ipvs', policyPlugin: 'none' });
    const record = toRecord(LESSON, switched);
    expect(record.network).toEqual({ kubeProxyMode: 'ipvs', policyPlugin: 'none' });
    expect(parseLabRecord(JSON.parse(JSON.stringify(record)), LESSON)).toEqual({ ok: true, state: switched });
    expect(toRecord(LESSON, labState('x', 80, 'TCP')).network).toBeUndefined();
    expect(sameLabState(switched, labState('x', 80, 'TCP'))).toBe(false);
  });

  it("a restored lab runs with its scenario's own settings (Gateway API CRDs, upstream DNS), which records do not carry", () => {
    const pristine = labState('x', 80, 'TCP', { kubeProxyMode: 'iptables', policyPlugin: 'calico', routes: [{ node: 'node-3', delete: '10.244.1.0/24' }], gatewayChannel: 'standard', upstreamDns: { server: '192.0.2.53' } } as never);
    const edited = labState('y', 80, 'TCP', { kubeProxyMode: 'ipvs', policyPlugin: 'calico', routes: [] });
    const parsed = parseLabRecord(JSON.parse(JSON.stringify(toRecord(LESSON, edited))), LESSON);
    if (!parsed.ok) throw new Error(parsed.error);
    const restored = withLabSettings(parsed.state, pristine);
    expect(restored.network).toEqual({ gatewayChannel: 'standard', upstreamDns: { server: '192.0.2.53' }, kubeProxyMode: 'ipvs', policyPlugin: 'calico', routes: [] });
    expect(restored.yaml).toBe('y');
    // Without such settings the state comes back as it is.
    expect(withLabSettings(parsed.state, labState('x', 80, 'TCP'))).toBe(parsed.state);
  });

  it('refuses unknown settings with a sentence a learner can read', () => {
    const parsed = parseLabRecord({ v: LAB_STATE_VERSION, lesson: LESSON, yaml: 'x', port: 80, protocol: 'TCP', network: { kubeProxyMode: 'userspace', policyPlugin: 'calico' } }, LESSON);
    expect(parsed).toEqual({ ok: false, error: 'its network settings are not a kube-proxy mode (iptables, nftables, ipvs) and a policy plugin (calico, cilium, none)' });
  });
});

describe('defaultMatrixOptions with matrix ports', () => {
  it('opens on the first port lab.yaml lists, before the first task check', () => {
    const tasks = [{ expect: [{ port: 8080, protocol: 'TCP' }] }];
    expect(defaultMatrixOptions(tasks, [{ port: 53, protocol: 'UDP' }, { port: 443, protocol: 'TCP' }])).toEqual({ port: 53, protocol: 'UDP' });
    expect(defaultMatrixOptions(tasks, [])).toEqual({ port: 8080, protocol: 'TCP' });
  });
});

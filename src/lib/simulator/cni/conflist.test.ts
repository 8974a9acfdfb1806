/**
 * Conflist parsing and loading, checked against upstream texts:
 * - containernetworking/cni `libcni/conf.go` NetworkConfFromBytes (commit 3f51e88): `no name`, `no 'plugins' key`,
 *   `no plugins in list`, `invalid cniVersion %s: %w`, cniVersions (the highest not above the library's spec wins);
 *   `ConfFromBytes`: `missing 'type'`; `pkg/version/plugin.go` ParseVersion errors; `pkg/invoke/find.go` FindInPath;
 *   `pkg/skel/skel.go` + `pkg/version/reconcile.go` ErrorIncompatible + `pkg/types/types.go` Error() (`msg; details`);
 * - containerd go-cni `opts.go` loadFromConfDir (vendored in containerd 301026e): first file in byte order wins,
 *   `no network config found in %s: cni plugin not initialized`;
 * - containerd `internal/cri/server/status.go`: NetworkReady=false, reason NetworkPluginNotReady,
 *   message `Network plugin returns error: %v`; kubelet `container runtime network not ready: %v`.
 */
import { describe, expect, it } from 'vitest';
import { chainProblem, defaultConfList, parseConfList } from './conflist.ts';
import { defaultNodeCni, loadNetwork, networkCondition, networkNotReadyMessage } from './node-state.ts';

describe('conflist parsing', () => {
  it('the default conflist is the lesson\'s bridge + host-local + portmap chain at cniVersion 1.1.0', () => {
    const r = parseConfList(defaultConfList('10.244.1.0/24'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.conf).toMatchObject({ name: 'cbr0', cniVersion: '1.1.0', version: '1.1.0' });
    expect(r.conf.plugins.map((p) => p.type)).toEqual(['bridge', 'portmap']);
    expect(r.conf.plugins[0]?.ipam).toEqual({ type: 'host-local', ranges: [[{ subnet: '10.244.1.0/24' }]] });
    expect(r.conf.plugins[1]?.capabilities).toEqual({ portMappings: true });
  });

  it.each([
    ['{"cniVersion":"1.1.0","plugins":[{"type":"bridge"}]}', 'error parsing configuration list: no name'],
    ['{"name":"cbr0","cniVersion":"1.1.0"}', "error parsing configuration list: no 'plugins' key"],
    ['{"name":"cbr0","plugins":[]}', 'error parsing configuration list: no plugins in list'],
    ['{"name":"cbr0","plugins":[{"bridge":"cni0"}]}', "failed to parse plugin config 0: error parsing configuration: missing 'type'"],
    ['{"name":7,"plugins":[]}', 'error parsing configuration list: invalid name type float64'],
    ['{"name":"cbr0","cniVersion":"1.x","cniVersions":["1.0.0"],"plugins":[{"type":"bridge"}]}', 'error parsing configuration list: invalid cniVersion 1.x: failed to convert minor version part "x": strconv.Atoi: parsing "x": invalid syntax'],
  ])('refuses %s with libcni\'s error', (text, error) => {
    expect(parseConfList(text)).toEqual({ ok: false, error });
  });

  it('cniVersions: the runtime uses the highest version not above spec 1.1.0', () => {
    const r = parseConfList('{"name":"n","cniVersion":"0.4.0","cniVersions":["1.0.0","9.9.9"],"plugins":[{"type":"bridge"}]}');
    expect(r.ok && r.conf.version).toBe('1.0.0');
  });

  it('a missing binary or a version the plugins do not speak stops the chain with the upstream text', () => {
    const r = parseConfList(defaultConfList('10.244.1.0/24'));
    if (!r.ok) throw new Error(r.error);
    expect(chainProblem(r.conf, ['bridge', 'portmap'])).toEqual({ plugin: 'bridge', error: 'failed to find plugin "host-local" in path [/opt/cni/bin]' });
    expect(chainProblem(r.conf, ['bridge', 'host-local'])).toEqual({ plugin: 'portmap', error: 'failed to find plugin "portmap" in path [/opt/cni/bin]' });
    expect(chainProblem(r.conf, ['bridge', 'host-local', 'portmap'])).toBeNull();
    const future = parseConfList('{"name":"n","cniVersion":"2.0.0","plugins":[{"type":"bridge"}]}');
    if (!future.ok) throw new Error(future.error);
    expect(chainProblem(future.conf, ['bridge'])?.error).toBe('incompatible CNI versions; config is "2.0.0", plugin supports ["0.1.0" "0.2.0" "0.3.0" "0.3.1" "0.4.0" "1.0.0" "1.1.0"]');
  });
});

describe('loading /etc/cni/net.d as containerd does', () => {
  it('loads the lexically first config file', () => {
    const state = defaultNodeCni('10.244.1.0/24', {}, { confFiles: { '20-other.conflist': '{"name":"other","plugins":[{"type":"ptp"}]}', '10-bridge.conflist': defaultConfList('10.244.1.0/24'), 'README': 'x' } });
    const loaded = loadNetwork(state);
    expect(loaded.ok && loaded.file).toBe('10-bridge.conflist');
  });

  it('an empty directory leaves the CNI plugin uninitialised: NetworkReady=false, NetworkPluginNotReady', () => {
    const state = defaultNodeCni('10.244.2.0/24', {}, { confFiles: {} });
    expect(loadNetwork(state)).toEqual({ ok: false, error: 'no network config found in /etc/cni/net.d: cni plugin not initialized' });
    expect(networkCondition(state)).toEqual({ ready: false, reason: 'NetworkPluginNotReady', message: 'Network plugin returns error: cni plugin not initialized' });
    expect(networkNotReadyMessage(state)).toBe('container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized');
  });

  it('an invalid first file also leaves the network not ready', () => {
    const state = defaultNodeCni('10.244.2.0/24', {}, { confFiles: { '10-bridge.conflist': '{"cniVersion":"1.1.0"}' } });
    const loaded = loadNetwork(state);
    expect(!loaded.ok && loaded.error).toBe('failed to load CNI config list file /etc/cni/net.d/10-bridge.conflist: error parsing configuration list: no name: invalid cni config');
    expect(networkCondition(state).ready).toBe(false);
  });
});

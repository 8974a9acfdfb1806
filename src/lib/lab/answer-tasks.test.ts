/**
 * Questions whose key the simulator computes (answer-tasks.ts), checked against the CNI spec, containernetworking/cni
 * SPEC.md at tag spec-v1.1.0 (commit df52e9460d3a819920b63e28c4d5d6f12bed6758):
 * - "Example configuration" (lines 148-189): the `dbnet` list, bridge (ipam host-local, subnet 10.1.0.0/16), tuning,
 *   portmap, with cniVersion 1.1.0 and cniVersions [0.3.1, 0.4.0, 1.0.0, 1.1.0];
 * - "Adding an attachment" (428-437): for every plugin of `plugins`, in order; "Deleting an attachment" (439-450): the
 *   list is executed in reverse order; the Appendix's "Delete example" (1048-1053) calls portmap first;
 * - "ipam (dictionary)" (137-138): `type` is the IPAM plugin executable; "Section 4: Plugin Delegation" (528-556): the
 *   plugin, not the runtime, invokes the IPAM plugin, and the Add example (695) has bridge execute host-local;
 * - "Version considerations" (191-195): the runtime selects the highest supported version of cniVersion and cniVersions.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../simulator/index.ts';
import { parseConfList, type NetworkConfList } from '../simulator/cni/conflist.ts';
import { answerChoices, checkAnswers, computeKey, conflistFact, type ConflistFact } from './answer-tasks.ts';
import { checkTasks } from './check-tasks.ts';

/** SPEC.md's example configuration, with its `//` comments left out (they make it JSONC, not JSON). */
const SPEC_EXAMPLE = `{
  "cniVersion": "1.1.0",
  "cniVersions": ["0.3.1", "0.4.0", "1.0.0", "1.1.0"],
  "name": "dbnet",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "cni0",
      "keyA": ["some more", "plugin specific", "configuration"],
      "ipam": {
        "type": "host-local",
        "subnet": "10.1.0.0/16",
        "gateway": "10.1.0.1",
        "routes": [
            {"dst": "0.0.0.0/0"}
        ]
      },
      "dns": {
        "nameservers": [ "10.1.0.1" ]
      }
    },
    {
      "type": "tuning",
      "capabilities": {
        "mac": true
      },
      "sysctl": {
        "net.core.somaxconn": "500"
      }
    },
    {
        "type": "portmap",
        "capabilities": {"portMappings": true}
    }
  ]
}`;

const conf = (text: string): NetworkConfList => {
  const parsed = parseConfList(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.conf;
};
const fact = (text: string, of: ConflistFact) => conflistFact(conf(text), of);

describe('conflistFact on the CNI spec example (dbnet)', () => {
  it('ADD runs the plugins in list order, DEL in reverse: bridge first on ADD, portmap last; portmap first on DEL, bridge last', () => {
    expect(fact(SPEC_EXAMPLE, 'first-on-add')).toEqual({ ok: true, value: 'bridge' });
    expect(fact(SPEC_EXAMPLE, 'last-on-add')).toEqual({ ok: true, value: 'portmap' });
    expect(fact(SPEC_EXAMPLE, 'first-on-del')).toEqual({ ok: true, value: 'portmap' });
    expect(fact(SPEC_EXAMPLE, 'last-on-del')).toEqual({ ok: true, value: 'bridge' });
  });
  it('the IPAM plugin is the ipam.type of the plugin that delegates to it (host-local), not a member of the list', () => {
    expect(fact(SPEC_EXAMPLE, 'ipam-plugin')).toEqual({ ok: true, value: 'host-local' });
    expect(conf(SPEC_EXAMPLE).plugins.map((p) => p.type)).not.toContain('host-local');
  });
  it("the subnet is host-local's (the legacy top-level subnet here), the version the highest of cniVersion and cniVersions", () => {
    expect(fact(SPEC_EXAMPLE, 'subnet')).toEqual({ ok: true, value: '10.1.0.0/16' });
    expect(fact(SPEC_EXAMPLE, 'cni-version')).toEqual({ ok: true, value: '1.1.0' });
    const older = SPEC_EXAMPLE.replace('"cniVersion": "1.1.0"', '"cniVersion": "0.4.0"').replace('"0.4.0", "1.0.0", "1.1.0"]', '"1.0.0"]');
    expect(fact(older, 'cni-version')).toEqual({ ok: true, value: '1.0.0' });
  });
  it('a one-plugin list runs that plugin first and last, on ADD and DEL', () => {
    const one = '{"cniVersion": "1.0.0", "name": "one", "plugins": [{"type": "macvlan", "master": "eth0", "ipam": {"type": "dhcp"}}]}';
    for (const of of ['first-on-add', 'last-on-add', 'first-on-del', 'last-on-del'] as const) expect(fact(one, of)).toEqual({ ok: true, value: 'macvlan' });
    expect(fact(one, 'ipam-plugin')).toEqual({ ok: true, value: 'dhcp' });
  });
  it('a fact the list does not define is not computable, with the reason', () => {
    const noIpam = '{"cniVersion": "1.0.0", "name": "x", "plugins": [{"type": "ptp"}, {"type": "portmap"}]}';
    expect(fact(noIpam, 'ipam-plugin')).toEqual({ ok: false, error: 'no plugin of the chain (ptp, portmap) has an ipam section' });
    const twoIpam = '{"cniVersion": "1.0.0", "name": "x", "plugins": [{"type": "bridge", "ipam": {"type": "host-local", "subnet": "10.1.0.0/16"}}, {"type": "macvlan", "ipam": {"type": "dhcp"}}]}';
    expect(fact(twoIpam, 'ipam-plugin')).toEqual({ ok: false, error: 'more than one IPAM plugin is delegated to (host-local, dhcp)' });
    expect(fact('{"cniVersion": "1.0.0", "name": "x", "plugins": [{"type": "macvlan", "ipam": {"type": "dhcp"}}]}', 'subnet')).toEqual({ ok: false, error: 'the chain delegates no host-local IPAM (its IPAM is dhcp), so it has no subnet' });
    const dual = '{"cniVersion": "1.0.0", "name": "x", "plugins": [{"type": "bridge", "ipam": {"type": "host-local", "ranges": [[{"subnet": "10.1.0.0/16"}], [{"subnet": "fd00::/64"}]]}}]}';
    expect(fact(dual, 'subnet')).toEqual({ ok: false, error: 'host-local has 2 ranges, so "the subnet" is ambiguous' });
    expect(fact('{"name": "x", "plugins": [{"type": "bridge"}]}', 'cni-version')).toEqual({ ok: false, error: 'the list gives no cniVersion' });
  });
});

const here = dirname(fileURLToPath(import.meta.url));
const LAB_CNI = readFileSync(resolve(here, '../../../content/lessons/container-network-interface/scenarios/lab-cni.yaml'), 'utf8');
const SETTINGS = { cni: { nodes: { 'node-3': { confFiles: {} } } } };
const lab = (text = LAB_CNI) => createCluster(text, SETTINGS);
const key = (node: string, of: ConflistFact) => ({ conflist: { node, of } });

describe("computeKey on a cluster: the conflist containerd loads on the node (lesson 3's lab)", () => {
  it("node-2's default chain is bridge (delegating to host-local) then portmap, over its /29", () => {
    const cluster = lab();
    expect(computeKey(cluster, key('node-2', 'ipam-plugin'))).toEqual({ ok: true, value: 'host-local' });
    expect(computeKey(cluster, key('node-2', 'last-on-add'))).toEqual({ ok: true, value: 'portmap' });
    expect(computeKey(cluster, key('node-2', 'first-on-del'))).toEqual({ ok: true, value: 'portmap' });
    expect(computeKey(cluster, key('node-2', 'subnet'))).toEqual({ ok: true, value: '10.244.1.0/29' });
    expect(computeKey(cluster, key('node-2', 'cni-version'))).toEqual({ ok: true, value: '1.1.0' });
  });
  it('a node with an empty /etc/cni/net.d, or no such node, has no key', () => {
    const cluster = lab();
    expect(computeKey(cluster, key('node-3', 'ipam-plugin'))).toEqual({ ok: false, error: 'containerd on node-3 loads no network (no network config found in /etc/cni/net.d: cni plugin not initialized)' });
    expect(computeKey(cluster, key('node-9', 'subnet'))).toEqual({ ok: false, error: 'no node "node-9" in this cluster (nodes: node-1, node-2, node-3)' });
  });
  it('the key follows the cluster: a node given another range has another subnet', () => {
    const wider = lab(LAB_CNI.replace('podCIDR: 10.244.1.0/29', 'podCIDR: 10.244.1.0/28'));
    expect(computeKey(wider, key('node-2', 'subnet'))).toEqual({ ok: true, value: '10.244.1.0/28' });
  });
  it("the node terminal shows the file the key is read from (kubectl debug with the node's root at /host)", () => {
    const out = lab().kubectl('debug node/node-2 -it --image=busybox:1.36 --profile=general -- cat /host/etc/cni/net.d/10-bridge.conflist');
    expect(out.exitCode).toBe(0);
    const shown = conf(out.stdout.slice(out.stdout.indexOf('{')));
    expect(shown.plugins.map((p) => p.type)).toEqual(['bridge', 'portmap']);
    expect(shown.plugins[0]!.ipam?.type).toBe('host-local');
  });
});

describe('answerChoices', () => {
  it("offers the chain's types, its IPAM and the binaries of /opt/cni/bin, by name; nothing for typed questions", () => {
    const cluster = lab();
    expect(answerChoices(cluster, key('node-2', 'ipam-plugin'))).toEqual(['bridge', 'host-local', 'loopback', 'portmap']);
    expect(answerChoices(cluster, key('node-2', 'last-on-add'))).toEqual(['bridge', 'host-local', 'loopback', 'portmap']);
    expect(answerChoices(cluster, key('node-2', 'subnet'))).toBeNull();
    expect(answerChoices(cluster, key('node-3', 'ipam-plugin'))).toBeNull();
  });
});

describe('checkAnswers and checkTasks', () => {
  const ask = [
    { id: 'ipam', key: key('node-2', 'ipam-plugin') },
    { id: 'range', key: key('node-2', 'subnet') },
  ];
  it('is right only for the key of this cluster; spaces around an answer do not matter; the result never holds the key', () => {
    const cluster = lab();
    expect(checkAnswers(cluster, ask, { ipam: ' host-local ', range: '10.244.1.0/24' })).toEqual([
      { id: 'ipam', choices: ['bridge', 'host-local', 'loopback', 'portmap'], answered: true, right: true },
      { id: 'range', choices: null, answered: true, right: false },
    ]);
    expect(JSON.stringify(checkAnswers(cluster, ask, { range: '10.244.0.0/24' }))).not.toContain('10.244.1.0/29');
    expect(checkAnswers(cluster, ask)).toEqual([
      { id: 'ipam', choices: ['bridge', 'host-local', 'loopback', 'portmap'], answered: false, right: false },
      { id: 'range', choices: null, answered: false, right: false },
    ]);
  });
  it('a task of questions alone passes when every answer is right, and stops passing when the cluster changes the key', () => {
    const task = { id: 'read-the-chain', expect: [], ask };
    const answers = { ipam: 'host-local', range: '10.244.1.0/29' };
    expect(checkTasks(lab(), [task])[0]!.passed).toBe(false);
    expect(checkTasks(lab(), [{ ...task, answers: { ipam: 'host-local' } }])[0]!.passed).toBe(false);
    expect(checkTasks(lab(), [{ ...task, answers }])[0]).toMatchObject({ passed: true, answers: [{ id: 'ipam', right: true }, { id: 'range', right: true }] });
    const wider = lab(LAB_CNI.replace('podCIDR: 10.244.1.0/29', 'podCIDR: 10.244.1.0/28'));
    expect(checkTasks(wider, [{ ...task, answers }])[0]).toMatchObject({ passed: false, answers: [{ right: true }, { right: false }] });
  });
  it('a question whose node loads no network cannot be answered right, and says why', () => {
    const [result] = checkAnswers(lab(), [{ id: 'x', key: key('node-3', 'ipam-plugin') }], { x: 'host-local' });
    expect(result).toEqual({ id: 'x', choices: null, answered: true, right: false, error: 'containerd on node-3 loads no network (no network config found in /etc/cni/net.d: cni plugin not initialized)' });
  });
});

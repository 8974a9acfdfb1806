/**
 * Volumes and init containers, as the kubelet runs them for a pod on its node (kubernetes pkg/kubelet):
 * - before the sandbox, every volume is mounted (volumemanager WaitForAttachAndMount): a configMap volume whose
 *   ConfigMap or item key is missing fails with `MountVolume.SetUp failed for volume "v" : configmap "c" not found`
 *   or `… : configmap references non-existent config key: k` (pkg/volume/configmap), event FailedMount, unless
 *   the volume is `optional`;
 * - once the sandbox exists, the init containers run one after the other, each to completion before the next
 *   (a restartPolicy Always one, a sidecar, is started and left running).
 * What an init container does is modelled for one command only: what CNI installers run (flannel's
 * Documentation/kube-flannel.yml up to v0.28.5: `cp -f /etc/kube-flannel/cni-conf.json /etc/cni/net.d/10-flannel.conflist`,
 * and from v0.28.8 `/opt/bin/install-conf SRC DEST`, cmd/install_conf/main.go, a copy by atomic rename): a copy
 * of a file of a configMap mount to a hostPath mount. A copy into the node's /etc/cni/net.d becomes a file of the
 * node's CNI state; a source the ConfigMap does not have fails as cp does (exit code 1). Any other command is not
 * modelled: as with exec readiness probes (probes.ts), the container is taken to complete, and a `[simulator]`
 * note says so, because holding the pod in Init:0/1 would claim a failure the simulator does not know of either.
 * Pure.
 */
import { CNI_CONF_DIR } from '../cni/conflist.ts';
import type { ContainerModel, InitStatus, PodModel, VolumeModel } from '../types.ts';
import { imageProfile } from './images.ts';

/** ConfigMap data by name in the pod's namespace (undefined: no such ConfigMap). */
export type ConfigMapLookup = (name: string) => Record<string, string> | undefined;

/** Fingerprint of what the kubelet runs before the containers (a changed one runs again). */
export function initSpec(pod: Pick<PodModel, 'initContainers' | 'volumes'>): string {
  return JSON.stringify([pod.initContainers ?? [], pod.volumes ?? []]);
}

/** The files of a configMap volume: path in the volume → key (every key, or only `items`). */
function volumeFiles(vol: NonNullable<VolumeModel['configMap']>, data: Record<string, string>): Map<string, string> {
  return new Map(vol.items ? vol.items.map((i) => [i.path, i.key]) : Object.keys(data).map((k) => [k, k]));
}

/** The FailedMount message for the pod's first volume the kubelet cannot set up, or null. */
export function mountProblem(pod: Pick<PodModel, 'volumes'>, lookup: ConfigMapLookup): string | null {
  for (const v of pod.volumes ?? []) {
    if (!v.configMap || v.configMap.optional) continue;
    const data = lookup(v.configMap.name);
    const fail = (why: string) => `MountVolume.SetUp failed for volume "${v.name}" : ${why}`;
    if (!data) return fail(`configmap "${v.configMap.name}" not found`);
    const missing = v.configMap.items?.find((i) => !(i.key in data));
    if (missing) return fail(`configmap references non-existent config key: ${missing.key}`);
  }
  return null;
}

/** `a/./b//c/` → `a/b/c` (the container's path as the kernel resolves it, no symlinks). */
function clean(path: string): string {
  return `/${path.split('/').filter((s) => s !== '' && s !== '.').join('/')}`;
}

/** The mount holding `path` (longest mountPath first) and the path inside it ('' for the mount point itself). */
function mountOf(c: ContainerModel, vols: readonly VolumeModel[], path: string): { vol: VolumeModel; rest: string } | null {
  let best: { vol: VolumeModel; rest: string; len: number } | null = null;
  for (const m of c.volumeMounts ?? []) {
    const mp = clean(m.mountPath);
    const vol = vols.find((v) => v.name === m.name);
    if (!vol || !(path === mp || path.startsWith(mp === '/' ? '/' : `${mp}/`))) continue;
    if (!best || mp.length > best.len) best = { vol, rest: path.slice(mp.length).replace(/^\//, ''), len: mp.length };
  }
  return best;
}

/** One init container's outcome: done (with an optional note and a file for /etc/cni/net.d), or failed. */
type StepResult = { ok: true; note?: string; write?: [string, string] } | { ok: false; exitCode: number };

/** The [src, dst] of a copy an installer runs, or null when the command is not one. */
function copyOperands(c: ContainerModel): [string, string] | null {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const bin = argv[0] ?? '';
  if (bin === '/opt/bin/install-conf' && /^(ghcr\.io\/)?flannel-io\/flannel:/.test(c.image) && argv.length === 3) return [argv[1] as string, argv[2] as string];
  if (bin.replace(/^\/(usr\/)?bin\//, '') !== 'cp' || imageProfile(c.image)?.binaries.has('cp') === false) return null;
  const ops = argv.slice(1).filter((a) => a !== '-f');
  return ops.length === 2 && ops.every((a) => !a.startsWith('-')) ? [ops[0] as string, ops[1] as string] : null;
}

function runOne(c: ContainerModel, pod: PodModel, lookup: ConfigMapLookup): StepResult {
  const shown = `[${[...(c.command ?? []), ...(c.args ?? [])].join(' ')}]`;
  const unknown = (why: string): StepResult => ({ ok: true, note: `[simulator] init container ${c.name} of pod ${pod.name}: ${why}; it is taken to have completed.` });
  if (c.sidecar) return { ok: true, note: `[simulator] init container ${c.name} of pod ${pod.name} is a sidecar (restartPolicy Always): it is started and keeps running; what it does is not modelled.` };
  const ops = copyOperands(c);
  if (!ops) return unknown(c.command ? `what ${shown} does is not modelled` : `what image ${c.image} runs without a command is not modelled`);
  const vols = pod.volumes ?? [];
  const src = mountOf(c, vols, clean(ops[0]));
  const cm = src?.vol.configMap;
  if (!src || !cm) return unknown(`${shown} copies ${ops[0]}, which is not in a configMap volume; the container's own files are not modelled`);
  const data = lookup(cm.name) ?? {};
  const key = volumeFiles(cm, data).get(src.rest);
  // No such file in the volume: cp (and install-conf) exit with status 1.
  if (key === undefined || !(key in data)) return { ok: false, exitCode: 1 };
  const content = data[key] as string;
  const dstPath = clean(ops[1]);
  const dst = mountOf(c, vols, dstPath);
  if (!dst) return { ok: true }; // written into the container's own filesystem: gone with it, nothing on the node
  if (!dst.vol.hostPath) return unknown(`${shown} writes into volume ${dst.vol.name}, which is not a hostPath volume; its files are not modelled`);
  const host = clean(`${dst.vol.hostPath.path}/${dst.rest}`);
  // A destination that is the directory itself keeps the source's name (cp SRC DIR).
  const [dir, name] = host === CNI_CONF_DIR ? [host, src.rest.split('/').at(-1) as string] : [host.slice(0, host.lastIndexOf('/')) || '/', host.slice(host.lastIndexOf('/') + 1)];
  if (dir !== CNI_CONF_DIR) return unknown(`${shown} writes ${host} on the node, and only ${CNI_CONF_DIR} of the node's files is modelled`);
  return { ok: true, write: [name, content] };
}

/** What the kubelet's run of the pod's init containers did: their status, and the files they wrote to the node's /etc/cni/net.d. */
export function runInitContainers(pod: PodModel, lookup: ConfigMapLookup): { status: InitStatus; writes: Record<string, string> } {
  const status: InitStatus = { done: 0, notes: [], spec: initSpec(pod) };
  const writes: Record<string, string> = {};
  for (const c of pod.initContainers ?? []) {
    const r = runOne(c, pod, lookup);
    if (!r.ok) {
      status.blocked = { reason: 'Error', exitCode: r.exitCode };
      status.notes.push(`[simulator] init container ${c.name} of pod ${pod.name} exits with status ${r.exitCode}: ${c.volumeMounts ? 'its source file is not in the ConfigMap volume' : 'it failed'}. The kubelet restarts it with back-off (the pod shows Init:CrashLoopBackOff between tries); restarts are not counted here.`);
      break;
    }
    if (r.note) status.notes.push(r.note);
    if (r.write) writes[r.write[0]] = r.write[1];
    status.done++;
  }
  return { status, writes };
}

/** True when every init container has finished (or, for a sidecar, started). */
export function initComplete(pod: Pick<PodModel, 'initContainers' | 'init'>): boolean {
  return !pod.initContainers?.length || (pod.init !== undefined && pod.init.done === pod.initContainers.length);
}

/**
 * The CNI part of a node's filesystem, for a node shell (`ls`, `cat`) to read: `/etc/cni/net.d/*`, the binaries
 * of `/opt/cni/bin`, and host-local's state directory `/var/lib/cni/networks/<network>/` (one file per IP holding
 * "<container id>\r\n<ifname>", `last_reserved_ip.<range>` holding the address, an empty `lock`; disk backend
 * `plugins/ipam/host-local/backend/disk/backend.go`). Pure: derived from the node's CNI state.
 */
import { CNI_BIN_DIR, CNI_CONF_DIR, HOST_LOCAL_DATA_DIR } from './conflist.ts';
import { reservationFile, storeFiles } from './host-local.ts';
import type { NodeCniState } from './node-state.ts';

/** One entry of the CNI file tree: a directory (its entries, byte order) or a file (its content; binaries are null). */
export type CniFile = { kind: 'dir'; entries: string[] } | { kind: 'file'; content: string | null };

/** Every CNI path of the node, absolute, with what it holds. */
export function cniFiles(state: NodeCniState): Map<string, CniFile> {
  const files = new Map<string, CniFile>();
  const sorted = (names: Iterable<string>) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  files.set(CNI_CONF_DIR, { kind: 'dir', entries: sorted(Object.keys(state.confFiles)) });
  for (const [name, text] of Object.entries(state.confFiles)) files.set(`${CNI_CONF_DIR}/${name}`, { kind: 'file', content: text });
  files.set(CNI_BIN_DIR, { kind: 'dir', entries: sorted(state.binaries) });
  for (const b of state.binaries) files.set(`${CNI_BIN_DIR}/${b}`, { kind: 'file', content: null });
  files.set(HOST_LOCAL_DATA_DIR, { kind: 'dir', entries: sorted(Object.keys(state.ipam)) });
  for (const [network, store] of Object.entries(state.ipam)) {
    const dir = `${HOST_LOCAL_DATA_DIR}/${network}`;
    files.set(dir, { kind: 'dir', entries: storeFiles(store) });
    for (const [ip, who] of Object.entries(store.reservations)) files.set(`${dir}/${ip}`, { kind: 'file', content: reservationFile(who) });
    for (const [id, ip] of Object.entries(store.lastReserved)) files.set(`${dir}/last_reserved_ip.${id}`, { kind: 'file', content: ip });
    files.set(`${dir}/lock`, { kind: 'file', content: '' });
  }
  return files;
}

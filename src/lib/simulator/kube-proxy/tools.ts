/**
 * The node's own tools that show kube-proxy's rules, run after `chroot /host` in a node debugging pod:
 * `iptables-save [-t TABLE]`, `iptables [-t TABLE] -S [CHAIN]` (iptables mode) and `nft list table ip kube-proxy`,
 * `nft list chain ip kube-proxy CHAIN`, `nft list map|set ip kube-proxy NAME` (nftables mode). Reading netfilter
 * needs CAP_NET_ADMIN: without it (kubectl debug's legacy/general profiles) iptables-nft fails to fetch the rule set
 * generation id with EPERM, which nft_strerror words "Permission denied (you must be root)" (iptables nft.c /
 * nft-cache.c).
 * Stateless.
 */
import type { ClusterState } from '../state.ts';
import { IPTABLES_VERSION, iptablesRuleset, iptablesSave, saveRule } from './iptables.ts';
import { nftListChain, nftListSet, nftListTable } from './nftables.ts';

type Result = { stdout: string; stderr: string; exitCode: number };
const note = (text: string): Result => ({ stdout: '', stderr: `[simulator] ${text}\n`, exitCode: 1 });

/** Runs a kube-proxy-related node tool; null when `bin` is not one. */
export function runKubeProxyTool(state: ClusterState, node: string, bin: string, args: string[], netAdmin: boolean): Result | null {
  const mode = state.model.network.kubeProxyMode;
  if (bin === 'iptables-save' || bin === 'iptables') {
    if (!netAdmin) return { stdout: '', stderr: `${bin} ${IPTABLES_VERSION}: Could not fetch rule set generation id: Permission denied (you must be root)\n`, exitCode: 4 };
    if (mode !== 'iptables') return note(`kube-proxy runs in ${mode} mode here, so it writes no iptables Service rules${mode === 'nftables' ? ' (see `nft list table ip kube-proxy`)' : ''}; the kubelet's and the network plugin's own iptables chains are not modelled`);
    let t: string | undefined;
    let listRules = false;
    let chain: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-t' || a === '--table') t = args[++i];
      else if (a.startsWith('--table=')) t = a.slice(8);
      else if (bin === 'iptables' && (a === '-S' || a === '--list-rules')) {
        listRules = true;
        if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) chain = args[++i];
      } else return note(`only \`iptables-save [-t TABLE]\` and \`iptables [-t TABLE] -S [CHAIN]\` are modelled, not "${a}"`);
    }
    if (t !== undefined && !['filter', 'nat', 'mangle', 'raw', 'security'].includes(t)) {
      return note(`"${t ?? ''}" is not an iptables table (filter, nat, mangle, raw, security)`);
    }
    const rs = iptablesRuleset(state, node);
    if (bin === 'iptables-save') return { stdout: t === 'raw' || t === 'security' ? '' : iptablesSave(rs, t), stderr: '', exitCode: 0 };
    if (!listRules) return note('only `iptables [-t TABLE] -S [CHAIN]` is modelled; use iptables-save for everything');
    const table = t === 'nat' ? rs.nat : t === 'mangle' ? rs.mangle : t === 'raw' || t === 'security' ? null : rs.filter;
    if (!table) return { stdout: '', stderr: '', exitCode: 0 };
    const builtins = table.builtins;
    const user = [...table.chains].sort();
    if (chain !== undefined && !builtins.includes(chain) && !table.chains.has(chain)) return note(`no chain ${chain} in table ${table.name} among kube-proxy's chains (the kubelet's and the network plugin's chains are not modelled)`);
    const lines: string[] = [];
    for (const b of builtins) if (chain === undefined || chain === b) lines.push(`-P ${b} ACCEPT`);
    for (const c of user) if (chain === undefined || chain === c) lines.push(`-N ${c}`);
    for (const c of [...builtins, ...user]) if (chain === undefined || chain === c) for (const r of table.rules) if (r.chain === c) lines.push(saveRule(r));
    return { stdout: lines.join('\n') + '\n', stderr: '', exitCode: 0 };
  }
  if (bin === 'nft') {
    if (!netAdmin) return note('reading the nftables ruleset needs CAP_NET_ADMIN: use kubectl debug --profile=sysadmin');
    const words = args.filter((a) => a !== '-a');
    if (words[0] === 'list' && words[1] === 'table' && words.length >= 3) {
      const [family, name] = words.length >= 4 ? [words[2], words[3]] : ['ip', words[2]];
      if (mode !== 'nftables' || family !== 'ip' || name !== 'kube-proxy') return note(mode !== 'nftables' ? `kube-proxy runs in ${mode} mode here, so there is no table ip kube-proxy (nft would answer "No such file or directory")` : 'only kube-proxy\'s table ip kube-proxy is modelled');
      return { stdout: nftListTable(state, node), stderr: '', exitCode: 0 };
    }
    if (words[0] === 'list' && words[1] === 'chain' && words.length >= 5 && words[2] === 'ip' && words[3] === 'kube-proxy') {
      if (mode !== 'nftables') return note(`kube-proxy runs in ${mode} mode here, so there is no table ip kube-proxy`);
      const text = nftListChain(state, node, words[4]!);
      if (text === null) return note(`table ip kube-proxy has no chain "${words[4]}" on ${node}`);
      return { stdout: text, stderr: '', exitCode: 0 };
    }
    if (words[0] === 'list' && (words[1] === 'map' || words[1] === 'set') && words.length >= 5 && words[2] === 'ip' && words[3] === 'kube-proxy') {
      if (mode !== 'nftables') return note(`kube-proxy runs in ${mode} mode here, so there is no table ip kube-proxy`);
      const text = nftListSet(state, node, words[1], words[4]!);
      if (text === null) return note(`table ip kube-proxy has no ${words[1]} "${words[4]}" on ${node}`);
      return { stdout: text, stderr: '', exitCode: 0 };
    }
    if (words[0] === 'list' && (words[1] === 'ruleset' || words[1] === 'tables')) {
      if (mode !== 'nftables') return note(`kube-proxy runs in ${mode} mode here; the nftables ruleset of the kubelet, the network plugin and iptables-nft is not modelled`);
      return words[1] === 'tables' ? note('only kube-proxy\'s table is modelled: nft list table ip kube-proxy') : { stdout: nftListTable(state, node), stderr: '', exitCode: 0 };
    }
    return note('only `nft list table ip kube-proxy`, `nft list chain ip kube-proxy CHAIN` and `nft list map|set ip kube-proxy NAME` are modelled');
  }
  if (bin === 'ipvsadm') {
    if (mode === 'ipvs') return note('kube-proxy\'s IPVS mode (deprecated in v1.35) is not modelled beyond its outcomes; its virtual servers are not rendered');
    // No IPVS virtual servers: the table is empty (ipvsadm's list header; IP Virtual Server version of the 6.x kernel).
    if (!netAdmin) return note('ipvsadm needs CAP_NET_ADMIN: use kubectl debug --profile=sysadmin');
    return { stdout: 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n', stderr: '', exitCode: 0 };
  }
  return null;
}

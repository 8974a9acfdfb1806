/**
 * busybox 1.36.1's `ip` applet over a network namespace of the model: `ip addr|link [show [dev] IFACE]`,
 * `ip route [list|show]`, `ip route get ADDR`, and `ip route add|del` (which change the cluster through the
 * given `edit` callback, and need CAP_NET_ADMIN). Output follows busybox's own printers, which differ from
 * iproute2's: networking/libiproute/ipaddress.c print_linkinfo (`@if<N>` for a peer in another namespace, with
 * `,M-DOWN` since busybox cannot see that peer's flags; qdisc, master, state, then `qlen` only when non-zero),
 * print_addrinfo (`scope`, the label, then `valid_lft forever preferred_lft forever`), and iproute.c print_route
 * (no `proto`, `scope X ` then ` src Y `, so two spaces, and a trailing space). The simulated cluster is IPv4
 * single-stack with IPv6 disabled in every namespace, so no inet6 lines. Stateless.
 */
import { ipToInt, parseCidr } from '../ipam.ts';
import type { RouteEdit } from '../types.ts';
import { lookupRoute, sourceAddressFor } from './node-network.ts';
import type { NetInterface, NetworkNamespace, RouteEditResult, RouteEntry } from './node-network.ts';
import { ROUTE_ERRNO_TEXT } from '../cluster-settings.ts';

const BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n';

/** busybox ip's usage (bb_show_usage with FEATURE_VERBOSE_USAGE; networking/ip.c ip_trivial_usage + ip_full_usage, defconfig). */
export const IP_USAGE =
  BANNER +
  'Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n\nip addr add|del IFADDR dev IFACE | show|flush [dev IFACE] [to PREFIX]\nip route list|flush|add|del|change|append|replace|test ROUTE\nip link set IFACE [up|down] [arp on|off] [multicast on|off]\n\t[promisc on|off] [mtu NUM] [name NAME] [qlen NUM] [address MAC]\n\t[master IFACE | nomaster] [netns PID]\nip tunnel add|change|del|show [NAME]\n\t[mode ipip|gre|sit] [remote ADDR] [local ADDR] [ttl TTL]\nip neigh show|flush [to PREFIX] [dev DEV] [nud STATE]\nip rule [list] | add|del SELECTOR ACTION\n';

/** What `ip` may do in this namespace. */
export interface IpOptions {
  /** CAP_NET_ADMIN: without it the kernel refuses route changes with EPERM. */
  netAdmin: boolean;
  /** Applies a route change to the cluster (a node's table); absent for namespaces the simulator does not let change. */
  edit?: (edit: RouteEdit) => Extract<RouteEditResult, { ok: false }> | { ok: true };
}

/** The outcome of one `ip` command. */
export interface IpOut {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const out = (stdout: string): IpOut => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): IpOut => ({ stdout: '', stderr, exitCode });

/** Kernel flags, qdisc and operstate of each kind of interface the model has. */
function linkTraits(i: NetInterface): { flags: string[]; qdisc: string; state: string; qlen: number; linkType: string } {
  switch (i.kind) {
    case 'loopback':
      return { flags: ['LOOPBACK', 'UP', 'LOWER_UP'], qdisc: 'noqueue', state: 'UNKNOWN', qlen: 1000, linkType: 'loopback' };
    case 'vxlan':
      // A VXLAN device has no queue (tx_queue_len 0) and reports operstate UNKNOWN (flannel-io/flannel#1444, #841).
      return { flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], qdisc: 'noqueue', state: 'UNKNOWN', qlen: 0, linkType: 'ether' };
    case 'ether':
      return { flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], qdisc: 'fq_codel', state: 'UP', qlen: 1000, linkType: 'ether' };
    default:
      return { flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], qdisc: 'noqueue', state: 'UP', qlen: 1000, linkType: 'ether' };
  }
}

/** One interface's link lines, as print_linkinfo prints them. */
function linkLines(ns: NetworkNamespace, i: NetInterface): string {
  const t = linkTraits(i);
  let name = i.name;
  let mdown = false;
  if (i.peerIndex !== undefined) {
    // ll_index_to_name(iflink): a name when that index exists in this namespace, else "if<N>" (and no flags: M-DOWN).
    const local = ns.interfaces.find((x) => x.index === i.peerIndex);
    name += `@${local ? local.name : `if${i.peerIndex}`}`;
    mdown = !local;
  }
  const flags = `<${t.flags.join(',')}${mdown ? ',M-DOWN' : ''}>`;
  const master = i.master ? `master ${i.master} ` : '';
  const head = `${i.index}: ${name}: ${flags} mtu ${i.mtu} qdisc ${t.qdisc} ${master}state ${t.state} ${t.qlen ? `qlen ${t.qlen}` : ''}`;
  const brd = i.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  return `${head}\n    link/${t.linkType} ${i.mac} brd ${brd}\n`;
}

/** One interface's address lines, as print_addrinfo prints them. */
function addressLines(i: NetInterface): string {
  return i.addresses
    .map((a) => {
      const scope = i.kind === 'loopback' ? 'host' : 'global';
      return `    inet ${a.ip}/${a.prefix} ${a.broadcast ? `brd ${a.broadcast} ` : ''}scope ${scope} ${i.name}\n       valid_lft forever preferred_lft forever\n`;
    })
    .join('');
}

/** A route as print_route prints it. */
export function busyboxRouteLine(r: RouteEntry): string {
  let s = r.dst === 'default' ? 'default ' : `${r.dst.endsWith('/32') ? r.dst.slice(0, -3) : r.dst} `;
  if (r.via) s += `via ${r.via} `;
  s += `dev ${r.dev} `;
  if (r.scope) s += `scope ${r.scope} `;
  if (r.src) s += ` src ${r.src} `;
  if (r.onlink) s += 'onlink ';
  return `${s}\n`;
}

function selectInterfaces(ns: NetworkNamespace, args: string[]): NetInterface[] | IpOut {
  const rest = args[0] === 'show' || args[0] === 'list' || args[0] === 'lst' ? args.slice(1) : args;
  if (rest.length === 0) return ns.interfaces;
  const dev = rest[0] === 'dev' ? rest[1] : rest[0];
  if (dev === undefined) return fail(IP_USAGE);
  const found = ns.interfaces.find((i) => i.name === dev);
  // xll_name_to_index: bb_error_msg_and_die("can't find device '%s'", name).
  if (!found) return fail(`ip: can't find device '${dev}'\n`);
  return [found];
}

/** `ip route get ADDR`: the route the kernel picks and the source it would use (RTM_F_CLONED: no scope printed). */
function routeGet(ns: NetworkNamespace, target: string | undefined): IpOut {
  if (target === undefined) return fail('ip: need at least destination address\n');
  // get_prefix on an unparsable address: bb_error_msg_and_die("an inet prefix is expected rather than \"%s\"").
  if (ipToInt(target) === null) return fail(`ip: an inet prefix is expected rather than "${target}"\n`);
  const own = ns.interfaces.find((i) => i.addresses.some((a) => a.ip === target));
  if (own || parseCidr('127.0.0.0/8')!.base === ((ipToInt(target) ?? 0) & 0xff000000) >>> 0) return out(`local ${target} dev lo  src ${own ? target : '127.0.0.1'} \n`);
  const r = lookupRoute(ns, target);
  if (!r) return fail('ip: RTNETLINK answers: Network is unreachable\n', 2);
  const src = sourceAddressFor(ns, target);
  return out(`${target} ${r.via ? `via ${r.via} ` : ''}dev ${r.dev} ${src ? ` src ${src} ` : ''}\n`);
}

/** Parses `ip route add|del PREFIX [via ADDR] [dev IFACE] [onlink]` into a route edit. */
function parseRouteChange(verb: 'add' | 'del', args: string[]): RouteEdit | IpOut {
  let dst: string | undefined;
  let via: string | undefined;
  let dev: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === 'via' || word === 'dev') {
      const value = args[++i];
      if (value === undefined) return fail('ip: command line is not complete, try "help"\n');
      if (word === 'via') {
        if (ipToInt(value) === null) return fail(`ip: an inet address is expected rather than "${value}"\n`);
        via = value;
      } else dev = value;
    } else if (word === 'to') continue;
    else if (dst === undefined) {
      if (word !== 'default' && parseCidr(word) === null) return fail(`ip: an inet prefix is expected rather than "${word}"\n`);
      dst = word;
    } else return fail(`ip: either "to" is duplicate, or "${word}" is garbage\n`);
  }
  if (dst === undefined) return fail(IP_USAGE);
  const edit: RouteEdit = { node: '', ...(verb === 'add' ? { add: dst } : { delete: dst }) };
  if (via !== undefined) edit.via = via;
  if (dev !== undefined) edit.dev = dev;
  return edit;
}

/** Runs busybox `ip ARGS` in a namespace. */
export function busyboxIp(ns: NetworkNamespace, args: string[], options: IpOptions): IpOut {
  // ip_parse_common_args: -o, -f FAMILY, -4, -6, -0; any other option is bb_show_usage().
  const argv = [...args];
  while (argv[0]?.startsWith('-')) {
    const opt = argv.shift() as string;
    if (opt === '--') break;
    const name = opt.replace(/^--?/, '');
    if (['4', 'oneline', 'o', 'on', 'one'].includes(name) || 'oneline'.startsWith(name)) continue;
    if ('family'.startsWith(name) && name.length > 0) {
      argv.shift();
      continue;
    }
    return fail(IP_USAGE);
  }
  const object = argv.shift();
  if (object === undefined) return fail(IP_USAGE);
  if ('address'.startsWith(object) || object === 'a') {
    const list = selectInterfaces(ns, argv);
    if (!Array.isArray(list)) return list;
    return out(list.map((i) => linkLines(ns, i) + addressLines(i)).join(''));
  }
  if ('link'.startsWith(object)) {
    const list = selectInterfaces(ns, argv);
    if (!Array.isArray(list)) return list;
    return out(list.map((i) => linkLines(ns, i)).join(''));
  }
  if ('route'.startsWith(object) || object === 'r') {
    const verb = argv.shift() ?? 'list';
    if (['list', 'show', 'lst'].includes(verb)) return out(ns.routes.map(busyboxRouteLine).join(''));
    if (verb === 'get') return routeGet(ns, argv[0] === 'to' ? argv[1] : argv[0]);
    if (verb === 'add' || verb === 'del' || verb === 'delete') {
      const parsed = parseRouteChange(verb === 'add' ? 'add' : 'del', argv);
      if ('exitCode' in parsed) return parsed;
      if (!options.netAdmin || !options.edit) return fail('ip: RTNETLINK answers: Operation not permitted\n', 2);
      if (parsed.dev !== undefined && !ns.interfaces.some((i) => i.name === parsed.dev)) return fail(`ip: can't find device '${parsed.dev}'\n`);
      const result = options.edit(parsed);
      return result.ok ? out('') : fail(`ip: RTNETLINK answers: ${ROUTE_ERRNO_TEXT[result.error]}\n`, 2);
    }
    return fail(IP_USAGE);
  }
  return fail(IP_USAGE);
}

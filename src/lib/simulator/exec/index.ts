/**
 * What runs inside a pod when a learner types `kubectl exec POD -- CMD ...`: the in-pod tools
 * (ping, curl, wget, nc, nslookup, dig, cat, hostname, sh -c) and their output, error text and exit
 * status. kubectl's side (finding the pod and container, `command terminated with exit code N`) stays in
 * kubectl.ts. Stateless: every call answers from the host's current state.
 */
import { candidateNames, resolveName, resolvConf, DNS_TTL, lookupFqdn } from '../dns.ts';
import type { DnsLookup } from '../dns.ts';
import { dnsPath } from '../connect.ts';
import { ipToInt, fnv1a } from '../ipam.ts';
import type { ClusterState } from '../state.ts';
import { keyOf } from '../state.ts';
import { tokenize } from '../shell-words.ts';
import type { ConnectRequest, ConnectResult, KubectlResult, PodModel } from '../types.ts';
import * as F from '../kubectl-format.ts';

/** What an in-pod tool needs from the cluster: its current state and a way to attempt connections. */
export interface ExecHost {
  state(): ClusterState;
  connect(request: ConnectRequest): ConnectResult;
}

/** The outcome of a command run in a container. */
export interface ExecOut extends KubectlResult {
  /** True when the error is kubectl's own (no "command terminated" line). */
  internal?: boolean;
}

export function execInPod(host: ExecHost, pod: PodModel, argv: string[]): ExecOut {
  const [bin0, ...args] = argv as [string, ...string[]];
  const bin = bin0.split('/').pop() ?? bin0;
  switch (bin) {
    case 'sh':
    case 'bash':
    case 'ash': {
      if (args[0] === '-c' && args[1] !== undefined) {
        const inner = tokenize(args[1]);
        if (inner === null) return { stdout: '', stderr: `${bin}: syntax error: unterminated quoted string\n`, exitCode: 2 };
        if (inner.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
        if (inner.some((t) => ['|', '&&', '||', ';', '>', '<'].includes(t))) return { stdout: '', stderr: `${bin}: pipes, redirections and command lists are not simulated; run one command at a time\n`, exitCode: 2 };
        return execInPod(host, pod, inner);
      }
      return { stdout: '', stderr: 'Unable to use a TTY - interactive shells are not simulated; pass a command after --, e.g. -- sh -c "wget -qO- web"\n', exitCode: 1, internal: true };
    }
    case 'ping':
      return ping(host, pod, args);
    case 'curl':
      return curl(host, pod, args);
    case 'wget':
      return wget(host, pod, args);
    case 'nc':
    case 'netcat':
      return nc(host, pod, args);
    case 'nslookup':
      return nslookup(host, pod, args);
    case 'dig':
      return dig(host, pod, args);
    case 'hostname':
      return { stdout: args.includes('-i') ? `${pod.ip}\n` : `${pod.hostname ?? pod.name}\n`, stderr: '', exitCode: 0 };
    case 'cat':
      return cat(pod, args);
    case 'true':
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'false':
      return { stdout: '', stderr: '', exitCode: 1 };
    case 'echo':
      return { stdout: `${args.join(' ')}\n`, stderr: '', exitCode: 0 };
    default:
      return {
        stdout: '',
        stderr: `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${bin0}": executable file not found in $PATH: unknown\n`,
        exitCode: 1,
        internal: true,
      };
  }
}

function hostsFile(pod: PodModel): string {
  const fqdn = pod.subdomain ? `${pod.hostname ?? pod.name}.${pod.subdomain}.${pod.namespace}.svc.cluster.local\t` : '';
  return `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.ip}\t${fqdn}${pod.hostname ?? pod.name}\n`;
}

function cat(pod: PodModel, args: string[]): ExecOut {
  let out = '';
  for (const f of args) {
    if (f === '/etc/resolv.conf') out += resolvConf(pod.namespace);
    else if (f === '/etc/hosts') out += hostsFile(pod);
    else if (f === '/etc/hostname') out += `${pod.hostname ?? pod.name}\n`;
    else return { stdout: out, stderr: `cat: can't open '${f}': No such file or directory\n`, exitCode: 1 };
  }
  return { stdout: out, stderr: '', exitCode: 0 };
}

/** Turns a host argument into a connect() target: own hostname via /etc/hosts, IPs as is, else DNS. */
function targetFor(pod: PodModel, host: string): string {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '127.0.0.1' || h === (pod.hostname ?? pod.name)) return keyOf(pod);
  return host;
}

function ping(host: ExecHost, pod: PodModel, args: string[]): ExecOut {
  let count = 3;
  let dest: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-c') count = Number(args[++i]);
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
    else if (a === '-W' || a === '-w' || a === '-i' || a === '-s' || a === '-t') i++;
    else if (a === '-q' || a === '-4' || a === '-n') continue;
    else if (a.startsWith('-')) return { stdout: '', stderr: `ping: unrecognized option '${a}'\nBusyBox v1.36.1 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n`, exitCode: 1 };
    else dest = a;
  }
  if (!dest) return { stdout: '', stderr: 'BusyBox v1.36.1 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n', exitCode: 1 };
  if (!Number.isInteger(count) || count < 1 || count > 100) count = 3;
  const r = host.connect({ from: keyOf(pod), to: targetFor(pod, dest), protocol: 'ICMP' });
  if (r.status === 'nxdomain' || r.status === 'dns-timeout') return { stdout: '', stderr: `ping: bad address '${dest}'\n`, exitCode: 1 };
  if (r.status === 'error' && !r.target) return { stdout: '', stderr: `ping: ${r.reason}\n`, exitCode: 1 };
  const ip = r.target?.ip ?? dest;
  let out = `PING ${dest} (${ip}): 56 data bytes\n`;
  if (r.allowed) {
    const sameNode = r.steps.some((s) => s.action.startsWith('Bridge forwards') || s.action === 'Local delivery');
    const ttl = sameNode ? 64 : 62;
    const base = sameNode ? 0.07 : 0.35;
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = base + (fnv1a(`${keyOf(pod)}>${ip}#${i}`) % 60) / 1000;
      times.push(t);
      out += `64 bytes from ${ip}: seq=${i} ttl=${ttl} time=${t.toFixed(3)} ms\n`;
    }
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    out += `\n--- ${dest} ping statistics ---\n${count} packets transmitted, ${count} packets received, 0% packet loss\nround-trip min/avg/max = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)} ms\n`;
    return { stdout: out, stderr: '', exitCode: 0 };
  }
  out += `\n--- ${dest} ping statistics ---\n${count} packets transmitted, 0 packets received, 100% packet loss\n`;
  return { stdout: out, stderr: '', exitCode: 1 };
}

interface Url {
  host: string;
  port: number;
  path: string;
  scheme: string;
}

function parseUrl(u: string): Url | null {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#\s]+)(?::(\d+))?([/?#].*)?$/.exec(u);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return null;
  const port = m[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { scheme, host: m[2] ?? '', port, path: m[4] ?? '/' };
}

const NGINX_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
</body>
</html>
`;

function bodyFor(host: ExecHost, r: ConnectResult): { body: string; server: string } {
  const pod = r.target?.pod ? host.state().pods.get(r.target.pod) : undefined;
  if (!pod) return { body: `Hello from ${r.target?.ip ?? 'the server'}\n`, server: 'simulated' };
  const image = pod.containers.map((c) => c.image).join(' ');
  if (/nginx/.test(image)) return { body: NGINX_PAGE, server: 'nginx/1.27.5' };
  return { body: `${pod.hostname ?? pod.name}\n`, server: 'simulated' };
}

function curl(host: ExecHost, pod: PodModel, args: string[]): ExecOut {
  let url: string | undefined;
  let silent = false;
  let showErr = false;
  let head = false;
  let verbose = false;
  let include = false;
  let timeout: number | undefined;
  let discard = false;
  let writeOut: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-m' || a === '--max-time' || a === '--connect-timeout') timeout = Number(args[++i]);
    else if (a === '-o' || a === '--output') discard = args[++i] !== '-';
    else if (a === '-w' || a === '--write-out') writeOut = args[++i];
    else if (a === '-H' || a === '--header' || a === '-X' || a === '--request' || a === '-d' || a === '--data' || a === '-A' || a === '--user-agent') i++;
    else if (a === '--head' || a === '-I') head = true;
    else if (a === '--verbose') verbose = true;
    else if (a === '--silent') silent = true;
    else if (a === '--show-error') showErr = true;
    else if (a === '--include') include = true;
    else if (a === '--fail' || a === '-k' || a === '--insecure' || a === '-L' || a === '--location') continue;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === 's') silent = true;
        else if (c === 'S') showErr = true;
        else if (c === 'v') verbose = true;
        else if (c === 'I') head = true;
        else if (c === 'i') include = true;
        else if ('fkL'.includes(c)) continue;
        else return { stdout: '', stderr: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
      }
    } else if (a.startsWith('-')) return { stdout: '', stderr: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
    else url = a;
  }
  const showErrors = !silent || showErr;
  const fail = (code: number, msg: string): ExecOut => ({ stdout: writeOut ? writeOut.replace(/%\{http_code\}/g, '000').replace(/\\n/g, '\n') : '', stderr: showErrors ? `curl: (${code}) ${msg}\n` : '', exitCode: code });
  if (!url) return { stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 };
  const u = parseUrl(url);
  if (!u) return fail(3, 'URL rejected: Malformed input to a URL function');
  const r = host.connect({ from: keyOf(pod), to: targetFor(pod, u.host), port: u.port, protocol: 'TCP' });
  const ms = timeout !== undefined && Number.isFinite(timeout) && timeout > 0 ? Math.round(timeout * 1000) + 1 : 10001;
  if (r.status === 'nxdomain' || r.status === 'dns-timeout') return fail(6, `Could not resolve host: ${u.host}`);
  if (r.status === 'refused') return fail(7, `Failed to connect to ${u.host} port ${u.port} after 1 ms: Connection refused`);
  if (r.status === 'timeout' || r.status === 'policy-denied') return fail(28, `Connection timed out after ${ms} milliseconds`);
  if (!r.allowed) return fail(7, `Failed to connect to ${u.host} port ${u.port}: ${r.reason}`);
  const ip = r.target?.ip ?? u.host;
  if (u.scheme === 'https') return fail(35, `OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number (the simulated server speaks plain HTTP on ${ip}:${u.port})`);
  const { body, server } = bodyFor(host, r);
  const headers = `HTTP/1.1 200 OK\r\nServer: ${server}\r\nContent-Type: text/${body.startsWith('<!DOCTYPE') ? 'html' : 'plain'}\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`;
  let stdout = '';
  let stderr = '';
  if (verbose) {
    stderr += `*   Trying ${ip}:${u.port}...\n* Connected to ${u.host} (${ip}) port ${u.port}\n> ${head ? 'HEAD' : 'GET'} ${u.path} HTTP/1.1\n> Host: ${u.host}${u.port === 80 ? '' : `:${u.port}`}\n> User-Agent: curl/8.14.1\n> Accept: */*\n>\n`;
    stderr += headers.split('\r\n').filter((l) => l !== '').map((l) => `< ${l}`).join('\n') + '\n<\n';
  }
  if (head) stdout += headers.replace(/\r\n/g, '\n');
  else {
    if (include) stdout += headers.replace(/\r\n/g, '\n');
    if (!discard) stdout += body;
  }
  if (writeOut) stdout += writeOut.replace(/%\{http_code\}/g, '200').replace(/%\{remote_ip\}/g, ip).replace(/\\n/g, '\n');
  return { stdout, stderr, exitCode: 0 };
}

function wget(host: ExecHost, pod: PodModel, args: string[]): ExecOut {
  let url: string | undefined;
  let quiet = false;
  let toStdout = false;
  let spider = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-O') toStdout = args[++i] === '-';
    else if (a === '-T' || a === '--timeout' || a === '-U' || a === '--header') i++;
    else if (a === '--spider') spider = true;
    else if (a === '-qO-' || a === '-qO' || a === '-q') {
      quiet = true;
      if (a === '-qO-') toStdout = true;
      if (a === '-qO') toStdout = args[++i] === '-';
    } else if (a === '-O-') toStdout = true;
    else if (a.startsWith('-')) return { stdout: '', stderr: `wget: unrecognized option '${a}'\nBusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-T SEC] URL...\n`, exitCode: 1 };
    else url = a;
  }
  if (!url) return { stdout: '', stderr: 'BusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-T SEC] URL...\n', exitCode: 1 };
  const u = parseUrl(url);
  if (!u) return { stdout: '', stderr: `wget: bad address '${url}'\n`, exitCode: 1 };
  const r = host.connect({ from: keyOf(pod), to: targetFor(pod, u.host), port: u.port, protocol: 'TCP' });
  if (r.status === 'nxdomain' || r.status === 'dns-timeout') return { stdout: '', stderr: `wget: bad address '${u.host}'\n`, exitCode: 1 };
  const ip = r.target?.ip ?? u.host;
  const connecting = quiet ? '' : `Connecting to ${u.host}${u.port === 80 ? '' : `:${u.port}`} (${ip}:${u.port})\n`;
  if (r.status === 'refused') return { stdout: '', stderr: `${connecting}wget: can't connect to remote host (${ip}): Connection refused\n`, exitCode: 1 };
  if (!r.allowed) return { stdout: '', stderr: `${connecting}wget: download timed out\n`, exitCode: 1 };
  if (spider) return { stdout: '', stderr: quiet ? '' : `${connecting}remote file exists\n`, exitCode: 0 };
  const { body } = bodyFor(host, r);
  if (toStdout) return { stdout: body, stderr: quiet ? '' : `${connecting}writing to stdout\n-                    100% |********************************|   ${body.length}  0:00:00 ETA\nwritten to stdout\n`, exitCode: 0 };
  return { stdout: '', stderr: quiet ? '' : `${connecting}saving to 'index.html'\nindex.html           100% |********************************|   ${body.length}  0:00:00 ETA\n'index.html' saved\n`, exitCode: 0 };
}

function nc(host: ExecHost, pod: PodModel, args: string[]): ExecOut {
  let udp = false;
  const pos: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-w' || a === '-W') i++;
    else if (/^-[zvunw0-9]+$/.test(a)) {
      if (a.includes('u')) udp = true;
    } else if (a.startsWith('-')) return { stdout: '', stderr: `nc: unrecognized option '${a}'\n`, exitCode: 1 };
    else pos.push(a);
  }
  const [h, portText] = pos;
  const port = Number(portText);
  if (!h || !portText || !Number.isInteger(port) || port < 1 || port > 65535) return { stdout: '', stderr: 'BusyBox v1.36.1 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n', exitCode: 1 };
  const r = host.connect({ from: keyOf(pod), to: targetFor(pod, h), port, protocol: udp ? 'UDP' : 'TCP' });
  if (r.status === 'nxdomain' || r.status === 'dns-timeout') return { stdout: '', stderr: `nc: bad address '${h}'\n`, exitCode: 1 };
  const ip = r.target?.ip ?? h;
  if (r.allowed) return { stdout: '', stderr: `${h} (${ip}:${port}) open\n`, exitCode: 0 };
  if (r.status === 'refused') return { stdout: '', stderr: `nc: ${h} (${ip}:${port}): Connection refused\n`, exitCode: 1 };
  return { stdout: '', stderr: `nc: ${h} (${ip}:${port}): Connection timed out\n`, exitCode: 1 };
}

function dnsReachable(host: ExecHost, pod: PodModel): boolean {
  return dnsPath(host.state(), pod).ok;
}

function nslookup(host: ExecHost, pod: PodModel, args: string[]): ExecOut {
  const names = args.filter((a) => !a.startsWith('-'));
  const name = names[0];
  if (!name) return { stdout: '', stderr: 'BusyBox v1.36.1 multi-call binary.\n\nUsage: nslookup HOST [DNS_SERVER]\n', exitCode: 1 };
  const header = `Server:\t\t${F.DNS_SERVER}\nAddress:\t${F.DNS_SERVER}#53\n\n`;
  if (!dnsReachable(host, pod)) return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 };
  if (ipToInt(name) !== null) {
    return { stdout: `${header}** server can't find ${name.split('.').reverse().join('.')}.in-addr.arpa: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  }
  const lookup: DnsLookup = resolveName(host.state(), name, pod.namespace);
  if (!lookup.answer) return { stdout: `${header}** server can't find ${name.replace(/\.$/, '')}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  const a = lookup.answer;
  return { stdout: `${header}${a.ips.map((ip) => `Name:\t${a.fqdn}\nAddress: ${ip}\n`).join('')}\n`, stderr: '', exitCode: 0 };
}

function dig(host: ExecHost, pod: PodModel, args: string[]): ExecOut {
  let short = false;
  let search = false;
  let name: string | undefined;
  let type = 'A';
  for (const a of args) {
    if (a === '+short') short = true;
    else if (a === '+search') search = true;
    else if (a.startsWith('+') || a.startsWith('@')) continue;
    else if (['A', 'AAAA', 'SRV', 'ANY', 'a', 'srv'].includes(a)) type = a.toUpperCase();
    else if (a.startsWith('-')) continue;
    else name = a;
  }
  if (!name) name = '.';
  const state = host.state();
  const id = fnv1a(`${keyOf(pod)}?${name}`) % 65536;
  const banner = `\n; <<>> DiG 9.18.33 <<>> ${args.join(' ')}\n;; global options: +cmd\n`;
  if (!dnsReachable(host, pod)) {
    return { stdout: short ? ';; connection timed out; no servers could be reached\n' : `${banner};; connection timed out; no servers could be reached\n`, stderr: '', exitCode: 9 };
  }
  let answer = null;
  let qname = name.toLowerCase().replace(/\.$/, '');
  if (search) {
    for (const c of candidateNames(name, pod.namespace)) {
      answer = lookupFqdn(state, c);
      if (answer) {
        qname = c;
        break;
      }
    }
  } else answer = lookupFqdn(state, qname);
  const ips = answer && type !== 'AAAA' ? answer.ips : [];
  if (short) return { stdout: ips.map((ip) => `${ip}\n`).join(''), stderr: '', exitCode: 0 };
  const status = answer ? 'NOERROR' : 'NXDOMAIN';
  const lines = [
    banner.trimEnd(),
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}`,
    `;; flags: qr aa rd; QUERY: 1, ANSWER: ${ips.length}, AUTHORITY: ${answer && ips.length ? 0 : 1}, ADDITIONAL: 1`,
    ';; WARNING: recursion requested but not available',
    '',
    ';; OPT PSEUDOSECTION:',
    '; EDNS: version: 0, flags:; udp: 1232',
    ';; QUESTION SECTION:',
    `;${qname}.\t\t\tIN\t${type}`,
    '',
  ];
  if (ips.length) {
    lines.push(';; ANSWER SECTION:');
    for (const ip of ips) lines.push(`${qname}.\t${DNS_TTL}\tIN\tA\t${ip}`);
    lines.push('');
  } else {
    lines.push(';; AUTHORITY SECTION:', `cluster.local.\t\t${DNS_TTL}\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1735689600 7200 1800 86400 ${DNS_TTL}`, '');
  }
  lines.push(';; Query time: 0 msec', `;; SERVER: ${F.DNS_SERVER}#53(${F.DNS_SERVER}) (UDP)`, `;; WHEN: ${F.FIXED_DESCRIBE_TIME.replace('+0000', 'UTC')}`, `;; MSG SIZE  rcvd: ${60 + qname.length * 2 + ips.length * 16}`, '');
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: 0 };
}

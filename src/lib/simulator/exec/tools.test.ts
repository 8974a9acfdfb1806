/**
 * Golden outputs of the in-pod tools. Every expected text comes from the tool's source or from running the real
 * tool (cited beside it): busybox 1.36.1 (git tag 1_36_1 of mirror/busybox, built with docker-library/busybox's
 * .config and run on loopback), curl 7.88.1 (Debian 12's package, run on loopback), curl (git tags of curl/curl),
 * nginx (git tag release-1.27.5), containerd/runc/kubectl sources.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createCluster } from '../index.ts';
import { TWO_NODES_YAML } from '../fixtures.ts';

const lesson = (name: string) => createCluster(readFileSync(new URL(`../../../../content/lessons/why-kubernetes-networking-matters/scenarios/${name}.yaml`, import.meta.url), 'utf8'));
const ipOf = (c: ReturnType<typeof createCluster>, name: string) => c.model.pods.find((p) => p.name === name)?.ip ?? '';

// A cluster with one server of each kind the listener model knows.
const SERVERS = `${TWO_NODES_YAML}---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec:
  nodeName: node-1
  containers: [{name: c, image: busybox:1.36, command: [sleep, "86400"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: tools, labels: {app: tools}}
spec:
  nodeName: node-1
  containers: [{name: c, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: www, labels: {app: www}}
spec:
  nodeName: node-2
  containers:
  - {name: web, image: busybox:1.36, command: [sh, -c, "mkdir -p /www && echo hello > /www/index.html && exec httpd -f -p 8080 -h /www"]}
  - {name: raw, image: busybox:1.36, command: [nc, -lk, -p, "9000"]}
---
apiVersion: v1
kind: Pod
metadata: {name: agn, labels: {app: agn}}
spec:
  nodeName: node-2
  containers: [{name: c, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [netexec, --http-port=8080]}]
---
apiVersion: v1
kind: Pod
metadata: {name: echo, labels: {app: echo}}
spec:
  nodeName: node-2
  containers: [{name: c, image: hashicorp/http-echo:1.0, args: [-text=hi there]}]
---
apiVersion: v1
kind: Pod
metadata: {name: mystery, labels: {app: mystery}}
spec:
  nodeName: node-2
  containers: [{name: c, image: registry.example/app:1.0, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: www}
spec:
  selector: {app: www}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec:
  selector: {app: nothing}
  ports: [{port: 80}]
`;
const servers = () => createCluster(SERVERS);

// busybox 1.36.1 networking/nslookup.c: add_query_with_search (search list for dotless names only, A then AAAA),
// send_queries (`Server:\t\t%s`, `Address:\t%s` of xmalloc_sockaddr2dotted = IP:53), parse_reply
// (`Name:\t%s\nAddress: %s`), `** server can't find %s: %s` + G.exitcode = EXIT_FAILURE, '\n' after each reply.
describe('busybox nslookup', () => {
  it('lesson 1: nslookup pod-b prints the answer and the other search domains\' NXDOMAINs, and exits 1', () => {
    const c = lesson('allow');
    const ip = ipOf(c, 'pod-b');
    const r = c.kubectl('exec pod-a -- nslookup pod-b');
    expect(r.stdout).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n` +
        `Name:\tpod-b.default.svc.cluster.local\nAddress: ${ip}\n\n` +
        `** server can't find pod-b.svc.cluster.local: NXDOMAIN\n\n` +
        `** server can't find pod-b.cluster.local: NXDOMAIN\n\n` +
        // AAAA of pod-b.default.svc.cluster.local: NOERROR, no records (IPv4-only) → only the empty line
        `\n` +
        `** server can't find pod-b.svc.cluster.local: NXDOMAIN\n\n` +
        `** server can't find pod-b.cluster.local: NXDOMAIN\n\n`,
    );
    expect(r.stderr).toBe('command terminated with exit code 1\n');
    expect(r.exitCode).toBe(1);
  });

  it('a name with a dot is queried as typed, without the search list', () => {
    const r = servers().kubectl('exec client -- nslookup www.default');
    expect(r.stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find www.default: NXDOMAIN\n\n** server can't find www.default: NXDOMAIN\n\n");
    expect(r.exitCode).toBe(1);
  });

  it('a fully qualified name gets its A answer, an empty AAAA answer, and exit 0', () => {
    const c = servers();
    const svcIP = c.model.services.find((s) => s.name === 'www')?.clusterIP;
    const r = c.kubectl('exec client -- nslookup www.default.svc.cluster.local');
    expect(r.stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\twww.default.svc.cluster.local\nAddress: ${svcIP}\n\n\n`);
    expect(r.exitCode).toBe(0);
  });

  it('no DNS reachable: ";; connection timed out; no servers could be reached"', () => {
    const c = lesson('allow');
    c.kubectl('apply -f -', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: no-egress}\nspec:\n  podSelector: {matchLabels: {app: frontend}}\n  policyTypes: [Egress]\n');
    const r = c.kubectl('exec pod-a -- nslookup pod-b');
    // nslookup.c nslookup_main: printf(";; connection timed out; no servers could be reached\n\n"); return EXIT_FAILURE
    expect(r).toEqual({ stdout: ';; connection timed out; no servers could be reached\n\n', stderr: 'command terminated with exit code 1\n', exitCode: 1 });
  });
});

// busybox 1.36.1 networking/wget.c (run on loopback: `Connecting to 127.0.0.1:9 (127.0.0.1:9)`,
// `wget: can't connect to remote host (127.0.0.1): Connection refused`, `wget: bad address 'nonexistent.invalid:81'`,
// `writing to stdout` / status bar / `written to stdout`, `wget: server returned error: HTTP/1.0 404 File not found`).
describe('busybox wget', () => {
  it('lesson 1 allow: wget -qO- -T 2 pod-b:8080 prints nginx 1.27.5\'s welcome page (docs/html/index.html, 615 bytes)', () => {
    const r = lesson('allow').kubectl('exec pod-a -- wget -qO- -T 2 pod-b:8080');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\n')).toBe(true);
    expect(new TextEncoder().encode(r.stdout).length).toBe(615);
  });

  it('lesson 1 deny: -T 2 against a dropped SYN ends with "download timed out" (alarm_handler), exit 1', () => {
    expect(lesson('deny').kubectl('exec pod-a -- wget -qO- -T 2 pod-b:8080')).toEqual({ stdout: '', stderr: 'wget: download timed out\ncommand terminated with exit code 1\n', exitCode: 1 });
  });

  it('lesson 1 lab: port 9090 answered by busybox httpd serving the file the script wrote', () => {
    const c = lesson('lab');
    c.kubectl('delete netpol default-deny-ingress');
    expect(c.kubectl('exec pod-a -- wget -qO- -T 2 pod-b:9090')).toEqual({ stdout: 'admin\n', stderr: '', exitCode: 0 });
  });

  it('without -q: Connecting line, status bar (stderr is not a tty: 32-star bar, no \\r)', () => {
    const c = servers();
    const ip = c.model.services.find((s) => s.name === 'www')?.clusterIP;
    const r = c.kubectl('exec client -- wget -O- www');
    expect(r.stdout).toBe('hello\n');
    expect(r.stderr).toBe(`Connecting to www (${ip}:80)\nwriting to stdout\n-                    100% |********************************|     6  0:00:00 ETA\nwritten to stdout\n`);
    // wget.c prints the first two lines with fprintf(stderr) before retrieve_file_data xwrite()s the body (unbuffered),
    // then the final bar and "written to stdout": the terminal shows the page between them.
    expect(r.chunks).toEqual([
      { stream: 'stderr', text: `Connecting to www (${ip}:80)\nwriting to stdout\n` },
      { stream: 'stdout', text: 'hello\n' },
      { stream: 'stderr', text: '-                    100% |********************************|     6  0:00:00 ETA\nwritten to stdout\n' },
    ]);
  });

  it('busybox httpd 404 page (networking/httpd.c http_response[] HTTP_NOT_FOUND) → server returned error, exit 1', () => {
    const c = servers();
    const ip = ipOf(c, 'www');
    const r = c.kubectl(`exec client -- wget -O- ${ip}:8080/nope`);
    expect(r.stderr).toBe(`Connecting to ${ip}:8080 (${ip}:8080)\nwget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n`);
  });

  // ETag is "hex(mtime)-hex(size)" (httpd.c send_file_and_exit); the file was written at the container's start,
  // 2024-12-31T23:55:00Z = 1735689300 = 0x67748454.
  it('-S shows the response headers, two spaces in (busybox httpd send_headers order)', () => {
    const c = servers();
    const ip = ipOf(c, 'www');
    const r = c.kubectl(`exec client -- wget -q -S -O- ${ip}:8080/`);
    expect(r.stderr).toBe('  HTTP/1.1 200 OK\n  Date: Wed, 01 Jan 2025 00:00:00 GMT\n  Connection: close\n  Content-type: text/html\n  Accept-Ranges: bytes\n  Last-Modified: Tue, 31 Dec 2024 23:55:00 GMT\n  ETag: "67748454-6"\n  Content-Length: 6\n  \n');
  });

  it('refused, bad address, no endpoints, spider', () => {
    const c = servers();
    const ip = ipOf(c, 'www');
    expect(c.kubectl(`exec client -- wget -O- ${ip}:81`).stderr).toBe(`Connecting to ${ip}:81 (${ip}:81)\nwget: can't connect to remote host (${ip}): Connection refused\ncommand terminated with exit code 1\n`);
    expect(c.kubectl('exec client -- wget -qO- nope:8080').stderr).toBe("wget: bad address 'nope:8080'\ncommand terminated with exit code 1\n");
    // kube-proxy REJECTs a Service with no endpoints: ECONNREFUSED
    expect(c.kubectl('exec client -- wget -qO- empty').stderr).toMatch(/^wget: can't connect to remote host \(10\.\d+\.\d+\.\d+\): Connection refused\n/);
    expect(c.kubectl(`exec client -- wget --spider ${ip}:8080`).stderr).toBe(`Connecting to ${ip}:8080 (${ip}:8080)\nremote file exists\n`);
  });

  it('a raw nc listener closes without a byte: "error getting response" (run on loopback against `nc -l </dev/null`)', () => {
    const c = servers();
    expect(c.kubectl(`exec client -- wget -qO- ${ipOf(c, 'www')}:9000`).stderr).toBe('wget: error getting response\ncommand terminated with exit code 1\n');
  });

  it('no -T: the kernel SYN timeout ends it, with the simulator note last', () => {
    const r = lesson('deny').kubectl('exec pod-a -- wget -qO- pod-b:8080');
    const ip = ipOf(lesson('deny'), 'pod-b');
    expect(r.stderr).toBe(`wget: can't connect to remote host (${ip}): Connection timed out\n[simulator] a real run waits about 2 min 7 s before printing the line above (the kernel gives up on an unanswered SYN after 127 s: tcp_syn_retries=6).\ncommand terminated with exit code 1\n`);
  });

  it('a bad option: glibc getopt message and the usage, exit 1', () => {
    const r = servers().kubectl('exec client -- wget --bogus x');
    expect(r.stderr.startsWith("wget: unrecognized option '--bogus'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider]")).toBe(true);
    expect(r.exitCode).toBe(1);
  });
});

// busybox 1.36.1 networking/nc_bloaty.c nc_main (run on loopback: `127.0.0.1 (127.0.0.1:8092) open`, a single -v
// prints nothing for a refused port and exits 1, -vv prints `nc: 127.0.0.1 (127.0.0.1:9): Connection refused` and
// `sent 0, rcvd 0`, `nc: bad address 'nonexistent.invalid'`).
describe('busybox nc', () => {
  it('lesson 1 allow: nc -zv pod-b 8080 → "pod-b (IP:8080) open" on stderr, exit 0', () => {
    const c = lesson('allow');
    expect(c.kubectl('exec pod-a -- nc -zv pod-b 8080')).toEqual({ stdout: '', stderr: `pod-b (${ipOf(c, 'pod-b')}:8080) open\n`, exitCode: 0 });
  });

  it('lesson 1 deny: no -w, so the kernel SYN timeout: "Connection timed out" after 127 s', () => {
    const c = lesson('deny');
    const r = c.kubectl('exec pod-a -- nc -zv -w 2 pod-b 8080');
    // connect_w_timeout: alarm(o_wait) and errno = ETIMEDOUT; bb_perror_msg("%s (%s)", argv[0], themdotted)
    expect(r).toEqual({ stdout: '', stderr: `nc: pod-b (${ipOf(c, 'pod-b')}:8080): Connection timed out\ncommand terminated with exit code 1\n`, exitCode: 1 });
  });

  it('refused: one -v says nothing, -vv says it', () => {
    const c = servers();
    const ip = ipOf(c, 'www');
    expect(c.kubectl(`exec client -- nc -zv ${ip} 81`)).toEqual({ stdout: '', stderr: 'command terminated with exit code 1\n', exitCode: 1 });
    expect(c.kubectl(`exec client -- nc -zvv ${ip} 81`).stderr).toBe(`nc: ${ip} (${ip}:81): Connection refused\nsent 0, rcvd 0\ncommand terminated with exit code 1\n`);
    expect(c.kubectl('exec client -- nc -zv nope 80').stderr).toBe("nc: bad address 'nope'\ncommand terminated with exit code 1\n");
  });
});

// busybox 1.36.1 networking/ping.c: `PING %s (%s): %d data bytes`, `%d bytes from %s: seq=%u ttl=%d time=%u.%03u ms`,
// print_stats_and_exit, exit(nrecv == 0 || …); MAXWAIT 10 (-W default).
describe('busybox ping', () => {
  it('lesson 1: ping pod-b under a TCP-only policy gets nothing back and never ends by itself', () => {
    const c = lesson('allow');
    const r = c.kubectl('exec pod-a -- ping pod-b');
    expect(r.stdout).toBe(`PING pod-b (${ipOf(c, 'pod-b')}): 56 data bytes\n`);
    expect(r.stderr).toMatch(/^\[simulator\] no reply ever comes/);
    expect(r.exitCode).toBe(130);
  });

  it('-c 2 with replies across nodes: ttl 62, summary, exit 0', () => {
    const c = servers();
    const ip = ipOf(c, 'www');
    const r = c.kubectl(`exec client -- ping -c 2 ${ip}`);
    expect(r.stdout).toMatch(new RegExp(`^PING ${ip} \\(${ip}\\): 56 data bytes\\n64 bytes from ${ip}: seq=0 ttl=62 time=0\\.\\d{3} ms\\n64 bytes from ${ip}: seq=1 ttl=62 time=0\\.\\d{3} ms\\n\\n--- ${ip} ping statistics ---\\n2 packets transmitted, 2 packets received, 0% packet loss\\nround-trip min/avg/max = 0\\.\\d{3}/0\\.\\d{3}/0\\.\\d{3} ms\\n$`));
    expect(r.exitCode).toBe(0);
    expect(c.kubectl('exec client -- ping -c 1 nope').stderr).toBe("ping: bad address 'nope'\ncommand terminated with exit code 1\n");
  });
});

// curl 7.88.1 run on loopback (Debian 12): `curl: (7) Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't
// connect to server`, `curl: (52) Empty reply from server`, `curl: (6) Could not resolve host: …` printed right after
// the meter line, -w '%{http_code}' → 000 on failure; lib/multi.c multi_handle_timeout "Connection timed out after
// %ld milliseconds"; curl-8_14_1 lib/strerror.c "Could not connect to server".
describe('curl', () => {
  const METER = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';
  const ZERO = '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0';

  it('refused (7), with and without -s / -sS, in the nginx image (Debian curl 7.88.1)', () => {
    const c = servers();
    const ip = ipOf(c, 'www');
    expect(c.kubectl(`exec tools -- curl ${ip}:81`).stderr).toBe(`${METER}${ZERO}\ncurl: (7) Failed to connect to ${ip} port 81 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n`);
    expect(c.kubectl(`exec tools -- curl -s ${ip}:81`)).toEqual({ stdout: '', stderr: 'command terminated with exit code 7\n', exitCode: 7 });
    expect(c.kubectl(`exec tools -- curl -sS ${ip}:81`).stderr).toBe(`curl: (7) Failed to connect to ${ip} port 81 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n`);
    expect(c.kubectl(`exec tools -- curl -s -o /dev/null -w %{http_code} ${ip}:81`)).toEqual({ stdout: '000', stderr: 'command terminated with exit code 7\n', exitCode: 7 });
  });

  it('resolve (6), timeout (28), empty reply (52), -f (22)', () => {
    const c = servers();
    const ip = ipOf(c, 'www');
    expect(c.kubectl('exec tools -- curl nope').stderr).toBe(`${METER}${ZERO}curl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n`);
    expect(c.kubectl(`exec tools -- curl -sS ${ip}:9000`).stderr).toBe('curl: (52) Empty reply from server\ncommand terminated with exit code 52\n');
    expect(c.kubectl(`exec tools -- curl -sSf ${ip}:8080/nope`).stderr).toBe('curl: (22) The requested URL returned error: 404\ncommand terminated with exit code 22\n');
    const denied = lesson('deny');
    // Not `name: n`: kubectl reads YAML 1.1 (go-yaml v2), where a bare n is the boolean false.
    denied.kubectl('apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata: {name: web-client, labels: {app: frontend}}\nspec:\n  nodeName: node-1\n  containers: [{name: c, image: nginx:1.27}]\n');
    expect(denied.kubectl('exec web-client -- curl -sS -m 3 pod-b:8080')).toEqual({ stdout: '', stderr: 'curl: (28) Connection timed out after 3001 milliseconds\ncommand terminated with exit code 28\n', exitCode: 28 });
  });

  it('-I and -w %{http_code} against nginx (ngx_http_header_filter order, ETag "%xT-%xO")', () => {
    const c = servers();
    const r = c.kubectl(`exec tools -- curl -sI ${ipOf(c, 'tools')}`);
    expect(r.stdout).toBe('HTTP/1.1 200 OK\r\nServer: nginx/1.27.5\r\nDate: Wed, 01 Jan 2025 00:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 615\r\nLast-Modified: Wed, 16 Apr 2025 12:01:11 GMT\r\nConnection: keep-alive\r\nETag: "67ff9c07-267"\r\nAccept-Ranges: bytes\r\n\r\n');
    expect(c.kubectl(`exec tools -- curl -s -o /dev/null -w %{http_code} localhost/x`).stdout).toBe('404');
  });

  it('agnhost netexec: /hostname is the pod name, / is "NOW: <time>" (netexec.go rootHandler); http-echo adds a newline', () => {
    const c = servers();
    expect(c.kubectl(`exec tools -- curl -s ${ipOf(c, 'agn')}:8080/hostname`).stdout).toBe('agn');
    expect(c.kubectl(`exec tools -- curl -s ${ipOf(c, 'agn')}:8080/`).stdout).toMatch(/^NOW: 2025-01-01 00:00:00\.\d{9} \+0000 UTC m=\+\d+\.\d{9}$/);
    expect(c.kubectl(`exec tools -- curl -s ${ipOf(c, 'echo')}:5678`).stdout).toBe('hi there\n');
  });

  it('into kubectl exec\'s pipe, stdout is buffered until curl exits: the meter and -v lines show above the page', () => {
    // stdio fully buffers a stdout that is not a terminal, and curl's write callback does not flush (only -N
    // turns buffering off: curl(1) --no-buffer); stderr is unbuffered, so everything on it reaches the terminal first.
    const r = servers().kubectl('exec tools -- curl -v localhost');
    expect(r.chunks?.map((chunk) => chunk.stream)).toEqual(['stderr', 'stdout']);
    expect(r.chunks?.[0]?.text).toContain('* Connection #0 to host localhost left intact\n');
    expect(r.chunks?.[1]?.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('the meter after a successful transfer (lib/progress.c layout, 615 bytes)', () => {
    const c = servers();
    const r = c.kubectl('exec tools -- curl -o /dev/null localhost');
    expect(r.stderr).toMatch(/^ {2}% Total {4}% Received % Xferd {2}Average Speed {3}Time {4}Time {5}Time {2}Current\n {33}Dload {2}Upload {3}Total {3}Spent {4}Left {2}Speed\n100 {3}615 {2}100 {3}615 {4}0 {5}0 {2}[ \dk]{5} {6}0 --:--:-- --:--:-- --:--:-- [ \dk]{5}\n$/);
  });
});

// Runtime and kubectl behaviour (see oci.ts for the chain of sources; kubectl podcmd.FindOrDefaultContainerByName).
describe('what the image ships', () => {
  it('busybox:1.36 has no curl: the containerd/runc error, kubectl exits 1 without "command terminated"', () => {
    const r = lesson('allow').kubectl('exec pod-a -- curl pod-b:8080');
    expect(r.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n$/);
    expect(r.exitCode).toBe(1);
    expect(lesson('allow').kubectl('exec pod-a -- dig pod-b').stderr).toContain('exec: "dig": executable file not found in $PATH: unknown');
  });

  it('a path that does not exist: runc stats it', () => {
    expect(lesson('allow').kubectl('exec pod-a -- /bin/bash').stderr).toContain('exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown');
  });

  it('inside sh -c the shell reports it: ash "sh: curl: not found", dash "sh: 1: wget: not found", exit 127', () => {
    expect(lesson('allow').kubectl('exec pod-a -- sh -c "curl pod-b"')).toEqual({ stdout: '', stderr: 'sh: curl: not found\ncommand terminated with exit code 127\n', exitCode: 127 });
    expect(servers().kubectl('exec tools -- sh -c "wget x"').stderr).toBe('sh: 1: wget: not found\ncommand terminated with exit code 127\n');
  });

  it('a shipped but unmodelled program, an unmodelled image, scratch images', () => {
    expect(lesson('allow').kubectl('exec pod-a -- ls /')).toEqual({ stdout: '', stderr: '[simulator] "ls" is in busybox:1.36, but the simulator does not model what it prints.\n', exitCode: 1 });
    expect(servers().kubectl('exec mystery -- sh').stderr).toBe('[simulator] image registry.example/app:1.0 is not modelled, so the simulator cannot tell whether it ships "sh" or what it prints.\n');
    expect(servers().kubectl('exec echo -- sh').stderr).toContain('exec: "sh": executable file not found in $PATH: unknown');
  });

  it('a pod with two containers: kubectl says which one it defaulted to', () => {
    const r = servers().kubectl('exec www -- hostname');
    // podcmd.FindOrDefaultContainerByName writes the notice before kubectl starts the exec: above the output.
    expect(r).toEqual({
      stdout: 'www\n',
      stderr: 'Defaulted container "web" out of: web, raw\n',
      exitCode: 0,
      chunks: [
        { stream: 'stderr', text: 'Defaulted container "web" out of: web, raw\n' },
        { stream: 'stdout', text: 'www\n' },
      ],
    });
    expect(servers().kubectl('exec www -c nope -- hostname').stderr).toBe('error: container nope is not valid for pod www out of: web, raw\n');
  });
});

describe('hostile input', () => {
  it('a 100k-character argument and 10k flags answer (no hang)', () => {
    const c = servers();
    const long = 'a'.repeat(100_000);
    expect(c.kubectl(`exec client -- wget -qO- ${long}`).stderr).toBe(`wget: bad address '${long}'\ncommand terminated with exit code 1\n`);
    const flags = Array.from({ length: 10_000 }, () => '-q').join(' ');
    expect(c.kubectl(`exec client -- wget ${flags} -O- nope`).stderr).toBe("wget: bad address 'nope'\ncommand terminated with exit code 1\n");
    expect(c.kubectl(`exec tools -- curl ${Array.from({ length: 10_000 }, () => '-s').join(' ')} nope`).exitCode).toBe(6);
    expect(c.kubectl(`exec client -- nslookup ${long}`).exitCode).toBe(1);
  });
});

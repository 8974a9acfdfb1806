/**
 * What the process behind a TCP port answers to one HTTP request, byte for byte as far as a client shows it: status
 * line, headers in the server's order, body. The process comes from workloads/listeners.ts. A listener that does not
 * speak HTTP (`nc -l`) behaves as a raw socket: busybox nc reads EOF from the container's stdin (/dev/null), shuts
 * its side down and the client sees the connection closed with no data. Stateless.
 *
 * Clock: every response carries the simulator's fixed time (Wed, 01 Jan 2025 00:00:00 GMT); files a container's
 * script wrote date from the container's start, 5 minutes earlier (the age `kubectl get` shows).
 */
import type { PodModel } from '../types.ts';
import type { Listener } from '../workloads/listeners.ts';

/** One HTTP request as a client sends it. */
export interface HttpRequest {
  method: 'GET' | 'HEAD';
  /** Path and query, starting with '/'. */
  path: string;
  /** The client's Host header. */
  host: string;
  /** busybox wget sends `Connection: close`; curl sends none (keep-alive). */
  close: boolean;
}

/** An HTTP response. */
export interface HttpResponse {
  kind: 'http';
  /** 'HTTP/1.1' or 'HTTP/1.0'. */
  version: string;
  status: number;
  reason: string;
  headers: Array<[string, string]>;
  body: string;
}

/** What the client gets back from the listener. */
export type ServerReply =
  | HttpResponse
  /** The server accepted the connection and closed it without sending a byte. */
  | { kind: 'closed' }
  /** The simulator does not know what this process answers (see `why`). */
  | { kind: 'unknown'; why: string };

/** The simulator's clock as an HTTP date (RFC 7231 IMF-fixdate). */
export const HTTP_DATE = 'Wed, 01 Jan 2025 00:00:00 GMT';
const NOW_EPOCH = Date.UTC(2025, 0, 1) / 1000;
/** Containers started 5 minutes before the simulator's clock. */
const START_EPOCH = NOW_EPOCH - 300;

/** An IMF-fixdate for a Unix time. */
export function httpDate(epoch: number): string {
  return new Date(epoch * 1000).toUTCString();
}

/** Byte length of a string as UTF-8 (what Content-Length counts). */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

// nginx/nginx release-1.27.5: src/core/nginx.h NGINX_VER, docs/html/index.html (615 bytes) and the 404 page of
// src/http/ngx_http_special_response.c (ngx_http_error_404_page + ngx_http_error_full_tail, CRLF line ends).
const NGINX_VERSION = 'nginx/1.27.5';
/** The welcome page nginx 1.27.5 ships as /usr/share/nginx/html/index.html. */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;
const nginxError = (code: number, reason: string) =>
  `<html>\r\n<head><title>${code} ${reason}</title></head>\r\n<body>\r\n<center><h1>${code} ${reason}</h1></center>\r\n<hr><center>${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;
// The welcome page's mtime: the release-1.27.5 tag's commit time (Wed, 16 Apr 2025 12:01:11 GMT), which is when
// the release tarball the packages are built from was cut. The image's file may carry a slightly different time.
const NGINX_INDEX_MTIME = 1744804871;

function nginx(req: HttpRequest): HttpResponse {
  const path = req.path.split('?')[0] ?? '/';
  const connection = req.close ? 'close' : 'keep-alive';
  if (path === '/' || path === '/index.html') {
    const body = NGINX_WELCOME;
    return {
      kind: 'http',
      version: 'HTTP/1.1',
      status: 200,
      reason: 'OK',
      // ngx_http_header_filter: Server, Date, Content-Type, Content-Length, Last-Modified, Connection, then the
      // static module's ETag ("%xT-%xO": hex mtime - hex size) and Accept-Ranges.
      headers: [
        ['Server', NGINX_VERSION],
        ['Date', HTTP_DATE],
        ['Content-Type', 'text/html'],
        ['Content-Length', String(byteLength(body))],
        ['Last-Modified', httpDate(NGINX_INDEX_MTIME)],
        ['Connection', connection],
        ['ETag', `"${NGINX_INDEX_MTIME.toString(16)}-${byteLength(body).toString(16)}"`],
        ['Accept-Ranges', 'bytes'],
      ],
      body: req.method === 'HEAD' ? '' : body,
    };
  }
  const body = nginxError(404, 'Not Found');
  return {
    kind: 'http',
    version: 'HTTP/1.1',
    status: 404,
    reason: 'Not Found',
    headers: [
      ['Server', NGINX_VERSION],
      ['Date', HTTP_DATE],
      ['Content-Type', 'text/html'],
      ['Content-Length', String(byteLength(body))],
      ['Connection', connection],
    ],
    body: req.method === 'HEAD' ? '' : body,
  };
}

// busybox 1.36.1 networking/httpd.c: send_headers() and the terse error page of http_response[] (HTTP_NOT_FOUND:
// "Not Found", "The requested URL was not found"); index.html for a directory (send_file / index_page).
const BUSYBOX_404 = '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n';
// httpd.c suffix_mime_table (the entries a lesson's files use).
const BUSYBOX_MIME: Record<string, string> = { htm: 'text/html', html: 'text/html', txt: 'text/plain', css: 'text/css', js: 'application/javascript', json: 'application/json', png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml' };

function busyboxHttpd(req: HttpRequest, listener: Listener): HttpResponse {
  const raw = (req.path.split('?')[0] ?? '/').replace(/\/+/g, '/');
  const path = raw.endsWith('/') ? `${raw}index.html` : raw;
  const file = listener.files?.[path];
  const head: Array<[string, string]> = [
    ['Date', HTTP_DATE],
    ['Connection', 'close'],
  ];
  if (file === undefined) {
    return { kind: 'http', version: 'HTTP/1.1', status: 404, reason: 'Not Found', headers: [...head, ['Content-type', 'text/html']], body: req.method === 'HEAD' ? '' : BUSYBOX_404 };
  }
  const ext = (path.split('/').pop() ?? '').split('.').slice(1).pop()?.toLowerCase() ?? '';
  const mime = BUSYBOX_MIME[ext];
  const size = byteLength(file);
  const headers: Array<[string, string]> = [...head];
  if (mime) headers.push(['Content-type', mime]);
  headers.push(['Accept-Ranges', 'bytes'], ['Last-Modified', httpDate(START_EPOCH)], ['ETag', `"${START_EPOCH.toString(16)}-${size.toString(16)}"`], ['Content-Length', String(size)]);
  return { kind: 'http', version: 'HTTP/1.1', status: 200, reason: 'OK', headers, body: req.method === 'HEAD' ? '' : file };
}

/** A Go net/http reply: Date, Content-Length, Content-Type sniffed as text/plain for text bodies (net/http server.go). */
function goReply(body: string, extra: Array<[string, string]> = [], status = 200, reason = 'OK', method: HttpRequest['method'] = 'GET'): HttpResponse {
  const headers: Array<[string, string]> = [...extra, ['Date', HTTP_DATE], ['Content-Length', String(byteLength(body))], ['Content-Type', 'text/plain; charset=utf-8']];
  return { kind: 'http', version: 'HTTP/1.1', status, reason, headers, body: method === 'HEAD' ? '' : body };
}

// kubernetes test/images/agnhost/netexec/netexec.go: rootHandler prints `NOW: %v` of time.Now() (Go's Time.String,
// with the monotonic reading: the server started with the container, 300 s earlier); /hostname and /hostName print
// os.Hostname() with no newline; /echo?msg=X prints X; /clientip prints the client's ip:port; /healthz is 200 empty.
function agnhostNetexec(req: HttpRequest, pod: PodModel, clientAddr: string): HttpResponse {
  const [path = '/', query = ''] = req.path.split('?');
  const params = new URLSearchParams(query);
  const hostname = pod.hostname ?? pod.name;
  switch (path) {
    case '/hostname':
    case '/hostName':
      return goReply(hostname, [], 200, 'OK', req.method);
    case '/echo':
      return goReply(params.get('msg') ?? '', [], 200, 'OK', req.method);
    case '/clientip':
      return goReply(clientAddr, [], 200, 'OK', req.method);
    case '/healthz':
      return { kind: 'http', version: 'HTTP/1.1', status: 200, reason: 'OK', headers: [['Date', HTTP_DATE], ['Content-Length', '0']], body: '' };
    default:
      return goReply('NOW: 2025-01-01 00:00:00.000000000 +0000 UTC m=+300.000000001', [], 200, 'OK', req.method);
  }
}

// test/images/agnhost/serve-hostname/serve_hostname.go: every path answers fmt.Fprintf(w, "%s", hostname).
const serveHostname = (req: HttpRequest, pod: PodModel) => goReply(pod.hostname ?? pod.name, [], 200, 'OK', req.method);

// hashicorp/http-echo main.go: "/" → fmt.Fprintln(w, text); "/health" → {"status":"ok"}; handlers.go withAppHeaders
// sets X-App-Name and X-App-Version.
function httpEcho(req: HttpRequest, listener: Listener): HttpResponse {
  const path = req.path.split('?')[0];
  const app: Array<[string, string]> = [['X-App-Name', 'http-echo'], ['X-App-Version', '1.0.0']];
  if (path === '/health') return goReply('{"status":"ok"}\n', app, 200, 'OK', req.method);
  return goReply(`${listener.text ?? ''}\n`, app, 200, 'OK', req.method);
}

// CoreDNS: the health plugin answers "OK" on :8080/health, the ready plugin "OK" on :8181/ready (plugin/health,
// plugin/ready); anything else on those ports is Go's NotFound ("404 page not found\n").
function coredns(req: HttpRequest, listener: Listener): ServerReply {
  const path = req.path.split('?')[0];
  if ((listener.port === 8080 && path === '/health') || (listener.port === 8181 && path === '/ready')) return goReply('OK', [], 200, 'OK', req.method);
  if (listener.port === 9153 && path === '/metrics') return { kind: 'unknown', why: "CoreDNS's Prometheus metrics are not simulated" };
  return { ...goReply('404 page not found\n', [['X-Content-Type-Options', 'nosniff']], 404, 'Not Found', req.method) };
}

/**
 * What the listener answers. `clientAddr` is the client's ip:port as the server sees it (agnhost /clientip).
 */
export function serve(listener: Listener | undefined, pod: PodModel | undefined, req: HttpRequest, clientAddr: string): ServerReply {
  if (!listener || !pod) return { kind: 'unknown', why: 'the host is outside the simulated cluster, so what it answers is not known' };
  switch (listener.server) {
    case 'nginx':
      return nginx(req);
    case 'busybox-httpd':
      return busyboxHttpd(req, listener);
    case 'agnhost-netexec':
      return agnhostNetexec(req, pod, clientAddr);
    case 'agnhost-serve-hostname':
      return listener.http ? serveHostname(req, pod) : { kind: 'closed' };
    case 'http-echo':
      return httpEcho(req, listener);
    case 'coredns':
      return listener.http ? coredns(req, listener) : { kind: 'closed' };
    case 'netcat':
      return { kind: 'closed' };
    case 'python-http-server':
      return { kind: 'unknown', why: "python's http.server lists the container's directory, whose files the simulator does not model" };
    case 'declared-port':
      return { kind: 'unknown', why: `image ${pod.containers.find((c) => c.name === listener.container)?.image ?? ''} is not modelled, so what it answers on port ${listener.port} is not known` };
  }
}

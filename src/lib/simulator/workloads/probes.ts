/**
 * Readiness probes, as the kubelet runs them (from the pod's own node, which NetworkPolicy always allows: no
 * policy is consulted). Sources, kubernetes/kubernetes:
 * - pkg/probe/http/http.go DoHTTPProbe: a GET; success when 200 <= status < 400, else the output
 *   `HTTP probe failed with statuscode: %d`; a transport error's text (Go net/http) is the output otherwise.
 * - pkg/probe/tcp/tcp.go DoTCPProbe: success when the connection opens, else the dial error's text.
 * - pkg/kubelet/prober/prober.go runProbe / probe: findPortByName (a named port resolves against the container's
 *   ports); on Failure the event `Warning Unhealthy "%s probe failed: %s"` (probeType "Readiness", output).
 * What a server answers on a path comes from exec/http-server.ts (`serve`): nginx's 404 for a file it does not
 * have, busybox httpd's for a missing file, agnhost's routes. A server whose answer the simulator cannot know
 * ("unknown") is taken to pass, and a port name no container port carries keeps the container not ready
 * without an event (the kubelet reports it as a probe error, whose wording is not modelled).
 * - pkg/probe/exec/exec.go Probe: exit code 0 is Success, any other is Failure with the command's combined output
 *   as the event's text (`Readiness probe failed: <output>`). A command the image does not ship is a runtime error
 *   (prober.go: "Probe errored", the result thrown away by worker.go): not ready, without a modelled event.
 * An exec probe is run only as far as the container model truthfully answers it: `true`, `false`, and `cat`,
 * `test -e|-f` / `[ -e|-f F ]` on the files the kubelet puts in every container (/etc/hosts, /etc/resolv.conf,
 * /etc/hostname), directly or under `sh -c`. Any other command, file or image is not modelled: rather than guess a
 * verdict, the container is taken to pass (as an HTTP answer the simulator cannot know is) and `probeUnknown` says
 * why, which `kubectl describe pod` prints as a `[simulator]` note (probeNotes). Pure.
 */
import { serve } from '../exec/http-server.ts';
import { tokenize } from '../shell-words.ts';
import type { ContainerModel, PodModel } from '../types.ts';
import { imageProfile } from './images.ts';
import { listenerOn } from './listeners.ts';

/** A probe's timing (API defaults: delay 0, timeout 1 s, period 10 s, success 1, failure 3). */
export interface ProbeTiming {
  initialDelaySeconds: number;
  timeoutSeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

/** One container's readinessProbe, as written: an HTTP GET or a TCP connect on a port number or name, or a command. */
export type ProbeSpec = ({ kind: 'httpGet'; path: string; port: number | string; host?: string } | { kind: 'tcpSocket'; port: number | string } | { kind: 'exec'; command: string[] }) & { timing?: ProbeTiming };

/** The outcome of a probe: passed, failed with the kubelet's output (null when it errored without a modelled message), or not modelled (why). */
export type ProbeOutcome = { ok: true } | { ok: false; output: string | null } | { ok: 'unknown'; why: string };

const DEFAULT_TIMING: ProbeTiming = { initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

/** pkg/describe/describe.go DescribeProbe: `exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(probe: ProbeSpec): string {
  const t = probe.timing ?? DEFAULT_TIMING;
  const attrs = `delay=${t.initialDelaySeconds}s timeout=${t.timeoutSeconds}s period=${t.periodSeconds}s #success=${t.successThreshold} #failure=${t.failureThreshold}`;
  // Go's %v of a []string; url.URL{Scheme: http, Host: net.JoinHostPort(host, port), Path}.String(); "%s:%s" of host and port.
  if (probe.kind === 'exec') return `exec [${probe.command.join(' ')}] ${attrs}`;
  if (probe.kind === 'httpGet') return `http-get http://${(probe.host ?? '').includes(':') ? `[${probe.host}]` : (probe.host ?? '')}:${probe.port}${probe.path} ${attrs}`;
  return `tcp-socket :${probe.port} ${attrs}`;
}

/** Files the kubelet mounts into every container (the rest of a container's filesystem is not modelled). */
const KUBELET_FILES = new Set(['/etc/hosts', '/etc/resolv.conf', '/etc/hostname']);
const FILES_WHY = 'the container\'s files are not modelled, except /etc/hosts, /etc/resolv.conf and /etc/hostname';

/** Runs an exec probe's command as far as the container model knows its answer. */
export function runExecProbe(container: ContainerModel, command: readonly string[]): ProbeOutcome {
  const profile = imageProfile(container.image);
  const shown = `[${command.join(' ')}]`;
  if (!profile) return { ok: 'unknown', why: `image ${container.image} is not modelled` };
  const base = (bin: string) => bin.replace(/^\/(usr\/)?s?bin\//, '');
  const ships = (bin: string): boolean | null => (profile.binaries.has(base(bin)) ? true : profile.complete ? false : null);
  let argv = [...command];
  let viaShell = false;
  const first = argv[0];
  if (first === undefined) return { ok: 'unknown', why: 'an empty command is not modelled' };
  if (['sh', 'bash', 'ash', 'dash'].includes(base(first)) && argv[1] === '-c' && argv.length === 3) {
    if (profile.shell === 'none' || ships(first) === false) return { ok: false, output: null };
    const inner = /[;&|<>$`(){}*?~\\]/.test(argv[2] as string) ? null : tokenize(argv[2] as string);
    if (!inner || inner.length === 0) return { ok: 'unknown', why: `the shell command in ${shown} is not modelled` };
    argv = inner;
    viaShell = true;
  }
  const bin = base(argv[0] as string);
  // Under sh -c, true, false, test and [ are builtins of every shell the images have (dash, ash, bash).
  const has = viaShell && ['true', 'false', 'test', '['].includes(bin) ? true : ships(argv[0] as string);
  if (has === false) return { ok: false, output: null };
  if (has === null) return { ok: 'unknown', why: `whether image ${container.image} ships ${bin} is not modelled` };
  const args = argv.slice(1);
  if (bin === 'true' && args.length === 0) return { ok: true };
  if (bin === 'false' && args.length === 0) return { ok: false, output: '' };
  if (bin === 'cat' && args.length > 0 && args.every((f) => !f.startsWith('-'))) return args.every((f) => KUBELET_FILES.has(f)) ? { ok: true } : { ok: 'unknown', why: FILES_WHY };
  const testArgs = bin === '[' ? (args[args.length - 1] === ']' ? args.slice(0, -1) : null) : bin === 'test' ? args : null;
  if (testArgs && testArgs.length === 2 && (testArgs[0] === '-e' || testArgs[0] === '-f')) return KUBELET_FILES.has(testArgs[1] as string) ? { ok: true } : { ok: 'unknown', why: FILES_WHY };
  return { ok: 'unknown', why: `what ${shown} does in the container is not modelled` };
}

function resolvePort(container: ContainerModel, port: number | string): number | null {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports.find((p) => p.name === port)?.containerPort ?? null;
}

/** Runs `probe` of `container` against what `pod` serves (the pod must have an IP). */
export function runProbe(pod: PodModel, container: ContainerModel, probe: ProbeSpec): ProbeOutcome {
  if (probe.kind === 'exec') return runExecProbe(container, probe.command);
  const port = resolvePort(container, probe.port);
  if (port === null) return { ok: false, output: null };
  const listener = listenerOn(pod, port, 'TCP');
  // Go's net.Dial error for a RST, as DoTCPProbe and http.Client report it.
  const refused = `dial tcp ${pod.ip}:${port}: connect: connection refused`;
  if (probe.kind === 'tcpSocket') return listener ? { ok: true } : { ok: false, output: refused };
  const url = `http://${pod.ip}:${port}${probe.path}`;
  if (!listener) return { ok: false, output: `Get "${url}": ${refused}` };
  const reply = serve(listener, pod, { method: 'GET', path: probe.path, host: `${pod.ip}:${port}`, close: true }, `${pod.ip}:0`);
  if (reply.kind === 'closed') return { ok: false, output: `Get "${url}": EOF` };
  if (reply.kind === 'unknown') return { ok: true };
  return reply.status >= 200 && reply.status < 400 ? { ok: true } : { ok: false, output: `HTTP probe failed with statuscode: ${reply.status}` };
}

/**
 * The pod with its readiness probes run: a Running pod with an IP whose container fails its probe is not ready,
 * and `probeFailures` holds, per container, the event message (`Readiness probe failed: …`, or null).
 */
export function withReadiness(pod: PodModel): PodModel {
  if (pod.phase !== 'Running' || pod.ip === '' || !pod.containers.some((c) => c.readinessProbe)) return pod;
  const failures: Record<string, string | null> = {};
  const unknown: Record<string, string> = {};
  for (const c of pod.containers) {
    if (!c.readinessProbe) continue;
    const outcome = runProbe(pod, c, c.readinessProbe);
    if (outcome.ok === 'unknown') unknown[c.name] = outcome.why;
    else if (!outcome.ok) failures[c.name] = outcome.output === null ? null : `Readiness probe failed: ${outcome.output}`;
  }
  const withUnknown = Object.keys(unknown).length ? { ...pod, probeUnknown: unknown } : pod;
  if (Object.keys(failures).length === 0) return withUnknown;
  return { ...withUnknown, ready: false, probeFailures: failures };
}

/** The `[simulator]` notes for a pod's init containers and readiness probes whose effect is not modelled (printed by `kubectl describe pod`). */
export function probeNotes(pod: PodModel): string {
  return [...(pod.init?.notes ?? []), ...Object.entries(pod.probeUnknown ?? {}).map(([c, why]) => `[simulator] the readiness probe of container ${c} in pod ${pod.name} is not run: ${why}; the container is taken to be ready.`)]
    .map((line) => `${line}\n`)
    .join('');
}

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
 * without an event (the kubelet reports it as a probe error, whose wording is not modelled). Pure.
 */
import { serve } from '../exec/http-server.ts';
import type { ContainerModel, PodModel } from '../types.ts';
import { listenerOn } from './listeners.ts';

/** One container's readinessProbe, as written: an HTTP GET or a TCP connect on a port number or name. */
export type ProbeSpec = { kind: 'httpGet'; path: string; port: number | string; host?: string } | { kind: 'tcpSocket'; port: number | string };

/** The outcome of a probe: passed, or failed with the kubelet's output (null when it errored without a modelled message). */
export type ProbeOutcome = { ok: true } | { ok: false; output: string | null };

function resolvePort(container: ContainerModel, port: number | string): number | null {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports.find((p) => p.name === port)?.containerPort ?? null;
}

/** Runs `probe` of `container` against what `pod` serves (the pod must have an IP). */
export function runProbe(pod: PodModel, container: ContainerModel, probe: ProbeSpec): ProbeOutcome {
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
  for (const c of pod.containers) {
    if (!c.readinessProbe) continue;
    const outcome = runProbe(pod, c, c.readinessProbe);
    if (!outcome.ok) failures[c.name] = outcome.output === null ? null : `Readiness probe failed: ${outcome.output}`;
  }
  if (Object.keys(failures).length === 0) return pod;
  return { ...pod, ready: false, probeFailures: failures };
}

/**
 * A terminal on a host outside the cluster (the lab's external client, e.g. 198.51.100.7): `curl` runs there, as
 * curl 8.14.1. Names resolve through the external DNS (cluster option upstreamDns.records, never the cluster's
 * CoreDNS); connections go through connect-external.ts (load balancer → NodePort → pod); a Gateway's or an Ingress
 * controller's proxy answers through cluster.http with the client `external:<IP>`. Any other command is refused
 * plainly: the host is only modelled as an HTTP client.
 */
import { ipToInt } from '../ipam.ts';
import type { ClusterState } from '../state.ts';
import type { ConnectRequest, ConnectResult, PodModel } from '../types.ts';
import { curl } from './curl.ts';
import type { ExecOut } from './types.ts';
import { tokenize } from '../shell-words.ts';




/** Runs a command line on the external client `clientIP`. */
export function runOnExternalClient(state: () => ClusterState, connect: (r: ConnectRequest) => ConnectResult, clientIP: string, line: string, nextRequest?: (key: string) => number): ExecOut {
  const words = tokenize(line.trim());
  if (words === null) return { stdout: '', stderr: 'syntax error: unterminated quoted string\n', exitCode: 2 };
  if (words.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
  const [cmd, ...args] = words;
  if (cmd !== 'curl') return { stdout: '', stderr: `[simulator] the host outside the cluster (${clientIP}) is modelled as an HTTP client only: run curl here, or kubectl for the cluster.\n`, exitCode: 127 };
  const pod: PodModel = { name: 'client-ext', namespace: 'default', labels: {}, annotations: {}, nodeName: '', ip: clientIP, phase: 'Running', ready: true, containers: [], implicit: true };
  const host = {
    state,
    connect: (r: ConnectRequest): ConnectResult => {
      let to = r.to;
      if (ipToInt(to) === null) {
        const ips = state().model.network.upstreamDns?.records?.[to.toLowerCase().replace(/\.$/, '')];
        if (!ips?.length) return { allowed: false, reason: `${to}: NXDOMAIN (external DNS)`, steps: [], actors: [], initialState: {}, status: 'nxdomain' };
        to = ips[0] as string;
      }
      return connect({ ...r, from: `external:${clientIP}`, to });
    },
    ...(nextRequest ? { nextRequest } : {}),
  };
  return curl({ host, pod, container: { name: 'curl', image: 'curlimages/curl:8.14.1', ports: [] }, profile: null, client: `external:${clientIP}` }, args, '8.14.1', true);
}

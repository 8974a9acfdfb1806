/**
 * A client inside the cluster dialling a LoadBalancer Service's ingress IP. kube-proxy programs every
 * `status.loadBalancer.ingress[].ip` on every node (pkg/proxy/iptables/proxier.go syncProxyRules, "Capture
 * load-balancer ingress": `-A KUBE-SERVICES -d VIP -p proto --dport P -m comment "… loadbalancer IP" -j KUBE-EXT-…`,
 * or `-j KUBE-FW-…` when loadBalancerSourceRanges are set; nftables: the VIP's element of map service-ips → external
 * chain, firewall-ips for the ranges), so the packet is translated on the client's own node and never reaches the load
 * balancer. Entries with `ipMode: Proxy` are left out (pkg/proxy/serviceport.go LoadBalancerVIPs; KEP-1860): their
 * traffic goes out to the load balancer. The external chain masquerades everything under externalTrafficPolicy
 * Cluster ("masquerade traffic for … external destinations"); under Local, pod traffic jumps to the cluster-wide chain
 * ("pod traffic for … external destinations") without masquerade. The firewall chain lets on only sources inside a
 * range; the rest reaches KUBE-PROXY-FIREWALL's DROP (nftables: firewall-check's lookup in firewall-ips goes to the
 * Service port's firewall chain, whose `ip saddr != { ranges } drop` drops it before DNAT). Pure.
 */
import { cidrContains } from '../ipam.ts';
import type { ClusterState } from '../state.ts';
import type { ServiceModel, WireProtocol } from '../types.ts';
import { iptablesServiceChain, nftChain, nftServicePortBase, servicePortName } from './naming.ts';
import { loadBalancerVIPs } from './service-ports.ts';

/** A captured load-balancer IP: the Service, and the view of it the ClusterIP path uses (the VIP in clusterIP's place). */
export interface CapturedLoadBalancerIP {
  svc: ServiceModel;
  ip: string;
  /** The Service with `clusterIP` set to the VIP and internalTrafficPolicy Cluster: pod traffic to the VIP uses every ready endpoint. */
  view: ServiceModel;
}

/** The Service whose captured load-balancer IP (not ipMode Proxy) is `ip` with a port `port/protocol`; null when none. */
export function capturedLoadBalancerIP(state: ClusterState, ip: string, port: number, protocol: WireProtocol): CapturedLoadBalancerIP | null {
  const svc = state.model.services.find((s) => !s.headless && s.clusterIP && loadBalancerVIPs(s).includes(ip) && s.ports.some((p) => p.port === port && p.protocol === protocol));
  if (!svc) return null;
  return { svc, ip, view: { ...svc, clusterIP: ip, internalTrafficPolicy: 'Cluster' } };
}


/** What kube-proxy's rules on `node` do with a new connection from `clientIP` to the captured VIP. */
export interface LoadBalancerCaptureStep {
  action: string;
  details: string;
  result: string;
  /** The source is outside loadBalancerSourceRanges: KUBE-PROXY-FIREWALL drops the packet. */
  dropped: boolean;
  /** How the VIP was matched, for the trace's rule text. */
  match: string;
}

/** The capture of a connection to a load-balancer IP on `node`: firewall check, then the external chain. */
export function loadBalancerCapture(state: ClusterState, lb: CapturedLoadBalancerIP, node: string, clientIP: string, port: number, protocol: WireProtocol): LoadBalancerCaptureStep {
  const mode = state.model.network.kubeProxyMode;
  const sp = lb.svc.ports.find((p) => p.port === port && p.protocol === protocol);
  const name = servicePortName(lb.svc.namespace, lb.svc.name, sp?.name);
  const proto = protocol.toLowerCase();
  const ext = mode === 'nftables' ? 'its external chain' : iptablesServiceChain('KUBE-EXT-', name, protocol);
  const svcChain = mode === 'nftables' ? 'its service chain' : iptablesServiceChain('KUBE-SVC-', name, protocol);
  const ranges = lb.svc.loadBalancerSourceRanges ?? [];
  const fw = mode === 'nftables' ? nftChain('firewall', nftServicePortBase(lb.svc.namespace, lb.svc.name, protocol, sp?.name)) : iptablesServiceChain('KUBE-FW-', name, protocol);
  const first = mode === 'nftables'
    ? `map service-ips: "${lb.ip} . ${proto} . ${port}" → ${ext}`
    : `KUBE-SERVICES: -d ${lb.ip}/32 -p ${proto} --dport ${port} ("${name} loadbalancer IP") → -j ${ranges.length ? fw : ext}`;
  const nodeIP = state.model.nodes.find((n) => n.name === node)?.internalIP ?? '';
  if (ranges.length) {
    const inRange = ranges.find((r) => cidrContains(r, clientIP)) ?? (ranges.some((r) => nodeIP !== '' && cidrContains(r, nodeIP)) && clientIP === lb.ip ? lb.ip : undefined);
    if (!inRange) {
      const drop = mode === 'nftables' ? `chain firewall-check (filter, before DNAT) finds "${lb.ip} . ${proto} . ${port}" in map firewall-ips and goes to ${fw}, whose rule "ip saddr != { ${ranges.join(', ')} } drop" drops it` : `${fw} has no rule for ${clientIP} (its ranges: ${ranges.join(', ')}), so the packet falls through and KUBE-PROXY-FIREWALL's rule "${name} traffic not accepted by ${fw}" DROPs it`;
      return { action: 'Source outside loadBalancerSourceRanges: dropped', details: `kube-proxy on ${node} captures the load balancer address ${lb.ip} (${first}); spec.loadBalancerSourceRanges admits only ${ranges.join(', ')}, and ${clientIP} is in none: ${drop}. The client gets no answer and times out.`, result: `DROP: ${clientIP} not in loadBalancerSourceRanges`, dropped: true, match: first };
    }
  }
  const local = lb.svc.externalTrafficPolicy === 'Local';
  const chainText = local
    ? `${ext} sends pod traffic ("pod traffic for ${name} external destinations", -s ${state.model.clusterCIDR}) to ${svcChain}, the cluster-wide endpoints, without masquerade: externalTrafficPolicy Local applies only to traffic from outside`
    : `${ext} marks it for masquerade ("masquerade traffic for ${name} external destinations" → KUBE-MARK-MASQ) and goes on to ${svcChain}`;
  const fwText = ranges.length ? ` ${clientIP} is inside loadBalancerSourceRanges (${ranges.join(', ')}), so ${mode === 'nftables' ? `${fw} (reached from map firewall-ips before DNAT) does not drop it` : `${fw} lets it on to ${ext}`}.` : '';
  return {
    action: 'Load balancer IP captured on the node',
    details: `kube-proxy writes rules for the load balancer's address on every node, so ${node} translates the packet itself and it never goes to the load balancer: ${first}.${fwText} ${chainText}.`,
    result: `${lb.ip}:${port} → ${ext}`,
    dropped: false,
    match: `${first}; ${chainText}`,
  };
}

/**
 * The data plane of a Gateway or an Ingress class, which Kubernetes leaves to the implementation. The simulator's
 * controllers do not create it: the scenario declares it as ordinary objects, linked by labels —
 * a Gateway's proxy pods and its LoadBalancer Service carry `gateway.networking.k8s.io/gateway-name: <gateway>`
 * in the Gateway's namespace (the label GEP-1762 asks in-cluster implementations to put on what they generate);
 * an Ingress controller's pods and Service carry `example.net/ingress-class: <IngressClass name>` (the simulator's
 * own label). The address is the Service's load-balancer IP (status.loadBalancer.ingress). Proxies send requests
 * straight to a backend Service's endpoints (not its ClusterIP), as most implementations do. A proxy binds each
 * listener on a port inside its pod, and the data-plane Service maps the listener's port to it (Envoy Gateway: Service
 * port = listener port, targetPort = the container port Envoy binds, 80 → 10080), so a connection is served by the
 * listener whose Service port's targetPort it arrived on, whatever address and port the client dialled (ClusterIP,
 * load-balancer IP or nodePort: kube-proxy DNATs each to the pod's targetPort).
 */
import { resolveTargetPort } from '../services.ts';
import type { ClusterState } from '../state.ts';
import type { PodModel, ServiceModel } from '../types.ts';
import { GATEWAY_NAME_LABEL, INGRESS_CLASS_LABEL } from './attachment.ts';
import type { GatewayModel } from './model.ts';

/** Proxy pods and front Service of one entry point. */
export interface DataPlane {
  pods: PodModel[];
  service?: ServiceModel;
  /** The address clients use (the Service's load-balancer IP, else its ClusterIP); '' when none. */
  address: string;
}

function plane(state: ClusterState, match: (labels: Record<string, string>, namespace: string) => boolean): DataPlane {
  const pods = state.model.pods.filter((p) => match(p.labels, p.namespace));
  const service = state.model.services.find((s) => match(s.labels, s.namespace) && s.type === 'LoadBalancer') ?? state.model.services.find((s) => match(s.labels, s.namespace));
  const address = service?.loadBalancerIPs[0] ?? '';
  return service ? { pods, service, address } : { pods, address };
}

/** The data plane of a Gateway. */
export function gatewayDataPlane(state: ClusterState, gw: GatewayModel): DataPlane {
  return plane(state, (labels, ns) => ns === gw.namespace && labels[GATEWAY_NAME_LABEL] === gw.name);
}

/** The data plane of an IngressClass's controller. */
export function ingressDataPlane(state: ClusterState, className: string): DataPlane {
  return plane(state, (labels) => labels[INGRESS_CLASS_LABEL] === className);
}

/** The entry point a pod is a proxy of: a Gateway ('ns/name') or an IngressClass name; null for other pods. */
export function proxyOf(pod: PodModel): { gateway: string } | { ingressClass: string } | null {
  const gw = pod.labels[GATEWAY_NAME_LABEL];
  if (gw) return { gateway: `${pod.namespace}/${gw}` };
  const cls = pod.labels[INGRESS_CLASS_LABEL];
  return cls ? { ingressClass: cls } : null;
}

/** Where a proxy's connection landed: the Gateway listener port bound on the pod port, and the Service port that mapped to it. */
export interface ListenerBinding {
  /** The Gateway listener port whose listener the proxy bound on `podPort`. */
  listenerPort: number;
  podPort: number;
  /** The data-plane Service (`ns/name`) whose port maps `listenerPort` to `podPort`; absent when none does (the proxy bound the listener port itself). */
  service?: string;
}

/** The listener port a Gateway's proxy pod serves on one of its ports: the data-plane Service port whose targetPort is that pod port (the dialled port or nodePort first), else the pod port itself. */
export function listenerBinding(state: ClusterState, gw: GatewayModel, pod: PodModel, podPort: number, dialled?: { service?: string; port: number }): ListenerBinding {
  const svc = gatewayDataPlane(state, gw).service;
  const mapped = (svc?.ports ?? []).filter((p) => p.protocol === 'TCP' && resolveTargetPort(p, pod) === podPort);
  const sp = mapped.find((p) => svc && dialled?.service === `${svc.namespace}/${svc.name}` && (p.port === dialled.port || p.nodePort === dialled.port)) ?? mapped[0];
  return svc && sp ? { listenerPort: sp.port, podPort, service: `${svc.namespace}/${svc.name}` } : { listenerPort: podPort, podPort };
}

/**
 * Test fixture (not lesson content): the base of the Gateway API conformance suite (conformance/base/manifests.yaml
 * at v1.6.1) as far as the HTTP tests need it — namespaces gateway-conformance-infra / -app-backend / -web-backend,
 * Services infra-backend-v1..v3 (8080 → 3000), app-backend, web-backend, each with one echo pod that answers its
 * own name — plus GatewayClass sim-gateway and, for each Gateway a test declares, a data plane (one proxy pod and a
 * LoadBalancer Service labelled gateway.networking.k8s.io/gateway-name) with address 203.0.113.(10 + index).
 */
import { createCluster } from '../cluster.ts';
import type { Cluster } from '../cluster.ts';

const ns = (name: string, labels = '') => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}${labels ? `, labels: {${labels}}` : ''}}\n---\n`;

const backend = (name: string, namespace: string, ip: string, node: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}-pod, namespace: ${namespace}, labels: {app: ${name}}}
spec:
  nodeName: ${node}
  containers: [{name: echo, image: hashicorp/http-echo:1.0, args: ["-listen=:3000", "-text=${name}"], ports: [{containerPort: 3000}]}]
status: {podIP: ${ip}}
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec: {selector: {app: ${name}}, ports: [{protocol: TCP, port: 8080, targetPort: 3000}]}
---
`;

const dataPlane = (gateway: string, i: number) => `apiVersion: v1
kind: Pod
metadata: {name: ${gateway}-proxy, namespace: gateway-conformance-infra, labels: {app: ${gateway}-proxy, gateway.networking.k8s.io/gateway-name: ${gateway}}}
spec:
  nodeName: node-1
  containers: [{name: envoy, image: envoyproxy/envoy:v1.34.1, ports: [{containerPort: 10080}]}]
status: {podIP: 10.244.0.${100 + i}}
---
apiVersion: v1
kind: Service
metadata: {name: ${gateway}-proxy, namespace: gateway-conformance-infra, labels: {gateway.networking.k8s.io/gateway-name: ${gateway}}}
spec:
  type: LoadBalancer
  selector: {app: ${gateway}-proxy}
  ports: [{port: 80, targetPort: 10080, nodePort: ${31000 + i}}]
status: {loadBalancer: {ingress: [{ip: 203.0.113.${10 + i}}]}}
---
`;

/** conformance/base: Gateway same-namespace (listener http :80, from Same). */
export const SAME_NAMESPACE_GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: same-namespace, namespace: gateway-conformance-infra}
spec:
  gatewayClassName: sim-gateway
  listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Same}}}]
---
`;

/** A cluster with the conformance base, the given test manifests, and a data plane for each named Gateway (in order). */
export function conformanceCluster(manifests: string, gateways: readonly string[] = ['same-namespace']): Cluster {
  const yaml = [
    'apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\n---\n',
    ns('gateway-conformance-infra', 'gateway-conformance: infra'),
    ns('gateway-conformance-app-backend', 'gateway-conformance: backend'),
    ns('gateway-conformance-web-backend', 'gateway-conformance: web-backend'),
    'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: sim-gateway}\nspec: {controllerName: example.net/sim-gateway-controller}\n---\n',
    backend('infra-backend-v1', 'gateway-conformance-infra', '10.244.0.11', 'node-1'),
    backend('infra-backend-v2', 'gateway-conformance-infra', '10.244.0.12', 'node-1'),
    backend('infra-backend-v3', 'gateway-conformance-infra', '10.244.0.13', 'node-1'),
    backend('app-backend-v1', 'gateway-conformance-app-backend', '10.244.0.21', 'node-1'),
    backend('web-backend', 'gateway-conformance-web-backend', '10.244.0.31', 'node-1'),
    ...gateways.map(dataPlane),
    manifests,
  ].join('');
  return createCluster(yaml, { gatewayChannel: 'standard' });
}

/** The address of the i-th Gateway's data plane. */
export const gatewayAddress = (i = 0): string => `203.0.113.${10 + i}`;

/** The lesson-5 brief's cluster (namespace shop, three nodes, frontend + three backends), shared by the kube-proxy tests. */
export const SHOP_NODES = ['node-1', 'node-2', 'node-3'];

/** Manifests of the lesson-5 "svc" scenario; `service` replaces the Service's spec fields. */
export function shopYaml(service = 'type: ClusterIP', extra = ''): string {
  const node = (n: number) => `apiVersion: v1
kind: Node
metadata: {name: node-${n}}
spec: {podCIDR: 10.244.${n - 1}.0/24}
status: {addresses: [{type: InternalIP, address: 172.18.0.${n + 1}}]}
---
`;
  const backend = (name: string, nodeName: string, ip: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: shop, labels: {app: backend}}
spec: {nodeName: ${nodeName}, containers: [{name: web, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [serve-hostname, --port, "8080"], ports: [{name: http, containerPort: 8080}]}]}
status: {podIP: ${ip}}
---
`;
  return `${node(1)}${node(2)}${node(3)}apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: frontend, namespace: shop, labels: {app: frontend}}
spec: {nodeName: node-3, containers: [{name: c, image: busybox:1.36, command: [sleep, "86400"]}]}
status: {podIP: 10.244.2.5}
---
${backend('backend-1', 'node-1', '10.244.0.7')}${backend('backend-2', 'node-2', '10.244.1.7')}${backend('backend-3', 'node-2', '10.244.1.8')}apiVersion: v1
kind: Service
metadata: {name: backend, namespace: shop}
spec:
  selector: {app: backend}
  clusterIP: 10.96.20.10
  ports: [{name: http, port: 80, targetPort: http}]
  ${service.split('\n').join('\n  ')}
${extra}`;
}

/** Shared test fixtures: a small two-node, two-namespace cluster in YAML (used by several *.test.ts files). */
export const LESSON_YAML = `
apiVersion: v1
kind: Node
metadata: {name: node-1}
---
apiVersion: v1
kind: Node
metadata: {name: node-2}
---
apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {env: prod}}
---
apiVersion: v1
kind: Pod
metadata: {name: pod-a, labels: {app: a}}
spec:
  nodeName: node-1
  containers: [{name: c, image: busybox:1.36, command: [sleep, "86400"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: pod-b, labels: {app: b}}
spec:
  nodeName: node-1
  containers: [{name: web, image: nginx:1.27, ports: [{containerPort: 80, name: http}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [netexec, --http-port=8080], ports: [{containerPort: 8080, name: http}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: prod}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: prod}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec:
  selector: {app: nothing}
  ports: [{port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec:
  podSelector: {}
`;

/** A namespaced pod manifest in YAML. */
export function podYaml(name: string, ns: string, labels: Record<string, string>, extra = ''): string {
  const l = Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(', ');
  // agnhost netexec: HTTP on TCP 80 and UDP on 8081, as the upstream e2e tests run it.
  return `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: {${l}}}\nspec:\n  containers: [{name: c, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [netexec, --http-port=80]}]\n${extra}`;
}

/** Two nodes as a kind cluster has them (node-1 10.244.0.0/24 at 172.18.0.2, node-2 10.244.1.0/24 at 172.18.0.3), as YAML ending in a newline. */
export const TWO_NODES_YAML = `apiVersion: v1
kind: Node
metadata: {name: node-1}
spec: {podCIDR: 10.244.0.0/24}
---
apiVersion: v1
kind: Node
metadata: {name: node-2}
spec: {podCIDR: 10.244.1.0/24}
`;

const pod = (name: string, node: string, ip: string, container: string, labels = '') => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}${labels ? `, labels: {${labels}}` : ''}}
spec: {nodeName: ${node}, containers: [${container}]}
status: {podIP: ${ip}}
`;
const SLEEPER = '{name: c, image: busybox:1.36, command: [sleep, "86400"]}';
const NGINX = '{name: web, image: nginxinc/nginx-unprivileged:1.27}';

/** TWO_NODES_YAML plus pod-a (busybox sleeping, node-1, 10.244.0.5) and pod-b (unprivileged nginx on 8080, node-2, 10.244.1.5). */
export const TWO_NODE_PODS_YAML = `${TWO_NODES_YAML}${pod('pod-a', 'node-1', '10.244.0.5', SLEEPER)}${pod('pod-b', 'node-2', '10.244.1.5', NGINX)}`;

/**
 * TWO_NODES_YAML plus three pods: pod-a (busybox sleeping, node-1, 10.244.0.5, app=frontend), pod-c (busybox httpd
 * on `httpdPort`, node-1, 10.244.0.6) and pod-b (unprivileged nginx on 8080, node-2, 10.244.1.5, app=backend).
 */
export function threePodsYaml(httpdPort: number): string {
  const httpd = `{name: c, image: busybox:1.36, command: [httpd, -f, -p, "${httpdPort}"]}`;
  return `${TWO_NODES_YAML}${pod('pod-a', 'node-1', '10.244.0.5', SLEEPER, 'app: frontend')}${pod('pod-c', 'node-1', '10.244.0.6', httpd)}${pod('pod-b', 'node-2', '10.244.1.5', NGINX, 'app: backend')}`;
}

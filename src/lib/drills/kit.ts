/**
 * YAML builders for the drills' small clusters: nodes, namespaces, a busybox client, agnhost servers, Services and
 * NetworkPolicies, written as a learner would read them in `kubectl get -o yaml` (with the simulator's status blocks
 * that a real cluster fills in itself). Pure string building.
 */

/** One YAML document per string, joined with `---`. */
export function docs(...documents: readonly string[]): string {
  return `${documents.map((doc) => doc.trim()).join('\n---\n')}\n`;
}

/** Two nodes (flannel host-gw), node-1 10.244.0.0/24 and node-2 10.244.1.0/24. */
export function nodes(): string {
  return [0, 1]
    .map(
      (i) => `apiVersion: v1
kind: Node
metadata:
  name: node-${i + 1}
  labels:
    kubernetes.io/hostname: node-${i + 1}
spec:
  podCIDR: 10.244.${i}.0/24
status:
  addresses:
    - { type: InternalIP, address: 172.18.0.${i + 2} }`,
    )
    .join('\n---\n');
}

/** A namespace with its automatic `kubernetes.io/metadata.name` label (and `extra` labels). */
export function namespace(name: string, extra: Record<string, string> = {}): string {
  const labels = { 'kubernetes.io/metadata.name': name, ...extra };
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
${Object.entries(labels).map(([key, value]) => `    ${key}: ${JSON.stringify(value)}`).join('\n')}`;
}

/** The labels block of a pod or selector, indented by `indent` spaces. */
function labelLines(labels: Record<string, string>, indent: number): string {
  return Object.entries(labels)
    .map(([key, value]) => `${' '.repeat(indent)}${key}: ${value}`)
    .join('\n');
}

/** A busybox 1.36 client pod (wget, nc, nslookup) on `node`, at address `ip`. */
export function clientPod(name: string, ns: string, labels: Record<string, string>, node: string, ip: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${labelLines(labels, 4)}
spec:
  nodeName: ${node}
  containers:
    - name: client
      image: busybox:1.36
      command: ["sleep", "86400"]
status:
  podIP: ${ip}`;
}

/** An agnhost 2.53 `serve-hostname --http` pod: answers every HTTP request on `port` (named http) with its name. */
export function serverPod(name: string, ns: string, labels: Record<string, string>, node: string, ip: string, port: number): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${labelLines(labels, 4)}
spec:
  nodeName: ${node}
  containers:
    - name: web
      image: registry.k8s.io/e2e-test-images/agnhost:2.53
      args: ["serve-hostname", "--http", "--port", "${port}"]
      ports:
        - name: http
          containerPort: ${port}
status:
  podIP: ${ip}`;
}

/** A ClusterIP Service `name` selecting `selector`, port `port` → `targetPort`. */
export function service(name: string, ns: string, selector: Record<string, string>, port: number, targetPort: number | string, clusterIP: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
${labelLines(selector, 4)}
  clusterIP: ${clusterIP}
  ports:
    - name: http
      port: ${port}
      targetPort: ${targetPort}`;
}

/** A NetworkPolicy that isolates every pod of `ns` for `types` and allows nothing. */
export function denyAll(ns: string, types: readonly ('Ingress' | 'Egress')[]): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-${types.map((type) => type.toLowerCase()).join('-')}
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes: [${types.join(', ')}]`;
}

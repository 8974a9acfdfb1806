/**
 * Test fixture: lesson 7's cluster (docs/lessons/07-network-policies.md section 5) as manifest text, the
 * starting scenario without policies and the final policies one by one, so tests can add and remove them.
 * Shared by the policy engine's, the grid's and the lab view's tests; not shipped to any page.
 */

/** backend-N on node-N: agnhost netexec on 8080 (port "http") and a busybox httpd serving /metrics on 9090 ("metrics"). */
const backend = (n: number, ip: string) => `apiVersion: v1
kind: Pod
metadata: { name: backend-${n}, namespace: shop, labels: { app: backend } }
spec:
  nodeName: node-${n}
  containers:
    - name: web
      image: registry.k8s.io/e2e-test-images/agnhost:2.53
      args: ["netexec", "--http-port=8080"]
      ports: [{ name: http, containerPort: 8080 }]
    - name: metrics
      image: busybox:1.36
      command: ["sh", "-c", "mkdir -p /www && echo ok > /www/metrics && exec httpd -f -p 9090 -h /www"]
      ports: [{ name: metrics, containerPort: 9090 }]
status: { podIP: ${ip} }
---
`;

/** The cluster without policies (scenario policy-start): shop, monitoring, sandbox, three nodes. */
export const POLICY_START = `apiVersion: v1
kind: Node
metadata: { name: node-1 }
spec: { podCIDR: 10.244.0.0/24 }
status: { addresses: [{ type: InternalIP, address: 172.18.0.2 }] }
---
apiVersion: v1
kind: Node
metadata: { name: node-2 }
spec: { podCIDR: 10.244.1.0/24 }
status: { addresses: [{ type: InternalIP, address: 172.18.0.3 }] }
---
apiVersion: v1
kind: Node
metadata: { name: node-3 }
spec: { podCIDR: 10.244.2.0/24 }
status: { addresses: [{ type: InternalIP, address: 172.18.0.4 }] }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: Namespace
metadata: { name: monitoring, labels: { team: observability } }
---
apiVersion: v1
kind: Namespace
metadata: { name: sandbox }
---
apiVersion: v1
kind: Pod
metadata: { name: frontend, namespace: shop, labels: { app: frontend } }
spec:
  nodeName: node-3
  containers: [{ name: client, image: "busybox:1.36", command: ["sleep", "86400"] }]
status: { podIP: 10.244.2.5 }
---
${backend(1, '10.244.0.7')}${backend(2, '10.244.1.7')}${backend(3, '10.244.2.7')}apiVersion: v1
kind: Pod
metadata: { name: db-0, namespace: shop, labels: { app: db } }
spec:
  nodeName: node-1
  containers:
    - name: postgres
      image: postgres:17
      ports: [{ name: postgres, containerPort: 5432 }]
status: { podIP: 10.244.0.8 }
---
apiVersion: v1
kind: Service
metadata: { name: backend, namespace: shop }
spec:
  selector: { app: backend }
  clusterIP: 10.96.20.10
  ports: [{ name: http, port: 80, targetPort: http }]
---
apiVersion: v1
kind: Pod
metadata: { name: prometheus, namespace: monitoring, labels: { app: prometheus } }
spec:
  nodeName: node-3
  containers: [{ name: client, image: "busybox:1.36", command: ["sleep", "86400"] }]
status: { podIP: 10.244.2.9 }
---
apiVersion: v1
kind: Pod
metadata: { name: grafana, namespace: monitoring, labels: { app: grafana } }
spec:
  nodeName: node-1
  containers: [{ name: client, image: "busybox:1.36", command: ["sleep", "86400"] }]
status: { podIP: 10.244.0.9 }
---
apiVersion: v1
kind: Pod
metadata: { name: intruder, namespace: sandbox, labels: { app: frontend } }
spec:
  nodeName: node-1
  containers: [{ name: client, image: "busybox:1.36", command: ["sleep", "86400"] }]
status: { podIP: 10.244.0.11 }
`;

/** The final policies of lesson 7, by name (each one NetworkPolicy document, no leading ---). */
export const POLICIES: Readonly<Record<string, string>> = {
  'default-deny-all': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny-all, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`,
  'allow-dns': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-dns, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector:
            matchLabels: { kubernetes.io/metadata.name: kube-system }
          podSelector:
            matchLabels: { k8s-app: kube-dns }
      ports:
        - { protocol: UDP, port: 53 }
        - { protocol: TCP, port: 53 }
`,
  'backend-ingress': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: backend-ingress, namespace: shop }
spec:
  podSelector: { matchLabels: { app: backend } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ podSelector: { matchLabels: { app: frontend } } }]
      ports: [{ protocol: TCP, port: 8080 }]
`,
  'frontend-egress': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: frontend-egress, namespace: shop }
spec:
  podSelector: { matchLabels: { app: frontend } }
  policyTypes: [Egress]
  egress:
    - to: [{ podSelector: { matchLabels: { app: backend } } }]
      ports: [{ protocol: TCP, port: 8080 }]
`,
  'db-ingress': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-ingress, namespace: shop }
spec:
  podSelector: { matchLabels: { app: db } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ podSelector: { matchLabels: { app: backend } } }]
      ports: [{ protocol: TCP, port: 5432 }]
`,
  'backend-egress': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: backend-egress, namespace: shop }
spec:
  podSelector: { matchLabels: { app: backend } }
  policyTypes: [Egress]
  egress:
    - to: [{ podSelector: { matchLabels: { app: db } } }]
      ports: [{ protocol: TCP, port: 5432 }]
    - to: [{ ipBlock: { cidr: 203.0.113.20/32 } }]
      ports: [{ protocol: TCP, port: 443 }]
`,
  'prometheus-scrape': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: prometheus-scrape, namespace: shop }
spec:
  podSelector: { matchLabels: { app: backend } }
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector: { matchLabels: { team: observability } }
          podSelector: { matchLabels: { app: prometheus } }
      ports: [{ protocol: TCP, port: metrics }]
`,
};

/** The start scenario plus the named policies, in order. */
export function withPolicies(...names: string[]): string {
  return POLICY_START + names.map((n) => `---\n${POLICIES[n] ?? ''}`).join('');
}

/** The scenario policy-final: every policy. */
export const POLICY_FINAL = withPolicies(...Object.keys(POLICIES));

/**
 * A 30-pod lab scenario for measuring the lab's keystroke cost (`npm run bench:lab` and the end-to-end
 * timing test): 3 nodes, 3 namespaces of 10 pods, a Service per app, and 9 NetworkPolicies mixing pod,
 * namespace and port rules, ingress and egress. The first document is a policy whose `port: 8080` line is
 * what the "keystrokes" edit, so every edit changes the matrix. Deterministic: no randomness.
 */

/** The namespaces of the scenario and the apps in each. */
const NAMESPACES: ReadonlyArray<{ name: string; team: string; apps: readonly string[] }> = [
  { name: 'shop', team: 'web', apps: ['web', 'web', 'web', 'web', 'cart', 'cart', 'cart', 'search', 'search', 'search'] },
  { name: 'api', team: 'core', apps: ['orders', 'orders', 'orders', 'orders', 'users', 'users', 'users', 'auth', 'auth', 'auth'] },
  { name: 'data', team: 'core', apps: ['db', 'db', 'db', 'db', 'cache', 'cache', 'cache', 'queue', 'queue', 'queue'] },
];

/** The policy document every keystroke edits (its `port: 8080` line). */
const EDITED_POLICY = `# Bench scenario: 30 pods in 3 namespaces, 9 NetworkPolicies.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-from-anywhere
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
    - Ingress
  ingress:
    - ports:
        - protocol: TCP
          port: 8080
`;

function policies(): string[] {
  return [
    EDITED_POLICY,
    ...NAMESPACES.map(
      (ns) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns.name}
spec:
  podSelector: {}
  policyTypes:
    - Ingress
`,
    ),
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-from-shop
  namespace: api
spec:
  podSelector:
    matchExpressions:
      - key: app
        operator: In
        values: [orders, users]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              team: web
      ports:
        - port: http
`,
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: auth-from-api
  namespace: api
spec:
  podSelector:
    matchLabels:
      app: auth
  ingress:
    - from:
        - podSelector: {}
`,
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: data-from-core
  namespace: data
spec:
  podSelector: {}
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              team: core
          podSelector:
            matchLabels:
              app: orders
      ports:
        - protocol: TCP
          port: 8080
          endPort: 8090
`,
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: cart-egress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: cart
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: api
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
`,
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: search-from-cidr
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: search
  ingress:
    - from:
        - ipBlock:
            cidr: 10.244.0.0/16
            except:
              - 10.244.2.0/24
`,
  ];
}

/** The scenario's manifests (YAML text). */
export function benchScenario(): string {
  const docs: string[] = [...policies()];
  for (let n = 1; n <= 3; n += 1) {
    docs.push(`apiVersion: v1
kind: Node
metadata:
  name: node-${n}
spec:
  podCIDR: 10.244.${n - 1}.0/24
`);
  }
  NAMESPACES.forEach((ns, nsIndex) => {
    docs.push(`apiVersion: v1
kind: Namespace
metadata:
  name: ${ns.name}
  labels:
    team: ${ns.team}
`);
    ns.apps.forEach((app, i) => {
      docs.push(`# ${app} replica ${i + 1} in ${ns.name}
apiVersion: v1
kind: Pod
metadata:
  name: ${app}-${i + 1}
  namespace: ${ns.name}
  labels:
    app: ${app}
    tier: ${nsIndex === 0 ? 'front' : nsIndex === 1 ? 'middle' : 'back'}
spec:
  nodeName: node-${((nsIndex * 10 + i) % 3) + 1}
  containers:
    - name: main
      image: registry.example/${app}:1.0
      ports:
        - name: http
          containerPort: 8080
        - name: metrics
          containerPort: 9090
`);
    });
    for (const app of [...new Set(ns.apps)]) {
      docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns.name}
spec:
  selector:
    app: ${app}
  ports:
    - name: http
      port: 80
      targetPort: http
`);
    }
  });
  return docs.join('---\n');
}

/** 1-based line of the `port: 8080` that the keystrokes edit. */
export const EDITED_LINE = EDITED_POLICY.split('\n').findIndex((line) => line.trim() === 'port: 8080') + 1;

/** The text after keystroke `n` (alternately deleting and retyping the last digit of that port). */
export function keystroke(text: string, n: number): string {
  return n % 2 === 0 ? text.replace('          port: 8080\n', '          port: 808\n') : text.replace('          port: 808\n', '          port: 8080\n');
}

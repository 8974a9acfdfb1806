/**
 * StatefulSets: pod identity from kubernetes pkg/controller/statefulset/stateful_set_utils.go (getPodName
 * `<set>-<ordinal>`, updateIdentity: hostname = pod name, subdomain = spec.serviceName; labels
 * statefulset.kubernetes.io/pod-name and apps.kubernetes.io/pod-index), the table of pkg/printers/internalversion
 * printers.go printStatefulSet (NAME READY AGE; wide CONTAINERS IMAGES), and the per-pod DNS name of
 * kubernetes/dns docs/specification.md §2.4.1 (`<hostname>.<service>.<ns>.svc.<zone>`).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

const YAML = `apiVersion: v1
kind: Node
metadata: {name: node-1}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {clusterIP: None, selector: {app: db}, ports: [{name: postgres, port: 5432}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [netexec, --http-port=5432], ports: [{name: postgres, containerPort: 5432}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop}
spec:
  containers: [{name: c, image: busybox:1.36}]
`;

describe('StatefulSets', () => {
  const c = createCluster(YAML);

  it('pods are <set>-<ordinal> with hostname = name, subdomain = serviceName and the controller\'s labels', () => {
    const pods = c.model.pods.filter((p) => p.ownerStatefulSet === 'shop/db');
    expect(pods.map((p) => [p.name, p.hostname, p.subdomain, p.labels['statefulset.kubernetes.io/pod-name'], p.labels['apps.kubernetes.io/pod-index']])).toEqual([
      ['db-0', 'db-0', 'db', 'db-0', '0'],
      ['db-1', 'db-1', 'db', 'db-1', '1'],
    ]);
    expect(c.kubectl("get pod db-0 -n shop -o jsonpath={.spec.hostname}.{.spec.subdomain}").stdout).toBe('db-0.db');
  });

  it('kubectl get statefulsets: NAME READY AGE (-o wide: CONTAINERS IMAGES)', () => {
    expect(c.kubectl('get statefulsets -n shop').stdout).toBe('NAME   READY   AGE\ndb     2/2     5m\n');
    expect(c.kubectl('get sts -n shop -o wide').stdout).toBe('NAME   READY   AGE   CONTAINERS   IMAGES\ndb     2/2     5m    pg           registry.k8s.io/e2e-test-images/agnhost:2.53\n');
  });

  it('db-0.db resolves to db-0 (spec §2.4.1) and SRV lists both replicas (§2.4.2)', () => {
    const ip0 = c.state.pods.get('shop/db-0')?.ip;
    expect(c.resolve('db-0.db', 'shop/client').answer?.ips).toEqual([ip0]);
    expect(c.resolve('_postgres._tcp.db.shop.svc.cluster.local', 'shop/client', 'SRV').response?.answer.map((r) => r.data)).toEqual(['db-0.db.shop.svc.cluster.local', 'db-1.db.shop.svc.cluster.local']);
  });

  it('a deleted replica comes back under the same name', () => {
    const d = createCluster(YAML);
    expect(d.kubectl('delete pod db-1 -n shop').exitCode).toBe(0);
    expect(d.state.pods.has('shop/db-1')).toBe(true);
  });

  it('validation: podManagementPolicy is OrderedReady or Parallel', () => {
    expect(() => createCluster(YAML.replace('serviceName: db', 'serviceName: db\n  podManagementPolicy: Random'))).toThrow('spec.podManagementPolicy: Unsupported value: "Random"');
  });
});

import { TWO_NODES_YAML } from '../fixtures.ts';

/** The lesson-6 cluster of the DNS tests (brief §5): shop (frontend, backend ×1, db-0/db-1 behind headless db, payments ExternalName), monitoring. */
export const DNS_CLUSTER_YAML = `${TWO_NODES_YAML}---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: monitoring}
---
apiVersion: v1
kind: Pod
metadata: {name: frontend, namespace: shop, labels: {app: frontend}}
spec:
  nodeName: node-1
  containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: dnsutils, namespace: shop}
spec:
  nodeName: node-1
  containers: [{name: c, image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3, command: [sleep, "3600"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: backend, namespace: shop, labels: {app: backend}}
spec:
  nodeName: node-2
  containers: [{name: c, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [netexec, --http-port=8080], ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: backend, namespace: shop}
spec:
  clusterIP: 10.96.20.10
  selector: {app: backend}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: shop, labels: {app: db}}
spec:
  nodeName: node-1
  hostname: db-0
  subdomain: db
  containers: [{name: c, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [netexec, --http-port=5432], ports: [{name: postgres, containerPort: 5432}]}]
status: {podIP: 10.244.0.8}
---
apiVersion: v1
kind: Pod
metadata: {name: db-1, namespace: shop, labels: {app: db}}
spec:
  nodeName: node-2
  hostname: db-1
  subdomain: db
  containers: [{name: c, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [netexec, --http-port=5432], ports: [{name: postgres, containerPort: 5432}]}]
status: {podIP: 10.244.1.9}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{name: postgres, port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: payments, namespace: shop}
spec: {type: ExternalName, externalName: api.payments.example}
---
apiVersion: v1
kind: Pod
metadata: {name: prometheus, namespace: monitoring, labels: {app: prometheus}}
spec:
  nodeName: node-2
  containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]
`;

/** The upstream zone of the lesson: api.payments.example → 203.0.113.20. */
export const DNS_UPSTREAM = { upstreamDns: { server: '192.0.2.53', records: { 'api.payments.example': ['203.0.113.20'] } } };

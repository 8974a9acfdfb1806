/**
 * Test fixture (not lesson content): the lesson-8 brief's `edge` cluster — GatewayClass sim-gateway, Gateway
 * infra/public (listener http, *.shop.example, allowedRoutes Selector gateway-access=true) with its data plane
 * (2 proxy pods + LoadBalancer Service 203.0.113.50, labelled gateway.networking.k8s.io/gateway-name: public),
 * shop's web, backend (3 pods) and backend-v2 Services, HTTPRoute shop (/api 90/10, / → web), the Ingress twin
 * behind IngressClass sim-ingress (203.0.113.51), an intruder in sandbox, and external DNS for the public names;
 * the templates of its data planes (proxyPod, loadBalancerService) for tests that add another; and manifestError(),
 * the ManifestError a manifest check throws, for the L7 manifest tests.
 */
import { ManifestError } from '../manifest.ts';

/** The ManifestError `fn` throws (any other error is rethrown; none at all fails the test). */
export function manifestError(fn: () => unknown): ManifestError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ManifestError) return e;
    throw e;
  }
  throw new Error('no error');
}
export const EDGE_OPTIONS = {
  gatewayChannel: 'standard' as const,
  upstreamDns: { records: { 'www.shop.example': ['203.0.113.50'], 'shop.example': ['203.0.113.50'], 'admin.shop.example': ['203.0.113.50'], 'legacy.shop.example': ['203.0.113.51'] } },
};

const node = (name: string, ip: string, cidr: string) => `apiVersion: v1
kind: Node
metadata: {name: ${name}}
spec: {podCIDR: ${cidr}}
status: {addresses: [{type: InternalIP, address: ${ip}}]}
---
`;

const echo = (name: string, ns: string, labels: string, nodeName: string, ip: string, text: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}
spec:
  nodeName: ${nodeName}
  containers: [{name: app, image: hashicorp/http-echo:1.0, args: ["-listen=:8080", "-text=${text}"], ports: [{name: http, containerPort: 8080}]}]
status: {podIP: ${ip}}
---
`;

/** A proxy pod (Envoy) declaring its container ports (default: http 8080), as YAML ending in `---`. */
export const proxyPod = (name: string, ns: string, labels: string, nodeName: string, ip: string, ports = '[{name: http, containerPort: 8080}]') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}
spec:
  nodeName: ${nodeName}
  containers: [{name: envoy, image: envoyproxy/envoy:v1.34.1, ports: ${ports}}]
status: {podIP: ${ip}}
---
`;

/** A data plane's LoadBalancer Service `name` (selector app: name) with one label, its ports (flow YAML) and load-balancer IP, as YAML ending in `---`. */
export const loadBalancerService = (name: string, ns: string, label: string, ports: string, ip: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}, labels: {${label}}}
spec:
  type: LoadBalancer
  selector: {app: ${name}}
  ports: ${ports}
status: {loadBalancer: {ingress: [{ip: ${ip}}]}}
---
`;

/** The `edge` scenario's manifests. */
export const EDGE_YAML = `${node('node-1', '172.18.0.2', '10.244.0.0/24')}${node('node-2', '172.18.0.3', '10.244.1.0/24')}${node('node-3', '172.18.0.4', '10.244.2.0/24')}apiVersion: v1
kind: Namespace
metadata: {name: infra}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {gateway-access: "true"}}
---
apiVersion: v1
kind: Namespace
metadata: {name: sandbox}
---
${proxyPod('public-gw-1', 'infra', 'app: public-gw, gateway.networking.k8s.io/gateway-name: public', 'node-1', '10.244.0.20')}${proxyPod('public-gw-2', 'infra', 'app: public-gw, gateway.networking.k8s.io/gateway-name: public', 'node-2', '10.244.1.20')}${loadBalancerService('public-gw', 'infra', 'gateway.networking.k8s.io/gateway-name: public', '[{name: http, port: 80, targetPort: http, nodePort: 31080}]', '203.0.113.50')}${proxyPod('ingress-ctl-1', 'infra', 'app: ingress-ctl, example.net/ingress-class: sim-ingress', 'node-3', '10.244.2.20')}${loadBalancerService('ingress-ctl', 'infra', 'example.net/ingress-class: sim-ingress', '[{name: http, port: 80, targetPort: http, nodePort: 31081}]', '203.0.113.51')}${echo('web-1', 'shop', 'app: web', 'node-1', '10.244.0.6', 'web')}${echo('backend-1', 'shop', 'app: backend, version: v1', 'node-1', '10.244.0.7', 'backend v1')}${echo('backend-2', 'shop', 'app: backend, version: v1', 'node-2', '10.244.1.7', 'backend v1')}${echo('backend-4', 'shop', 'app: backend, version: v2', 'node-3', '10.244.2.9', 'backend v2')}${echo('intruder', 'sandbox', 'app: intruder', 'node-3', '10.244.2.30', 'intruder')}apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: backend, namespace: shop}
spec: {selector: {app: backend}, ports: [{name: http, port: 80, targetPort: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: backend-v2, namespace: shop}
spec: {selector: {app: backend, version: v2}, ports: [{name: http, port: 80, targetPort: http}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: sim-gateway}
spec: {controllerName: example.net/sim-gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: sim-gateway
  listeners:
  - name: http
    protocol: HTTP
    port: 80
    hostname: "*.shop.example"
    allowedRoutes:
      namespaces:
        from: Selector
        selector: {matchLabels: {gateway-access: "true"}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: shop}
spec:
  parentRefs: [{name: public, namespace: infra, sectionName: http}]
  hostnames: [www.shop.example]
  rules:
  - matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs: [{name: backend, port: 80, weight: 90}, {name: backend-v2, port: 80, weight: 10}]
  - matches: [{path: {type: PathPrefix, value: /}}]
    backendRefs: [{name: web, port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: sim-ingress}
spec: {controller: example.net/sim-ingress-controller}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  ingressClassName: sim-ingress
  rules:
  - host: www.shop.example
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: backend, port: {number: 80}}}}
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;

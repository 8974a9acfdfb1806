/**
 * EndpointSlices as the controller writes them. Sources, per test:
 * - kubernetes/kubernetes pkg/controller/endpointslice (staging/src/k8s.io/endpointslice) utils.go podToEndpoint:
 *   `ready := service.Spec.PublishNotReadyAddresses || (serving && !terminating)`, serving = pod Ready;
 * - reconciler.go: a Service whose selector matches no pod gets one placeholder slice with no endpoints and no ports
 *   (newEndpointSlice(…, &endpointMeta{ports: []discovery.EndpointPort{}})), which kubectl prints as `<unset>`
 *   (pkg/printers/internalversion/printers.go formatDiscoveryPorts / formatDiscoveryEndpoints);
 * - kube-proxy uses only ready endpoints (pkg/proxy/topology.go CategorizeEndpoints).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';
import { shopYaml } from './kube-proxy/l5-fixture.ts';

const notReady = (yaml: string) => yaml.replace('status: {podIP: 10.244.1.8}', 'status: {podIP: 10.244.1.8, conditions: [{type: Ready, status: "False"}]}');

describe('EndpointSlices', () => {
  it('the placeholder slice of a selector that matches nothing has no ports: PORTS and ENDPOINTS <unset>', () => {
    const c = createCluster(shopYaml().replace('{app: backend}\n', '{app: backnd}\n'));
    const out = c.kubectl('get endpointslices -n shop').stdout;
    expect(out).toMatch(/^backend-\S+\s+IPv4\s+<unset>\s+<unset>\s+/m);
    expect(c.kubectl('get endpointslices -n shop -o yaml').stdout).toContain('  endpoints: null\n');
  });

  it('a not-ready pod is listed with ready=false and gets no traffic; publishNotReadyAddresses makes it ready', () => {
    const c = createCluster(notReady(shopYaml()));
    const slice = c.endpointSlices('shop/backend')[0];
    expect(slice?.endpoints.find((e) => e.ip === '10.244.1.8')).toMatchObject({ ready: false, serving: false });
    const rules = c.kubectl('debug node/node-3 -it --image=busybox:1.36 --profile=sysadmin -- chroot /host iptables-save -t nat').stdout;
    expect(rules).not.toContain('--to-destination 10.244.1.8:8080');
    const pub = createCluster(notReady(shopYaml('publishNotReadyAddresses: true')));
    expect(pub.endpointSlices('shop/backend')[0]?.endpoints.find((e) => e.ip === '10.244.1.8')).toMatchObject({ ready: true, serving: false });
  });
});

describe('named targetPort per pod', () => {
  it('a pod whose container has no port of that name stays in a slice without ports; kube-proxy does not use it (reconciler getEndpointPorts)', () => {
    const extra = `---
apiVersion: v1
kind: Pod
metadata: {name: backend-4, namespace: shop, labels: {app: backend}}
spec: {nodeName: node-1, containers: [{name: web, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [serve-hostname, --port, "8080"], ports: [{name: web, containerPort: 8080}]}]}
status: {podIP: 10.244.0.9}
`;
    const c = createCluster(shopYaml('type: ClusterIP', extra));
    const slices = c.endpointSlices('shop/backend');
    expect(slices).toHaveLength(2);
    const portless = slices.find((s) => s.ports.length === 0);
    expect(portless?.endpoints.map((e) => e.ip)).toEqual(['10.244.0.9']);
    const nat = c.kubectl('debug node/node-3 -it --image=busybox:1.36 --profile=sysadmin -- chroot /host iptables-save -t nat').stdout;
    expect(nat).not.toContain('10.244.0.9');
  });
});

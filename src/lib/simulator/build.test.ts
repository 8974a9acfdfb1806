import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';

const pod = `apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec: { containers: [{ name: web, image: nginx }] }
`;

describe('implicit cluster objects', () => {
  it('every cluster has the default/kubernetes Service at the first Service IP, as a real cluster does', () => {
    const { stdout } = createCluster(pod).kubectl('get svc');
    expect(stdout).toMatch(/^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/m);
  });

  it('does not hand the API server IP to a declared Service', () => {
    const cluster = createCluster(`${pod}---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`);
    const web = cluster.model.services.find((service) => service.name === 'web');
    expect(web?.clusterIP).not.toBe('10.96.0.1');
    expect(web?.clusterIP).not.toBe('10.96.0.10');
  });

  it('keeps a declared kubernetes Service instead of adding a second one', () => {
    const cluster = createCluster(`apiVersion: v1
kind: Service
metadata: { name: kubernetes, namespace: default }
spec: { clusterIP: 10.96.0.1, ports: [{ name: https, port: 443, targetPort: 6443 }] }
`);
    expect(cluster.model.services.filter((service) => service.name === 'kubernetes')).toHaveLength(1);
  });
});

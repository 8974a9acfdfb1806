/**
 * ExternalName Services in kubectl. Sources: kubernetes pkg/printers/internalversion/printers.go printService
 * (CLUSTER-IP `<none>` without clusterIPs; PORT(S) `<none>` without ports) and getServiceExternalIP (ExternalName →
 * spec.externalName); kubectl pkg/describe/describe.go describeService (`IP Families:\t<none>`, `IP:\t`, `IPs:\t<none>`,
 * `External Name:\t%s`); https://kubernetes.io/docs/concepts/services-networking/service/#externalname.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

const yaml = `apiVersion: v1
kind: Node
metadata: {name: node-1}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Service
metadata: {name: payments, namespace: shop}
spec: {type: ExternalName, externalName: api.payments.example}
`;

describe('ExternalName Services', () => {
  it('get svc lists the alias with no ClusterIP and its target as EXTERNAL-IP', () => {
    const out = createCluster(yaml).kubectl('-n shop get svc').stdout.split('\n');
    expect(out[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(out[1]).toMatch(/^payments\s+ExternalName\s+<none>\s+api\.payments\.example\s+<none>\s+\S+$/);
  });

  it('describe svc prints External Name and no cluster addresses', () => {
    const text = createCluster(yaml).kubectl('-n shop describe svc payments').stdout;
    expect(text).toMatch(/^Type:\s+ExternalName$/m);
    expect(text).toMatch(/^IP Families:\s+<none>$/m);
    expect(text).toMatch(/^IPs:\s+<none>$/m);
    expect(text).toMatch(/^External Name:\s+api\.payments\.example$/m);
    expect(text).toMatch(/^Session Affinity:\s+None$/m);
  });

  it('get svc -o yaml returns the spec as the API server defaults it', () => {
    const text = createCluster(yaml).kubectl('-n shop get svc payments -o yaml').stdout;
    expect(text).toContain('externalName: api.payments.example');
    expect(text).toContain('type: ExternalName');
    expect(text).not.toContain('clusterIP');
  });
});

/**
 * kubectl apply's printer for objects that exist. kubernetes/kubectl at tag kubernetes-1.35.0, pkg/cmd/apply/apply.go
 * applyOneObject: a new object prints "created"; an existing one is patched and prints "unchanged" when the patch is
 * `{}`, else "configured"; an existing object without the kubectl.kubernetes.io/last-applied-configuration
 * annotation first gets warningNoLastAppliedConfigAnnotation on stderr (info.ObjectName(): `<resource>/<name>`), and
 * the patch that adds the annotation makes it "configured". Objects the cluster made itself (kubeadm's CoreDNS
 * ConfigMap and Deployment, the kube-dns and kubernetes Services) and `kubectl expose`'s Services (expose.go: the
 * annotation only with --save-config) carry no such annotation.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';
import { LESSON_YAML } from './fixtures.ts';

const warning = (resource: string) =>
  `Warning: resource ${resource} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: fresh}\nspec:\n  containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]\n';

describe('kubectl apply of existing objects', () => {
  it.each([
    ['a new object', () => [POD, POD], ['pod/fresh created\n', 'pod/fresh unchanged\n'], ['', '']],
    ['the cluster\'s own CoreDNS ConfigMap, then the same again, then changed', (c: ReturnType<typeof createCluster>) => {
      const y = c.kubectl('get cm coredns -n kube-system -o yaml').stdout;
      return [y, y, y.replace('ttl 30', 'ttl 10')];
    }, ['configmap/coredns configured\n', 'configmap/coredns unchanged\n', 'configmap/coredns configured\n'], [warning('configmaps/coredns'), '', '']],
    ['the implicit kube-dns Service', (c: ReturnType<typeof createCluster>) => [c.kubectl('get svc kube-dns -n kube-system -o yaml').stdout], ['service/kube-dns configured\n'], [warning('services/kube-dns')]],
    ['a Service made by kubectl expose', (c: ReturnType<typeof createCluster>) => {
      c.kubectl('expose pod pod-b --name=b');
      const y = c.kubectl('expose pod pod-b --name=b --dry-run=client -o yaml').stdout;
      return [y, y];
    }, ['service/b configured\n', 'service/b unchanged\n'], [warning('services/b'), '']],
  ])('%s', (_what, inputs, stdouts, stderrs) => {
    const c = createCluster(LESSON_YAML);
    const texts = inputs(c);
    texts.forEach((text, i) => {
      const out = c.kubectl('apply -f -', text);
      expect(out.stdout).toBe(stdouts[i]);
      expect(out.stderr).toBe(stderrs[i]);
      expect(out.exitCode).toBe(0);
    });
  });

  it('each warning shows just above its own object\'s line', () => {
    // apply.go applyOneObject warns (warningNoLastAppliedConfigAnnotation, to ErrOut) while patching that object,
    // before it prints the object's "configured" line; objects are applied in the order of the file.
    const c = createCluster(LESSON_YAML);
    const dns = c.kubectl('get svc kube-dns -n kube-system -o yaml').stdout;
    const out = c.kubectl('apply -f -', `${POD}---\n${dns}`);
    expect(out.chunks).toEqual([
      { stream: 'stdout', text: 'pod/fresh created\n' },
      { stream: 'stderr', text: warning('services/kube-dns') },
      { stream: 'stdout', text: 'service/kube-dns configured\n' },
    ]);
  });

  it('the changed Corefile is what CoreDNS then runs with', () => {
    const c = createCluster(LESSON_YAML);
    const y = c.kubectl('get cm coredns -n kube-system -o yaml').stdout.replace('ttl 30', 'ttl 10');
    c.kubectl('apply -f -', y);
    expect(c.kubectl('get cm coredns -n kube-system -o yaml').stdout).toContain('ttl 10');
  });
});

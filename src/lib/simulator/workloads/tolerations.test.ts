/**
 * A pod's tolerations as the API server holds them and `kubectl describe pod` prints them. Sources:
 * - kubernetes/kubernetes plugin/pkg/admission/defaulttolerationseconds/admission.go Admit: appends
 *   `{Key: node.kubernetes.io/not-ready, Operator: Exists, Effect: NoExecute, TolerationSeconds: 300}` unless a
 *   toleration has that key (or an empty key) and effect NoExecute (or an empty effect); the same for unreachable.
 * - pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations (not-ready and unreachable NoExecute,
 *   disk-, memory-, pid-pressure and unschedulable NoSchedule, network-unavailable NoSchedule for hostNetwork), through
 *   pkg/apis/core/v1/helper/helpers.go AddOrUpdateTolerationInPodSpec (a MatchToleration-ing one is replaced in place).
 * - kubernetes/kubectl pkg/describe/describe.go at v0.35.7, printTolerationsMultilineWithIndent (line 5019): title,
 *   `\t`, `<none>` for none; else sorted by key, `key`, `=value` when set, `:effect` when set, ` op=Exists` for Exists
 *   without a value (`op=Exists` when key and effect are empty), ` for %ds` with tolerationSeconds; later lines
 *   start with the inner indent `\t`.
 * - pkg/apis/core/validation ValidateTolerations: "effect must be 'NoExecute' when `tolerationSeconds` is set".
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { addOrUpdateToleration, describeToleration, describeTolerations, withDefaultTolerationSeconds } from './tolerations.ts';

const pod = (name: string, tolerations = '') => `apiVersion: v1
kind: Pod
metadata: { name: ${name} }
spec: { containers: [{ name: c, image: nginx:1.27 }]${tolerations ? `, tolerations: ${tolerations}` : ''} }
---
`;

/** The Tolerations block of `kubectl describe pod`, up to the next field. */
function block(out: string): string {
  const lines = out.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Tolerations:'));
  const end = lines.findIndex((l, i) => i > at && !/^\s/.test(l));
  return lines.slice(at, end).join('\n');
}

describe('kubectl describe pod: Tolerations', () => {
  it('a plain pod: the two DefaultTolerationSeconds tolerations, 300 s each', () => {
    const out = createCluster(pod('web')).kubectl('describe pod web').stdout;
    expect(block(out)).toBe(['Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s', '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s'].join('\n'));
  });

  it('a pod with its own not-ready toleration keeps it (and its seconds); only unreachable is added; sorted by key', () => {
    const c = createCluster(pod('own', '[{ key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 60 }, { key: dedicated, operator: Equal, value: gpu, effect: NoSchedule }]'));
    expect(block(c.kubectl('describe pod own').stdout).split('\n').map((l) => l.trim())).toEqual([
      'Tolerations:                 dedicated=gpu:NoSchedule',
      'node.kubernetes.io/not-ready:NoExecute op=Exists for 60s',
      'node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
    ]);
    // -o yaml holds them in the API server's order: the pod's own, then what admission appended.
    const yaml = c.kubectl('get pod own -o yaml').stdout;
    expect(yaml).toContain('  tolerations:\n  - effect: NoExecute\n    key: node.kubernetes.io/not-ready\n    operator: Exists\n    tolerationSeconds: 60\n  - effect: NoSchedule\n    key: dedicated\n    operator: Equal\n    value: gpu\n  - effect: NoExecute\n    key: node.kubernetes.io/unreachable\n    operator: Exists\n    tolerationSeconds: 300\n');
  });

  it('a pod that tolerates everything gets no defaults: `op=Exists` alone', () => {
    expect(block(createCluster(pod('all', '[{ operator: Exists }]')).kubectl('describe pod all').stdout)).toBe('Tolerations:                 op=Exists');
  });

  it("a DaemonSet's pods: the template's, then the controller's, no 300 s defaults (kube-proxy and flannel as kubeadm and kube-flannel.yml ship them)", () => {
    const c = createCluster(pod('web'), { systemDaemonSets: true });
    const proxy = c.model.pods.find((p) => p.name.startsWith('kube-proxy-'))!;
    const flannel = c.model.pods.find((p) => p.name.startsWith('kube-flannel-ds-'))!;
    expect(block(c.kubectl(`describe pod -n kube-system ${proxy.name}`).stdout).split('\n').map((l) => l.trim())).toEqual([
      'Tolerations:                 op=Exists',
      'CriticalAddonsOnly op=Exists',
      'node.kubernetes.io/disk-pressure:NoSchedule op=Exists',
      'node.kubernetes.io/memory-pressure:NoSchedule op=Exists',
      'node.kubernetes.io/network-unavailable:NoSchedule op=Exists',
      'node.kubernetes.io/not-ready:NoExecute op=Exists',
      'node.kubernetes.io/pid-pressure:NoSchedule op=Exists',
      'node.kubernetes.io/unreachable:NoExecute op=Exists',
      'node.kubernetes.io/unschedulable:NoSchedule op=Exists',
    ]);
    expect(block(c.kubectl(`describe pod -n kube-flannel ${flannel.name}`).stdout).split('\n')[0]).toBe('Tolerations:                 :NoSchedule op=Exists');
  });

  it('a template toleration the controller matches is replaced in place, not doubled', () => {
    const mine = [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const, effect: 'NoExecute', tolerationSeconds: 60 }, { key: 'a', operator: 'Exists' as const }];
    const controller = { key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const, effect: 'NoExecute' };
    expect(addOrUpdateToleration(mine, controller)).toEqual([controller, { key: 'a', operator: 'Exists' }]);
    expect(addOrUpdateToleration([controller], controller)).toEqual([controller]);
    expect(addOrUpdateToleration([], controller)).toEqual([controller]);
    // Admission sees the controller's not-ready and unreachable NoExecute tolerations: it adds nothing.
    const daemon = [controller, { key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoExecute' }];
    expect(withDefaultTolerationSeconds(daemon)).toEqual(daemon);
  });

  it('formats each shape as describe.go does, and <none> when there are none', () => {
    expect(describeTolerations([])).toBe('Tolerations:\t<none>\n');
    expect(describeToleration({ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' })).toBe('k=v:NoSchedule');
    expect(describeToleration({ key: 'k', operator: 'Exists' })).toBe('k op=Exists');
    expect(describeToleration({ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 })).toBe(':NoExecute op=Exists for 5s');
    expect(describeToleration({ key: 'k', operator: 'Equal' })).toBe('k');
  });

  it("a Deployment's Pod Template prints the template's tolerations as written (describe.go DescribePodTemplate, v0.35.7 line 2254)", () => {
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: { name: gpu }
spec:
  replicas: 1
  selector: { matchLabels: { app: gpu } }
  template:
    metadata: { labels: { app: gpu } }
    spec: { containers: [{ name: c, image: nginx:1.27 }], tolerations: [{ key: dedicated, operator: Equal, value: gpu, effect: NoSchedule }] }
`;
    const out = createCluster(deploy).kubectl('describe deployment gpu').stdout;
    expect(out.split('\n').find((l) => l.startsWith('  Tolerations:'))?.trim().replace(/\s+/g, ' ')).toBe('Tolerations: dedicated=gpu:NoSchedule');
  });

  it('tolerationSeconds needs effect NoExecute', () => {
    expect(() => createCluster(pod('bad', '[{ key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 5 }]'))).toThrow("spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set");
  });
});

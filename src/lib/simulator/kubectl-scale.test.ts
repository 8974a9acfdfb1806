/**
 * kubectl scale. Expected texts from kubernetes/kubectl at tag kubernetes-1.35.0:
 * - pkg/cmd/scale/scale.go: NewScaleOptions PrintFlags("scaled"); MarkFlagRequired("replicas") (cobra's
 *   ValidateRequiredFlags: `required flag(s) "replicas" not set`); Validate ("The --replicas=COUNT flag is required,
 *   and COUNT must be greater than or equal to 0", "The --current-replicas must specify an integer of -1 or greater");
 *   RunScale returns the Builder's NotFound when nothing was found (kubernetes/kubernetes#134017, in v1.35).
 * - pkg/scale/scale.go PreconditionError.Error: "Expected %s to be %s, was %s"; ScaleSimple PATCHes /scale (GET with a
 *   precondition), so a resource without a scale subresource gets client-go's generic 404 "the server could not find
 *   the requested resource (patch pods NAME)" (k8s.io/apimachinery errors.NewGenericServerResponse).
 * - Controllers (kubernetes/kubernetes pkg/controller): the ReplicaSet controller deletes the surplus pods and creates
 *   new ones with generated names; the StatefulSet controller scales down from the highest ordinal
 *   (stateful_set_control.go: "condemned" pods are those with ordinal >= replicas, deleted highest first); the
 *   EndpointSlice controller follows the pods; the deployment controller's sync scales a ReplicaSet it owns back.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';
import { LESSON_YAML } from './fixtures.ts';

const STS = `
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: prod}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: c, image: nginx:1.27, ports: [{containerPort: 5432}]}]
`;
const cluster = () => createCluster(LESSON_YAML + STS);
const names = (c: ReturnType<typeof cluster>, ns: string, prefix: string) => c.model.pods.filter((p) => p.namespace === ns && p.name.startsWith(prefix)).map((p) => p.name).sort();

describe('kubectl scale', () => {
  it.each([
    ['scale deploy web -n prod --replicas=1', 'deployment.apps/web scaled\n'],
    ['scale deployment/web -n prod --replicas=3 --current-replicas=3', 'deployment.apps/web scaled\n'],
    ['scale sts db -n prod --replicas=2', 'statefulset.apps/db scaled\n'],
    ['scale deploy web -n prod --replicas=1 -o name', 'deployment.apps/web\n'],
    ['scale deploy web -n prod --replicas=1 --dry-run=client', 'deployment.apps/web scaled (dry run)\n'],
  ])('%s', (cmd, stdout) => {
    expect(cluster().kubectl(cmd)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  it.each([
    ['scale deploy web -n prod', 'error: required flag(s) "replicas" not set\n'],
    ['scale deploy web -n prod --replicas=-1', 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n'],
    ['scale deploy web -n prod --replicas=2 --current-replicas=-2', 'error: The --current-replicas must specify an integer of -1 or greater\n'],
    ['scale deploy web -n prod --replicas=two', 'error: invalid argument "two" for "--replicas" flag: strconv.ParseInt: parsing "two": invalid syntax\nSee \'kubectl scale --help\' for usage.\n'],
    ['scale deploy web -n prod --replicas=5 --current-replicas=2', 'error: Expected replicas to be 2, was 3\n'],
    ['scale deploy nope --replicas=2', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['scale pod pod-a --replicas=2', 'Error from server (NotFound): the server could not find the requested resource (patch pods pod-a)\n'],
    ['scale deploy -n prod --replicas=2', 'error: resource(s) were provided, but no name was specified\n'],
  ])('%s fails as kubectl does', (cmd, stderr) => {
    const out = cluster().kubectl(cmd);
    expect(out.stderr).toBe(stderr);
    expect(out.exitCode).toBe(1);
  });

  it('the ReplicaSet controller removes surplus pods, and a later scale-up creates pods of new names', () => {
    const c = cluster();
    const before = names(c, 'prod', 'web-');
    c.kubectl('scale deploy web -n prod --replicas=1');
    const one = names(c, 'prod', 'web-');
    expect(one).toHaveLength(1);
    expect(before).toContain(one[0]);
    expect(c.endpointSlices('prod/web').flatMap((s) => s.endpoints)).toHaveLength(1);
    c.kubectl('scale deploy web -n prod --replicas=3');
    const three = names(c, 'prod', 'web-');
    expect(three).toHaveLength(3);
    expect(three.filter((n) => before.includes(n))).toEqual(one); // the two new pods are not the deleted ones back
    expect(c.kubectl('get deploy web -n prod').stdout).toMatch(/web\s+3\/3\s+3\s+3/);
  });

  it('a StatefulSet scales down from the highest ordinal and back up to the same names', () => {
    const c = cluster();
    c.kubectl('scale sts db -n prod --replicas=1');
    expect(names(c, 'prod', 'db-')).toEqual(['db-0']);
    expect(c.kubectl('get sts db -n prod -o jsonpath={.spec.replicas}').stdout).toBe('1');
    c.kubectl('scale sts db -n prod --replicas=2');
    expect(names(c, 'prod', 'db-')).toEqual(['db-0', 'db-1']);
  });

  it('scales the implicit CoreDNS Deployment, whose Service then has three endpoints; deleting it keeps it deleted', () => {
    const c = cluster();
    expect(c.kubectl('scale deploy coredns -n kube-system --replicas=3').exitCode).toBe(0);
    expect(names(c, 'kube-system', 'coredns-')).toHaveLength(3);
    expect(new Set(c.endpointSlices('kube-system/kube-dns').flatMap((s) => s.endpoints.map((e) => e.ip))).size).toBe(3);
    c.kubectl('delete deploy coredns -n kube-system');
    expect(names(c, 'kube-system', 'coredns-')).toEqual([]);
  });

  it('a ReplicaSet a Deployment owns is scaled back by the deployment controller: nothing changes, and a note says why', () => {
    const c = cluster();
    const out = c.kubectl('scale rs -n prod --all --replicas=5');
    expect(out.stdout).toMatch(/^replicaset\.apps\/web-\w+ scaled\n$/);
    expect(out.stderr).toMatch(/^\[simulator\] Deployment web owns replicaset\.apps\/web-\w+: the deployment controller scales it back to 3/);
    expect(names(c, 'prod', 'web-')).toHaveLength(3);
  });
});

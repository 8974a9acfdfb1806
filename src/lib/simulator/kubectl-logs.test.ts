/**
 * kubectl logs. Texts from kubernetes/kubectl at tag kubernetes-1.35.0:
 * - pkg/cmd/logs/logs.go Complete: logsUsageErrStr ("expected '%s'.\nPOD or TYPE/NAME is a required argument for the
 *   logs command", logsUsageStr "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]"), "only a selector (-l) or a POD name
 *   is allowed"; a Builder NotFound is wrapped as `error from server (NotFound): %w in namespace %q` (no longer an
 *   APIStatus, so CheckErr prefixes "error: "); Validate: "only one of -c or an inline [CONTAINER] arg is allowed",
 *   "--tail must be greater than or equal to -1".
 * - pkg/polymorphichelpers/logsforobject.go: with several containers and no -c, "Defaulted container %q out of: %s"
 *   on stderr (podcmd.AllContainerNames joins with ", "); "container %s is not valid for pod %s".
 * - pkg/polymorphichelpers/helpers.go GetFirstPod: "Found %v pods, using pod/%v".
 * No log line is invented: what a program writes is not modelled (the simulator's `[simulator]` note convention,
 * exec/index.ts), CoreDNS's `log` lines included (coredns v1.12.0 plugin/log/log.go CommonLogFormat carries
 * {port}, {>id}, {size}, {rsize} and {duration}, unknown to the simulator).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';
import { LESSON_YAML } from './fixtures.ts';

const TWO = `${LESSON_YAML}
---
apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  containers:
  - {name: app, image: nginx:1.27}
  - {name: side, image: busybox:1.36, command: [sleep, "3600"]}
`;

describe('kubectl logs', () => {
  it.each([
    ['logs', "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n"],
    ['logs nope', 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n'],
    ['logs pod/nope -n prod', 'error: error from server (NotFound): pods "nope" not found in namespace "prod"\n'],
    ['logs two -c nope', 'error: container nope is not valid for pod two\n'],
    ['logs two side -c app', 'error: only one of -c or an inline [CONTAINER] arg is allowed\n'],
    ['logs two --tail=-2', 'error: --tail must be greater than or equal to -1\n'],
    ['logs two -l app=x', "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n"],
  ])('%s fails as kubectl does', (cmd, stderr) => {
    const out = createCluster(TWO).kubectl(cmd);
    expect(out).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('defaults to the first container with kubectl\'s notice, and prints no invented log', () => {
    const out = createCluster(TWO).kubectl('logs two');
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('Defaulted container "app" out of: app, side\n[simulator] the log of container app in pod two is not modelled: the simulator does not know what nginx:1.27 writes.\n');
  });

  it('an inline container name and deploy/NAME pick as kubectl does', () => {
    const c = createCluster(TWO);
    expect(c.kubectl('logs two side').stderr).toBe('[simulator] the log of container side in pod two is not modelled: the simulator does not know what busybox:1.36 writes.\n');
    expect(c.kubectl('logs deploy/web -n prod').stderr).toMatch(/^Found 3 pods, using pod\/web-\w+-\w+\n\[simulator\] the log of container web in pod web-/);
  });

  it('CoreDNS with the log plugin: the query log exists but is not modelled, and the note says what is missing', () => {
    const c = createCluster(TWO);
    const pod = c.model.pods.find((p) => p.name.startsWith('coredns-'))!.name;
    expect(c.kubectl(`logs ${pod} -n kube-system`).stderr).toMatch(/^\[simulator\] the log of container coredns/);
    const yaml = c.kubectl('get cm coredns -n kube-system -o yaml').stdout.replace('        errors\n', '        errors\n        log\n');
    expect(c.kubectl('apply -f -', yaml).exitCode).toBe(0);
    expect(c.kubectl(`logs ${pod} -n kube-system`).stderr).toBe("[simulator] CoreDNS logs every query here (the Corefile has `log`), but its lines are not modelled: each carries the client's port, the query ID, message sizes and the duration, which the simulator does not know.\n");
  });
});

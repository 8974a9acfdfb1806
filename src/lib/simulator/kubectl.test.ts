import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createCluster } from './index.ts';
import { tokenize } from './kubectl.ts';
import { LESSON_YAML } from './fixtures.ts';

const cluster = () => createCluster(LESSON_YAML);

describe('kubectl', () => {
  it('tokenizes like a shell', () => {
    expect(tokenize(`exec a -- sh -c "wget -qO- 'web'"`)).toEqual(['exec', 'a', '--', 'sh', '-c', "wget -qO- 'web'"]);
    expect(tokenize('get "unterminated')).toBeNull();
  });

  it('prints get pods -o wide with real kubectl columns', () => {
    const out = cluster().kubectl('kubectl get pods -o wide');
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    expect(lines[1]).toMatch(/^pod-a\s+1\/1\s+Running\s+0\s+5m\s+10\.244\.0\.\d+\s+node-1\s+<none>\s+<none>$/);
    expect(lines).toHaveLength(3);
  });

  it.each([
    ['get svc -n prod', /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\n(db\s+ClusterIP\s+None\s+<none>\s+5432\/TCP\s+5m\n)web\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s+5m\n$/],
    ['get endpoints web -n prod', /^NAME\s+ENDPOINTS\s+AGE\nweb\s+10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080\s+5m\n$/],
    ['get endpointslices -n prod -l kubernetes.io/service-name=web', /^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE\nweb-\w{5}\s+IPv4\s+8080\s+[\d.,]+\s+5m\n$/],
    ['get netpol', /^NAME\s+POD-SELECTOR\s+AGE\ndeny-all\s+<none>\s+5m\n$/],
    ['get nodes', /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nnode-1\s+Ready\s+<none>\s+5m\s+v1\.35\.0\nnode-2/],
    ['get ns prod --show-labels', /^NAME\s+STATUS\s+AGE\s+LABELS\nprod\s+Active\s+5m\s+env=prod,kubernetes\.io\/metadata\.name=prod\n$/],
    ['get pods -n prod -l app=web -o name', /^(pod\/web-\w{10}-\w{5}\n){3}$/],
    ['get pod pod-b -o jsonpath={.status.podIP}', /^10\.244\.0\.\d+$/],
    ['get pods -A --no-headers', /kube-system\s+coredns-\w{10}-\w{5}\s+1\/1\s+Running/],
    // --namespace is a persistent flag of the root command (kubectl's cmd.go), so it may come before the verb.
    ['-n prod get svc web -o name', /^service\/web\n$/],
    ['--namespace=prod exec deploy/web -- hostname', /^web-\w{10}-\w{5}\n$/],
  ])('%s', (cmd, expected) => {
    const out = cluster().kubectl(cmd);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(expected);
  });

  it.each([
    ['foo', /^error: unknown command "foo" for "kubectl"\nRun 'kubectl --help' for usage\.\n$/],
    ['get pods --bogus', /^error: unknown flag: --bogus\nSee 'kubectl get --help' for usage\.\n$/],
    ['get pods -z', /^error: unknown shorthand flag: 'z' in -z/],
    ['get pod nope', /^Error from server \(NotFound\): pods "nope" not found\n$/],
    ['get widgets', /^error: the server doesn't have a resource type "widgets"\n$/],
    ['get pods -o table', /^error: unable to match a printer suitable for the output format "table"/],
    ['describe svc nope', /^Error from server \(NotFound\): services "nope" not found\n$/],
    ['exec nope -- ls', /^Error from server \(NotFound\): pods "nope" not found\n$/],
    ['exec pod-a ping pod-b', /exec \[POD\] \[COMMAND\] is not supported anymore/],
    // busybox:1.36 ships ls but not curl: containerd/runc's error (see exec/oci.ts for its sources)
    ['exec pod-a -- curl web', /executable file not found in \$PATH/],
    ['get pods -n', /^error: flag needs an argument: 'n' in -n/],
  ])('kubectl %s fails like kubectl', (cmd, expected) => {
    const out = cluster().kubectl(cmd);
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toMatch(expected);
  });

  it.each([
    ['exec pod-a -- ping -c 1 pod-b', 1, /^ping: bad address 'pod-b'\ncommand terminated with exit code 1\n$/, ''],
    // curl runs in pod-b (nginx:1.27 ships Debian's curl 7.88.1; busybox:1.36 has none): lib/strerror.c texts
    ['exec pod-b -- curl -sS -m 3 pod-a', 6, /^curl: \(6\) Could not resolve host: pod-a\n/, ''],
    ['exec pod-b -- curl -sS -m 3 web.prod/hostname', 0, /^$/, 'agnhost-hostname'],
    ['exec pod-b -- curl -sS empty', 7, /^curl: \(7\) Failed to connect to empty port 80 after 0 ms: Couldn't connect to server\n/, ''],
    ['exec pod-a -- wget -qO- -T 2 web.prod.svc.cluster.local/hostname', 0, /^$/, 'agnhost-hostname'],
    ['exec pod-a -- nc -zv -w 2 web.prod 80', 0, /^web\.prod \(10\.\d+\.\d+\.\d+:80\) open\n$/, ''],
    // busybox nslookup.c add_query_with_search: a dotless name gets the search domains, a dotted one is sent as typed
    ['exec pod-a -- nslookup nope', 1, /command terminated with exit code 1/, "** server can't find nope.default.svc.cluster.local: NXDOMAIN"],
    ['exec pod-a -- nslookup web.prod.svc.cluster.local', 0, /^$/, 'Name:\tweb.prod.svc.cluster.local\nAddress: 10.'],
    // dig is in agnhost (bind-tools), not in busybox
    ['exec deploy/web -n prod -- dig +short web.prod.svc.cluster.local', 0, /^$/, '10.'],
    ['exec deploy/web -n prod -- dig web.prod', 0, /^$/, 'status: NXDOMAIN'],
    ['exec pod-a -- cat /etc/resolv.conf', 0, /^$/, 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5'],
  ])('kubectl %s', (cmd, code, stderr, stdout) => {
    const out = cluster().kubectl(cmd);
    expect(out.exitCode).toBe(code);
    expect(out.stderr).toMatch(stderr);
    // agnhost netexec.go hostnameHandler: fmt.Fprint(w, getHostName()), no newline
    const expectedStdout = stdout === 'agnhost-hostname' ? /^web-\w{10}-\w{5}$/ : null;
    if (expectedStdout) expect(out.stdout).toMatch(expectedStdout);
    else expect(out.stdout).toContain(stdout);
  });

  it('curl to a pod isolated by deny-all times out (28); ping to a ClusterIP loses every packet', () => {
    const c = cluster();
    const ip = c.model.pods.find((p) => p.name === 'pod-b')!.ip;
    const ipA = c.model.pods.find((p) => p.name === 'pod-a')!.ip;
    // curl 7.88.1 lib/multi.c multi_handle_timeout: "Connection timed out after %ld milliseconds"
    const curl = c.kubectl(`exec pod-b -- curl -sS -m 5 http://${ipA}`);
    expect(curl).toEqual({ stdout: '', stderr: 'curl: (28) Connection timed out after 5001 milliseconds\ncommand terminated with exit code 28\n', exitCode: 28 });
    const ping = c.kubectl('exec pod-a -- ping -c 2 web.prod');
    expect(ping.exitCode).toBe(1);
    expect(ping.stdout).toContain('2 packets transmitted, 0 packets received, 100% packet loss');
    // ICMP into an ingress-isolated pod is dropped (Calico/Cilium behaviour)
    expect(c.kubectl(`exec pod-a -- ping -c 1 ${ip}`).stdout).toContain('100% packet loss');
    // nginx:1.27 is debian:bookworm-slim plus nginx and curl: no ping (docker-nginx mainline/debian/Dockerfile)
    expect(c.kubectl(`exec pod-b -- ping -c 1 ${ipA}`).stderr).toContain('exec: "ping": executable file not found in $PATH');
  });

  it('describes a network policy like kubectl', () => {
    const out = cluster().kubectl('describe networkpolicy deny-all');
    expect(out.stdout).toContain('  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)\n  Allowing ingress traffic:\n    <none> (Selected pods are isolated for ingress connectivity)\n  Not affecting egress traffic\n  Policy Types: Ingress\n');
  });

  it('apply, label and delete change later answers', () => {
    const c = cluster();
    const denied = c.connect({ from: 'pod-a', to: 'default/pod-b' });
    expect(denied.allowed).toBe(false);
    const applied = c.kubectl('apply -f -', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-a}\nspec:\n  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {role: client}}}]\n');
    expect(applied).toEqual({ stdout: 'networkpolicy.networking.k8s.io/allow-a created\n', stderr: '', exitCode: 0 });
    expect(c.connect({ from: 'pod-a', to: 'default/pod-b' }).allowed).toBe(false);
    expect(c.kubectl('label pod pod-a role=client')).toEqual({ stdout: 'pod/pod-a labeled\n', stderr: '', exitCode: 0 });
    expect(c.connect({ from: 'pod-a', to: 'default/pod-b' }).allowed).toBe(true);
    expect(c.kubectl('label pod pod-a role=other').stderr).toBe("error: 'role' already has a value (client), and --overwrite is false\n");
    // delete.go PrintObj prints kind.group: networkpolicy.networking.k8s.io "deny-all" deleted from default namespace
    expect(c.kubectl('delete netpol deny-all')).toMatchObject({ stdout: 'networkpolicy.networking.k8s.io "deny-all" deleted from default namespace\n', exitCode: 0 });
    expect(c.kubectl('get netpol').stdout).not.toContain('deny-all');
    expect(c.kubectl('apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {}\n')).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/spec.containers: Required value/) });
  });

  it('deleting a Deployment pod replaces it under a new name; the IPs of other pods do not move', () => {
    const c = cluster();
    const before = c.model.pods.filter((p) => p.namespace === 'prod').map((p) => p.name);
    const ipA = c.model.pods.find((p) => p.name === 'pod-a')!.ip;
    expect(c.kubectl(`delete pod ${before[0]} -n prod`).exitCode).toBe(0);
    const after = c.model.pods.filter((p) => p.namespace === 'prod').map((p) => p.name);
    expect(after).toHaveLength(3);
    expect(after).not.toContain(before[0]);
    expect(c.model.pods.find((p) => p.name === 'pod-a')!.ip).toBe(ipA);
    expect(c.kubectl('delete ns default').stderr).toMatch(/Forbidden/);
  });

  it('fuzz: random command lines never throw and exit 0, 1 or a documented tool code', () => {
    const words = fc.constantFrom('get', 'describe', 'exec', 'apply', 'delete', 'label', 'pods', 'svc', 'ep', 'netpol', 'nodes', 'ns', 'pod-a', 'pod-b', '-n', 'prod', '-A', '-l', 'app=web', '-o', 'wide', 'yaml', 'json', '--', 'curl', 'ping', 'nc', '-zv', 'nslookup', 'dig', 'web', '80', '"', "'", '-f', '-', 'x=y', 'x-', '--overwrite', '=', '--bogus', 'sh', '-c');
    const c = cluster();
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.array(words, { maxLength: 8 }).map((w) => w.join(' '))), fc.option(fc.string({ maxLength: 30 })), (line, stdin) => {
        const r = c.kubectl(line, stdin ?? undefined);
        expect([0, 1, 2, 3, 6, 7, 9, 22, 28, 35, 52, 127, 130]).toContain(r.exitCode);
        expect(typeof r.stdout).toBe('string');
        expect(typeof r.stderr).toBe('string');
      }),
      { numRuns: 400 },
    );
  });
});

describe('kubectl changes the cluster as the API server and its controllers would', () => {
  it('delete of several types reports each: what went on stdout, NotFound on stderr', () => {
    // builder.go normalizeMultipleResourcesArgs turns `deploy,netpol deny-all` into deploy/deny-all netpol/deny-all.
    expect(cluster().kubectl('delete deploy,netpol deny-all')).toEqual({
      stdout: 'networkpolicy.networking.k8s.io "deny-all" deleted from default namespace\n',
      stderr: 'Error from server (NotFound): deployments.apps "deny-all" not found\n',
      exitCode: 1,
    });
  });

  it('deleting a ReplicaSet replaces its pods; deleted Endpoints and EndpointSlices are written again', () => {
    const c = cluster();
    const rs = c.kubectl('get rs -n prod -o name').stdout.trim();
    expect(rs).toMatch(/^replicaset\.apps\/web-\w{10}$/);
    const before = c.model.pods.filter((p) => p.namespace === 'prod').map((p) => p.name);
    expect(c.kubectl(`delete ${rs} -n prod`)).toEqual({ stdout: `replicaset.apps "${rs.split('/')[1]}" deleted from prod namespace\n`, stderr: '', exitCode: 0 });
    const after = c.model.pods.filter((p) => p.namespace === 'prod').map((p) => p.name);
    expect(after).toHaveLength(3);
    expect(after.filter((n) => before.includes(n))).toEqual([]);
    const ep = c.kubectl('delete ep web -n prod');
    expect(ep).toMatchObject({ stdout: 'endpoints "web" deleted from prod namespace\n', stderr: 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n', exitCode: 0 });
    expect(ep.chunks?.map((chunk) => chunk.stream)).toEqual(['stderr', 'stdout']);
    expect(c.kubectl('get ep web -n prod').stdout).toMatch(/^NAME\s+ENDPOINTS\s+AGE\nweb\s+10\.244/);
    expect(c.kubectl('label ep web -n prod x=y')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('error: the labels of endpoints are written by the control plane in this simulator') });
  });

  it('label says labeled, unlabeled or not labeled as label.go updateDataChangeMsg decides', () => {
    const c = cluster();
    expect(c.kubectl('label pod pod-a tier=web')).toEqual({ stdout: 'pod/pod-a labeled\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('label pod pod-a tier=web')).toEqual({ stdout: 'pod/pod-a not labeled\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('label pod pod-a tier-')).toEqual({ stdout: 'pod/pod-a unlabeled\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('label deploy web -n prod tier=web')).toEqual({ stdout: 'deployment.apps/web labeled\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('label pods -n prod --all tier=web').stdout).toMatch(/^(pod\/web-\w{10}-\w{5} labeled\n){3}$/);
    expect(c.kubectl('label pod pod-a "bad key=v"').stderr).toMatch(/^The Pod "pod-a" is invalid: metadata\.labels: Invalid value: "bad key": name part must consist of alphanumeric characters/);
  });

  it('apply -n sets the namespace of namespaced objects and refuses an object of another namespace', () => {
    const c = cluster();
    expect(c.kubectl('apply -n prod -f -', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: c, image: busybox}]}\n')).toEqual({ stdout: 'pod/x created\n', stderr: '', exitCode: 0 });
    expect(c.model.pods.some((p) => p.namespace === 'prod' && p.name === 'x')).toBe(true);
    // cli-runtime pkg/resource/visitor.go (FilenameParam with an explicit namespace).
    expect(c.kubectl('apply -n prod -f -', 'apiVersion: v1\nkind: Pod\nmetadata: {name: y, namespace: default}\nspec: {containers: [{name: c, image: busybox}]}\n').stderr).toBe(
      'error: the namespace from the provided object "default" does not match the namespace "prod". You must pass \'--namespace=default\' to perform this operation.\n',
    );
  });

  const STORED = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config}\ndata: {a: "1"}\n';
  const storedKindsBuilt = (() => {
    try {
      return createCluster(STORED).model.storedObjects.length > 0;
    } catch {
      return false;
    }
  })();
  // Runs once parseManifests/buildModel fill ClusterModel.storedObjects (the manifest branch).
  it.skipIf(!storedKindsBuilt)('stored objects: get, label and delete go through the cluster', () => {
    const c = createCluster(STORED);
    expect(c.kubectl('label cm app-config team=a')).toEqual({ stdout: 'configmap/app-config labeled\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('get cm -l team=a -o name').stdout).toBe('configmap/app-config\n');
    expect(c.kubectl('delete cm app-config')).toEqual({ stdout: 'configmap "app-config" deleted from default namespace\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('get cm app-config').stderr).toBe('Error from server (NotFound): configmaps "app-config" not found\n');
    // The default ServiceAccount and kube-root-ca.crt come back at once: deleting them changes nothing.
    expect(c.kubectl('delete sa default').exitCode).toBe(0);
    expect(c.kubectl('get sa -o name').stdout).toBe('serviceaccount/default\n');
  });
});

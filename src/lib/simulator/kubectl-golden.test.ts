/**
 * Golden tests: the complete text kubectl v1.35 prints for the commands the lessons show, on a hand-built
 * model (kinds/test-model.ts) with fixed IPs. Every expected text is written from kubectl's sources, cited per
 * test: kubernetes pkg/printers/internalversion/printers.go (tables), kubectl pkg/describe/describe.go
 * (describe), cli-runtime pkg/printers (tabwriter: minwidth 6, padding 3 for get; minwidth 0, padding 2 for
 * describe). Values the simulator invents where a cluster is random (container IDs, image digests, the
 * 5-character suffixes of generated names) are matched as ⟨hex⟩ and ⟨id⟩.
 */
import { describe, it, expect } from 'vitest';
import { indexModel } from './state.ts';
import { runKubectl } from './kubectl.ts';
import { createCluster } from './index.ts';
import { LESSON_YAML } from './fixtures.ts';
import { golden, goldenModel, recordingHost } from './kinds/test-model.ts';

/** The API server's deprecation warning on v1 Endpoints (KEP-4974). */
const WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';

/** Asserts `actual` equals `template` exactly; ⟨hex⟩ stands for 64 hex digits, ⟨id⟩ for a generated 5-character suffix, ⟨hash⟩ for a pod-template-hash. */
function expectText(actual: string, template: string): void {
  const safe = '[bcdfghjklmnpqrstvwxz2456789]';
  const re = new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/⟨hex⟩/g, '[0-9a-f]{64}').replace(/⟨id⟩/g, `${safe}{5}`).replace(/⟨hash⟩/g, `${safe}{10}`)}$`);
  if (!re.test(actual)) expect(actual).toBe(template);
}

describe('kubectl get (printers.go)', () => {
  it('get pods -o wide: every lifecycle state', () => {
    // printers.go printPod: container waiting reasons override the phase (ContainerCreating), READY counts ready
    // running containers, a deletionTimestamp on a non-terminal pod reads Terminating; -o wide adds IP, NODE,
    // NOMINATED NODE, READINESS GATES (podColumnDefinitions, Priority 1).
    // Example output: https://kubernetes.io/docs/concepts/services-networking/connect-applications-service/
    const out = golden('get pods -o wide');
    expect(out).toEqual({
      stdout:
        'NAME    READY   STATUS              RESTARTS   AGE   IP            NODE     NOMINATED NODE   READINESS GATES\n' +
        'pod-a   1/1     Running             0          5m    10.244.0.5    node-1   <none>           <none>\n' +
        'pod-b   1/1     Running             0          5m    10.244.1.7    node-2   <none>           <none>\n' +
        'pod-c   0/1     Pending             0          5m    <none>        <none>   <none>           <none>\n' +
        'pod-d   0/1     ContainerCreating   0          5m    10.244.0.9    node-1   <none>           <none>\n' +
        'pod-e   0/1     Running             0          5m    10.244.1.12   node-2   <none>           <none>\n' +
        'pod-f   1/1     Terminating         0          5m    10.244.0.10   node-1   <none>           <none>\n' +
        'pod-g   1/1     Running             0          5m    10.244.1.20   node-2   <none>           <none>\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('get svc and get svc -o wide', () => {
    // printers.go printService / getServiceExternalIP / makePortString; SELECTOR is Priority 1 (labels.FormatLabels).
    // Example output: https://kubernetes.io/docs/concepts/services-networking/connect-applications-service/
    expect(golden('get svc').stdout).toBe(
      'NAME         TYPE           CLUSTER-IP     EXTERNAL-IP    PORT(S)        AGE\n' +
        'kubernetes   ClusterIP      10.96.0.1      <none>         443/TCP        5m\n' +
        'lb           LoadBalancer   10.96.33.44    203.0.113.10   80:30080/TCP   5m\n' +
        'pod-b        ClusterIP      None           <none>         8080/TCP       5m\n' +
        'web          ClusterIP      10.96.120.15   <none>         80/TCP         5m\n',
    );
    expect(golden('get services -o wide').stdout).toBe(
      'NAME         TYPE           CLUSTER-IP     EXTERNAL-IP    PORT(S)        AGE   SELECTOR\n' +
        'kubernetes   ClusterIP      10.96.0.1      <none>         443/TCP        5m    <none>\n' +
        'lb           LoadBalancer   10.96.33.44    203.0.113.10   80:30080/TCP   5m    app=nothing\n' +
        'pod-b        ClusterIP      None           <none>         8080/TCP       5m    app=backend\n' +
        'web          ClusterIP      10.96.120.15   <none>         80/TCP         5m    app=backend\n',
    );
  });

  it('get endpoints: ready addresses only, sorted as text, with the v1.33+ deprecation warning', () => {
    // printers.go formatEndpoints lists subset.Addresses (never NotReadyAddresses); the endpoints controller sorts
    // addresses with LessEndpointAddress (byte order of the IP text, so 10.244.1.20 before 10.244.1.7) and leaves
    // terminating pods out. The warning is the API server's (KEP-4974), as shown on
    // https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/. client-go's warning handler prints
    // it as the response arrives, above what kubectl then prints (https://kubernetes.io/blog/2020/09/03/warnings/).
    const table = 'NAME    ENDPOINTS                          AGE\n' + 'pod-b   10.244.1.20:8080,10.244.1.7:8080   5m\n' + 'web     10.244.1.20:8080,10.244.1.7:8080   5m\n';
    expect(golden('get endpoints pod-b web')).toEqual({
      stdout: table,
      stderr: WARNING,
      exitCode: 0,
      chunks: [
        { stream: 'stderr', text: WARNING },
        { stream: 'stdout', text: table },
      ],
    });
    // A Service with no pod behind it has an Endpoints object without subsets: formatEndpoints prints <none>.
    expect(golden('get ep lb').stdout).toBe('NAME   ENDPOINTS   AGE\nlb     <none>      5m\n');
  });

  it('get endpointslices: every endpoint, at most three then "+ N more..."', () => {
    // printers.go printEndpointSlice / formatDiscoveryEndpoints (ready or not) / listWithMoreString.
    // Example output: https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/
    const out = golden('get endpointslices -l kubernetes.io/service-name=pod-b');
    expect(out.stderr).toBe('');
    expectText(
      out.stdout,
      'NAME          ADDRESSTYPE   PORTS   ENDPOINTS                                       AGE\n' + 'pod-b-⟨id⟩   IPv4          8080    10.244.0.9,10.244.0.10,10.244.1.7 + 2 more...   5m\n',
    );
  });

  it('get nodes and get nodes -o wide', () => {
    // printers.go printNode: STATUS from the Ready condition, ROLES from node-role.kubernetes.io/* labels
    // (findNodeRoles), VERSION the kubeletVersion; wide adds INTERNAL-IP .. CONTAINER-RUNTIME (Priority 1).
    // Example output: https://kubernetes.io/docs/concepts/architecture/nodes/
    expect(golden('get nodes').stdout).toBe('NAME     STATUS   ROLES           AGE   VERSION\n' + 'node-1   Ready    control-plane   5m    v1.35.0\n' + 'node-2   Ready    <none>          5m    v1.35.0\n');
    expect(golden('get no -o wide').stdout).toBe(
      'NAME     STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME\n' +
        'node-1   Ready    control-plane   5m    v1.35.0   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-60-generic   containerd://2.2.0\n' +
        'node-2   Ready    <none>          5m    v1.35.0   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-60-generic   containerd://2.2.0\n',
    );
  });

  it('get networkpolicy', () => {
    // printers.go printNetworkPolicy: metav1.FormatLabelSelector, requirements sorted by key.
    // Example output: https://kubernetes.io/docs/tasks/administer-cluster/declare-network-policy/
    expect(golden('get networkpolicy').stdout).toBe(
      'NAME                   POD-SELECTOR                                                  AGE\n' +
        'allow-range            app=backend                                                   5m\n' +
        'default-deny-ingress   <none>                                                        5m\n' +
        'network-policy-1       foo in (bar1,bar2),foo2 notin (bar1,bar2),id1=app1,id2=app2   5m\n',
    );
  });

  it('prints one table per kind, names prefixed with kind.group, a blank line between', () => {
    // kubectl pkg/cmd/get/get_test.go TestGetMultipleTypeObjects: "pod/foo ... \n\nNAME ... service/baz".
    expect(golden('get pod/pod-a svc/web').stdout).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE\n' +
        'pod/pod-a   1/1     Running   0          5m\n' +
        '\n' +
        'NAME          TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE\n' +
        'service/web   ClusterIP   10.96.120.15   <none>        80/TCP    5m\n',
    );
    // Several names after several types are expanded pairwise (builder.go normalizeMultipleResourcesArgs).
    expect(golden('get pods,svc pod-b')).toEqual({
      stdout: 'NAME        READY   STATUS    RESTARTS   AGE\npod/pod-b   1/1     Running   0          5m\n\nNAME            TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)    AGE\nservice/pod-b   ClusterIP   None         <none>        8080/TCP   5m\n',
      stderr: '',
      exitCode: 0,
    });
  });
});

describe('kubectl describe (describe.go)', () => {
  it('describe pod: a running pod pinned by spec.nodeName', () => {
    // describePod, describeContainers (Command, State/Started, Ready, Restart Count, Environment, Mounts),
    // describeVolumes/printProjectedVolumeSource (the ServiceAccount admission plugin's kube-api-access volume:
    // token 3607 s, kube-root-ca.crt, namespace), the DefaultTolerationSeconds tolerations, Conditions in the
    // kubelet's order, DescribeEvents with the involvedObject.fieldPath prefix (kubectl commit 60fa575, v1.35) and
    // the v1.35 kubelet messages ("Container created": kubernetes PR #134043). No Scheduled event: a pod written
    // with spec.nodeName never goes through the scheduler.
    // Example output: https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/
    expectText(
      golden('describe pod pod-a').stdout,
      `Name:             pod-a
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/172.18.0.2
Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
Labels:           app=frontend
Annotations:      <none>
Status:           Running
IP:               10.244.0.5
IPs:
  IP:  10.244.0.5
Containers:
  client:
    Container ID:  containerd://⟨hex⟩
    Image:         busybox:1.36
    Image ID:      docker.io/library/busybox@sha256:⟨hex⟩
    Port:          <none>
    Host Port:     <none>
    Command:
      sleep
      86400
    State:          Running
      Started:      Wed, 01 Jan 2025 00:00:00 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-⟨id⟩ (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-⟨id⟩:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason   Age   From     Message
  ----    ------   ----  ----     -------
  Normal  Pulled   5m    kubelet  spec.containers{client}: Container image "busybox:1.36" already present on machine and can be accessed by the pod
  Normal  Created  5m    kubelet  spec.containers{client}: Container created
  Normal  Started  5m    kubelet  spec.containers{client}: Container started
`,
    );
  });

  it('describe pod: unscheduled, ContainerCreating (with an IP) and terminating', () => {
    // Unscheduled: no Start Time, no container statuses (no Container ID/State/Ready lines), only PodScheduled False.
    const pending = golden('describe pod pod-c').stdout;
    expect(pending).toContain('Node:             <none>\nLabels:           app=backend\nAnnotations:      <none>\nStatus:           Pending\nIP:               \nIPs:              <none>\n');
    expect(pending).toContain('  web:\n    Image:        nginxinc/nginx-unprivileged:1.27\n    Port:         8080/TCP (http)\n    Host Port:    0/TCP (http)\n    Environment:  <none>\n    Mounts:\n');
    expect(pending).toContain('Conditions:\n  Type           Status\n  PodScheduled   False \nVolumes:\n');
    expect(pending).toMatch(/Events: {22}<none>\n$/);
    // ContainerCreating: the sandbox has an IP (CNI ADD ran), the container waits; bound by the scheduler, so a
    // Scheduled event (schedule_one.go "Successfully assigned %v/%v to %v") precedes the image pull.
    expectText(
      golden('describe pod pod-d').stdout.split('Containers:\n')[1] ?? '',
      `  web:
    Container ID:   
    Image:          nginxinc/nginx-unprivileged:1.27
    Image ID:       
    Port:           8080/TCP (http)
    Host Port:      0/TCP (http)
    State:          Waiting
      Reason:       ContainerCreating
    Ready:          False
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-⟨id⟩ (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       False 
  ContainersReady             False 
  PodScheduled                True 
Volumes:
  kube-api-access-⟨id⟩:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  5m    default-scheduler  Successfully assigned default/pod-d to node-1
  Normal  Pulling    5m    kubelet            spec.containers{web}: Pulling image "nginxinc/nginx-unprivileged:1.27"
`,
    );
    // Terminating: describePod prints "Terminating (lasts %s)" of a deletionTimestamp still in the future
    // (translateTimestampSince gives <invalid>) and the grace period, which widens the first column block.
    expect(golden('describe pod pod-f').stdout).toMatch(/^Name: {22}pod-f\nNamespace: {17}default\n[\s\S]*\nStatus: {20}Terminating \(lasts <invalid>\)\nTermination Grace Period: {2}30s\nIP: {24}10\.244\.0\.10\n/);
  });

  it('describe networkpolicy: kubectl TestDescribeNetworkPolicies, verbatim', () => {
    // pkg/describe/describe_test.go TestDescribeNetworkPolicies (only "Created on" differs: the simulator's clock).
    expect(golden('describe networkpolicy network-policy-1').stdout).toBe(`Name:         network-policy-1
Namespace:    default
Created on:   2025-01-01 00:00:00 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     foo in (bar1,bar2),foo2 notin (bar1,bar2),id1=app1,id2=app2
  Allowing ingress traffic:
    To Port: 80/TCP
    To Port: 82/TCP
    From:
      NamespaceSelector: id=ns1,id2=ns2
      PodSelector: id=pod1,id2=pod2
    From:
      PodSelector: id=app2,id2=app3
    From:
      NamespaceSelector: id=app2,id2=app3
    From:
      NamespaceSelector: foo in (bar1,bar2),id=app2,id2=app3
    From:
      IPBlock:
        CIDR: 192.168.0.0/16
        Except: 192.168.3.0/24, 192.168.4.0/24
    ----------
    To Port: <any> (traffic allowed to all ports)
    From: <any> (traffic not restricted by source)
  Allowing egress traffic:
    To Port: 80/TCP
    To Port: 82/TCP
    To:
      NamespaceSelector: id=ns1,id2=ns2
      PodSelector: id=pod1,id2=pod2
    To:
      PodSelector: id=app2,id2=app3
    To:
      NamespaceSelector: id=app2,id2=app3
    To:
      NamespaceSelector: foo in (bar1,bar2),id=app2,id2=app3
    To:
      IPBlock:
        CIDR: 192.168.0.0/16
        Except: 192.168.3.0/24, 192.168.4.0/24
    ----------
    To Port: <any> (traffic allowed to all ports)
    To: <any> (traffic not restricted by destination)
  Policy Types: Ingress, Egress
`);
  });

  it('describe networkpolicy: port ranges, a port entry without port, policyTypes in stored order', () => {
    // printNetworkPolicySpecIngressFrom: "To Port Range: %s-%d/%s" when endPort is set (TestDescribeNetworkPoliciesWithPortRange);
    // "To Port: %s/%s" of a nil *IntOrString prints <nil> (apimachinery intstr String()); policyTypesToString keeps the order.
    expect(golden('describe netpol allow-range').stdout).toBe(`Name:         allow-range
Namespace:    default
Created on:   2025-01-01 00:00:00 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     app=backend
  Allowing ingress traffic:
    To Port Range: 32000-32768/TCP
    To Port: <nil>/UDP
    From:
      PodSelector: app=frontend
  Allowing egress traffic:
    <none> (Selected pods are isolated for egress connectivity)
  Policy Types: Egress, Ingress
`);
    // Example output: https://kubernetes.io/docs/tasks/administer-cluster/declare-network-policy/
    expect(golden('describe networkpolicy default-deny-ingress').stdout).toBe(`Name:         default-deny-ingress
Namespace:    default
Created on:   2025-01-01 00:00:00 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)
  Allowing ingress traffic:
    <none> (Selected pods are isolated for ingress connectivity)
  Not affecting egress traffic
  Policy Types: Ingress
`);
  });

  it('describe svc: headless and LoadBalancer', () => {
    // describeService with EndpointSlices (formatEndpointSlices: ready endpoints of the slice port named like the
    // Service port); "Port:\t%s\t%d/%s" is two cells. Compare kubectl TestDescribeService.
    // Example output: https://kubernetes.io/docs/concepts/services-networking/connect-applications-service/
    expect(golden('describe svc pod-b').stdout).toBe(`Name:                     pod-b
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 app=backend
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       None
IPs:                      None
Port:                     http  8080/TCP
TargetPort:               http/TCP
Endpoints:                10.244.1.7:8080,10.244.1.20:8080
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
    // NodePort/LoadBalancer Services default externalTrafficPolicy to Cluster; an ingress IP gets ipMode VIP.
    expect(golden('describe service lb').stdout).toBe(`Name:                     lb
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 app=nothing
Type:                     LoadBalancer
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.33.44
IPs:                      10.96.33.44
LoadBalancer Ingress:     203.0.113.10 (VIP)
Port:                     <unset>  80/TCP
TargetPort:               8080/TCP
NodePort:                 <unset>  30080/TCP
Endpoints:                
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
  });

  it('describe endpoints: addresses and not-ready addresses per subset', () => {
    // describe.go describeEndpoints; the Endpoints of a headless Service carry service.kubernetes.io/headless.
    const described = golden('describe endpoints pod-b');
    expect(described.chunks?.map((chunk) => chunk.stream)).toEqual(['stderr', 'stdout']);
    expect({ ...described, chunks: undefined }).toEqual({
      chunks: undefined,
      stdout: `Name:         pod-b
Namespace:    default
Labels:       service.kubernetes.io/headless=
Annotations:  <none>
Subsets:
  Addresses:          10.244.1.20,10.244.1.7
  NotReadyAddresses:  10.244.0.9,10.244.1.12
  Ports:
    Name  Port  Protocol
    ----  ----  --------
    http  8080  TCP

Events:  <none>
`,
      stderr: 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n',
      exitCode: 0,
    });
  });

  it('describe endpointslice: one entry per endpoint, the controller\'s labels', () => {
    // describe.go describeEndpointSliceV1 (compare kubectl TestDescribeEndpointSlice); the EndpointSlice controller
    // labels slices with the Service's labels, kubernetes.io/service-name, managed-by and (headless) service.kubernetes.io/headless.
    const out = golden('describe endpointslices -l kubernetes.io/service-name=pod-b').stdout;
    expectText(
      out.slice(0, out.indexOf('  - Addresses:  10.244.0.10')),
      `Name:         pod-b-⟨id⟩
Namespace:    default
Labels:       endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io
              kubernetes.io/service-name=pod-b
              service.kubernetes.io/headless=
Annotations:  <none>
AddressType:  IPv4
Ports:
  Name  Port  Protocol
  ----  ----  --------
  http  8080  TCP
Endpoints:
  - Addresses:  10.244.0.9
    Conditions:
      Ready:    false
    Hostname:   <unset>
    TargetRef:  Pod/pod-d
    NodeName:   node-1
    Zone:       <unset>
`,
    );
    expect(out.endsWith('    TargetRef:  Pod/pod-g\n    NodeName:   node-2\n    Zone:       <unset>\nEvents:         <none>\n')).toBe(true);
  });

  it('describe deployment', () => {
    // describe.go describeDeployment + DescribePodTemplate (template containers have no status and no token volume);
    // the Args lines hold no tab, so they end the tabwriter's column block: the fields above and below align apart.
    // the deployment controller's revision annotation, conditions and ScalingReplicaSet event (sync.go).
    // Example output: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
    expectText(
      createCluster(LESSON_YAML).kubectl('describe deployment web -n prod').stdout,
      `Name:                   web
Namespace:              prod
CreationTimestamp:      Wed, 01 Jan 2025 00:00:00 +0000
Labels:                 <none>
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   web:
    Image:      registry.k8s.io/e2e-test-images/agnhost:2.53
    Port:       8080/TCP (http)
    Host Port:  0/TCP (http)
    Args:
      netexec
      --http-port=8080
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-⟨hash⟩ (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  5m    deployment-controller  Scaled up replica set web-⟨hash⟩ from 0 to 3
`,
    );
  });

  it('describe TYPE PREFIX describes every object whose name starts with PREFIX', () => {
    // pkg/cmd/describe/describe.go DescribeMatchingResources: each text followed by "\n".
    const out = golden('describe netpol allow');
    expect(out.exitCode).toBe(0);
    expect(out.stdout.startsWith('Name:         allow-range\n')).toBe(true);
    expect(out.stdout.endsWith('  Policy Types: Egress, Ingress\n\n')).toBe(true);
  });
});

describe('stored kinds', () => {
  it.each([
    // printers.go printConfigMap (data + binaryData); every namespace also has kube-root-ca.crt (rootcacertpublisher).
    ['get configmaps', 'NAME               DATA   AGE\napp-config         2      5m\nkube-root-ca.crt   1      5m\n'],
    // printSecret: TYPE, len(data) (stringData is folded into data by the API server).
    ['get secrets', 'NAME       TYPE     DATA   AGE\ndb-creds   Opaque   2      5m\n'],
    // printServiceAccount: SECRETS = len(secrets); every namespace has a default ServiceAccount.
    ['get sa', 'NAME      SECRETS   AGE\nbuilder   1         5m\ndefault   0         5m\n'],
    // Roles have no printer: the API server's default table (Name, Created At).
    ['get roles', 'NAME         CREATED AT\npod-reader   2025-01-01T00:00:00Z\n'],
    ['get clusterroles', 'NAME            CREATED AT\nsecret-reader   2025-01-01T00:00:00Z\n'],
    // printRoleBinding: ROLE = Kind/Name; wide: USERS, GROUPS, SERVICEACCOUNTS (rbac.SubjectsStrings, namespace:name).
    ['get rolebindings', 'NAME        ROLE              AGE\nread-pods   Role/pod-reader   5m\n'],
    ['get rolebinding -o wide', 'NAME        ROLE              AGE   USERS   GROUPS   SERVICEACCOUNTS\nread-pods   Role/pod-reader   5m    jane             default:builder\n'],
    // printPersistentVolumeClaim: nothing binds the claim here, so VOLUME, CAPACITY and ACCESS MODES stay empty.
    ['get pvc', 'NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\ndata   Pending                                      standard       <unset>                 5m\n'],
    ['get crd', 'NAME                  CREATED AT\nwidgets.example.com   2025-01-01T00:00:00Z\n'],
    // A custom resource without additionalPrinterColumns: NAME, AGE; names (plural, short) from its CRD.
    ['get widgets --show-labels', 'NAME   AGE   LABELS\nblue   5m    tier=demo\n'],
    ['get wd -o name', 'widget.example.com/blue\n'],
    ['get roles,cm -o name', 'role.rbac.authorization.k8s.io/pod-reader\nconfigmap/app-config\nconfigmap/kube-root-ca.crt\n'],
  ])('%s', (cmd, stdout) => {
    expect(golden(cmd)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  it('describes stored kinds like kubectl', () => {
    // ConfigMapDescriber: kubectl TestDescribeConfigMap's layout.
    expect(golden('describe cm app-config').stdout).toBe(`Name:         app-config
Namespace:    default
Labels:       <none>
Annotations:  <none>

Data
====
app.properties:
----
color=blue
size=3

mode:
----
demo


BinaryData
====

Events:  <none>
`);
    // describeSecret: sizes in bytes, never the values.
    expect(golden('describe secret db-creds').stdout).toBe('Name:         db-creds\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  7 bytes\nusername:  5 bytes\n');
    // describeServiceAccount (v1.35 prints image pull secrets only).
    expect(golden('describe sa builder').stdout).toBe('Name:                builder\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  registry-a\n                     registry-b\nEvents:              <none>\n');
    // RoleDescriber: rbac.BreakdownRule + CompactRules, sorted by the rules' String(); CombineResourceGroup.
    expect(golden('describe role pod-reader').stdout).toBe(`Name:         pod-reader
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources         Non-Resource URLs  Resource Names  Verbs
  ---------         -----------------  --------------  -----
  pods              []                 []              [get watch list]
  pods/log          []                 []              [get]
  deployments.apps  []                 [web]           [get]
`);
    expect(golden('describe rolebinding read-pods').stdout).toBe(`Name:         read-pods
Labels:       <none>
Annotations:  <none>
Role:
  Kind:  Role
  Name:  pod-reader
Subjects:
  Kind            Name     Namespace
  ----            ----     ---------
  User            jane     
  ServiceAccount  builder  default
`);
    // genericDescriber (custom resources): every field but the metadata already shown, smartLabelFor labels.
    expect(golden('describe widget blue').stdout).toBe(`Name:         blue
Namespace:    default
Labels:       tier=demo
Annotations:  <none>
API Version:  example.com/v1
Kind:         Widget
Metadata:
  Creation Timestamp:  2025-01-01T00:00:00Z
Spec:
  Color:  blue
  Size:   3
Events:   <none>
`);
  });

  it('-o yaml returns the stored object, with stringData folded into data', () => {
    expect(golden('get secret db-creds -o yaml').stdout).toBe(
      'apiVersion: v1\ndata:\n  password: czNjcjN0IQ==\n  username: YWRtaW4=\nkind: Secret\nmetadata:\n  creationTimestamp: "2025-01-01T00:00:00Z"\n  name: db-creds\n  namespace: default\ntype: Opaque\n',
    );
  });

  it('delete and label ask the cluster for the stored object (kind.group in the messages)', () => {
    const host = recordingHost(indexModel(goldenModel()));
    expect(runKubectl(host, 'delete configmap app-config')).toEqual({ stdout: 'configmap "app-config" deleted from default namespace\n', stderr: '', exitCode: 0 });
    expect(runKubectl(host, 'label role pod-reader team=a')).toEqual({ stdout: 'role.rbac.authorization.k8s.io/pod-reader labeled\n', stderr: '', exitCode: 0 });
    expect(runKubectl(host, 'delete clusterrole secret-reader')).toEqual({ stdout: 'clusterrole.rbac.authorization.k8s.io "secret-reader" deleted\n', stderr: '', exitCode: 0 });
    expect(host.calls).toEqual([
      { op: 'remove', ref: { kind: 'ConfigMap', group: '', namespace: 'default', name: 'app-config' } },
      { op: 'label', ref: { kind: 'Role', group: 'rbac.authorization.k8s.io', namespace: 'default', name: 'pod-reader' }, changes: { team: 'a' } },
      { op: 'remove', ref: { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', namespace: '', name: 'secret-reader' } },
    ]);
    expect(golden('get cm nope').stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    expect(golden('get role nope').stderr).toBe('Error from server (NotFound): roles.rbac.authorization.k8s.io "nope" not found\n');
  });

  it('apply prints one note for the stored kinds', () => {
    const host = recordingHost(indexModel(goldenModel()), { apply: ['configmap/app-config created', 'pod/web created', 'serviceaccount/builder configured', 'configmap/other created'] });
    expect(runKubectl(host, 'apply -f -', 'kind: List')).toEqual({
      stdout: 'configmap/app-config created\npod/web created\nserviceaccount/builder configured\nconfigmap/other created\n',
      stderr: '[simulator] ConfigMap and ServiceAccount objects are stored as written; they do not affect networking in this simulator\n',
      exitCode: 0,
    });
  });
});

describe('errors as kubectl v1.35 prints them', () => {
  it.each([
    // NoCompatiblePrinterError sorts the allowed formats; kyaml is one of them since v1.34 (cli-runtime json_yaml_flags.go).
    ['get pods -o table', 'error: unable to match a printer suitable for the output format "table", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml\n'],
    ['get deploy nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['get netpol nope', 'Error from server (NotFound): networkpolicies.networking.k8s.io "nope" not found\n'],
    ['get endpointslice nope', 'Error from server (NotFound): endpointslices.discovery.k8s.io "nope" not found\n'],
    ['get widgets.example.org', 'error: the server doesn\'t have a resource type "widgets"\n'],
    // builder.go splitResourceTypeName / hasCombinedTypeArgs / visitBySelector / visitByName.
    ['get pod/a/b', 'error: arguments in resource/name form may not have more than one slash\n'],
    ['get pods/', 'error: arguments in resource/name form must have a single resource and name\n'],
    ['get pods pod/a', "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"],
    ['get pods pod-a -l app=x', 'error: name cannot be provided when a selector is specified\n'],
    ['get pod/pod-a -l app=x', 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
    ['get pod pod-a -A', 'error: a resource cannot be retrieved by name across all namespaces\n'],
    ['get pods --show-labels -o yaml', 'error: --show-labels option cannot be used with yaml printer\n'],
    // delete.go Validate and Complete.
    ['delete pods', 'error: resource(s) were provided, but no name was specified\n'],
    ['delete pods --all -l app=a', 'error: cannot set --all and --selector at the same time\n'],
    ['delete pod pod-a -o yaml', "error: unexpected -o output mode: yaml. We only support '-o name'\n"],
    ['delete pod pod-a --force --grace-period=5', 'error: --force and --grace-period greater than 0 cannot be specified together\n'],
    // label.go parseLabels, GetResourcesAndPairs, content.IsLabelValue.
    ['label pod pod-a a=b=c', 'error: invalid label spec: a=b=c\n'],
    ['label pod pod-a a=b pod-b', 'error: all resources must be specified before label changes: pod-b\n'],
    ['label pod pod-a a=b a-', 'error: can not both modify and remove a label in the same command\n'],
    ['label pod pod-a a=-x', "error: invalid label value: \"a=-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n"],
  ])('kubectl %s', (cmd, stderr) => {
    expect(golden(cmd)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('delete prints kind.group, "force deleted" and its warning, and "No resources found" on stdout', () => {
    // delete.go prints the warning before deleting anything, so above the result line.
    const immediate = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';
    expect(golden('delete pod pod-a --force')).toEqual({
      stdout: 'pod "pod-a" force deleted from default namespace\n',
      stderr: immediate,
      exitCode: 0,
      chunks: [
        { stream: 'stderr', text: immediate },
        { stream: 'stdout', text: 'pod "pod-a" force deleted from default namespace\n' },
      ],
    });
    // DeleteResult: found == 0 → "No resources found" on stdout, exit 0.
    expect(golden('delete pods -l app=nothing')).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 });
    // label of a key that is not there: "label %q not found." and then "not labeled" (updateDataChangeMsg).
    expect(golden('label pod pod-a missing-')).toEqual({ stdout: 'label "missing" not found.\npod/pod-a not labeled\n', stderr: '', exitCode: 0 });
  });
});

describe('hostile input', () => {
  it('answers a 100 000-character argument and 10 000 selector terms with the plain result', () => {
    const long = 'a'.repeat(100_000);
    expect(golden(`get pod ${long}`)).toEqual({ stdout: '', stderr: `Error from server (NotFound): pods "${long}" not found\n`, exitCode: 1 });
    const terms = Array.from({ length: 10_000 }, (_, i) => `k${i}=v`).join(',');
    expect(golden(`get pods -l ${terms}`)).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    const flags = Array.from({ length: 10_000 }, () => '-l app=frontend').join(' ');
    expect(golden(`get pods ${flags} -o name`).stdout).toBe('pod/pod-a\n');
    const names = Array.from({ length: 10_000 }, (_, i) => `p${i}`).join(' ');
    const many = golden(`get pods ${names}`);
    expect(many.exitCode).toBe(1);
    expect(many.stderr.split('\n')).toHaveLength(10_001);
  });
});

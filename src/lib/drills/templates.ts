/**
 * The drill templates: each makes a small broken cluster from a seeded random source (names, labels, namespaces,
 * ports and the variant of the fault all vary), the task, the command that shows the symptom, and the checks the
 * simulator runs on the learner's fix. `templates.test.ts` checks every template over many seeds: the start fails
 * its checks, the solution passes them.
 */
import { clientPod, denyAll, docs, namespace, nodes, serverPod, service } from './kit.ts';
import { APP_PORTS, CLIENT_APPS, DATA_NAMESPACES, DOMAINS, INTRUDERS, NAMESPACES, ROLE_KEYS, ROLE_VALUES, SERVER_APPS } from './names.ts';
import { typo, type Random } from './random.ts';
import type { DrillInstance, DrillTemplate } from './types.ts';

const SERVICES = 'services-and-kube-proxy';
const DNS = 'dns-service-discovery';
const POLICY = 'network-policies';
const EDGE = 'ingress-and-gateway-api';

/** A ClusterIP in the default Service range 10.96.0.0/12 (kept clear of kube-dns's 10.96.0.10). */
function clusterIP(random: Random): string {
  return `10.96.${random.int(10, 200)}.${random.int(2, 250)}`;
}

/** The names and ports most templates share: one namespace, a client and a server app with two pods. */
function basics(random: Random) {
  const ns = random.pick(NAMESPACES);
  const client = random.pick(CLIENT_APPS);
  const app = random.pick(SERVER_APPS);
  const port = random.pick(APP_PORTS);
  const servicePort = random.pick([80, port]);
  return { ns, client, app, port, servicePort };
}

/** Two server pods of `app` (node-1 and node-2). */
function servers(app: string, ns: string, labels: Record<string, string>, port: number): string[] {
  return [serverPod(`${app}-1`, ns, labels, 'node-1', '10.244.0.7', port), serverPod(`${app}-2`, ns, labels, 'node-2', '10.244.1.7', port)];
}

/** The busybox wget a learner would run from the client. */
function wget(ns: string, client: string, url: string): string {
  return `kubectl -n ${ns} exec ${client} -- wget -qO- -T 2 ${url}`;
}

const selectorTypo: DrillTemplate = {
  id: 'selector-typo',
  lesson: SERVICES,
  name: 'Service selector typo',
  generate(random, seed): DrillInstance {
    const { ns, client, app, port, servicePort } = basics(random);
    const wrong = typo(app, random);
    const ip = clusterIP(random);
    const url = `http://${app}:${servicePort}`;
    return {
      templateId: this.id,
      lesson: this.lesson,
      seed,
      title: `${client} can't reach ${app}`,
      task: `Make ${client} reach the Service ${app} in ${ns}: wget ${url} from ${client} must get an answer from an ${app} pod. Edit the Service.`,
      answer: 'manifest',
      fixed: docs(nodes(), namespace(ns), clientPod(client, ns, { app: client }, 'node-2', '10.244.1.5'), ...servers(app, ns, { app }, port)),
      start: docs(service(app, ns, { app: wrong }, servicePort, port, ip)),
      solution: docs(service(app, ns, { app }, servicePort, port, ip)),
      fault: `The Service selected app: ${wrong}, a label no pod has, so it had no endpoints.`,
      options: {},
      symptom: { kind: 'kubectl', command: wget(ns, client, url) },
      checks: [{ kind: 'connect', label: `${client} reaches ${app}:${servicePort}`, from: `${ns}/${client}`, to: app, port: servicePort, want: 'allowed', service: `${ns}/${app}` }],
    };
  },
};

const wrongTargetPort: DrillTemplate = {
  id: 'wrong-target-port',
  lesson: SERVICES,
  name: 'Wrong targetPort',
  generate(random, seed): DrillInstance {
    const { ns, client, app, port, servicePort } = basics(random);
    const wrong = random.pick(APP_PORTS.filter((candidate) => candidate !== port));
    const ip = clusterIP(random);
    const url = `http://${app}:${servicePort}`;
    return {
      templateId: this.id,
      lesson: this.lesson,
      seed,
      title: `${client} gets no answer from ${app}`,
      task: `${client} calls ${url} and fails, though the ${app} pods are running. Fix the Service so the call reaches an ${app} pod.`,
      answer: 'manifest',
      fixed: docs(nodes(), namespace(ns), clientPod(client, ns, { app: client }, 'node-2', '10.244.1.5'), ...servers(app, ns, { app }, port)),
      start: docs(service(app, ns, { app }, servicePort, wrong, ip)),
      solution: docs(service(app, ns, { app }, servicePort, random.pick([port, 'http'] as const), ip)),
      fault: `targetPort was ${wrong}, but the ${app} containers listen on ${port} (named http).`,
      options: {},
      symptom: { kind: 'kubectl', command: wget(ns, client, url) },
      checks: [{ kind: 'connect', label: `${client} reaches ${app}:${servicePort}`, from: `${ns}/${client}`, to: app, port: servicePort, want: 'allowed', service: `${ns}/${app}` }],
    };
  },
};

const crossNamespaceName: DrillTemplate = {
  id: 'cross-namespace-name',
  lesson: DNS,
  name: 'Name in the wrong namespace',
  generate(random, seed): DrillInstance {
    const { ns, client, app, port, servicePort } = basics(random);
    const dataNs = random.pick(DATA_NAMESPACES);
    const decoy = random.pick(DATA_NAMESPACES.filter((candidate) => candidate !== dataNs));
    const start = random.pick([app, `${app}.${decoy}`]);
    return {
      templateId: this.id,
      lesson: this.lesson,
      seed,
      title: `${client} can't resolve ${start}`,
      task: `${client} (namespace ${ns}) calls http://${start}:${servicePort}, but the Service ${app} lives in namespace ${dataNs}. Which host name must ${client} use?`,
      answer: 'name',
      fixed: docs(
        nodes(),
        namespace(ns),
        namespace(dataNs),
        clientPod(client, ns, { app: client }, 'node-2', '10.244.1.5'),
        ...servers(app, dataNs, { app }, port),
        service(app, dataNs, { app }, servicePort, port, clusterIP(random)),
      ),
      start,
      solution: random.pick([`${app}.${dataNs}`, `${app}.${dataNs}.svc`, `${app}.${dataNs}.svc.cluster.local`]),
      fault: `A short name is looked up in the client's own namespace first (search ${ns}.svc.cluster.local); ${app} exists only in ${dataNs}.`,
      options: {},
      symptom: { kind: 'kubectl', command: wget(ns, client, `http://${start}:${servicePort}`) },
      checks: [{ kind: 'connect', label: `${client} reaches ${app}.${dataNs} by that name`, from: `${ns}/${client}`, to: '{answer}', port: servicePort, want: 'allowed', service: `${dataNs}/${app}` }],
    };
  },
};

/** An ingress allow policy: pods `app` accept `from` pods on `port`. */
function allowFrom(name: string, ns: string, app: string, from: Record<string, string>, port: number): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: ${app}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
${Object.entries(from).map(([key, value]) => `              ${key}: ${value}`).join('\n')}
      ports:
        - protocol: TCP
          port: ${port}`;
}

const policyDenyByLabel: DrillTemplate = {
  id: 'policy-deny-by-label',
  lesson: POLICY,
  name: 'Policy allows the wrong label',
  generate(random, seed): DrillInstance {
    const { ns, client, app, port, servicePort } = basics(random);
    const roleKey = random.pick(ROLE_KEYS);
    const [roleValue, otherValue] = random.sample(ROLE_VALUES, 2) as [string, string];
    const intruder = random.pick(INTRUDERS);
    const variant = random.pick(['value', 'key'] as const);
    const wrongLabels = variant === 'value' ? { [roleKey]: otherValue } : { [random.pick(ROLE_KEYS.filter((key) => key !== roleKey))]: roleValue };
    const policyName = `allow-${client}`;
    const url = `http://${app}:${servicePort}`;
    return {
      templateId: this.id,
      lesson: this.lesson,
      seed,
      title: `${policyName} lets nobody in`,
      task: `Namespace ${ns} denies all ingress by default. Fix the policy ${policyName} so that ${client} reaches ${app} on ${port}, while ${intruder} stays blocked.`,
      answer: 'manifest',
      fixed: docs(
        nodes(),
        namespace(ns),
        clientPod(client, ns, { app: client, [roleKey]: roleValue }, 'node-2', '10.244.1.5'),
        clientPod(intruder, ns, { app: intruder }, 'node-1', '10.244.0.9'),
        ...servers(app, ns, { app }, port),
        service(app, ns, { app }, servicePort, port, clusterIP(random)),
        denyAll(ns, ['Ingress']),
      ),
      start: docs(allowFrom(policyName, ns, app, wrongLabels, port)),
      solution: docs(allowFrom(policyName, ns, app, { [roleKey]: roleValue }, port)),
      fault: `The policy allowed pods labelled ${Object.entries(wrongLabels).map(([key, value]) => `${key}=${value}`).join(',')}; ${client} is labelled ${roleKey}=${roleValue}.`,
      options: {},
      symptom: { kind: 'kubectl', command: wget(ns, client, url) },
      checks: [
        { kind: 'connect', label: `${client} reaches ${app}:${servicePort}`, from: `${ns}/${client}`, to: app, port: servicePort, want: 'allowed', service: `${ns}/${app}` },
        { kind: 'connect', label: `${intruder} is still blocked from ${app}:${servicePort}`, from: `${ns}/${intruder}`, to: app, port: servicePort, want: 'blocked' },
      ],
    };
  },
};

/** The client's egress allow policy: to `app` pods on `port`, and to kube-dns when `dns`. */
function egressPolicy(name: string, ns: string, client: string, app: string, port: number, dns: boolean): string {
  const dnsRule = `
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53`;
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: ${client}
  policyTypes: [Egress]
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: ${app}
      ports:
        - protocol: TCP
          port: ${port}${dns ? dnsRule : ''}`;
}

const dnsEgressBlocked: DrillTemplate = {
  id: 'dns-egress-blocked',
  lesson: POLICY,
  name: 'DNS egress blocked',
  generate(random, seed): DrillInstance {
    const { ns, client, app, port, servicePort } = basics(random);
    const other = random.pick(SERVER_APPS.filter((candidate) => candidate !== app));
    const otherPort = random.pick(APP_PORTS);
    const policyName = `${client}-egress`;
    return {
      templateId: this.id,
      lesson: this.lesson,
      seed,
      title: `${client} can't resolve ${app}`,
      task: `${client}'s egress is locked down. Fix ${policyName} so that ${client} reaches http://${app}:${servicePort} by name, while ${client} still cannot reach ${other}.`,
      answer: 'manifest',
      fixed: docs(
        nodes(),
        namespace(ns),
        clientPod(client, ns, { app: client }, 'node-2', '10.244.1.5'),
        ...servers(app, ns, { app }, port),
        service(app, ns, { app }, servicePort, port, clusterIP(random)),
        serverPod(`${other}-1`, ns, { app: other }, 'node-1', '10.244.0.8', otherPort),
        service(other, ns, { app: other }, 80, otherPort, clusterIP(random)),
      ),
      start: docs(egressPolicy(policyName, ns, client, app, port, false)),
      solution: docs(egressPolicy(policyName, ns, client, app, port, true)),
      fault: `The egress policy allowed ${app} on ${port} but not DNS (UDP and TCP 53 to kube-dns), so every lookup timed out.`,
      options: {},
      symptom: { kind: 'kubectl', command: wget(ns, client, `http://${app}:${servicePort}`) },
      checks: [
        { kind: 'connect', label: `${client} reaches ${app}:${servicePort} by name`, from: `${ns}/${client}`, to: app, port: servicePort, want: 'allowed', service: `${ns}/${app}` },
        { kind: 'connect', label: `${client} still cannot reach ${other}`, from: `${ns}/${client}`, to: `${other}.${ns}.svc.cluster.local`, port: 80, want: 'blocked' },
      ],
    };
  },
};

/** The Gateway side of the route drill: namespace, proxies, their LoadBalancer Service, GatewayClass and Gateway. */
function gatewaySide(gwNs: string, gateway: string, domain: string): string[] {
  const proxy = (i: number) => `apiVersion: v1
kind: Pod
metadata:
  name: ${gateway}-gw-${i + 1}
  namespace: ${gwNs}
  labels:
    app: ${gateway}-gw
    gateway.networking.k8s.io/gateway-name: ${gateway}
spec:
  nodeName: node-${i + 1}
  containers:
    - name: proxy
      image: envoyproxy/envoy:v1.34.1
      ports:
        - name: http
          containerPort: 8080
status:
  podIP: 10.244.${i}.20`;
  return [
    namespace(gwNs),
    proxy(0),
    proxy(1),
    `apiVersion: v1
kind: Service
metadata:
  name: ${gateway}-gw
  namespace: ${gwNs}
  labels:
    gateway.networking.k8s.io/gateway-name: ${gateway}
spec:
  type: LoadBalancer
  externalTrafficPolicy: Cluster
  selector:
    app: ${gateway}-gw
  clusterIP: 10.96.30.10
  ports:
    - name: http
      port: 80
      targetPort: http
      nodePort: 31080
status:
  loadBalancer:
    ingress:
      - ip: 203.0.113.50`,
    `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: sim-gateway
spec:
  controllerName: example.net/sim-gateway-controller`,
    `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: ${gateway}
  namespace: ${gwNs}
spec:
  gatewayClassName: sim-gateway
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      hostname: "*.${domain}"
      allowedRoutes:
        namespaces:
          from: All`,
  ];
}

/** An HTTPRoute for `host` to Service `app`:`port`, attached through `parent`. */
function route(name: string, ns: string, parent: { name: string; namespace?: string; sectionName: string }, host: string, app: string, port: number): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  parentRefs:
    - name: ${parent.name}${parent.namespace ? `\n      namespace: ${parent.namespace}` : ''}
      sectionName: ${parent.sectionName}
  hostnames: ["${host}"]
  rules:
    - backendRefs:
        - name: ${app}
          port: ${port}`;
}

const routeNotAttached: DrillTemplate = {
  id: 'route-not-attached',
  lesson: EDGE,
  name: 'HTTPRoute not attached',
  generate(random, seed): DrillInstance {
    const { ns, app, port, servicePort } = basics(random);
    const gwNs = random.pick(['infra', 'gateways', 'edge-system'] as const);
    const gateway = random.pick(['public', 'external', 'main'] as const);
    const domain = random.pick(DOMAINS);
    const host = `${random.pick(['www', 'api', 'app'] as const)}.${domain}`;
    const variant = random.pick(['no-namespace', 'wrong-section', 'wrong-name'] as const);
    const good = { name: gateway, namespace: gwNs, sectionName: 'http' };
    const broken =
      variant === 'no-namespace'
        ? { name: gateway, sectionName: 'http' }
        : variant === 'wrong-section'
          ? { ...good, sectionName: random.pick(['https', 'web', 'http-80'] as const) }
          : { ...good, name: typo(gateway, random) };
    const fault = {
      'no-namespace': `parentRefs had no namespace, so it meant a Gateway ${gateway} in ${ns}, which does not exist.`,
      'wrong-section': `parentRefs named the listener ${broken.sectionName}; the Gateway's only listener is http.`,
      'wrong-name': `parentRefs named the Gateway ${broken.name}; it is called ${gateway}.`,
    }[variant];
    return {
      templateId: this.id,
      lesson: this.lesson,
      seed,
      title: `${host} answers 404`,
      task: `Customers get 404 from http://${host}/ through the Gateway ${gwNs}/${gateway}. Fix the HTTPRoute ${app} so the request reaches the ${app} Service.`,
      answer: 'manifest',
      fixed: docs(
        nodes(),
        ...gatewaySide(gwNs, gateway, domain),
        namespace(ns),
        ...servers(app, ns, { app }, port),
        service(app, ns, { app }, servicePort, port, clusterIP(random)),
      ),
      start: docs(route(app, ns, broken, host, app, servicePort)),
      solution: docs(route(app, ns, good, host, app, servicePort)),
      fault,
      options: { gatewayChannel: 'standard' },
      // -i: the proxy's 404 has an empty body, so without the status line curl would print nothing at all.
      symptom: { kind: 'external', client: '198.51.100.7', command: `curl -sSi -H 'Host: ${host}' http://203.0.113.50/` },
      checks: [
        { kind: 'http', label: `GET http://${host}/ answers 200 from ${app}`, from: 'external:198.51.100.7', url: 'http://203.0.113.50/', headers: { Host: host }, want: 200, service: `${ns}/${app}` },
      ],
    };
  },
};

/** Every drill template, in course order. */
export const DRILL_TEMPLATES: readonly DrillTemplate[] = [selectorTypo, wrongTargetPort, crossNamespaceName, policyDenyByLabel, dnsEgressBlocked, routeNotAttached];

/** The template with id `id`, if any. */
export function drillTemplate(id: string): DrillTemplate | undefined {
  return DRILL_TEMPLATES.find((template) => template.id === id);
}

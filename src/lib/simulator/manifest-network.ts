/**
 * Services and NetworkPolicies (kubernetes pkg/apis/core/validation ValidateService and
 * ValidateServiceClusterIPsRelatedFields, pkg/apis/networking/validation ValidateNetworkPolicy), with the
 * API's defaults and what the allocators of a single-stack IPv4 cluster refuse.
 */
import type { KindInfo } from './api-resources.ts';
import { GoStruct, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isStrictSubset, isValidCidrLegacy, isValidIP, isValidPortName, isValidPortNum, parseCidrSloppy, parseIPv4Sloppy } from './api-validation.ts';
import { arr, has, labels, labelSelector, metadata, obj, orDefault, portNumOrName, protocol, str, stored } from './manifest-context.ts';
import type { Ctx, Obj } from './manifest-context.ts';
import type { FieldPath } from './manifest-yaml.ts';
import type { IPBlockModel, NetworkPolicyModel, PolicyPeerModel, PolicyPortModel, PolicyRuleModel, PolicyType, ServiceModel, ServicePortModel, ServiceType, StoredObjectModel } from './types.ts';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];
/** The NodePort range of a default API server (--service-node-port-range). */
const NODE_PORT_RANGE = { min: 30000, max: 32767 };

/** The result of parsing a Service: modelled, or stored (ExternalName Services are not simulated). */
type ServiceResult = { kind: 'Service'; value: ServiceModel } | { kind: 'Stored'; value: StoredObjectModel };

/**
 * ValidateService (validation.go) with SetDefaults_Service's defaults, then what allocation refuses
 * (nodePort range: pkg/registry/core/service/portallocator; a second IP family: single-stack IPv4 cluster).
 */
export function parseService(ctx: Ctx, raw: Obj, info: KindInfo): ServiceResult {
  const md = metadata(ctx, raw, info);
  const spec = obj(raw.spec);
  const type = orDefault(spec.type, 'ClusterIP');
  let clusterIP = str(spec.clusterIP);
  const clusterIPs = arr(spec.clusterIPs).map(str);
  if (!clusterIP && clusterIPs[0]) clusterIP = clusterIPs[0]; // normalizeClusterIPs: clusterIP follows clusterIPs[0]
  const ipsLoc: FieldPath = has(spec.clusterIP) ? ['spec', 'clusterIP'] : ['spec', 'clusterIPs'];
  const headless = clusterIP === 'None';
  const portsRaw = arr(spec.ports);
  if (portsRaw.length === 0 && !headless && type !== 'ExternalName') ctx.required(['spec', 'ports']);
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) {
    ctx.invalid(ipsLoc, 'None', `may not be set to 'None' for ${type} services`, 'spec.clusterIPs[0]');
  }
  if (type === 'ExternalName') {
    if (clusterIP !== '') ctx.forbidden(ipsLoc, 'may not be set for ExternalName services', 'spec.clusterIPs');
    if (arr(spec.ipFamilies).length > 0) ctx.forbidden(['spec', 'ipFamilies'], 'may not be set for ExternalName services');
    if (has(spec.ipFamilyPolicy)) ctx.forbidden(['spec', 'ipFamilyPolicy'], 'may not be set for ExternalName services');
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname === '') ctx.required(['spec', 'externalName']);
    ctx.check(['spec', 'externalName'], cname, isDNS1123Subdomain(cname));
  }
  const names = new Set<string>();
  const ports: ServicePortModel[] = portsRaw.map((item, i) => {
    const p = ['spec', 'ports', i];
    const o = obj(item);
    const name = str(o.name);
    if (portsRaw.length > 1 && name === '') ctx.required([...p, 'name']);
    if (name !== '') {
      ctx.check([...p, 'name'], name, isDNS1123Label(name));
      if (names.has(name)) ctx.duplicate([...p, 'name'], name);
      names.add(name);
    }
    const port = typeof o.port === 'number' ? o.port : 0;
    ctx.check([...p, 'port'], port, isValidPortNum(port));
    const proto = protocol(ctx, o.protocol, [...p, 'protocol']);
    // SetDefaults_Service: a targetPort of 0 or "" (or none) is the port.
    const tp = o.targetPort;
    const targetPort = tp === undefined || tp === null || tp === 0 || tp === '' ? port : (tp as number | string);
    portNumOrName(ctx, targetPort, [...p, 'targetPort']);
    if (has(o.appProtocol)) ctx.check([...p, 'appProtocol'], str(o.appProtocol), isQualifiedName(str(o.appProtocol)));
    const out: ServicePortModel = { port, targetPort, protocol: proto };
    if (name !== '') out.name = name;
    if (typeof o.nodePort === 'number' && o.nodePort !== 0) out.nodePort = o.nodePort; // 0 means unset
    return out;
  });
  const selector = has(spec.selector) ? labels(ctx, spec.selector, ['spec', 'selector']) : null;
  const affinity = orDefault(spec.sessionAffinity, 'None');
  if (!SESSION_AFFINITIES.includes(affinity)) ctx.unsupported(['spec', 'sessionAffinity'], affinity, SESSION_AFFINITIES);
  if (affinity === 'None' && has(spec.sessionAffinityConfig)) ctx.forbidden(['spec', 'sessionAffinityConfig'], 'must not be set when session affinity is None');
  // ValidateServiceClusterIPsRelatedFields
  if (type !== 'ExternalName') {
    if (has(spec.clusterIP) && clusterIPs.length > 0 && clusterIPs[0] !== clusterIP) {
      ctx.invalid(['spec', 'clusterIPs'], clusterIPs, 'first value must match `clusterIP`');
    }
    const ips = clusterIPs.length > 0 ? clusterIPs : clusterIP ? [clusterIP] : [];
    ips.forEach((ip, i) => {
      if (i === 0 && ip === 'None') {
        if (ips.length > 1) ctx.invalid(['spec', 'clusterIPs'], ips, "'None' must be the first and only value");
        return;
      }
      ctx.check(clusterIPs.length > 0 ? ['spec', 'clusterIPs', i] : ['spec', 'clusterIP'], ip, isValidIP(ip), `spec.clusterIPs[${i}]`);
    });
    if (ips.length > 2) ctx.invalid(['spec', 'clusterIPs'], ips, 'may only hold up to 2 values');
  }
  arr(spec.externalIPs).forEach((ip, i) => ctx.check(['spec', 'externalIPs', i], str(ip), isValidIP(str(ip))));
  if (!SERVICE_TYPES.includes(type)) ctx.unsupported(['spec', 'type'], type, SERVICE_TYPES);
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort !== undefined) ctx.forbidden(['spec', 'ports', i, 'nodePort'], "may not be used when `type` is 'ClusterIP'");
    });
  }
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    if (p.nodePort !== undefined) {
      const key = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(key)) ctx.duplicate(['spec', 'ports', i, 'nodePort'], p.nodePort);
      nodePorts.add(key);
    }
    const key = `${p.protocol}/${p.port}`;
    // The bad value is the internal core.ServicePort key {Protocol, Port} as json.Marshal renders it.
    if (portKeys.has(key)) ctx.duplicate(['spec', 'ports', i], new GoStruct({ Name: '', Protocol: p.protocol, AppProtocol: null, Port: p.port, TargetPort: 0, NodePort: 0 }));
    portKeys.add(key);
  });
  if (arr(spec.loadBalancerSourceRanges).length > 0) {
    if (type !== 'LoadBalancer') ctx.forbidden(['spec', 'loadBalancerSourceRanges'], "may only be used when `type` is 'LoadBalancer'", 'spec.LoadBalancerSourceRanges');
    // "due to a historical accident … these values are allowed to be space-padded" (ValidateService).
    arr(spec.loadBalancerSourceRanges).forEach((r, i) => ctx.check(['spec', 'loadBalancerSourceRanges', i], str(r).trim(), isValidCidrLegacy(str(r).trim()), `spec.LoadBalancerSourceRanges[${i}]`));
  }
  if (has(spec.allocateLoadBalancerNodePorts) && type !== 'LoadBalancer') {
    ctx.forbidden(['spec', 'allocateLoadBalancerNodePorts'], "may only be used when `type` is 'LoadBalancer'");
  }
  if (has(spec.loadBalancerClass)) {
    if (type === 'LoadBalancer') ctx.check(['spec', 'loadBalancerClass'], str(spec.loadBalancerClass), isQualifiedName(str(spec.loadBalancerClass)));
    else ctx.forbidden(['spec', 'loadBalancerClass'], "may only be used when `type` is 'LoadBalancer'");
  }
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
  if (str(spec.externalTrafficPolicy) !== '') {
    const etp = str(spec.externalTrafficPolicy);
    if (!externallyAccessible && etp !== '') ctx.invalid(['spec', 'externalTrafficPolicy'], etp, 'may only be set for externally-accessible services');
    if (externallyAccessible && !TRAFFIC_POLICIES.includes(etp)) ctx.unsupported(['spec', 'externalTrafficPolicy'], etp, TRAFFIC_POLICIES);
  }
  if (has(spec.internalTrafficPolicy) && !TRAFFIC_POLICIES.includes(str(spec.internalTrafficPolicy))) {
    ctx.unsupported(['spec', 'internalTrafficPolicy'], str(spec.internalTrafficPolicy), TRAFFIC_POLICIES);
  }
  if (has(spec.trafficDistribution) && !TRAFFIC_DISTRIBUTIONS.includes(str(spec.trafficDistribution))) {
    ctx.unsupported(['spec', 'trafficDistribution'], str(spec.trafficDistribution), TRAFFIC_DISTRIBUTIONS);
  }
  if (type === 'ExternalName') {
    return { kind: 'Stored', value: stored(raw, info, md) };
  }
  // Allocation (the API server's registry): node ports inside the range, one IPv4 ClusterIP.
  ports.forEach((p, i) => {
    if (p.nodePort !== undefined && (p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max)) {
      ctx.invalid(['spec', 'ports', i, 'nodePort'], p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`);
    }
  });
  const families = clusterIPs.length > 0 ? clusterIPs : clusterIP && !headless ? [clusterIP] : [];
  families.forEach((ip, i) => {
    if (ip !== 'None' && !parseIPv4Sloppy(ip)) ctx.invalid(i === 0 ? ipsLoc : ['spec', 'clusterIPs', i], 'IPv6', 'not configured on this cluster', `spec.ipFamilies[${i}]`);
    if (i > 0) ctx.invalid(['spec', 'clusterIPs'], families, 'may specify no more than one IP for each IP family');
  });
  arr(spec.ipFamilies).forEach((f, i) => {
    if (str(f) === 'IPv6') ctx.invalid(['spec', 'ipFamilies', i], 'IPv6', 'not configured on this cluster');
    else if (str(f) !== 'IPv4') ctx.unsupported(['spec', 'ipFamilies', i], str(f), ['IPv4', 'IPv6']);
  });
  if (clusterIP && !headless) clusterIP = (parseIPv4Sloppy(clusterIP) ?? []).join('.');
  const lbIngress = arr(obj(obj(raw.status).loadBalancer).ingress);
  const loadBalancerIPs = lbIngress.map((x) => str(obj(x).ip)).filter((x) => x !== '');
  const value: ServiceModel = { name: md.name, namespace: md.namespace, labels: md.labels, annotations: md.annotations, type: type as ServiceType, clusterIP, headless, selector, ports, loadBalancerIPs, implicit: false };
  const proxyIPs = lbIngress.filter((x) => str(obj(x).ipMode) === 'Proxy').map((x) => str(obj(x).ip)).filter((x) => x !== '');
  if (proxyIPs.length) value.loadBalancerProxyIPs = proxyIPs;
  const sourceRanges = arr(spec.loadBalancerSourceRanges).map((r) => str(r).trim()).filter((x) => x !== '');
  if (sourceRanges.length && type === 'LoadBalancer') value.loadBalancerSourceRanges = sourceRanges;
  const externalIPs = arr(spec.externalIPs).map(str).filter((x) => x !== '');
  if (externalIPs.length) value.externalIPs = externalIPs;
  // SetDefaults_Service: externalTrafficPolicy defaults to Cluster on externally accessible Services.
  if (externallyAccessible && str(spec.externalTrafficPolicy) === 'Local') value.externalTrafficPolicy = 'Local';
  else if (externallyAccessible) value.externalTrafficPolicy = 'Cluster';
  if (str(spec.internalTrafficPolicy) === 'Local') value.internalTrafficPolicy = 'Local';
  if (spec.publishNotReadyAddresses === true) value.publishNotReadyAddresses = true;
  if (affinity === 'ClientIP') {
    // SetDefaults_Service: timeoutSeconds defaults to DefaultClientIPServiceAffinitySeconds (10800).
    const t = obj(obj(spec.sessionAffinityConfig).clientIP).timeoutSeconds;
    value.sessionAffinity = { timeoutSeconds: typeof t === 'number' ? t : 10800 };
  }
  return { kind: 'Service', value };
}

/** `ValidateIPBlock` (networking validation): cidr required and valid (legacy parsing), each except a strict subset. */
function ipBlock(ctx: Ctx, v: unknown, loc: FieldPath): IPBlockModel {
  const o = obj(v);
  const cidr = str(o.cidr);
  if (cidr === '') ctx.required([...loc, 'cidr']);
  ctx.check([...loc, 'cidr'], cidr, isValidCidrLegacy(cidr));
  const outer = parseCidrSloppy(cidr);
  const except = arr(o.except).map((e, i) => {
    const t = str(e);
    ctx.check([...loc, 'except', i], t, isValidCidrLegacy(t));
    const inner = parseCidrSloppy(t);
    if (outer && inner && !isStrictSubset(outer, inner)) ctx.invalid([...loc, 'except', i], t, 'must be a strict subset of `cidr`');
    return t;
  });
  return { cidr, except };
}

/** `ValidateNetworkPolicyPort`. */
function policyPort(ctx: Ctx, v: unknown, loc: FieldPath): PolicyPortModel {
  const po = obj(v);
  const out: PolicyPortModel = { protocol: protocol(ctx, po.protocol, [...loc, 'protocol'], true) };
  const endPort = typeof po.endPort === 'number' ? po.endPort : undefined;
  if (has(po.port)) {
    const port = po.port as number | string;
    if (typeof port === 'number') {
      ctx.check([...loc, 'port'], port, isValidPortNum(port));
      if (endPort !== undefined) {
        if (endPort < port) ctx.invalid([...loc, 'endPort'], endPort, 'must be greater than or equal to `port`');
        ctx.check([...loc, 'endPort'], endPort, isValidPortNum(endPort));
        out.endPort = endPort;
      }
    } else {
      if (endPort !== undefined) ctx.invalid([...loc, 'endPort'], endPort, 'may not be specified when `port` is non-numeric');
      ctx.check([...loc, 'port'], port, isValidPortName(port));
    }
    out.port = port;
  } else if (endPort !== undefined) {
    ctx.invalid([...loc, 'endPort'], endPort, 'may not be specified when `port` is not specified');
  }
  return out;
}

/** `ValidateNetworkPolicyPeer`. */
function policyPeer(ctx: Ctx, v: unknown, loc: FieldPath): PolicyPeerModel {
  const po = obj(v);
  const peer: PolicyPeerModel = {};
  if (has(po.podSelector)) peer.podSelector = labelSelector(ctx, po.podSelector, [...loc, 'podSelector']);
  if (has(po.namespaceSelector)) peer.namespaceSelector = labelSelector(ctx, po.namespaceSelector, [...loc, 'namespaceSelector']);
  if (has(po.ipBlock)) peer.ipBlock = ipBlock(ctx, po.ipBlock, [...loc, 'ipBlock']);
  const count = Number(!!peer.podSelector) + Number(!!peer.namespaceSelector) + Number(!!peer.ipBlock);
  if (count === 0) ctx.required(loc, 'must specify a peer');
  if (count > 1 && peer.ipBlock) ctx.forbidden(loc, 'may not specify both ipBlock and another peer');
  return peer;
}

function policyRules(ctx: Ctx, v: unknown, loc: FieldPath, peerField: 'from' | 'to'): PolicyRuleModel[] {
  return arr(v).map((r, i) => {
    const p = [...loc, i];
    const o = obj(r);
    const ports = arr(o.ports).map((x, j) => policyPort(ctx, x, [...p, 'ports', j]));
    const peersRaw = arr(o[peerField]);
    const peers = peersRaw.length > 0 ? peersRaw.map((x, j) => policyPeer(ctx, x, [...p, peerField, j])) : null;
    return { peers, ports };
  });
}

/** ValidateNetworkPolicy (pkg/apis/networking/validation) with SetDefaults_NetworkPolicy's policyTypes. */
export function parseNetworkPolicy(ctx: Ctx, raw: Obj, info: KindInfo): NetworkPolicyModel {
  const md = metadata(ctx, raw, info);
  const spec = obj(raw.spec);
  const podSelector = labelSelector(ctx, spec.podSelector, ['spec', 'podSelector']);
  const ingress = policyRules(ctx, spec.ingress, ['spec', 'ingress'], 'from');
  const egress = policyRules(ctx, spec.egress, ['spec', 'egress'], 'to');
  const typesRaw = arr(spec.policyTypes).map(str);
  if (typesRaw.length > 2) ctx.invalid(['spec', 'policyTypes'], typesRaw, 'may not specify more than two policyTypes');
  typesRaw.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') ctx.unsupported(['spec', 'policyTypes', i], t, ['Ingress', 'Egress']);
  });
  let policyTypes: PolicyType[];
  // Stored as written (validation refuses only unknown values and more than two); when absent, SetDefaults_NetworkPolicy
  // (pkg/apis/networking/v1/defaults.go) sets [Ingress] and appends Egress when spec.egress is not empty.
  if (typesRaw.length > 0) policyTypes = typesRaw as PolicyType[];
  else policyTypes = egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  return { name: md.name, namespace: md.namespace, labels: md.labels, annotations: md.annotations, podSelector, policyTypes, ingress, egress, policyTypesDeclared: typesRaw.length > 0 };
}

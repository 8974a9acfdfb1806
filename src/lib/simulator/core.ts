/**
 * The simulator without kubectl: createCluster and the types and helpers the lab's first paint needs (its
 * topology, matrix and task checks). index.ts adds kubectl; the lab loads it with its terminal.
 */
export { createCluster, installTerminal } from './cluster.ts';
export type { Cluster, ClusterOptions, KubectlRunner, TerminalTools } from './cluster.ts';
export { ManifestError, parseManifests, MAX_MANIFEST_BYTES } from './manifest.ts';
export type { ManifestInput, ParsedObject, ManifestErrorReason } from './manifest.ts';
export { readYamlDocuments, isTooComplex, MANIFEST_YAML_OPTIONS } from './manifest-yaml.ts';
export { parseCidr, cidrContains, normalizeCidr, cidrContainsCidr, ipToInt, intToIp, isIPv4 } from './ipam.ts';
export type { Cidr } from './ipam.ts';
export { matchesSelector, formatSelector, formatLabels, parseSelectorString } from './selectors.ts';
export { evaluateIngress, evaluateEgress, evaluatePodToPod, isolatingPolicies } from './network-policy.ts';
export type { PolicyVerdict, PolicyPeer, RuleRef } from './network-policy.ts';
export { reachability, naiveReachability, formatMatrix, matrixPods } from './reachability.ts';
export type { ReachabilityOptions } from './reachability.ts';
export { trackerRows, trackerTable } from './trace.ts';
export { resolveName, searchPath, resolvConf, CLUSTER_DOMAIN, NAMESERVER } from './dns.ts';
export { dnsTrace } from './dns/trace.ts';
export { evaluateHttp, HTTP_ROWS } from './l7/http.ts';
export type { HttpRequestInput, HttpResult, HttpFailure } from './l7/http.ts';
export type { DnsTraceResult } from './dns/trace.ts';
export { checkDnsExpectation } from './dns/expect.ts';
export type { DnsExpectation, DnsCheck } from './dns/expect.ts';
export { resolve, podResolver, renderResolvConf, corednsAnswer, parseCorefile, DEFAULT_COREFILE } from './dns/index.ts';
export type { DnsLookup, DnsAnswer, DnsQuery, DnsResponse, QType, ResourceRecord, ResolverConfig, CoreDnsConfig } from './dns/index.ts';
export { endpointSlices, chooseBackend, resolveTargetPort } from './services.ts';
export { indexModel } from './state.ts';
export type { ClusterState } from './state.ts';
export { DEFAULT_CLUSTER_CIDR, DEFAULT_SERVICE_CIDR, KUBE_DNS_IP } from './build.ts';
export type * from './types.ts';
export { listenerOn, podListeners } from './workloads/listeners.ts';
export type { Listener, ServerKind } from './workloads/listeners.ts';
export { imageProfile, parseImageRef } from './workloads/images.ts';
export { SettingsError, cidrsOverlap } from './cluster-settings.ts';
export { DATAPATH_MODES, KUBE_PROXY_MODES, POLICY_PLUGINS } from './types.ts';
export { podCreateTrace, podDeleteTrace, podLifecycleTrace } from './cni/lifecycle.ts';
export type { LifecycleRequest, LifecycleResult, LifecycleStatus } from './cni/lifecycle.ts';
export { cniFiles } from './cni/node-files.ts';
export type { CniFile } from './cni/node-files.ts';
export { parseConfList, defaultConfList, chainProblem, CNI_SPEC_VERSION } from './cni/conflist.ts';
export { loadNetwork, networkCondition, freeAddresses } from './cni/node-state.ts';
export type { CniSettings, NodeCniSettings, NodeCniState } from './cni/node-state.ts';
export { nodeReadyCondition, sandboxId, netnsPath } from './cni/pod-network.ts';
export { clientWaitSeconds, connectVerdict, failingStep, httpVerdict, type ClientWait, type Verdict } from './verdict.ts';

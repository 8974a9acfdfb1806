/**
 * Which Gateway API v1.6.1 CRDs a channel's install applies (config/crd/kustomization.yaml for Standard: ten CRDs;
 * config/crd/experimental/kustomization.yaml: the same ten plus XBackendTrafficPolicy and XMesh in
 * gateway.networking.x-k8s.io). Pure.
 */
import { GATEWAY_CRDS } from './crd-schema.ts';
import type { CrdKindSchema, GatewayChannel } from './crd-types.ts';

/** One installed Gateway API CRD: its kind and what the simulator keeps of it. */
export interface InstalledCrd {
  kind: string;
  crd: CrdKindSchema;
}

const ALL: InstalledCrd[] = Object.entries(GATEWAY_CRDS).map(([kind, crd]) => ({ kind, crd }));

/** The CRDs the channel installs, in the order of GATEWAY_CRDS (by plural); none when the channel is unset. */
export function installedGatewayCrds(channel: GatewayChannel | undefined | 'none'): InstalledCrd[] {
  if (!channel || channel === 'none') return [];
  return channel === 'experimental' ? ALL : ALL.filter((c) => !c.crd.experimentalOnly);
}

/** Every group a Gateway API CRD (of either channel) belongs to. */
export const GATEWAY_API_GROUPS: readonly string[] = [...new Set(ALL.map((c) => c.crd.group))];

/** The CRD of kind in group, whatever the channel (null when Gateway API has no such kind). */
export function gatewayCrd(group: string, kind: string): CrdKindSchema | null {
  const c = GATEWAY_CRDS[kind];
  return c && c.group === group ? c : null;
}

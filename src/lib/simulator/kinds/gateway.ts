/**
 * The Gateway API kinds of the v1.6.1 CRDs (l7/crds.ts): the ten of the Standard channel (BackendTLSPolicy,
 * GatewayClass, Gateway, GRPCRoute, HTTPRoute, ListenerSet, ReferenceGrant, TCPRoute, TLSRoute, UDPRoute) and the
 * Experimental channel's XBackendTrafficPolicy and XMesh. They exist only when the cluster has the CRDs (cluster
 * option gatewayChannel). The simulated controller acts on GatewayClass, Gateway, HTTPRoute and ReferenceGrant;
 * objects of the other kinds are validated and stored, and no controller writes their status. Tables are the
 * CRDs' additionalPrinterColumns (config/crd/standard at v1.6.1: GatewayClass NAME CONTROLLER ACCEPTED AGE
 * [DESCRIPTION wide]; Gateway NAME CLASS ADDRESS PROGRAMMED AGE; HTTPRoute NAME HOSTNAMES AGE; ReferenceGrant
 * NAME AGE); `-o yaml` is the stored object with the status the simulated controller writes (l7/status.ts);
 * describe is kubectl's generic describer for custom resources.
 */
import { evalJsonPath } from '../jsonpath.ts';
import { ageOf } from '../kubectl-format.ts';
import type { ClusterState } from '../state.ts';
import { GATEWAY_CRDS } from '../l7/crd-schema.ts';
import type { GatewayChannel, PrinterColumn } from '../l7/crd-types.ts';
import { installedGatewayCrds } from '../l7/crds.ts';
import { withStatus } from '../l7/status.ts';
import { defineKind } from './kind.ts';
import type { AnyKind, Column } from './kind.ts';
import { describeGeneric, storedEntries, storedObject } from './stored.ts';
import type { StoredEntryValue } from './stored.ts';

/** The object `kubectl get -o yaml` prints: the stored object with its controller-written status. */
export function gatewayApiObject(state: ClusterState, v: StoredEntryValue): Record<string, unknown> {
  return withStatus(state, v.object, storedObject(v.object));
}

function column(c: PrinterColumn): Column<StoredEntryValue> {
  return {
    header: c.name.toUpperCase(),
    ...(c.priority ? { wide: true } : {}),
    cell: (e, state) => {
      const value = evalJsonPath(`{${c.jsonPath}}`, gatewayApiObject(state, e.value));
      if (value === null || value === '') return c.type === 'date' ? '<unknown>' : '';
      return c.type === 'date' ? ageOf(value) : value;
    },
  };
}

function gatewayKind(kind: string): AnyKind {
  const crd = GATEWAY_CRDS[kind];
  if (!crd) throw new Error(`no CRD for ${kind}`);
  return defineKind<StoredEntryValue>({
    kind,
    group: crd.group,
    version: crd.storageVersion,
    plural: crd.plural,
    singular: crd.singular,
    shortNames: crd.shortNames,
    namespaced: crd.namespaced,
    source: 'stored',
    list: (state) => (state.model.l7?.gatewayChannel ? storedEntries(state, kind, crd.group) : []),
    object: (e, state) => gatewayApiObject(state, e.value),
    columns: [{ header: 'NAME', cell: (e) => e.name }, ...crd.printerColumns.map(column)],
    describe: (e, state) => describeGeneric(gatewayApiObject(state, e.value), e.value.object),
  });
}

/** Every Gateway API kind of either channel, in the order of the generated CRD table (by plural). */
export const GATEWAY_KINDS: readonly AnyKind[] = Object.keys(GATEWAY_CRDS).map(gatewayKind);

/** True when the kind is no Gateway API kind, or its CRD is among those the channel installs. */
export function kindInstalled(k: AnyKind, channel: GatewayChannel | undefined): boolean {
  if (!GATEWAY_KINDS.includes(k)) return true;
  return installedGatewayCrds(channel).some((c) => c.kind === k.kind && c.crd.group === k.group);
}

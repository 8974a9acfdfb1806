/**
 * The Gateway API kinds (gateway.networking.k8s.io, v1.6.1 CRDs): GatewayClass, Gateway, HTTPRoute and
 * ReferenceGrant. They exist only when the cluster has the CRDs (cluster option gatewayChannel). Tables are the
 * CRDs' additionalPrinterColumns (config/crd/standard at v1.6.1: GatewayClass NAME CONTROLLER ACCEPTED AGE
 * [DESCRIPTION wide]; Gateway NAME CLASS ADDRESS PROGRAMMED AGE; HTTPRoute NAME HOSTNAMES AGE; ReferenceGrant
 * NAME AGE); `-o yaml` is the stored object with the status the simulated controller writes (l7/status.ts);
 * describe is kubectl's generic describer for custom resources.
 */
import { evalJsonPath } from '../jsonpath.ts';
import { ageOf } from '../kubectl-format.ts';
import type { ClusterState } from '../state.ts';
import { GATEWAY_CRDS } from '../l7/crd-schema.ts';
import type { PrinterColumn } from '../l7/crd-types.ts';
import { withStatus } from '../l7/status.ts';
import { GATEWAY_GROUP } from '../l7/validate.ts';
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
    group: GATEWAY_GROUP,
    version: crd.storageVersion,
    plural: crd.plural,
    singular: crd.singular,
    shortNames: crd.shortNames,
    namespaced: crd.namespaced,
    source: 'stored',
    list: (state) => (state.model.l7?.gatewayChannel ? storedEntries(state, kind, GATEWAY_GROUP) : []),
    object: (e, state) => gatewayApiObject(state, e.value),
    columns: [{ header: 'NAME', cell: (e) => e.name }, ...crd.printerColumns.map(column)],
    describe: (e, state) => describeGeneric(gatewayApiObject(state, e.value), e.value.object),
  });
}

/** GatewayClass, Gateway, HTTPRoute, ReferenceGrant (in that order, as `kubectl api-resources` lists the group). */
export const GATEWAY_KINDS: readonly AnyKind[] = ['GatewayClass', 'Gateway', 'HTTPRoute', 'ReferenceGrant'].map(gatewayKind);

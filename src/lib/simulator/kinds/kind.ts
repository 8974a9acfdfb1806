/**
 * The shape of one resource kind as kubectl sees it: its names (for argument parsing, `-o name`,
 * NotFound and delete messages), its scope, how to list its objects from the cluster state, the
 * object `-o yaml|json` prints, the table columns of `kubectl get` (narrow and `-o wide`, after
 * pkg/printers/internalversion/printers.go) and its `kubectl describe` text. Each kind is one
 * KindDef; the registry (registry.ts) is the list of them.
 */
import type { ClusterState } from '../state.ts';

/** One listed object of a kind (what selectors, namespaces and names are matched against). */
export interface Entry<T = unknown> {
  /** '' for cluster-scoped kinds. */
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** The kind's own view of the object. */
  value: T;
}

/** One column of the `kubectl get` table (a TableColumnDefinition; `wide` = Priority 1). */
export interface Column<T> {
  /** Header as kubectl prints it (upper case). */
  header: string;
  /** Only shown with `-o wide`. */
  wide?: boolean;
  /** The cell text. */
  cell(entry: Entry<T>, state: ClusterState): string;
}

/**
 * Where a kind's objects come from, which decides what delete and label do:
 * `model` kinds are simulated objects from manifests; `stored` ones are kept but not simulated;
 * `derived` ones are written by controllers (EndpointSlices, Endpoints, ReplicaSets).
 */
export type KindSource = 'model' | 'stored' | 'derived';

/** A resource kind kubectl knows. */
export interface KindDef<T = unknown> {
  /** API kind, e.g. `Pod`. */
  kind: string;
  /** API group, '' for the core group. */
  group: string;
  /** Served version, e.g. `v1`. */
  version: string;
  /** Resource name, e.g. `pods`. */
  plural: string;
  /** Singular resource name, e.g. `pod`. */
  singular: string;
  /** Short names, e.g. `po`. */
  shortNames: readonly string[];
  /** Namespaced (true) or cluster-scoped. */
  namespaced: boolean;
  /** Member of the `all` category (`kubectl get all`), in the order kubectl expands it. */
  inAll?: boolean;
  source: KindSource;
  /** Every object of the kind, sorted by namespace then name (the API server's list order). */
  list(state: ClusterState): Array<Entry<T>>;
  /** The object as `-o yaml|json` prints it. */
  object(entry: Entry<T>, state: ClusterState): Record<string, unknown>;
  /** Table columns (without NAMESPACE / LABELS, which kubectl adds). */
  columns: ReadonlyArray<Column<T>>;
  /** `kubectl describe` text; undefined falls back to kubectl's generic describer. */
  describe?(entry: Entry<T>, state: ClusterState): string;
  /** A warning the API server attaches to every read of this resource (printed once on stderr). */
  warning?: string;
}

/** A KindDef with its value type erased, as the registry holds it. */
export type AnyKind = KindDef<unknown>;

/** Erases a KindDef's value type: every entry handed back to a kind came from its own `list`. */
export function defineKind<T>(def: KindDef<T>): AnyKind {
  return def as unknown as AnyKind;
}

/** `kind.group` in lower case, as `-o name`, apply, label and delete print it (`deployment.apps`, `pod`). */
export function kindPrefix(def: Pick<KindDef, 'kind' | 'group'>): string {
  return def.group ? `${def.kind.toLowerCase()}.${def.group}` : def.kind.toLowerCase();
}

/** `resource.group`, as the API server names a resource in errors (`deployments.apps`, `pods`). */
export function resourceName(def: Pick<KindDef, 'plural' | 'group'>): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

/** The API server's NotFound error as kubectl prints it. */
export function notFoundMessage(def: Pick<KindDef, 'plural' | 'group'>, name: string): string {
  return `Error from server (NotFound): ${resourceName(def)} "${name}" not found`;
}

/** `apiVersion` of a kind (`v1`, `apps/v1`). */
export function apiVersionOf(def: Pick<KindDef, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/** Sorts entries by namespace, then name (code-point order, as etcd keys sort). */
export function sortEntries<T>(entries: Array<Entry<T>>): Array<Entry<T>> {
  return entries.sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** ManifestError: the one error type of manifest parsing and cluster building, with its location and its kind. */

/**
 * Which part of a real `kubectl apply` would refuse the input, so kubectl's output can be printed:
 * - `Syntax`: kubectl cannot read the text (YAML errors, size and complexity limits);
 * - `Decode`: kubectl cannot decode a document into an object (`Object 'Kind' is missing in …`);
 * - `NoMatch`: the API has no such kind in that version (`no matches for kind "X" in version "v"`);
 * - `BadRequest`: the API server cannot decode the object (wrong field types, strict unknown fields);
 * - `Invalid`: the API server's validation refuses the object (`Pod "x" is invalid: <field>: <problem>`);
 * - `Conflict`: the input defines one object twice, or two objects claim the same address.
 */
export type ManifestErrorReason = 'Syntax' | 'Decode' | 'NoMatch' | 'BadRequest' | 'Invalid' | 'Conflict';

/** Details attached to a ManifestError. */
export interface ManifestErrorInit {
  /** 1-based document number (as printed in the message); null when not tied to a document. */
  documentIndex?: number | null;
  line?: number | null;
  column?: number | null;
  /** The API field path, e.g. `spec.ports[0].name`. */
  path?: string | null;
  /** The object's kind (without its group). */
  kind?: string | null;
  /** The object's API group ('' for the core group). */
  group?: string | null;
  name?: string | null;
  reason?: ManifestErrorReason | null;
  /** True when `detail` is already the complete message (API-server style, naming kind, name and field). */
  complete?: boolean;
}

/** The only error createCluster throws: bad YAML, unknown kind, invalid or missing field, oversize input, conflicts. */
export class ManifestError extends Error {
  /** 1-based document number, as in the message ("document 2"); null when the error concerns the whole input. */
  readonly documentIndex: number | null;
  /** 1-based line in the YAML text, when known. */
  readonly line: number | null;
  /** 1-based column in the YAML text, when known. */
  readonly column: number | null;
  /** The API field path such as `spec.ingress[0].from[1].podSelector`, when the error concerns a field. */
  readonly path: string | null;
  /** The problem alone, without the location prefix (for API errors, the API server's whole message). */
  readonly detail: string;
  /** Which stage refuses the input (see ManifestErrorReason); null for other simulator errors. */
  readonly reason: ManifestErrorReason | null;
  /** The object's kind without its group (e.g. `Deployment`), when known. */
  readonly kind: string | null;
  /** The object's API group ('' for core), when known. */
  readonly group: string | null;
  /** The object's name, when known ('' when the manifest gives none). */
  readonly objectName: string | null;

  /** What the message was formatted from (for messageWithoutPosition). */
  private readonly init: ManifestErrorInit;

  constructor(detail: string, init: ManifestErrorInit = {}) {
    super(ManifestError.format(detail, init));
    this.init = init;
    this.name = 'ManifestError';
    this.detail = detail;
    this.documentIndex = init.documentIndex ?? null;
    this.line = init.line ?? null;
    this.column = init.column ?? null;
    this.path = init.path ?? null;
    this.reason = init.reason ?? null;
    this.kind = init.kind ?? null;
    this.group = init.group ?? null;
    this.objectName = init.name ?? null;
  }

  /** The message without its line and column, for a view that shows them apart (the lab's editor and its verdict). */
  get messageWithoutPosition(): string {
    return ManifestError.format(this.detail, { ...this.init, line: null, column: null });
  }

  private static format(detail: string, init: ManifestErrorInit): string {
    const loc: string[] = [];
    if (init.documentIndex != null) loc.push(`document ${init.documentIndex}`);
    if (init.line != null) loc.push(`line ${init.line}`);
    if (init.column != null) loc.push(`column ${init.column}`);
    const where = loc.join(', ');
    if (init.complete) return `${where ? `${where}: ` : ''}${detail}`;
    const field = init.path ? `${init.path}: ` : '';
    if (init.kind) {
      const name = init.name ? ` "${init.name}"` : '';
      return `${init.kind}${name}${where ? ` (${where})` : ''}: ${field}${detail}`;
    }
    return `${where ? `${where}: ` : ''}${field}${detail}`;
  }
}

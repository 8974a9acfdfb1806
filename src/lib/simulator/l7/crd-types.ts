/** The compact CRD schema shapes that l7/crd-schema.ts (generated) is written in. */

/** One node of a compact openAPIV3Schema (see the header of crd-schema.ts for the letters). */
export interface SchemaNode {
  t: 'o' | 'a' | 'm' | 's' | 'i' | 'is' | 'b' | 'n' | 'any';
  f?: Record<string, SchemaNode>;
  r?: string[];
  a?: SchemaNode;
  e?: Array<string | number>;
  d?: unknown;
  min?: number;
  max?: number;
  maxItems?: number;
  maxLength?: number;
  /** pattern (an ECMAScript-compatible regular expression in these CRDs). */
  p?: string;
  /** Only the Experimental channel's CRD has this field. */
  x?: 1;
  /** Enum values only the Experimental channel's CRD has. */
  xe?: Array<string | number>;
}

/** One additionalPrinterColumns entry of a CRD version. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
  description?: string;
}

/** What the simulator keeps of one Gateway API CRD. */
export interface CrdKindSchema {
  /** gateway.networking.k8s.io, or gateway.networking.x-k8s.io for the Experimental channel's X-kinds. */
  group: string;
  /** Only the Experimental channel's install has this CRD (config/crd/experimental/kustomization.yaml). */
  experimentalOnly?: true;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  /** Versions the Standard-channel CRD serves. */
  versions: string[];
  /** Versions the CRD lists with served: false (older alphas kept for storage migration). */
  unservedVersions?: string[];
  storageVersion: string;
  annotations: Record<string, string>;
  printerColumns: PrinterColumn[];
  schema: SchemaNode;
}

/** Which Gateway API CRDs the cluster has installed (cluster option `gatewayChannel`). */
export type GatewayChannel = 'standard' | 'experimental';

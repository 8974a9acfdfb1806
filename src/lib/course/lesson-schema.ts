/**
 * The schema of a lesson's metadata file, `content/lessons/<slug>/lesson.yaml`.
 * Every mode page of the lesson shares this data. Field schemas (slug, difficulty,
 * connection, wording of errors) come from `field-schemas.ts`.
 */
import { z } from 'astro/zod';
import { QTYPES } from '../simulator/dns/types.ts';
import { MODE_SLUGS, type ModeSlug } from './modes.ts';
import { bool, connectionFields, difficulty, kebab, list, oneOf, slug, text, typeError } from './field-schemas.ts';
import { DIFFICULTIES, NAMESPACED_POD, type Difficulty, type Same } from './fields.ts';
import { clusterSettingsSchema } from './settings-schema.ts';

export { DIFFICULTIES, type Difficulty };

/** The phases of a simulator trace a cue or a StepLink can point at (`start` is before the first step). */
export const TRACE_PHASES = ['dns', 'policy', 'service', 'routing', 'delivery', 'response', 'schedule', 'sandbox', 'cni', 'ipam', 'status', 'l7'] as const;

/** Compile-time check: `TRACE_PHASES` is exactly the simulator's list of trace phases. */
export const PHASES_MATCH_SIMULATOR: Same<(typeof TRACE_PHASES)[number], import('../simulator/types.ts').TracePhase> = true;

const traceLabel = () => z.string({ error: typeError('text') }).min(3, 'must be at least 3 characters').max(60, 'must be at most 60 characters').optional();

/** One named connection whose simulator trace the visual components render. */
export const traceSpecSchema = z.strictObject(
  {
    /** `connection` (the default): a connection attempt traced by the simulator's connect(). */
    kind: z.literal('connection', { error: typeError('connection or lifecycle') }).optional(),
    /** What the step-through player's scenario switch calls it, e.g. "Policy allows". */
    label: traceLabel(),
    /** The scenario file under `scenarios/` (without `.yaml`). */
    scenario: kebab(),
    ...connectionFields,
    /** The client: `namespace/pod`, `node:<name>` for a node's own network namespace (the kubelet), or `external:<IP>` for a host outside the cluster. */
    from: z
      .string({ error: typeError('text') })
      .refine((value) => NAMESPACED_POD.test(value) || /^node:[a-z0-9](?:[-.a-z0-9]*[a-z0-9])?$/.test(value) || /^external:\d{1,3}(?:\.\d{1,3}){3}$/.test(value), 'must be "namespace/pod", "node:<node name>" or "external:<IPv4 address>"'),
    /** Show the nodes the packet crosses (and the wire, for VXLAN) as rows of the status tracker. */
    nodeRows: bool().optional(),
    /** Through a Service: the endpoint kube-proxy's random choice lands on (`namespace/pod`, a pod name or a pod IP). */
    backend: z.string({ error: typeError('text') }).min(1, 'must name a pod').optional(),
    /** Show each DNS query the pod's resolver sends (one step per search-list candidate, with its rcode, and a query count). */
    dnsQueries: bool().optional(),
  },
  { error: typeError('a mapping with scenario, from, to and port') },
);

/** One named pod lifecycle (creating or deleting a pod on the scenario's cluster) whose trace the player renders. */
export const lifecycleTraceSpecSchema = z.strictObject(
  {
    /** `lifecycle`: the pod's creation or deletion, step by step (scheduling, sandbox, CNI, IPAM, status). */
    kind: z.literal('lifecycle'),
    /** What the step-through player's scenario switch calls it, e.g. "Range exhausted". */
    label: traceLabel(),
    /** The scenario file under `scenarios/` (without `.yaml`). */
    scenario: kebab(),
    /** `create` applies a new pod (not in the scenario); `delete` deletes one the scenario has. */
    action: oneOf(['create', 'delete']),
    /** The pod: `namespace/name`, or a name in `default`. */
    pod: z.string({ error: typeError('text') }).regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a pod name or "namespace/pod"'),
    /** For `create`: the node the pod names in spec.nodeName (omitted: the scheduler picks one). */
    node: kebab().optional(),
    /** For `create`: the container image (busybox:1.36 when omitted). */
    image: text().optional(),
  },
  { error: typeError('a mapping with kind, scenario, action and pod') },
);

/** One named DNS lookup (a pod's resolver, query by query) whose trace the player renders. */
export const dnsTraceSpecSchema = z.strictObject(
  {
    /** `dns`: a name looked up from a pod, one step per query its resolver sends (search list, ndots, trailing dot). */
    kind: z.literal('dns'),
    /** What the step-through player's scenario switch calls it, e.g. "Trailing dot". */
    label: traceLabel(),
    /** The scenario file under `scenarios/` (without `.yaml`). */
    scenario: kebab(),
    /** The pod whose resolver looks the name up: `namespace/pod`. */
    from: z.string({ error: typeError('text') }).regex(NAMESPACED_POD, 'must be "namespace/pod"'),
    /** The name as the client gives it (`backend`, `backend.shop`, `api.payments.example.`). */
    name: z.string({ error: typeError('text') }).regex(/^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/, 'must be a DNS name such as backend.shop or api.payments.example.'),
    /** The query type (A when omitted). */
    type: oneOf(QTYPES).optional(),
  },
  { error: typeError('a mapping with kind: dns, scenario, from and name') },
);

/** One named HTTP request through the cluster's Gateways and Ingress controllers (cluster.http) whose trace the player renders. */
export const httpTraceSpecSchema = z.strictObject(
  {
    /** `http`: one request, DNS → load balancer → proxy → listener → route → backend endpoint → response. */
    kind: z.literal('http'),
    /** What the step-through player's scenario switch calls it, e.g. "GET /api/items". */
    label: traceLabel(),
    /** The scenario file under `scenarios/` (without `.yaml`). */
    scenario: kebab(),
    /** The client: `namespace/pod`, `node:<name>` or `external:<IP>`. */
    from: z
      .string({ error: typeError('text') })
      .refine((value) => NAMESPACED_POD.test(value) || /^node:[a-z0-9](?:[-.a-z0-9]*[a-z0-9])?$/.test(value) || /^external:\d{1,3}(?:\.\d{1,3}){3}$/.test(value), 'must be "namespace/pod", "node:<node name>" or "external:<IPv4 address>"'),
    /** The URL, `http://host[:port]/path?query`. */
    url: z.string({ error: typeError('text') }).regex(/^http:\/\/[^/\s]+(\/\S*)?$/, 'must be an http:// URL such as http://www.shop.example/api/items'),
    /** The method (GET when omitted). */
    method: z.string({ error: typeError('text') }).regex(/^[A-Z]+$/, 'must be an HTTP method in capitals, such as GET').optional(),
    /** Request headers (`Host` overrides the URL's host). */
    headers: z.record(z.string(), z.string({ error: typeError('text') }), { error: typeError('a mapping of header names to values') }).optional(),
    /** Which request of a series it is (0 when omitted): weighted backends rotate with it. */
    request: z.number({ error: typeError('a number') }).int().min(0).max(100000).optional(),
    /** The proxy pod kube-proxy's random choice lands on (`namespace/pod`, a name or an IP), as a connection trace's `backend`. */
    proxy: z.string({ error: typeError('text') }).min(1, 'must name a pod').optional(),
  },
  { error: typeError('a mapping with kind: http, scenario, from and url') },
);

/** A named trace: a connection (no `kind`, or `kind: connection`), a pod lifecycle (`kind: lifecycle`), a DNS lookup (`kind: dns`) or an HTTP request (`kind: http`). */
export const namedTraceSchema = z.discriminatedUnion('kind', [traceSpecSchema, lifecycleTraceSpecSchema, dnsTraceSpecSchema, httpTraceSpecSchema], { error: typeError('a mapping with scenario, from, to and port (or kind: lifecycle, dns or http)') });

/** Where the Listen diagram moves: when narration reaches the sentence containing `at`, show `phase` of `trace`. */
export const narrationCueSchema = z.strictObject(
  {
    /** A phrase of the transcript; the cue fires at the sentence that contains it. */
    at: z.string({ error: typeError('text') }).min(3, 'must be at least 3 characters'),
    /** A trace named under `traces`. */
    trace: kebab(),
    /** The trace phase to show (its first step, or last with `which: last`), or `start` for before the first step. */
    phase: oneOf(['start', ...TRACE_PHASES]),
    /** Which step of the phase: the first (default) or the last. */
    which: oneOf(['first', 'last']).default('first'),
  },
  { error: typeError('a mapping with at, trace and phase') },
);

const minutes = () =>
  z.number({ error: typeError('a number') }).int('must be a whole number').min(1, 'must be 1–240').max(240, 'must be 1–240');

/** Minutes per mode: every one of the nine modes must be present. */
const minutesSchema = z.strictObject(
  Object.fromEntries(MODE_SLUGS.map((mode) => [mode, minutes()])) as Record<ModeSlug, ReturnType<typeof minutes>>,
  { error: typeError(`a mapping with minutes for each mode (${MODE_SLUGS.join(', ')})`) },
);

/** The metadata every lesson declares in `lesson.yaml`. */
export const lessonSchema = z.strictObject(
  {
    /** Human title, e.g. "Why Kubernetes networking matters". */
    title: text().min(3, 'must be at least 3 characters').max(120, 'must be at most 120 characters'),
    /** One-line summary for the course home and search results. */
    summary: text().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters'),
    /** Position in the course, 1 first; unique across lessons. */
    order: z.number({ error: typeError('a number') }).int('must be a whole number').min(1, 'must be 1 or more'),
    /** How hard the lesson is. */
    difficulty: difficulty(),
    /** Topic tags, kebab-case. */
    tags: list(kebab()).min(1, 'needs at least one tag'),
    /** Slugs of lessons to take first. */
    prerequisites: list(slug()).default([]),
    /** Estimated minutes for each of the nine modes. */
    minutes: minutesSchema,
    /** The concept snapshot: 5–8 bullets. */
    snapshot: list(text().min(3, 'must be at least 3 characters')).min(5, 'needs 5–8 bullets').max(8, 'needs 5–8 bullets'),
    /** The full transcript: the lesson told as plain prose, paragraphs separated by blank lines. */
    transcript: text().min(200, 'must be at least 200 characters: the lesson told as prose'),
    /** Named connections (traces) rendered by the visual components. */
    traces: z.record(kebab(), namedTraceSchema, { error: typeError('a mapping of trace names to connections') }).default({}),
    /** Cluster settings per scenario name (backend, kube-proxy mode, ranges, node routes and firewall); unlisted scenarios get the defaults. */
    settings: z.record(kebab(), clusterSettingsSchema, { error: typeError('a mapping of scenario names to cluster settings') }).default({}),
    /** Cues that move the Listen diagram along with the narration, in transcript order. */
    narration: list(narrationCueSchema).default([]),
  },
  { error: typeError('a mapping (title, summary, order, …)') },
);

/** A lesson's validated metadata. */
export type LessonMeta = z.infer<typeof lessonSchema>;
/** One narration cue. */
export type NarrationCue = z.infer<typeof narrationCueSchema>;
/** One named trace of a lesson: a connection or a pod lifecycle. */
export type TraceSpec = z.infer<typeof namedTraceSchema>;
/** A named connection trace. */
export type ConnectionTraceSpec = z.infer<typeof traceSpecSchema>;
/** A named lifecycle trace. */
export type LifecycleTraceSpec = z.infer<typeof lifecycleTraceSpecSchema>;

/** A named DNS trace. */
export type DnsTraceSpec = z.infer<typeof dnsTraceSpecSchema>;

/** A named HTTP trace. */
export type HttpTraceSpec = z.infer<typeof httpTraceSpecSchema>;

/** True when the named trace is an HTTP request. */
export function isHttpTrace(spec: TraceSpec): spec is HttpTraceSpec {
  return spec.kind === 'http';
}

/** True when the named trace is a DNS lookup. */
export function isDnsTrace(spec: TraceSpec): spec is DnsTraceSpec {
  return spec.kind === 'dns';
}

/** True when the named trace is a pod lifecycle rather than a connection. */
export function isLifecycleTrace(spec: TraceSpec): spec is LifecycleTraceSpec {
  return spec.kind === 'lifecycle';
}
/** A trace phase. */
export type TracePhase = (typeof TRACE_PHASES)[number];

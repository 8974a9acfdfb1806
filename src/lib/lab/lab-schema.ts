/**
 * The schema of a lesson's lab file, `content/lessons/<slug>/lab.yaml`:
 * the sandbox's starting scenario, the guided tasks the simulator checks, and a
 * reference solution (never shipped to the page) that the build and the contract
 * tests check: it passes every task, while the starting scenario passes none.
 */
import { z } from 'astro/zod';
import { bool, connectionFields, kebab, list, oneOf, text, typeError } from '../course/field-schemas.ts';
import { ipToInt, parseCidr } from '../simulator/ipam.ts';
import { clusterSettingsSchema } from '../course/settings-schema.ts';
import { QTYPES } from '../simulator/dns/types.ts';

/** One connection a task expects to succeed or fail. */
export const labExpectationSchema = z.strictObject(
  {
    ...connectionFields,
    /** Whether the connection must succeed (true) or be blocked (false). */
    allowed: bool(),
  },
  { error: typeError('a mapping with from, to, port and allowed') },
);

/** Pod phases a check can ask for (PodStatus.phase). */
export const LAB_POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed'] as const;

/**
 * One pod a task expects in a given state, as `kubectl get pod -o wide` shows it: its phase, whether it is
 * ready, its address (exact, or inside a range), or that it is gone. Only the fields given are checked.
 */
export const labPodCheckSchema = z
  .strictObject(
    {
      /** The pod, `namespace/name` (or `name` in default). */
      pod: text(),
      /** False: the pod must not exist (deleted). True by default. */
      exists: bool().optional(),
      /** status.phase. */
      phase: oneOf(LAB_POD_PHASES).optional(),
      /** The Ready condition (all containers ready). */
      ready: bool().optional(),
      /** status.podIP, exactly. */
      ip: z.string({ error: typeError('text') }).refine((value) => ipToInt(value) !== null, 'must be an IPv4 address such as 10.244.1.5').optional(),
      /** status.podIP inside this range, e.g. the node's podCIDR. */
      ipIn: z.string({ error: typeError('text') }).refine((value) => value.includes('/') && parseCidr(value) !== null, 'must be a CIDR such as 10.244.1.0/24').optional(),
    },
    { error: typeError('a mapping with pod and at least one of exists, phase, ready, ip, ipIn') },
  )
  .refine((check) => check.exists !== undefined || check.phase !== undefined || check.ready !== undefined || check.ip !== undefined || check.ipIn !== undefined, 'needs at least one of exists, phase, ready, ip or ipIn')
  .refine((check) => check.exists !== false || (check.phase === undefined && check.ready === undefined && check.ip === undefined && check.ipIn === undefined), 'exists: false checks that the pod is gone, so it takes no phase, ready, ip or ipIn');

/** One node a task expects Ready or NotReady (its Ready condition, as `kubectl get nodes` shows it). */
export const labNodeCheckSchema = z.strictObject(
  {
    /** The node's name. */
    node: text(),
    /** True: Ready; false: NotReady. */
    ready: bool(),
  },
  { error: typeError('a mapping with node and ready') },
);

/**
 * One name a task expects a pod to resolve (or not), as the pod's own resolver asks CoreDNS: the records it must
 * get (any order), how many, or how many queries it may take (the search list and ndots). Only the fields given are
 * checked; with none, the name must resolve.
 */
export const labDnsCheckSchema = z
  .strictObject(
    {
      /** The pod whose resolver asks, `namespace/name`. */
      from: text(),
      /** The name as the client gives it (`backend`, `db-0.db`, `api.payments.example.`). */
      resolve: text(),
      /** The query type (A when omitted). */
      type: oneOf(QTYPES).optional(),
      /** True: the name must resolve; false: it must not. */
      resolves: bool().optional(),
      /** The records' data (addresses, or SRV/PTR/CNAME targets), in any order. */
      answer: list(text()).optional(),
      /** How many records. */
      count: z.number({ error: typeError('a number') }).int('must be a whole number').min(0, 'must be 0 or more').optional(),
      /** The most queries the resolver may send. */
      queries: z.number({ error: typeError('a number') }).int('must be a whole number').min(1, 'must be at least 1').optional(),
    },
    { error: typeError('a mapping with from, resolve and optionally type, resolves, answer, count, queries') },
  );

/**
 * One HTTP request a task expects (cluster.http: through the cluster's Gateways and Ingress controllers): the status
 * the client gets and the backend Service (or pod) that answers; with `requests: N`, the N requests numbered 0..N-1
 * and how many reach each Service (`services`, exact counts: the weighted choice is deterministic).
 */
export const labHttpCheckSchema = z
  .strictObject(
    {
      /** The client: `external:<IP>`, `node:<name>` or `namespace/pod`. */
      from: text(),
      /** `http://host[:port]/path?query`. */
      url: z.string({ error: typeError('text') }).regex(/^http:\/\/[^/\s]+(\/\S*)?$/, 'must be an http:// URL such as http://www.shop.example/api/items'),
      /** The method (GET when omitted). */
      method: z.string({ error: typeError('text') }).regex(/^[A-Z]+$/, 'must be an HTTP method in capitals, such as GET').optional(),
      /** Request headers (`Host` overrides the URL's host). */
      headers: z.record(z.string(), z.string({ error: typeError('text') }), { error: typeError('a mapping of header names to values') }).optional(),
      /** The HTTP status the client must get (every request, with `requests`). */
      status: z.number({ error: typeError('a number') }).int().min(100).max(599).optional(),
      /** The backend Service (`namespace/name`) that must serve the request; null: none (the proxy answers itself). */
      service: z.union([text(), z.null()]).optional(),
      /** The backend pod (`namespace/name`) that must answer. */
      pod: text().optional(),
      /** Send this many requests (numbered 0 to N-1) instead of one. */
      requests: z.number({ error: typeError('a number') }).int().min(1).max(1000).optional(),
      /** With `requests`: how many of them each backend Service must serve. */
      services: z.record(z.string(), z.number({ error: typeError('a number') }).int().min(0), { error: typeError('a mapping of Services to request counts') }).optional(),
    },
    { error: typeError('a mapping with from, url and at least one of status, service, pod, services') },
  )
  .refine((c) => c.status !== undefined || c.service !== undefined || c.pod !== undefined || c.services !== undefined, 'needs at least one of status, service, pod or services')
  .refine((c) => c.services === undefined || c.requests !== undefined, 'services counts need requests: N');

/** The Gateway API kinds whose status a task can check. */
export const LAB_CONDITION_KINDS = ['GatewayClass', 'Gateway', 'HTTPRoute'] as const;

/**
 * One status a task expects of a Gateway API object, as `kubectl get -o yaml` shows it: a condition (`type`, with
 * `status` and/or `reason`) of the object — of the route's parent status for an HTTPRoute (the first, or `parent`),
 * of a listener for a Gateway with `listener` — and a listener's `attachedRoutes`.
 */
export const labConditionCheckSchema = z
  .strictObject(
    {
      kind: oneOf(LAB_CONDITION_KINDS),
      /** Omitted for GatewayClass (cluster-scoped); default for the others. */
      namespace: text().optional(),
      name: text(),
      /** The condition type (Accepted, ResolvedRefs, Programmed…). */
      type: text().optional(),
      status: oneOf(['True', 'False', 'Unknown']).optional(),
      reason: text().optional(),
      /** HTTPRoute: the parent (`namespace/name` of the Gateway) whose status is read; the first one when omitted. */
      parent: text().optional(),
      /** Gateway: the listener whose status is read. */
      listener: text().optional(),
      /** Gateway with listener: status.listeners[].attachedRoutes. */
      attachedRoutes: z.number({ error: typeError('a number') }).int().min(0).optional(),
    },
    { error: typeError('a mapping with kind, name and type (with status or reason) or listener and attachedRoutes') },
  )
  .refine((c) => (c.type !== undefined && (c.status !== undefined || c.reason !== undefined)) || c.attachedRoutes !== undefined, 'needs type with status or reason, or attachedRoutes')
  .refine((c) => c.attachedRoutes === undefined || (c.kind === 'Gateway' && c.listener !== undefined), 'attachedRoutes is a Gateway listener field: give kind: Gateway and listener');

/** One guided lab task. */
export const labTaskSchema = z
  .strictObject(
  {
    /** Stable id, kebab-case, unique in the lab. */
    id: kebab(),
    /** Short imperative title. */
    title: text().min(3, 'must be at least 3 characters'),
    /** Markdown: what to do and why. */
    goal: text().min(10, 'must be at least 10 characters'),
    /** A nudge for a learner who is stuck. */
    hint: text().min(3, 'must be at least 3 characters'),
    /** The connections that must behave as stated for the task to pass. */
    expect: list(labExpectationSchema).default([]),
    /** The pods that must be in the stated state. */
    pods: list(labPodCheckSchema).default([]),
    /** The nodes that must be Ready or NotReady. */
    nodes: list(labNodeCheckSchema).default([]),
    /** The names that must resolve (or not) as stated. */
    dns: list(labDnsCheckSchema).default([]),
    /** The HTTP requests that must be answered as stated. */
    http: list(labHttpCheckSchema).default([]),
    /** The Gateway API statuses that must hold. */
    conditions: list(labConditionCheckSchema).default([]),
  },
  { error: typeError('a mapping with id, title, goal, hint and expect, pods, nodes, dns, http and/or conditions') },
  )
  .refine((task) => task.expect.length + task.pods.length + task.nodes.length + task.dns.length + task.http.length + task.conditions.length > 0, 'needs at least one check: a connection under expect, a pod under pods, a node under nodes, a name under dns, a request under http or a status under conditions');

/** An object the solution removes from the starting scenario, as `kubectl delete <kind> <name> -n <namespace>` would. */
export const labDeletionSchema = z.strictObject(
  {
    /** The object's kind as in its manifest, e.g. NetworkPolicy. */
    kind: text(),
    /** Its name. */
    name: text(),
    /** Its namespace (default when omitted). */
    namespace: text().optional(),
  },
  { error: typeError('a mapping with kind and name') },
);

/**
 * The reference solution: what a learner would change in the editor. `apply` holds manifests applied on
 * top of the starting scenario as `kubectl apply -f` would (an object with the same kind, namespace and
 * name replaces the scenario's, others are added); `delete` lists objects removed first.
 */
export const labSolutionSchema = z
  .strictObject(
    {
      /** Manifests (YAML documents) applied over the starting scenario. */
      apply: text().optional(),
      /** Objects of the starting scenario to remove. */
      delete: list(labDeletionSchema).optional(),
      /** Terminal commands a learner types (e.g. `ip route add …` in a node shell), run after apply/delete. */
      commands: list(text()).optional(),
    },
    { error: typeError('a mapping with apply, delete and/or commands') },
  )
  .refine((solution) => solution.apply !== undefined || (solution.delete?.length ?? 0) > 0 || (solution.commands?.length ?? 0) > 0, 'needs apply, delete or commands');

/** A lesson's lab: its starting scenario, its tasks and a reference solution. */
export const labSchema = z
  .strictObject(
    {
      /** Scenario file under `scenarios/` the sandbox starts from. */
      scenario: kebab(),
      /** The starting cluster's settings (backend, ranges, node routes and firewall), as in lesson.yaml's `settings.<scenario>`. */
      settings: clusterSettingsSchema.optional(),
      /** The guided tasks, in order. */
      tasks: list(labTaskSchema).min(1, 'needs at least one task: the Lab mode is done when every task passes'),
      /** A reference solution that passes every task (checked at build time; not shipped to the page). */
      solution: labSolutionSchema,
    },
    { error: typeError('a mapping with scenario, tasks and solution') },
  )
  .superRefine((lab, ctx) => {
    const seen = new Set<string>();
    lab.tasks.forEach((task, index) => {
      if (seen.has(task.id)) {
        ctx.addIssue({ code: 'custom', path: ['tasks', index, 'id'], message: `duplicate task id "${task.id}"` });
      }
      seen.add(task.id);
    });
  });

/** A validated lab. */
export type Lab = z.infer<typeof labSchema>;
/** A validated lab task. */
export type LabTask = z.infer<typeof labTaskSchema>;
/** One expected connection of a task. */
export type LabExpectation = z.infer<typeof labExpectationSchema>;
/** One expected pod state of a task. */
export type LabPodCheck = z.infer<typeof labPodCheckSchema>;
/** One expected node state of a task. */
export type LabNodeCheck = z.infer<typeof labNodeCheckSchema>;
/** One expected name lookup of a task. */
export type LabDnsCheck = z.infer<typeof labDnsCheckSchema>;
/** One expected HTTP request of a task. */
export type LabHttpCheck = z.infer<typeof labHttpCheckSchema>;
/** One expected Gateway API status of a task. */
export type LabConditionCheck = z.infer<typeof labConditionCheckSchema>;
/** A lab's reference solution. */
export type LabSolution = z.infer<typeof labSolutionSchema>;

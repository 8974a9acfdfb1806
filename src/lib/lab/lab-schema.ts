/**
 * The schema of a lesson's lab file, `content/lessons/<slug>/lab.yaml`:
 * the sandbox's starting scenario, the guided tasks the simulator checks, and a
 * reference solution (never shipped to the page) that the build and the contract
 * tests check: it passes every task, while the starting scenario passes none.
 */
import { z } from 'astro/zod';
import { bool, connectionFields, kebab, list, oneOf, port, text, typeError } from '../course/field-schemas.ts';
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
  },
  { error: typeError('a mapping with id, title, goal, hint and expect, pods, nodes and/or dns') },
  )
  .refine((task) => task.expect.length + task.pods.length + task.nodes.length + task.dns.length > 0, 'needs at least one check: a connection under expect, a pod under pods, a node under nodes or a name under dns');

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

/** Protocols the matrix can be drawn for (the lab state's MatrixProtocol). */
const MATRIX_PROTOCOL_NAMES = ['TCP', 'UDP', 'SCTP'] as const;

/** One port the lab's matrix offers in its port picker. */
export const labMatrixPortSchema = z.strictObject(
  {
    /** The destination port. */
    port: port(),
    /** TCP (default), UDP or SCTP. */
    protocol: oneOf(MATRIX_PROTOCOL_NAMES).default('TCP'),
  },
  { error: typeError('a mapping with port and optionally protocol') },
);

/**
 * What the lab's reachability matrix spans: rows (and columns) are the declared pods of `namespaces`; extra
 * destination columns are `system` pods (`namespace/name-prefix`, e.g. `kube-system/coredns` for the CoreDNS
 * pods) and `external` hosts by IP; `ports` fill the port picker (the first is the one the lab opens on).
 */
export const labMatrixSchema = z.strictObject(
  {
    /** Row and column namespaces (default: every declared pod). */
    namespaces: list(kebab()).min(1, 'needs at least one namespace').optional(),
    /** The ports the picker offers, first one shown first. */
    ports: list(labMatrixPortSchema).min(1, 'needs at least one port').max(12, 'at most 12 ports').optional(),
    /** Destination hosts outside the cluster, by IPv4 address. */
    external: list(z.string({ error: typeError('text') }).refine((value) => ipToInt(value) !== null, 'must be an IPv4 address such as 203.0.113.20')).max(8, 'at most 8 external hosts').optional(),
    /** Extra destination pods, `namespace/name-prefix` (every pod of the namespace whose name starts with the prefix). */
    system: list(z.string({ error: typeError('text') }).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9][-a-z0-9.]*$/, 'must be namespace/name-prefix, e.g. kube-system/coredns')).max(8, 'at most 8 entries').optional(),
  },
  { error: typeError('a mapping with namespaces, ports, external and/or system') },
);

/** A lesson's lab: its starting scenario, its tasks and a reference solution. */
export const labSchema = z
  .strictObject(
    {
      /** Scenario file under `scenarios/` the sandbox starts from. */
      scenario: kebab(),
      /** The starting cluster's settings (backend, ranges, node routes and firewall), as in lesson.yaml's `settings.<scenario>`. */
      settings: clusterSettingsSchema.optional(),
      /** What the reachability matrix spans (namespaces, ports, external hosts, system pods). */
      matrix: labMatrixSchema.optional(),
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
/** What a lab's matrix spans. */
export type LabMatrix = z.infer<typeof labMatrixSchema>;
/** A lab's reference solution. */
export type LabSolution = z.infer<typeof labSolutionSchema>;

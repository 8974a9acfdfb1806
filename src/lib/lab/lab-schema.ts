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
import { NAMESPACED_POD } from '../course/fields.ts';
import { CONFLIST_FACTS } from './answer-tasks.ts';

/** One connection a task expects to succeed or fail. */
export const labExpectationSchema = z.strictObject(
  {
    ...connectionFields,
    /** The client: `namespace/pod`, or `external:<IPv4>`, a host outside the cluster (NodePort and LoadBalancer clients). */
    from: z
      .string({ error: typeError('text') })
      .refine((value) => NAMESPACED_POD.test(value) || (value.startsWith('external:') && ipToInt(value.slice('external:'.length)) !== null), 'must be "namespace/pod" or "external:<IPv4 address>"'),
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
      /** The answers to the tasks' questions, by task id then question id, as a learner would give them. */
      answers: z
        .record(kebab(), z.record(kebab(), text(), { error: typeError('a mapping of question ids to answers') }), { error: typeError('a mapping of task ids to answers') })
        .optional(),
    },
    { error: typeError('a mapping with apply, delete, commands and/or answers') },
  )
  .refine((solution) => solution.apply !== undefined || (solution.delete?.length ?? 0) > 0 || (solution.commands?.length ?? 0) > 0 || Object.keys(solution.answers ?? {}).length > 0, 'needs apply, delete, commands or answers');

/**
 * The layers a troubleshooting case's root cause can sit in, in the order of the method card's checks
 * (client → name → Service → EndpointSlice → pod → policy → node path → edge).
 */
export const LAB_DIAGNOSIS_LAYERS = ['client', 'dns', 'service', 'endpoints', 'pod', 'policy', 'node', 'edge'] as const;

/** A root cause: the layer, the object (`Kind namespace/name`) and the field that is wrong. */
export const labRootCauseSchema = z.strictObject(
  {
    /** Which check of the method finds it. */
    layer: oneOf(LAB_DIAGNOSIS_LAYERS),
    /** The object at fault, e.g. `Service shop/backend`. */
    object: text(),
    /** The field at fault, e.g. `spec.selector`. */
    field: text(),
  },
  { error: typeError('a mapping with layer, object and field') },
);

/**
 * The learner's diagnosis of a case: the question, the right root cause and extra wrong ones. The radio group's
 * choices are the answer, the other tasks' answers and these distractors, in an order fixed by the task id.
 */
export const labDiagnosisSchema = z.strictObject(
  {
    /** The question (Markdown), e.g. "What is the root cause?". */
    prompt: text().default('What is the root cause?'),
    /** The right root cause. */
    answer: labRootCauseSchema,
    /** Extra wrong root causes to choose from. */
    choices: list(labRootCauseSchema).max(8, 'at most 8 extra choices').default([]),
  },
  { error: typeError('a mapping with prompt, answer and optionally choices') },
);

/** The command whose failure the learner is told about; its output is computed on the task's scenario. */
export const labSymptomSchema = z.strictObject(
  {
    /** A terminal command, e.g. `kubectl -n shop exec frontend -- wget -qO- -T 2 backend`. */
    command: text(),
  },
  { error: typeError('a mapping with command') },
);

/** What must still hold after a case's fix (the base expectations: nothing else broke). Same shapes as a task's checks. */
export const labKeepSchema = z
  .strictObject(
    {
      expect: list(labExpectationSchema).default([]),
      pods: list(labPodCheckSchema).default([]),
      nodes: list(labNodeCheckSchema).default([]),
      dns: list(labDnsCheckSchema).default([]),
      http: list(labHttpCheckSchema).default([]),
      conditions: list(labConditionCheckSchema).default([]),
    },
    { error: typeError('a mapping with expect, pods, nodes, dns, http and/or conditions') },
  );

/**
 * Where a question's answer key comes from: never written here, the simulator computes it from the cluster the
 * learner is looking at (answer-tasks.ts). `conflist`: a fact of the network configuration list containerd loads
 * on `node` (the first file of its /etc/cni/net.d): the plugin that allocates addresses (`ipam-plugin`), the one
 * that runs first or last on ADD or DEL, the CNI version the runtime speaks, or host-local's subnet.
 */
export const labAnswerKeySchema = z.strictObject(
  {
    /** A fact of the conflist containerd loads on a node. */
    conflist: z.strictObject(
      {
        /** The node whose /etc/cni/net.d is read. */
        node: text(),
        /** Which fact: ipam-plugin, first-on-add, last-on-add, first-on-del, last-on-del, cni-version or subnet. */
        of: oneOf(CONFLIST_FACTS),
      },
      { error: typeError('a mapping with node and of') },
    ),
  },
  { error: typeError('a mapping with conflist') },
);

/** One question of a task: a plugin question offers the node's plugins to choose from; the others are typed. */
export const labQuestionSchema = z.strictObject(
  {
    /** Stable id, kebab-case, unique in the task (the saved answer's key). */
    id: kebab(),
    /** The question, as the learner reads it (Markdown inline). */
    prompt: text().min(10, 'must be at least 10 characters'),
    /** Where its answer key comes from (computed by the simulator). */
    key: labAnswerKeySchema,
  },
  { error: typeError('a mapping with id, prompt and key') },
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
    /** A nudge for a learner who is stuck (or `hints:`). */
    hint: text().min(3, 'must be at least 3 characters').optional(),
    /** A ladder of up to 3 hints (layer → command → object), revealed one at a time; using the last one is recorded. */
    hints: list(text().min(3, 'must be at least 3 characters')).min(1, 'needs at least one hint').max(3, 'at most 3 hints (layer, command, object)').optional(),
    /** The scenario file under `scenarios/` this task starts from (a troubleshooting case); without it, tasks share the lab's sandbox. */
    scenario: kebab().optional(),
    /** The task's scenario's cluster settings (only with `scenario`), as lab.yaml's `settings`. */
    settings: clusterSettingsSchema.optional(),
    /** The failing command the learner is told about; its output is computed on the task's scenario. */
    symptom: labSymptomSchema.optional(),
    /** The root-cause question: the task passes only when it is answered right. */
    diagnosis: labDiagnosisSchema.optional(),
    /** Base expectations that must still hold once the task's checks pass. */
    keep: labKeepSchema.optional(),
    /** With `scenario`: the reference fix of this case (applied to the task's scenario; checked at build time, never shipped). */
    solution: labSolutionSchema.optional(),
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
    /** Questions (1 to 3) the learner answers, each checked against a key the simulator computes. */
    ask: list(labQuestionSchema).min(1, 'needs at least one question').max(3, 'at most 3 questions').optional(),
  },
  { error: typeError('a mapping with id, title, goal, hint (or hints) and expect, pods, nodes, dns, http, conditions and/or ask') },
  )
  .refine((task) => task.expect.length + task.pods.length + task.nodes.length + task.dns.length + task.http.length + task.conditions.length + (task.ask?.length ?? 0) > 0, 'needs at least one check: a connection under expect, a pod under pods, a node under nodes, a name under dns, a request under http, a status under conditions or a question under ask')
  .superRefine((task, ctx) => {
    const seen = new Set<string>();
    (task.ask ?? []).forEach((question, index) => {
      if (seen.has(question.id)) ctx.addIssue({ code: 'custom', path: ['ask', index, 'id'], message: `duplicate question id "${question.id}"` });
      seen.add(question.id);
    });
  })
  .refine((task) => task.hint !== undefined || task.hints !== undefined, { message: 'needs hint (one nudge) or hints (a ladder of up to 3)', path: ['hint'] })
  .refine((task) => task.hint === undefined || task.hints === undefined, { message: 'give hint or hints, not both', path: ['hints'] })
  .refine((task) => task.settings === undefined || task.scenario !== undefined, { message: 'settings belong to a task with its own scenario', path: ['settings'] })
  .refine((task) => task.scenario === undefined || task.solution !== undefined, { message: 'is required with scenario: the fix of this case, checked at build time', path: ['solution'] })
  .refine((task) => task.solution === undefined || task.scenario !== undefined, { message: 'a task-level solution needs the task\'s own scenario (the lab\'s solution covers the shared sandbox)', path: ['solution'] });

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
      /** A reference solution that passes every task without its own scenario (checked at build time; not shipped to the page). */
      solution: labSolutionSchema.optional(),
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
    if (lab.solution === undefined && lab.tasks.some((task) => task.scenario === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['solution'], message: 'is required: tasks without their own scenario are solved in the shared sandbox' });
    }
    // Every question has its answer in the solution that covers its task (the lab's, or a case's own), and no other.
    lab.tasks.forEach((task, index) => {
      const solution = task.scenario === undefined ? lab.solution : task.solution;
      const path = task.scenario === undefined ? ['solution', 'answers'] : ['tasks', index, 'solution', 'answers'];
      const given = solution?.answers?.[task.id] ?? {};
      const asked = new Set((task.ask ?? []).map((question) => question.id));
      for (const question of task.ask ?? []) {
        if (solution && given[question.id] === undefined) ctx.addIssue({ code: 'custom', path: [...path, task.id], message: `needs the answer to question "${question.id}" of task "${task.id}"` });
      }
      for (const id of Object.keys(given)) {
        if (!asked.has(id)) ctx.addIssue({ code: 'custom', path: [...path, task.id, id], message: `task "${task.id}" asks no question "${id}"${asked.size ? ` (its questions: ${[...asked].join(', ')})` : ''}` });
      }
    });
    const known = new Map(lab.tasks.map((task) => [task.id, task]));
    for (const id of Object.keys(lab.solution?.answers ?? {})) {
      const task = known.get(id);
      if (!task) ctx.addIssue({ code: 'custom', path: ['solution', 'answers', id], message: `no task "${id}" in this lab` });
      else if (task.scenario !== undefined) ctx.addIssue({ code: 'custom', path: ['solution', 'answers', id], message: `task "${id}" is a case with its own scenario: give its answers in its own solution` });
    }
    lab.tasks.forEach((task, index) => {
      for (const id of Object.keys(task.solution?.answers ?? {})) {
        if (id !== task.id) ctx.addIssue({ code: 'custom', path: ['tasks', index, 'solution', 'answers', id], message: `a case's solution answers its own questions only (task "${task.id}")` });
      }
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
/** What a lab's matrix spans. */
export type LabMatrix = z.infer<typeof labMatrixSchema>;
/** A lab's reference solution. */
export type LabSolution = z.infer<typeof labSolutionSchema>;
/** A case's root cause (layer, object, field). */
export type LabRootCause = z.infer<typeof labRootCauseSchema>;
/** A case's diagnosis question. */
export type LabDiagnosis = z.infer<typeof labDiagnosisSchema>;
/** A case's base expectations. */
export type LabKeep = z.infer<typeof labKeepSchema>;
/** One question of a task. */
export type LabQuestion = z.infer<typeof labQuestionSchema>;
/** A diagnosis layer. */
export type LabDiagnosisLayer = (typeof LAB_DIAGNOSIS_LAYERS)[number];

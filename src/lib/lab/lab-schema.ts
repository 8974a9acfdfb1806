/**
 * The schema of a lesson's lab file, `content/lessons/<slug>/lab.yaml`:
 * the sandbox's starting scenario, the guided tasks the simulator checks, and a
 * reference solution (never shipped to the page) that the build and the contract
 * tests check: it passes every task, while the starting scenario passes none.
 */
import { z } from 'astro/zod';
import { bool, connectionFields, kebab, list, text, typeError } from '../course/field-schemas.ts';
import { clusterSettingsSchema } from '../course/settings-schema.ts';

/** One connection a task expects to succeed or fail. */
export const labExpectationSchema = z.strictObject(
  {
    ...connectionFields,
    /** Whether the connection must succeed (true) or be blocked (false). */
    allowed: bool(),
  },
  { error: typeError('a mapping with from, to, port and allowed') },
);

/** One guided lab task. */
export const labTaskSchema = z.strictObject(
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
    expect: list(labExpectationSchema).min(1, 'needs at least one expected connection'),
  },
  { error: typeError('a mapping with id, title, goal, hint and expect') },
);

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
/** A lab's reference solution. */
export type LabSolution = z.infer<typeof labSolutionSchema>;

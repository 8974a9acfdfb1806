/**
 * The schema of a lesson's lab file, `content/lessons/<slug>/lab.yaml`:
 * the sandbox's starting scenario and the guided tasks the simulator checks.
 */
import { z } from 'astro/zod';

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** One connection a task expects to succeed or fail. */
export const labExpectationSchema = z.strictObject({
  /** Client pod, `namespace/name`. */
  from: z.string().min(1),
  /** Destination: `namespace/pod`, an IP or a DNS name. */
  to: z.string().min(1),
  /** Destination port. */
  port: z.number().int().min(1).max(65535),
  /** Transport protocol, TCP when omitted. */
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
  /** Whether the connection must succeed (true) or be blocked (false). */
  allowed: z.boolean(),
});

/** One guided lab task. */
export const labTaskSchema = z.strictObject({
  /** Stable id, kebab-case, unique in the lab. */
  id: z.string().regex(kebab, 'must be kebab-case'),
  /** Short imperative title. */
  title: z.string().min(3),
  /** Markdown: what to do and why. */
  goal: z.string().min(10),
  /** A nudge for a learner who is stuck. */
  hint: z.string().min(3),
  /** The connections that must behave as stated for the task to pass. */
  expect: z.array(labExpectationSchema).min(1),
});

/** A lesson's lab: its starting scenario and its tasks. */
export const labSchema = z
  .strictObject({
    /** Scenario file under `scenarios/` the sandbox starts from. */
    scenario: z.string().regex(kebab),
    /** The guided tasks, in order. */
    tasks: z.array(labTaskSchema).min(1),
  })
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

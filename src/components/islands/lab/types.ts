/** Props types shared by the lab's island and the page that renders it. */
import type { LabDnsCheck, LabExpectation, LabNodeCheck, LabPodCheck, LabConditionCheck, LabHttpCheck } from '../../../lib/lab/lab-schema.ts';

/** A guided task as the page passes it to the island: its data and its Markdown rendered at build time. */
export interface LabTaskView {
  /** Stable id. */
  id: string;
  /** Short imperative title. */
  title: string;
  /** The goal, as HTML. */
  goalHtml: string;
  /** The hints, as HTML: one nudge (`hint:`), or a ladder of up to 3 (`hints:`) revealed one at a time. */
  hintsHtml: string[];
  /** True for a `hints:` ladder (revealed one at a time; the last one is recorded). */
  ladder?: boolean;
  /** The connections the simulator checks. */
  expect: LabExpectation[];
  /** The pod states it checks. */
  pods: LabPodCheck[];
  /** The node states it checks. */
  nodes: LabNodeCheck[];
  /** The name lookups it checks. */
  dns: LabDnsCheck[];
  /** The HTTP requests it checks (lesson 8). */
  http?: LabHttpCheck[];
  /** The Gateway API statuses it checks (lesson 8). */
  conditions?: LabConditionCheck[];
  /** What the http then conditions checks say, in words (built at build time by lib/lab/l7-wants.ts). */
  l7Labels?: Array<{ subject: string; wants: string }>;
}

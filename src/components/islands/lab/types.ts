/** Props types shared by the lab's island and the page that renders it. */
import type { LabNetwork } from '../../../lib/lab/lab-state.ts';
import type { DiagnosisChoice } from '../../../lib/lab/cases.ts';
import type { ScenarioPatch } from '../../../lib/lab/scenario-patch.ts';
import type { LabDnsCheck, LabExpectation, LabNodeCheck, LabPodCheck, LabConditionCheck, LabHttpCheck } from '../../../lib/lab/lab-schema.ts';
import type { AnswerKeySpec } from '../../../lib/lab/answer-tasks.ts';
import type { OutputChunk } from '../../../lib/simulator/types.ts';

/** One question of a task as the page passes it: its id, its prompt as inline HTML, where its key comes from. */
export interface LabQuestionView {
  id: string;
  promptHtml: string;
  /** What the simulator computes the key from (a fact of a node's conflist), never the key. */
  key: AnswerKeySpec;
}

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
  /** The questions the learner answers (`ask:`), checked against keys computed on the current cluster. */
  ask?: LabQuestionView[];
  /** A troubleshooting case: the task starts from its own scenario (lab.yaml `scenario:` on the task). */
  case?: LabCaseView;
  /** Base expectations that must still hold (`keep:`), with the words of their http/conditions checks. */
  keep?: {
    expect: LabExpectation[];
    pods: LabPodCheck[];
    nodes: LabNodeCheck[];
    dns: LabDnsCheck[];
    http: LabHttpCheck[];
    conditions: LabConditionCheck[];
    l7Labels: Array<{ subject: string; wants: string }>;
  };
}

/** What the page passes for a case: its scenario and settings, its symptom as the simulator ran it, its diagnosis question. */
export interface LabCaseView {
  /** The case's starting manifests, as line edits of the lab's shared scenario (lib/lab/scenario-patch.ts). */
  patch: ScenarioPatch;
  /** Its cluster settings (its `settings:` over the defaults). */
  network: LabNetwork;
  /** The symptom command and what it printed on the case's scenario (computed at build time). */
  symptom?: { command: string; stdout: string; stderr: string; exitCode: number; chunks?: readonly OutputChunk[] };
  /** The root-cause question: prompt as HTML, the choices, and the answer's hash (cases.ts answerHash). */
  diagnosis?: { promptHtml: string; choices: DiagnosisChoice[]; hash: string };
}

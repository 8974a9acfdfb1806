/** The shapes of drills: a template makes an instance (a small broken cluster, a task and its checks) from a seed. */
import type { Random } from './random.ts';

/** One thing the simulator checks on the learner's cluster. `{answer}` in `to`/`url` is replaced by a name answer. */
export type DrillCheck =
  | {
      readonly kind: 'connect';
      /** What the learner reads ("checkout reaches payments on 8080"). */
      readonly label: string;
      readonly from: string;
      readonly to: string;
      readonly port: number;
      readonly want: 'allowed' | 'blocked';
      /** When allowed, the reply must come from a pod of this Service (`ns/name`). */
      readonly service?: string;
    }
  | {
      readonly kind: 'http';
      readonly label: string;
      readonly from: string;
      readonly url: string;
      readonly headers?: Readonly<Record<string, string>>;
      readonly want: number;
      /** The backend Service (`ns/name`) that must answer. */
      readonly service?: string;
    };

/** The command whose output shows the symptom (run by the simulator on the broken cluster, never written by hand). */
export type DrillSymptom =
  | { readonly kind: 'kubectl'; readonly command: string }
  | { readonly kind: 'external'; readonly client: string; readonly command: string };

/** Cluster options a drill needs (a subset of the simulator's ClusterOptions). */
export interface DrillClusterOptions {
  readonly gatewayChannel?: 'standard' | 'experimental';
}

/** One generated drill. */
export interface DrillInstance {
  readonly templateId: string;
  /** The lesson it drills (a course lesson slug). */
  readonly lesson: string;
  readonly seed: number;
  readonly title: string;
  /** The task, one or two sentences of Markdown-free text. */
  readonly task: string;
  /** What the learner answers with: edited manifests, or a name to use. */
  readonly answer: 'manifest' | 'name';
  /** The rest of the cluster (YAML), not edited. */
  readonly fixed: string;
  /** The learner's starting point: the faulty manifests (YAML), or the name in use now. */
  readonly start: string;
  /** One answer that passes, for tests and for "Show a fix". */
  readonly solution: string;
  /** The fault, in one sentence, shown after checking. */
  readonly fault: string;
  readonly options: DrillClusterOptions;
  readonly symptom: DrillSymptom;
  readonly checks: readonly DrillCheck[];
}

/** A drill template. */
export interface DrillTemplate {
  readonly id: string;
  readonly lesson: string;
  /** Short name for lists ("Service selector typo"). */
  readonly name: string;
  /** The instance for a seeded random source. */
  generate(random: Random, seed: number): DrillInstance;
}

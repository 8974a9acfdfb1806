/**
 * The words the step-through player shows around the simulator's trace: the caption of a
 * step (each fact once), the one-line summary of what connects to what (in the names the
 * client uses), and the status tracker completed for actors a branch never reaches.
 * Pure functions over trace data; the player island and its Astro wrapper use them.
 */

/** The parts of a step a caption needs. */
export interface CaptionStep {
  step: number;
  action: string;
  result: string;
}

/** Ends `text` with a full stop unless it already ends a sentence. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** A caption in three parts: where the learner is and what happened, its result, and how the connection ended. */
export interface CaptionParts {
  /** "Step 5 of 10: Source node routes to the destination node." */
  lead: string;
  /** "Sent to node-2 (172.18.0.3)." ('' when the action already says it). */
  result: string;
  /** At the last step: "The connection succeeded." or "The connection failed here."; else ''. */
  ending: string;
}

/** How a branch's outcome is worded: in the summary line (ok / failed) and at the last step (endedOk / endedFailed). */
export interface OutcomeWords {
  ok: string;
  failed: string;
  endedOk: string;
  endedFailed: string;
}

/** A connection's outcome words. */
export const CONNECTION_WORDS: OutcomeWords = { ok: 'the connection succeeds', failed: 'the connection fails', endedOk: 'The connection succeeded.', endedFailed: 'The connection failed here.' };

/** A pod lifecycle's outcome words: a created pod runs or gets stuck; a deleted pod is gone. */
export function lifecycleWords(action: 'create' | 'delete'): OutcomeWords {
  return action === 'create'
    ? { ok: 'the pod starts', failed: 'the pod does not start', endedOk: 'The pod is running.', endedFailed: 'The pod is stuck here: it waits and retries, it does not fail.' }
    : { ok: 'the pod is deleted and its address released', failed: 'the pod is not deleted', endedOk: 'The pod is gone and its address is free.', endedFailed: 'The pod is still there.' };
}

/** "Create pod-d on node-2" / "Delete pod-b" (namespace named when it is not "default"). */
export function lifecycleSummary(action: 'create' | 'delete', pod: string, node?: string): string {
  const slash = pod.indexOf('/');
  const namespace = slash < 0 ? 'default' : pod.slice(0, slash);
  const name = slash < 0 ? pod : pod.slice(slash + 1);
  const where = namespace === 'default' ? '' : ` (namespace ${namespace})`;
  return action === 'create' ? `Create ${name}${node ? ` on ${node}` : ''}${where}` : `Delete ${name}${where}`;
}

/**
 * The caption for `position` (0 = before the first step) of a branch. Why a failure happened is in the
 * failing step's details, next to the caption in the process table, so it is not repeated here.
 */
export function captionParts(steps: readonly CaptionStep[], position: number, allowed: boolean, words: OutcomeWords = CONNECTION_WORDS): CaptionParts {
  const total = steps.length;
  if (position <= 0) return { lead: `Start: nothing has happened yet. ${total} step${total === 1 ? '' : 's'} to go.`, result: '', ending: '' };
  const step = steps[Math.min(position, total) - 1]!;
  const said = squash(step.action).includes(squash(step.result));
  return {
    lead: `Step ${step.step} of ${total}: ${sentence(step.action)}`,
    result: said || squash(step.result) === '' ? '' : sentence(step.result),
    ending: position < total ? '' : allowed ? words.endedOk : words.endedFailed,
  };
}

/** The caption as one line of text. */
export function stepCaption(steps: readonly CaptionStep[], position: number, allowed: boolean): string {
  const { lead, result, ending } = captionParts(steps, position, allowed);
  return [lead, result, ending].filter(Boolean).join(' ');
}

/** A name as the client would write it: `ns/name` and `name.ns.svc.cluster.local` shortened when `ns` is the client's namespace. */
export function shortName(name: string, namespace: string): string {
  const slash = /^([^/]+)\/(.+)$/.exec(name);
  if (slash) return slash[1] === namespace ? slash[2]! : name;
  const fqdn = /^([^.]+)\.([^.]+)\.svc(?:\.cluster\.local)?\.?$/.exec(name);
  if (fqdn && fqdn[2] === namespace) return fqdn[1]!;
  return name;
}

/** "pod-a → pod-b on TCP port 8080", in the client's namespace (named when it is not "default"). */
export function connectionSummary(from: string, to: string, protocol: string, port: number): string {
  const namespace = /^([^/]+)\//.exec(from)?.[1] ?? 'default';
  const where = namespace === 'default' ? '' : ` (namespace ${namespace})`;
  const portText = protocol === 'ICMP' ? '' : ` port ${port}`;
  // A node source (`node:node-2`) is the node's own network namespace, where the kubelet runs.
  const source = from.startsWith('node:') ? `${from.slice('node:'.length)} (the node itself)` : shortName(from, namespace);
  return `${source} → ${shortName(to, namespace)} on ${protocol}${portText}${where}`;
}

/** A branch's trace as the status tracker needs it. */
export interface TrackedTrace {
  actors: string[];
  initialState: Record<string, string>;
  steps: { state: Record<string, string> }[];
}

/**
 * Completes the tracker of every branch with the actors of all branches, so a row never disappears
 * when the learner flips the scenario: an actor a branch never reaches keeps `untouched(actor)`
 * (its state before the first step) throughout. Actors are ordered as they first appear.
 */
export function completeTrackers<T extends TrackedTrace>(traces: readonly T[], untouched: (actor: string, trace: T) => string): T[] {
  const actors = [...new Set(traces.flatMap((trace) => trace.actors))];
  return traces.map((trace) => {
    const fill = Object.fromEntries(actors.filter((actor) => !trace.actors.includes(actor)).map((actor) => [actor, untouched(actor, trace)]));
    return {
      ...trace,
      actors,
      initialState: { ...fill, ...trace.initialState },
      steps: trace.steps.map((step) => ({ ...step, state: { ...fill, ...step.state } })),
    };
  });
}

/** The actors whose state changed at `position` (compared with the step before). */
export function changedActors(trace: TrackedTrace, position: number): Set<string> {
  if (position <= 0) return new Set();
  const now = trace.steps[position - 1]?.state ?? {};
  const before = position === 1 ? trace.initialState : (trace.steps[position - 2]?.state ?? {});
  return new Set(trace.actors.filter((actor) => (now[actor] ?? '') !== (before[actor] ?? '')));
}

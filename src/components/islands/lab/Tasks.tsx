/**
 * The guided tasks: each with its goal, the connections the simulator checks (expected vs actual, with the
 * simulator's reason when a check fails), its questions (AskForm.tsx), a hint behind a disclosure, and whether it
 * passes now or passed before (from the learner's progress). No state of its own.
 */
import { statusPhrase, type StateCheckResult, type TaskResult } from '../../../lib/lab/task-results.ts';
import type { LabDnsCheck, LabNodeCheck, LabPodCheck } from '../../../lib/lab/lab-schema.ts';
import type { CaseProgress } from '../../../lib/lab/case-progress.ts';
import { taskProgress } from '../../../lib/lab/case-progress.ts';
import type { CheckGroupResult } from '../../../lib/lab/task-results.ts';
import type { LabTaskView } from './types.ts';
import { Diagnosis, EvidenceLog, HintLadder, OpenCase, Symptom } from './CaseParts.tsx';
import AskForm from './AskForm.tsx';

interface Props {
  /** The tasks, with their build-time HTML. */
  tasks: LabTaskView[];
  /** Their current results, in the same order. */
  results: readonly TaskResult[];
  /** Ids of tasks the progress record says passed at some point. */
  passedBefore: readonly string[];
  /** False while the results are the starting scenario's and the learner's lab is still loading. */
  current: boolean;
  /** Whether each task passes as shown (checks, diagnosis, or the record for a case not loaded). */
  standing: ReadonlyMap<string, boolean>;
  /** Evidence logs, hints opened, diagnoses and the open case. */
  cases: CaseProgress;
  /** True when the sandbox differs from the scenario it was loaded from. */
  dirty: boolean;
  /** The case whose opening waits for the learner's confirmation (asked for by the URL before the island woke up). */
  requested?: string | undefined;
  /** Loads a case's scenario into the sandbox. */
  onOpen: (id: string) => void;
  /** The learner kept the sandbox instead of loading the requested case. */
  onCancelOpen: () => void;
  /** Opens the next hint of a task's ladder. */
  onHint: (id: string, total: number) => void;
  /** Checks a diagnosis pick. */
  onDiagnose: (id: string, key: string) => void;
  /** Checks a task's answers to its questions. */
  onAnswer: (id: string, answers: Readonly<Record<string, string>>) => void;
}

const short = (ref: string): string => (ref.startsWith('default/') ? ref.slice('default/'.length) : ref);

/** What a pod check asks for, in words ("Running, ready, IP in 10.244.1.0/29"). */
function podWants(check: LabPodCheck): string {
  if (check.exists === false) return 'must be gone';
  const parts = [check.phase, check.ready === undefined ? undefined : check.ready ? 'ready' : 'not ready', check.ip ? `IP ${check.ip}` : undefined, check.ipIn ? `IP in ${check.ipIn}` : undefined];
  return `must be ${parts.filter(Boolean).join(', ') || 'there'}`;
}

/** One pod or node check: what it asks, and what the cluster shows now. */
function StateCheck({ subject, wants, actual, current }: { subject: string; wants: string; actual: StateCheckResult | undefined; current: boolean }) {
  const ok = actual?.passed === true;
  return (
    <li class={current ? (ok ? 'lab-check lab-check-ok' : 'lab-check lab-check-bad') : 'lab-check'}>
      <span class="lab-check-mark" aria-hidden="true">
        {current ? (ok ? '✓' : '✗') : '·'}
      </span>
      <span>
        <code>{subject}</code>: <strong>{wants}</strong>
        {current && actual && (
          <>
            ; now {actual.actual}. <span class="visually-hidden">{ok ? 'This check passes.' : 'This check fails.'}</span>
          </>
        )}
      </span>
    </li>
  );
}

const nodeWants = (check: LabNodeCheck) => (check.ready ? 'must be Ready' : 'must be NotReady');

/** What a name lookup check asks for, in words ("must resolve to 10.244.1.9, in at most 1 query"). */
function dnsWants(check: LabDnsCheck): string {
  const parts = [
    check.answer ? `to ${check.answer.join(', ')}` : undefined,
    check.count !== undefined ? `to ${check.count} record${check.count === 1 ? '' : 's'}` : undefined,
    check.queries !== undefined ? `in at most ${check.queries} quer${check.queries === 1 ? 'y' : 'ies'}` : undefined,
  ].filter(Boolean);
  if (check.resolves === false) return 'must not resolve';
  return `must resolve${parts.length ? ` ${parts.join(', ')}` : ''}`;
}

/** The checks of one group (a task's own, or its keep checks) against their results. */
function Checks({ group, result, current }: { group: Pick<LabTaskView, 'expect' | 'pods' | 'nodes' | 'dns' | 'l7Labels'>; result: CheckGroupResult | undefined; current: boolean }) {
  return (
    <ul class="lab-checks" role="list">
      {group.expect.map((check, i) => {
        const actual = result?.expectations[i];
        const ok = actual?.passed === true;
        return (
          <li class={current ? (ok ? 'lab-check lab-check-ok' : 'lab-check lab-check-bad') : 'lab-check'}>
            <span class="lab-check-mark" aria-hidden="true">
              {current ? (ok ? '✓' : '✗') : '·'}
            </span>
            <span>
              <code>{short(check.from)}</code> → <code>{short(check.to)}</code> on {check.protocol}/{check.port}:{' '}
              <strong>{check.allowed ? 'must connect' : 'must be blocked'}</strong>
              {current && actual && (
                <>
                  ; now {statusPhrase(actual.status)}. <span class="visually-hidden">{ok ? 'This check passes.' : 'This check fails.'}</span>
                  {!ok && <span class="lab-reason">{actual.reason}</span>}
                </>
              )}
            </span>
          </li>
        );
      })}
      {(group.pods ?? []).map((check, i) => (
        <StateCheck subject={short(check.pod)} wants={podWants(check)} actual={result?.pods[i]} current={current} />
      ))}
      {(group.nodes ?? []).map((check, i) => (
        <StateCheck subject={check.node} wants={nodeWants(check)} actual={result?.nodes[i]} current={current} />
      ))}
      {(group.dns ?? []).map((check, i) => (
        <StateCheck subject={`${check.resolve}${check.type && check.type !== 'A' ? ` ${check.type}` : ''} from ${short(check.from)}`} wants={dnsWants(check)} actual={result?.dns[i]} current={current} />
      ))}
      {(group.l7Labels ?? []).map((label, i) => (
        <StateCheck subject={label.subject} wants={label.wants} actual={result && [...result.http, ...result.conditions][i]} current={current} />
      ))}
    </ul>
  );
}

/** The task list. */
export default function Tasks({ tasks, results, passedBefore, current, standing, cases, dirty, requested, onOpen, onCancelOpen, onHint, onDiagnose, onAnswer }: Props) {
  return (
    <ol class="lab-tasks" role="list">
      {tasks.map((task, index) => {
        const result = results.find((candidate) => candidate.id === task.id);
        const isCase = task.case !== undefined;
        const active = isCase && cases.active === task.id;
        // A case is checked only while its scenario is in the sandbox.
        const checking = current && (!isCase || active) && result !== undefined;
        const passing = current && standing.get(task.id) === true;
        const before = passedBefore.includes(task.id);
        const mine = taskProgress(cases, task.id);
        return (
          <li class={passing ? 'lab-task lab-task-passed' : 'lab-task'} id={`task-${task.id}`} data-task={task.id} data-active={active ? 'true' : undefined}>
            <h4 class="lab-task-title">
              {isCase ? 'Case' : 'Task'} {index + 1}: {task.title}{' '}
              <span class={passing ? 'lab-badge lab-badge-ok' : 'lab-badge'} data-task-status={task.id}>
                {!current ? 'Checking…' : passing ? 'Passed' : isCase && !active ? 'Not open' : 'Not yet'}
              </span>
              {before && !passing && <span class="lab-badge lab-badge-before">Passed before</span>}
            </h4>
            {task.case?.symptom && <Symptom symptom={task.case.symptom} />}
            <div class="lab-task-goal" dangerouslySetInnerHTML={{ __html: task.goalHtml }} />
            {task.case && <OpenCase taskId={task.id} title={task.title} active={active} dirty={dirty} requested={requested === task.id} onOpen={() => onOpen(task.id)} onCancel={onCancelOpen} />}
            {task.case?.diagnosis && (!isCase || active) && (
              <Diagnosis diagnosis={task.case.diagnosis} picked={mine.diagnosis} right={mine.diagnosedRight} onCheck={(key) => onDiagnose(task.id, key)} />
            )}
            {task.ask && (!isCase || active) && <AskForm questions={task.ask} results={result?.answers} checked={mine.answers} current={current && (!isCase || active)} onCheck={(answers) => onAnswer(task.id, answers)} />}
            {task.expect.length + task.pods.length + task.nodes.length + task.dns.length + (task.l7Labels?.length ?? 0) > 0 && (
              <>
                <p class="lab-checks-head">{isCase ? 'The fix is checked by the simulator:' : 'The simulator checks:'}</p>
                <Checks group={task} result={checking ? result : undefined} current={checking} />
              </>
            )}
            {task.keep && (
              <>
                <p class="lab-checks-head">And nothing else may break:</p>
                <Checks group={task.keep} result={checking ? result?.keep : undefined} current={checking} />
              </>
            )}
            {task.ladder ? (
              <HintLadder hintsHtml={task.hintsHtml} open={mine.hints} onMore={() => onHint(task.id, task.hintsHtml.length)} />
            ) : (
              <details class="lab-hint">
                <summary>Hint</summary>
                <div dangerouslySetInnerHTML={{ __html: task.hintsHtml.join('') }} />
              </details>
            )}
            <EvidenceLog evidence={mine.evidence} />
          </li>
        );
      })}
    </ol>
  );
}

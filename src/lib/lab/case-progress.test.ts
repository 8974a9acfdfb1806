import { describe, expect, it } from 'vitest';
import { addEvidence, caseProgressKey, loadCaseProgress, MAX_EVIDENCE, MAX_EVIDENCE_COMMAND, NO_CASE_PROGRESS, openHint, parseCaseProgress, pickDiagnosis, saveCaseProgress, setActive, setAnswers, taskProgress } from './case-progress.ts';
import type { LabStorage } from './persistence.ts';

const memory = (): LabStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
};

describe('case progress', () => {
  it('keeps the commands run on a task, in order, with their exit codes', () => {
    let p = addEvidence(NO_CASE_PROGRESS, 'a', 'kubectl -n shop get endpointslices', 0);
    p = addEvidence(p, 'a', '  kubectl -n shop exec frontend -- wget -qO- -T 2 backend ', 1);
    p = addEvidence(p, 'b', '   ', 0);
    expect(taskProgress(p, 'a').evidence).toEqual([
      { command: 'kubectl -n shop get endpointslices', exitCode: 0 },
      { command: 'kubectl -n shop exec frontend -- wget -qO- -T 2 backend', exitCode: 1 },
    ]);
    expect(taskProgress(p, 'b').evidence).toEqual([]);
  });

  it('caps the log and each command', () => {
    let p = NO_CASE_PROGRESS;
    for (let i = 0; i < MAX_EVIDENCE + 10; i += 1) p = addEvidence(p, 'a', `kubectl get pods # ${i}`, 0);
    const log = taskProgress(p, 'a').evidence;
    expect(log).toHaveLength(MAX_EVIDENCE);
    expect(log[0]!.command).toBe('kubectl get pods # 10');
    const long = addEvidence(NO_CASE_PROGRESS, 'a', `echo ${'x'.repeat(10_000)}\nsecond line`, 0);
    expect(taskProgress(long, 'a').evidence[0]!.command).toHaveLength(MAX_EVIDENCE_COMMAND);
    expect(taskProgress(long, 'a').evidence[0]!.command.endsWith('…')).toBe(true);
  });

  it('opens hints one at a time, never past the ladder', () => {
    let p = openHint(NO_CASE_PROGRESS, 'a', 2);
    p = openHint(openHint(p, 'a', 2), 'a', 2);
    expect(taskProgress(p, 'a').hints).toBe(2);
  });

  it('round-trips through storage, with the active case and the diagnosis', () => {
    const storage = memory();
    const p = setActive(pickDiagnosis(openHint(addEvidence(NO_CASE_PROGRESS, 'a', 'kubectl get pods', 0), 'a', 3), 'a', 'service|x|y', false), 'a');
    expect(saveCaseProgress(storage, 'lesson', p)).toBe(true);
    expect(storage.data.has(caseProgressKey('lesson'))).toBe(true);
    expect(loadCaseProgress(storage, 'lesson')).toEqual(p);
  });

  it('drops what is malformed and never throws on hostile storage', () => {
    const storage = memory();
    storage.setItem(caseProgressKey('l'), '{"active": 5, "tasks": {"a": {"evidence": [{"command": 1}, {"command": "ok", "exitCode": 0}, null], "hints": 99}, "b": "x"}}');
    expect(loadCaseProgress(storage, 'l')).toEqual({ tasks: { a: { evidence: [{ command: 'ok', exitCode: 0 }], hints: 3 } } });
    storage.setItem(caseProgressKey('l'), '{not json');
    expect(loadCaseProgress(storage, 'l')).toEqual(NO_CASE_PROGRESS);
    const throwing: LabStorage = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); }, removeItem: () => undefined };
    expect(loadCaseProgress(throwing, 'l')).toEqual(NO_CASE_PROGRESS);
    expect(saveCaseProgress(throwing, 'l', NO_CASE_PROGRESS)).toBe(false);
    expect(parseCaseProgress([1, 2])).toEqual(NO_CASE_PROGRESS);
    const huge = { tasks: { a: { evidence: Array.from({ length: 100_000 }, () => ({ command: 'x', exitCode: 0 })), hints: 0 } } };
    expect(taskProgress(parseCaseProgress(huge), 'a').evidence).toHaveLength(MAX_EVIDENCE);
  });

  it('keeps the answers last checked per task, reads them back defensively, and loads records saved before answers existed', () => {
    const p = setAnswers(addEvidence(NO_CASE_PROGRESS, 'read-the-chain', 'kubectl get nodes', 0), 'read-the-chain', { allocates: 'host-local', 'last-on-add': 'portmap' });
    expect(taskProgress(p, 'read-the-chain')).toMatchObject({ evidence: [{ command: 'kubectl get nodes', exitCode: 0 }], answers: { allocates: 'host-local', 'last-on-add': 'portmap' } });
    const storage = memory();
    saveCaseProgress(storage, 'l', p);
    expect(loadCaseProgress(storage, 'l')).toEqual(JSON.parse(JSON.stringify(p)));
    expect(parseCaseProgress({ tasks: { t: { evidence: [], hints: 0, answers: { a: 'x'.repeat(1000), b: 7, c: null } } } }).tasks.t).toEqual({ evidence: [], hints: 0, answers: { a: 'x'.repeat(MAX_EVIDENCE_COMMAND) } });
    expect(parseCaseProgress({ tasks: { t: { evidence: [], hints: 1, answers: ['host-local'] } } }).tasks.t).toEqual({ evidence: [], hints: 1 });
    expect(parseCaseProgress({ tasks: { t: { evidence: [{ command: 'kubectl get pods', exitCode: 0 }], hints: 2, diagnosis: 'k', diagnosedRight: true } } }).tasks.t).toEqual({ evidence: [{ command: 'kubectl get pods', exitCode: 0 }], hints: 2, diagnosis: 'k', diagnosedRight: true });
  });
});

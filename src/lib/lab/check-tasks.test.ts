import { describe, expect, it } from 'vitest';
import { createCluster } from '../simulator/index.ts';
import { allPassed, checkExpectation, checkTasks, statusPhrase, taskAnnouncements, type TaskResult } from './check-tasks.ts';
import { ALLOW_8080, ALLOW_ALL_PORTS, FRONTEND_EGRESS, LAB, LAB_YAML, withPolicies } from './test-fixtures.ts';

const passed = (text: string) => checkTasks(createCluster(text), LAB.tasks).map((task) => task.passed);

describe('checkTasks on the seed lesson lab', () => {
  it('fails every task in the starting scenario, with the simulator reason', () => {
    const results = checkTasks(createCluster(LAB_YAML), LAB.tasks);
    expect(results.map((r) => r.passed)).toEqual([false, false, false]);
    const first = results[0]!.expectations[0]!;
    expect(first).toMatchObject({ from: 'default/pod-a', to: 'default/pod-b', port: 8080, expected: true, actual: false, passed: false, status: 'policy-denied' });
    expect(first.reason).toContain('default-deny-ingress');
  });

  it('passes task 1 but not task 2 when the rule has no ports', () => {
    expect(passed(withPolicies(ALLOW_ALL_PORTS))).toEqual([true, false, false]);
    const task2 = checkTasks(createCluster(withPolicies(ALLOW_ALL_PORTS)), LAB.tasks)[1]!;
    expect(task2.expectations.filter((e) => !e.passed).map((e) => `${e.from}→${e.to}:${e.port}`)).toEqual(['default/pod-a→default/pod-b:9090']);
  });

  it('passes tasks 1 and 2 with the port, and all three with the egress policy', () => {
    expect(passed(withPolicies(ALLOW_8080))).toEqual([true, true, false]);
    expect(passed(withPolicies(ALLOW_8080, FRONTEND_EGRESS))).toEqual([true, true, true]);
    expect(allPassed(checkTasks(createCluster(withPolicies(ALLOW_8080, FRONTEND_EGRESS)), LAB.tasks))).toBe(true);
  });

  it('fails task 3 when DNS is not allowed (pod-a cannot resolve pod-b)', () => {
    const noDns = FRONTEND_EGRESS.slice(0, FRONTEND_EGRESS.indexOf('    - to:\n        - namespaceSelector'));
    const results = checkTasks(createCluster(withPolicies(ALLOW_8080, noDns)), LAB.tasks);
    expect(results[2]!.passed).toBe(false);
    expect(results[2]!.expectations[0]!.status).toBe('dns-timeout');
  });

  it("fails a task whose own checks pass but whose keep: checks (base expectations) no longer hold", () => {
    // Allowing all of pod-b's ports passes task 1's check but opens 9090: a keep check on 9090 catches it.
    const task = { id: 'fix', expect: [LAB.tasks[0]!.expect[0]!], keep: { expect: [{ from: 'default/pod-a', to: 'default/pod-b', port: 9090, protocol: 'TCP' as const, allowed: false }] } };
    const loose = checkTasks(createCluster(withPolicies(ALLOW_ALL_PORTS)), [task])[0]!;
    expect(loose.expectations[0]!.passed).toBe(true);
    expect(loose.keep!.expectations[0]).toMatchObject({ passed: false, actual: true, status: 'connected' });
    expect(loose.passed).toBe(false);
    const narrow = checkTasks(createCluster(withPolicies(ALLOW_8080)), [task])[0]!;
    expect(narrow.passed).toBe(true);
    expect(checkTasks(createCluster(LAB_YAML), [LAB.tasks[0]!])[0]!.keep).toBeUndefined();
  });

  it('turns a simulator failure into a failed check instead of throwing', () => {
    const cluster = createCluster(LAB_YAML);
    const broken = { ...cluster, connect: () => { throw new Error('boom'); } };
    const result = checkExpectation(broken, { from: 'default/pod-a', to: 'default/pod-b', port: 8080, protocol: 'TCP', allowed: false });
    expect(result).toMatchObject({ actual: false, passed: true, status: 'error' });
    expect(result.reason).toContain('boom');
  });
});

describe('taskAnnouncements', () => {
  const result = (id: string, ok: boolean): TaskResult => ({ id, passed: ok, expectations: [], pods: [], nodes: [], dns: [], http: [], conditions: [] });
  const titles = [{ id: 'a', title: 'Open' }, { id: 'b', title: 'Narrow' }];

  it('announces tasks that start or stop passing, and the end of the lab', () => {
    expect(taskAnnouncements(null, [result('a', true)], titles)).toEqual([]);
    expect(taskAnnouncements([result('a', false), result('b', false)], [result('a', true), result('b', false)], titles)).toEqual(['Task 1 passed: Open.']);
    expect(taskAnnouncements([result('a', true), result('b', false)], [result('a', true), result('b', true)], titles)).toEqual(['Task 2 passed: Narrow.', 'All tasks pass: the lab is done.']);
    expect(taskAnnouncements([result('a', true), result('b', true)], [result('a', false), result('b', true)], titles)).toEqual(['Task 1 no longer passes.']);
    expect(taskAnnouncements([result('a', true)], [result('a', true)], titles)).toEqual([]);
  });

  it('words every status', () => {
    for (const status of ['connected', 'policy-denied', 'refused', 'timeout', 'nxdomain', 'dns-timeout', 'error'] as const) expect(statusPhrase(status)).not.toBe('');
  });
});

/**
 * A task's questions (`ask:`) in lab.yaml: a bad field fails the build naming the file and the field, the solution
 * must answer every question (and no other), and a key the simulator cannot compute on the lab's starting scenario
 * (no such node, a node whose /etc/cni/net.d is empty) fails the lesson contract with the reason. The solution's
 * answers make the task pass; without them (the starting scenario) it does not.
 */
import { describe, expect, it } from 'vitest';
import { SIMULATION_CHECKS, simulateLesson } from '../course/contract-simulation.ts';
import { readLessonFolder } from '../course/lesson-folder.ts';
import { TWO_NODE_PODS_YAML } from '../simulator/fixtures.ts';

const DIR = 'content/lessons/chain';

const lab = ({ ask = '      - { id: ipam, prompt: "Which plugin allocates addresses?", key: { conflist: { node: node-2, of: ipam-plugin } } }\n', answers = '    read-chain: { ipam: host-local }\n', settings = '' } = {}) => `scenario: p2p
${settings}tasks:
  - id: read-chain
    title: Read the chain
    goal: Read node-2's conflist in a node shell.
    hint: Look in /etc/cni/net.d.
    ask:
${ask}solution:
  answers:
${answers}`;

/** The lesson folder's lab.yaml problems (schema) and, when it parses, its contract problems (simulator). */
function problems(labYaml: string): string[] {
  const read = readLessonFolder(DIR, { 'scenarios/p2p.yaml': TWO_NODE_PODS_YAML, 'lab.yaml': labYaml });
  const schema = read.problems.filter((p) => p.includes('lab.yaml'));
  return schema.length > 0 ? schema : SIMULATION_CHECKS.lab(read.source, simulateLesson(read.source));
}

describe('lab.yaml ask:', () => {
  it('a question answered right by the solution is sound: the solution passes it, the starting scenario does not', () => {
    expect(problems(lab())).toEqual([]);
  });

  it('a wrong answer in the solution fails the contract, naming the task and the question', () => {
    expect(problems(lab({ answers: '    read-chain: { ipam: bridge }\n' }))).toEqual([`${DIR}/lab.yaml: solution: task "read-chain" (tasks[0]) does not pass with it: question "ipam" is answered wrong.`]);
  });

  it('a key the simulator cannot compute on the starting scenario fails the contract with the reason', () => {
    expect(problems(lab({ ask: '      - { id: ipam, prompt: "Which plugin allocates addresses?", key: { conflist: { node: node-9, of: ipam-plugin } } }\n' }))).toEqual([
      `${DIR}/lab.yaml: tasks[0].ask[0].key: the simulator cannot compute the answer to "ipam" on the starting scenario (p2p): no node "node-9" in this cluster (nodes: node-1, node-2).`,
    ]);
    expect(problems(lab({ settings: 'settings:\n  cni:\n    nodes:\n      node-2: { confFiles: {} }\n' }))).toEqual([
      `${DIR}/lab.yaml: tasks[0].ask[0].key: the simulator cannot compute the answer to "ipam" on the starting scenario (p2p): containerd on node-2 loads no network (no network config found in /etc/cni/net.d: cni plugin not initialized).`,
    ]);
  });

  it('a bad question fails the build naming lab.yaml and the field', () => {
    expect(problems(lab({ ask: '      - { id: ipam, prompt: "Which plugin allocates addresses?", key: { conflist: { node: node-2, of: ipam } } }\n' }))).toEqual([
      `${DIR}/lab.yaml: tasks[0].ask[0].key.conflist.of: must be one of: ipam-plugin, first-on-add, last-on-add, first-on-del, last-on-del, cni-version, subnet`,
    ]);
    expect(problems(lab({ ask: '      - { id: ipam, prompt: "Which plugin allocates addresses?", key: { node: node-2, of: ipam-plugin } }\n' }))).toEqual([
      `${DIR}/lab.yaml: tasks[0].ask[0].key.conflist: is required`,
      `${DIR}/lab.yaml: tasks[0].ask[0].key: unknown fields "node", "of" (check the spelling)`,
    ]);
    const question = (id: string) => `      - { id: ${id}, prompt: "Which plugin runs last on ADD?", key: { conflist: { node: node-2, of: last-on-add } } }\n`;
    expect(problems(lab({ ask: question('last') + question('last'), answers: '    read-chain: { last: portmap }\n' }))).toEqual([`${DIR}/lab.yaml: tasks[0].ask[1].id: duplicate question id "last"`]);
    expect(problems(lab({ ask: ['a', 'b', 'c', 'd'].map(question).join(''), answers: '    read-chain: { a: portmap, b: portmap, c: portmap, d: portmap }\n' }))).toEqual([`${DIR}/lab.yaml: tasks[0].ask: at most 3 questions`]);
  });

  it('the solution answers every question of every task, and only questions that are asked', () => {
    expect(problems(lab({ answers: '    read-chain: {}\n' }))).toEqual([`${DIR}/lab.yaml: solution.answers.read-chain: needs the answer to question "ipam" of task "read-chain"`]);
    expect(problems(lab({ answers: '    read-chain: { ipam: host-local, last: portmap }\n' }))).toEqual([`${DIR}/lab.yaml: solution.answers.read-chain.last: task "read-chain" asks no question "last" (its questions: ipam)`]);
    expect(problems(lab({ answers: '    read-chain: { ipam: host-local }\n    read-chan: { ipam: host-local }\n' }))).toEqual([`${DIR}/lab.yaml: solution.answers.read-chan: no task "read-chan" in this lab`]);
  });
});

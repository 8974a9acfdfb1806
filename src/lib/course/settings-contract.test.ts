/** The lesson contract with cluster settings: traces run on the scenario's settings; a lab can be fixed by node commands. */
import { describe, expect, it } from 'vitest';
import { SIMULATION_CHECKS, simulateLesson } from './contract-simulation.ts';
import { checkLessonContract } from './contract.ts';
import { readLessonFolder } from './lesson-folder.ts';
import { MODE_SLUGS } from './modes.ts';

const SCENARIO = `apiVersion: v1
kind: Node
metadata: {name: node-1}
spec: {podCIDR: 10.244.0.0/24}
---
apiVersion: v1
kind: Node
metadata: {name: node-2}
spec: {podCIDR: 10.244.1.0/24}
---
apiVersion: v1
kind: Pod
metadata: {name: pod-a}
spec: {nodeName: node-1, containers: [{name: c, image: busybox:1.36, command: [sleep, "86400"]}]}
status: {podIP: 10.244.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: pod-b}
spec: {nodeName: node-2, containers: [{name: web, image: nginxinc/nginx-unprivileged:1.27}]}
status: {podIP: 10.244.1.5}
`;

const lessonYaml = (settings: string) => `title: A datapath lesson
summary: Pods reach pods across nodes.
order: 4
difficulty: beginner
tags: [routing]
minutes: {${MODE_SLUGS.map((m) => `${m}: 5`).join(', ')}}
snapshot: [one fact, two facts, three facts, four facts, five facts]
transcript: ${'A pod sends a packet to another pod on another node, and the nodes route it. '.repeat(4)}
traces:
  broken: {scenario: p2p, from: default/pod-a, to: 10.244.1.5, port: 8080}
  vxlan: {scenario: p2p-vxlan, from: default/pod-a, to: 10.244.1.5, port: 8080, nodeRows: true}
${settings}`;

const lab = (solution: string) => `scenario: p2p
settings:
  routes:
    - {node: node-1, delete: 10.244.1.0/24}
tasks:
  - id: fix-route
    title: Put the route back
    goal: Make pod-a reach pod-b again.
    hint: Look at node-1's routes.
    expect:
      - {from: default/pod-a, to: default/pod-b, port: 8080, allowed: true}
solution:
${solution}
`;

/** A lesson folder with only the files under test (the problems about the missing mode pages are left out). */
const folder = (files: Record<string, string>) => {
  const read = readLessonFolder('content/lessons/datapath', { 'scenarios/p2p.yaml': SCENARIO, 'scenarios/p2p-vxlan.yaml': SCENARIO, ...files });
  return { source: read.source, problems: read.problems.filter((p) => !p.includes('file missing')) };
};

describe('cluster settings in the lesson contract', () => {
  it('traces run with their scenario\'s settings', () => {
    const { source, problems } = folder({ 'lesson.yaml': lessonYaml('settings:\n  p2p: {routes: [{node: node-1, delete: 10.244.1.0/24}]}\n  p2p-vxlan: {datapath: vxlan}\n') });
    expect(problems).toEqual([]);
    const simulation = simulateLesson(source);
    expect(simulation.trace('broken').status).toBe('timeout');
    expect(simulation.trace('vxlan').steps.some((s) => s.packet?.outer?.dstPort === 8472)).toBe(true);
    // nodeRows: true puts the nodes and the wire in the tracker; without it the tracker keeps to the pods.
    expect(simulation.trace('vxlan').actors).toEqual(['pod-a', 'Network policy', 'node-1', 'wire', 'node-2', 'pod-b', 'Packet', 'Outer packet']);
    expect(simulation.trace('broken').actors).toEqual(['pod-a', 'Network policy', 'pod-b']);
  });
  it('a settings typo, an unknown node and a settings key without a scenario are build errors naming lesson.yaml', () => {
    expect(folder({ 'lesson.yaml': lessonYaml('settings:\n  p2p: {datapth: vxlan}\n') }).problems).toEqual(['content/lessons/datapath/lesson.yaml: settings.p2p: unknown field "datapth" (check the spelling)']);
    const unknownNode = folder({ 'lesson.yaml': lessonYaml('settings:\n  p2p: {routes: [{node: node-3, delete: 10.244.1.0/24}]}\n') }).source;
    expect(SIMULATION_CHECKS.scenarios(unknownNode, simulateLesson(unknownNode))).toEqual(['content/lessons/datapath/lesson.yaml: settings.p2p.routes[0].node: no node "node-3" in this cluster (nodes: node-1, node-2).']);
    const stray = folder({ 'lesson.yaml': lessonYaml('settings:\n  p2p-vxlna: {datapath: vxlan}\n') }).source;
    expect(checkLessonContract(stray).filter((p) => p.includes('settings.'))).toEqual([expect.stringMatching(/^content\/lessons\/datapath\/lesson\.yaml: settings\.p2p-vxlna: no file scenarios\/p2p-vxlna\.yaml in the lesson folder/)]);
  });
  it('a lab starts with its settings and is solved by the commands of its solution', () => {
    const good = folder({ 'lab.yaml': lab('  commands:\n    - kubectl debug node/node-1 -it --image=busybox:1.36 --profile=netadmin -- ip route add 10.244.1.0/24 via 172.18.0.3\n') });
    expect(good.problems).toEqual([]);
    expect(SIMULATION_CHECKS.lab(good.source, simulateLesson(good.source))).toEqual([]);
    // Without NET_ADMIN the command changes nothing, so the task still fails.
    const weak = folder({ 'lab.yaml': lab('  commands:\n    - kubectl debug node/node-1 -it --image=busybox:1.36 --profile=general -- ip route add 10.244.1.0/24 via 172.18.0.3\n') });
    expect(SIMULATION_CHECKS.lab(weak.source, simulateLesson(weak.source))).toEqual([expect.stringContaining('lab.yaml: solution: task "fix-route" (tasks[0]) does not pass with it')]);
    const typo = folder({ 'lab.yaml': lab('  commands:\n    - kubectl debg node/node-1\n') });
    expect(SIMULATION_CHECKS.lab(typo.source, simulateLesson(typo.source))).toEqual([expect.stringContaining('lab.yaml: solution.commands[0]: "kubectl debg node/node-1" failed (exit 1): error: unknown command "debg" for "kubectl"')]);
  });
});

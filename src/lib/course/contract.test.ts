/**
 * The contract checker itself: each mistake an author can make in a lesson folder is reported with the
 * file, the line or field, and what to do. Table-driven over the e2e fixture lesson (a stable copy, so
 * editing the course's lessons changes nothing here), each row breaking one thing.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readLessonFolders } from './content-files.ts';
import { checkLessonContract, didYouMean } from './contract.ts';
import { checkLessonSimulation, commandMistake } from './contract-simulation.ts';
import { readLessonFolder } from './lesson-folder.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = readLessonFolders(repo, 'e2e/fixtures/content').find((folder) => folder.slug === 'fixture-lesson')!;
const DIR = 'e2e/fixtures/content/lessons/fixture-lesson';

/** Every problem the build would report for the fixture with `edit` applied to its files. */
function problemsWith(edit: (files: Record<string, string>) => void): string[] {
  const files = { ...fixture.files };
  edit(files);
  const { source, problems } = readLessonFolder(fixture.dir, files);
  return [...problems, ...checkLessonContract(source), ...checkLessonSimulation(source)];
}

/** Replaces `from` (which must occur) in one file. */
const replace = (file: string, from: string | RegExp, to: string) => (files: Record<string, string>) => {
  const text = files[file]!;
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fixture ${file} has no ${String(from)}`);
  files[file] = next;
};

const lineOf = (file: string, needle: string) => fixture.files[file]!.slice(0, fixture.files[file]!.indexOf(needle)).split('\n').length;

describe('the fixture lesson', () => {
  it('is sound (so each row below breaks exactly one thing)', () => {
    expect(problemsWith(() => {})).toEqual([]);
  });
});

describe('a mistake fails with the file and the field', () => {
  it.each<[string, (files: Record<string, string>) => void, string[]]>([
    [
      "a typo in the page's set name",
      replace('review.mdx', '<Questions set="quick-check" />', '<Questions set="quick-chek" />'),
      [
        `${DIR}/review.mdx:${lineOf('review.mdx', '<Questions set="quick-check"')}: <Questions set="quick-chek">: questions.yaml has no set "quick-chek" (did you mean "quick-check"?)`,
        `${DIR}/review.mdx: <Questions set="quick-check" />: missing; Review is done when "Pass the quick check", so the page must show that set.`,
        `${DIR}/questions.yaml: question "qc-default-open" (#7): set: "quick-check" is not shown on any page`,
      ],
    ],
    [
      'the same typo in the page and every question (the mode could never be finished)',
      (files) => {
        replace('review.mdx', '<Questions set="quick-check" />', '<Questions set="quickcheck" />')(files);
        files['questions.yaml'] = files['questions.yaml']!.replaceAll('set: quick-check', 'set: quickcheck');
      },
      [`${DIR}/questions.yaml: set "quick-check": no question has this set; Review is done when "Pass the quick check", which needs at least one question with \`set: quick-check\`.`],
    ],
    [
      "a typo in one question's set",
      replace('questions.yaml', /(- id: qc-wide\n(?:.*\n)*?\s+set: )quick-check/, '$1quick-chek'),
      [`${DIR}/questions.yaml: question "qc-wide" (#8): set: "quick-chek" is not shown on any page (did you mean "quick-check"?)`],
    ],
    [
      'a Visualize page without its visual quiz',
      replace('visualize.mdx', '<Questions set="visual-quiz" />', ''),
      [`${DIR}/visualize.mdx: <Questions set="visual-quiz" />: missing; Visualize is done when "Pass the visual quiz"`],
    ],
    [
      "a mode's completion set shown on another mode's page",
      replace('try.mdx', '<Questions set="try" />', '<Questions set="try" />\n\n<Questions set="challenge" />'),
      ['<Questions set="challenge">: the set "challenge" finishes the challenge mode; show it on challenge.mdx, not here.'],
    ],
    ['a lab without tasks', replace('lab.yaml', /^tasks:\n[\s\S]*?(?=^# The reference solution)/m, 'tasks: []\n'), [`${DIR}/lab.yaml: tasks: needs at least one task`]],
    ['a lab without a solution', replace('lab.yaml', /^# The reference solution[\s\S]*$/m, ''), [`${DIR}/lab.yaml: solution: is required`]],
    [
      'a solution that does not solve the lab',
      replace('lab.yaml', /          port: 8080\n(?=    ---)/, '          port: 9090\n'),
      [`${DIR}/lab.yaml: solution: task "allow-frontend" (tasks[0]) does not pass with it: default/pod-a → default/pod-b TCP/8080 should be allowed but is blocked by a NetworkPolicy`],
    ],
    [
      'a task that already passes at the start',
      replace('lab.yaml', /expect:\n      - \{ from: default\/pod-a, to: default\/pod-b, port: 8080, protocol: TCP, allowed: true \}\n/, 'expect:\n'),
      [`${DIR}/lab.yaml: tasks[0]: task "allow-frontend" already passes in the starting scenario (lab)`],
    ],
    [
      'a StepLink naming a trace that does not exist',
      replace('visualize.mdx', '<StepLink trace="deny" phase="policy" />', '<StepLink trace="dney" phase="policy" />'),
      ['<StepLink trace="dney">: lesson.yaml has no trace "dney" (did you mean "deny"?)'],
    ],
    [
      'a StepLink naming a phase its trace does not have',
      replace('visualize.mdx', '<StepLink trace="deny" phase="policy" />', '<StepLink trace="deny" phase="service" />'),
      ['<StepLink>: trace "deny" has no step in phase "service"'],
    ],
    [
      'a CommandCard on a scenario that does not exist',
      replace('learn.mdx', '<CommandCard scenario="allow" command="kubectl get svc"', '<CommandCard scenario="alow" command="kubectl get svc"'),
      ['<CommandCard scenario="alow">: no file scenarios/alow.yaml (did you mean "allow"?)'],
    ],
    [
      'a CommandCard command with a typo',
      replace('learn.mdx', 'command="kubectl get svc"', 'command="kubectl get scv"'),
      ['<CommandCard>: "kubectl get scv" on the allow scenario: error: the server doesn\'t have a resource type "scv"'],
    ],
    [
      'a command exec-ing into a pod that does not exist',
      replace('learn.mdx', 'command="kubectl exec pod-a -- nslookup pod-b"', 'command="kubectl exec pod-z -- nslookup pod-b"'),
      ['"kubectl exec pod-z -- nslookup pod-b" on the allow scenario: Error from server (NotFound): pods "pod-z" not found'],
    ],
    [
      'a link from the site root (breaks under BASE)',
      replace('learn.mdx', /\n## /, '\nSee [the lab](/lessons/fixture-lesson/lab/).\n\n## '),
      ['link "/lessons/fixture-lesson/lab/" starts at the site root and breaks under a base path (BASE)'],
    ],
    ['a Listen page without the read-along', replace('listen.mdx', '<ReadAlong />', ''), [`${DIR}/listen.mdx: <ReadAlong />: missing; Listen is done when`]],
    ['a missing mode page', (files) => void delete files['try.mdx'], [`${DIR}/try.mdx: file missing: every lesson has all nine modes`]],
    ['a page for an unknown mode', (files) => void (files['quiz.mdx'] = files['try.mdx']!), [`${DIR}/quiz.mdx: unknown mode "quiz"`]],
    ['an invalid difficulty', replace('lesson.yaml', 'difficulty: beginner', 'difficulty: expert'), [`${DIR}/lesson.yaml: difficulty: must be one of: beginner, intermediate, advanced`]],
    ['a lesson.yaml YAML syntax error', replace('lesson.yaml', 'order: 1', 'order: [1'), [`${DIR}/lesson.yaml: invalid YAML at line`]],
    ['a trace on a protocol Kubernetes does not have', replace('lesson.yaml', 'port: 8080, protocol: TCP }', 'port: 8080, protocol: HTTP }'), [`${DIR}/lesson.yaml: traces.allow.protocol: must be one of: TCP, UDP, SCTP`]],
    [
      'a narration cue whose phrase is not in the transcript',
      replace('lesson.yaml', 'at: "Next come the rules"', 'at: "Then come the rules"'),
      [`${DIR}/lesson.yaml: narration[2].at: the phrase "Then come the rules" is not in the transcript`],
    ],
    [
      'a narration cue naming a phase its trace does not have',
      replace('lesson.yaml', 'trace: allow, phase: routing', 'trace: allow, phase: service'),
      [`${DIR}/lesson.yaml: narration[4].phase: trace "allow" has no service step.`],
    ],
    ['a lifecycle trace with an unknown action', replace('lesson.yaml', 'action: delete, pod: pod-b', 'action: restart, pod: pod-b'), [`${DIR}/lesson.yaml: traces.pod-delete.action: must be one of: create, delete`]],
    [
      'a create trace for a pod the scenario already has',
      replace('lesson.yaml', 'action: create, pod: pod-d, node: node-2 }\n  ipam', 'action: create, pod: pod-b, node: node-2 }\n  ipam'),
      [`${DIR}/lesson.yaml: traces.pod-create: the simulator could not run it: pod default/pod-b already exists in the scenario; a create trace needs a pod the scenario does not have`],
    ],
    ['a delete trace for a pod the scenario lacks', replace('lesson.yaml', 'action: delete, pod: pod-b', 'action: delete, pod: pod-z'), [`${DIR}/lesson.yaml: traces.pod-delete: the simulator could not run it: pod default/pod-z is not in the scenario`]],
    ['a scenario that does not build', replace('scenarios/allow.yaml', 'kind: Pod', 'kind: Pood'), [`${DIR}/scenarios/allow.yaml:`]],
    [
      'a simulator question on a missing scenario',
      replace('questions.yaml', /(kind: simulator\n(?:.*\n)*?\s+scenario: )\S+/, '$1nowhere'),
      ['scenario: no file scenarios/nowhere.yaml'],
    ],
    ['Flashcards on a page with no cards', (files) => void delete files['flashcards.yaml'], ['<Flashcards>: e2e/fixtures/content/lessons/fixture-lesson/flashcards.yaml has no cards (or is missing).']],
  ])('%s', (_label, edit, expected) => {
    const problems = problemsWith(edit).join('\n');
    for (const line of expected) expect(problems).toContain(line);
  });
});

describe('helpers', () => {
  it.each([
    ['quick-chek', ['quick-check', 'explain'], ' (did you mean "quick-check"?)'],
    ['visual', ['quick-check', 'explain'], ''],
  ])('didYouMean(%s)', (name, known, expected) => {
    expect(didYouMean(name, known)).toBe(expected);
  });

  it('takes an unknown command, flag or resource type, and a missing exec target, for a mistake; other errors are content', () => {
    expect(commandMistake('kubectl foo', { stdout: '', stderr: 'error: unknown command "foo" for "kubectl"\n' })).toBe('error: unknown command "foo" for "kubectl"');
    expect(commandMistake('kubectl exec x -- ls', { stdout: '', stderr: 'Error from server (NotFound): pods "x" not found\n' })).toContain('NotFound');
    expect(commandMistake('kubectl get pod x', { stdout: '', stderr: 'Error from server (NotFound): pods "x" not found\n' })).toBeUndefined();
    expect(commandMistake('kubectl exec pod-a -- ping -c 1 pod-b', { stdout: '1 packets transmitted, 0 packets received', stderr: 'command terminated with exit code 1\n' })).toBeUndefined();
  });
});

/**
 * The lesson contract: what a lesson folder must hold so that every mode can be finished and every
 * reference on its pages resolves. Each mode's "done when" rule is declared once in `modes.ts`; this
 * module says what each kind of rule needs of a lesson and checks it, with one problem per line naming
 * the file (and line or field). Static checks only (no simulator): `contract-simulation.ts` adds those.
 */
import { MODES, completionSet, type CompletionRule, type ModeInfo, type ModeSlug } from './modes.ts';
import { TRACE_PHASES } from './lesson-schema.ts';
import type { LessonPage, LessonSource } from './lesson-folder.ts';
import { stringAttribute, stringListAttribute, type ComponentUsage } from './mdx-usage.ts';

/** Edit distance between two short strings (for "did you mean"). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** ` (did you mean "x"?)` when a known name is close to `name`, else ''. */
export function didYouMean(name: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

const list = (names: Iterable<string>): string => {
  const all = [...names];
  return all.length === 0 ? 'none' : all.map((name) => `"${name}"`).join(', ');
};

/** Where a usage is, for messages: `content/lessons/x/review.mdx:50: <Questions set="quick-check">`. */
function at(page: LessonPage, usage: ComponentUsage, attribute?: string): string {
  const shown = attribute === undefined ? '' : ` ${attribute}="${String(usage.attributes[attribute] ?? '')}"`;
  return `${page.file}:${usage.line}: <${usage.name}${shown}>`;
}

/** The components a mode's page must show for its rule to be reachable, and what else the lesson must hold. */
function ruleProblems(source: LessonSource, info: ModeInfo, rule: CompletionRule): string[] {
  const page = source.pages[info.slug];
  const uses = (name: string) => page?.usages.filter((usage) => usage.name === name) ?? [];
  const why = `${info.name} is done when "${info.doneWhen.replace(/\.$/, '')}"`;
  switch (rule.kind) {
    case 'read-to-end':
      return [];
    case 'question-set': {
      const problems: string[] = [];
      if (!source.questions.some((question) => question.set === rule.set)) {
        problems.push(
          source.has.questions
            ? `${source.dir}/questions.yaml: set "${rule.set}": no question has this set; ${why}, which needs at least one question with \`set: ${rule.set}\`.`
            : `${source.dir}/questions.yaml: file missing; ${why}, which needs questions with \`set: ${rule.set}\`.`,
        );
      }
      if (page && !uses('Questions').some((usage) => stringAttribute(usage, 'set') === rule.set)) {
        problems.push(`${page.file}: <Questions set="${rule.set}" />: missing; ${why}, so the page must show that set.`);
      }
      return problems;
    }
    case 'narration-end':
      return page && uses('ReadAlong').length === 0 ? [`${page.file}: <ReadAlong />: missing; ${why}, so the page must hold the read-along.`] : [];
    case 'lab-tasks': {
      const problems: string[] = [];
      if (!source.has.lab) problems.push(`${source.dir}/lab.yaml: file missing; ${why}, which needs lab.yaml with its tasks and solution.`);
      if (page && uses('Lab').length === 0) problems.push(`${page.file}: <Lab />: missing; ${why}, so the page must hold the lab.`);
      return problems;
    }
  }
}

/** The mode whose completion set is `set`, if any. */
function modeFinishedBy(set: string): ModeSlug | undefined {
  return MODES.find((info) => completionSet(info.slug)?.set === set)?.slug;
}

/** Problems with what the pages reference: question sets, scenarios, traces, phases, flashcards and links. */
function referenceProblems(source: LessonSource): string[] {
  const problems: string[] = [];
  const sets = new Set(source.questions.map((question) => question.set));
  const scenarios = Object.keys(source.scenarios);
  const traces = Object.keys(source.meta?.traces ?? {});
  const shownSets = new Set<string>();

  for (const [mode, page] of Object.entries(source.pages) as [ModeSlug, LessonPage][]) {
    for (const usage of page.usages) {
      switch (usage.name) {
        case 'Questions': {
          const set = stringAttribute(usage, 'set');
          if (set === undefined) {
            problems.push(`${at(page, usage)}: set: missing; name a set of questions.yaml (${list(sets)}).`);
            break;
          }
          shownSets.add(set);
          if (!sets.has(set)) problems.push(`${at(page, usage, 'set')}: questions.yaml has no set "${set}"${didYouMean(set, sets)}; sets: ${list(sets)}.`);
          const owner = modeFinishedBy(set);
          if (owner !== undefined && owner !== mode) {
            problems.push(`${at(page, usage, 'set')}: the set "${set}" finishes the ${owner} mode; show it on ${owner}.mdx, not here.`);
          }
          break;
        }
        case 'CommandCard':
        case 'Terminal': {
          const scenario = stringAttribute(usage, 'scenario');
          if (scenario === undefined) problems.push(`${at(page, usage)}: scenario: missing; name a file under scenarios/ (${list(scenarios)}).`);
          else if (!scenarios.includes(scenario)) {
            problems.push(`${at(page, usage, 'scenario')}: no file scenarios/${scenario}.yaml${didYouMean(scenario, scenarios)}; scenarios: ${list(scenarios)}.`);
          }
          if (usage.name === 'CommandCard' && stringAttribute(usage, 'command') === undefined) problems.push(`${at(page, usage)}: command: missing.`);
          if (usage.name === 'Terminal' && usage.attributes['commands'] !== undefined && stringListAttribute(usage, 'commands') === undefined) {
            problems.push(`${at(page, usage)}: commands: must be a list of strings, e.g. commands={["kubectl get pods"]}.`);
          }
          break;
        }
        case 'StepLink': {
          if (!source.meta) break; // lesson.yaml is missing or invalid: reported on its own
          const trace = stringAttribute(usage, 'trace');
          const phase = stringAttribute(usage, 'phase');
          if (trace === undefined || !traces.includes(trace)) {
            problems.push(`${at(page, usage, 'trace')}: lesson.yaml has no trace "${trace ?? ''}"${didYouMean(trace ?? '', traces)}; traces: ${list(traces)}.`);
          }
          if (phase === undefined || !(TRACE_PHASES as readonly string[]).includes(phase)) {
            problems.push(`${at(page, usage, 'phase')}: phase must be one of ${list(TRACE_PHASES)}.`);
          }
          const which = usage.attributes['which'];
          if (which !== undefined && which !== 'first' && which !== 'last') problems.push(`${at(page, usage, 'which')}: which must be "first" or "last".`);
          break;
        }
        case 'StepPlayer': {
          if (!source.meta) break; // lesson.yaml is missing or invalid: reported on its own
          const names = stringListAttribute(usage, 'traces');
          if (!names || names.length === 0) problems.push(`${at(page, usage)}: traces: must list trace names of lesson.yaml, e.g. traces={["allow"]}.`);
          for (const name of names ?? []) {
            if (!traces.includes(name)) problems.push(`${at(page, usage)}: traces: lesson.yaml has no trace "${name}"${didYouMean(name, traces)}; traces: ${list(traces)}.`);
          }
          break;
        }
        case 'Flashcards':
          if (source.flashcards.length === 0) problems.push(`${at(page, usage)}: ${source.dir}/flashcards.yaml has no cards (or is missing).`);
          break;
        default:
          break;
      }
    }
    // Root-absolute links break when the site is hosted under a base path (GitHub Pages project sites).
    const lines = page.text.split('\n');
    lines.forEach((line, index) => {
      for (const match of line.matchAll(/\]\((\/[^)\s]*)\)|\shref="(\/[^"]*)"/g)) {
        const target = match[1] ?? match[2] ?? '';
        if (target.startsWith('//')) continue;
        problems.push(`${page.file}:${index + 1}: link "${target}" starts at the site root and breaks under a base path (BASE); write it relative, e.g. "../${target.replace(/^\/(lessons\/)?/, '')}".`);
      }
    });
  }

  source.questions.forEach((question, index) => {
    if (!shownSets.has(question.set)) {
      problems.push(
        `${source.dir}/questions.yaml: question "${question.id}" (#${index + 1}): set: "${question.set}" is not shown on any page${didYouMean(question.set, [...shownSets])}; pages show ${list(shownSets)}.`,
      );
    }
    if ((question.kind === 'pick-output' || question.kind === 'simulator') && !scenarios.includes(question.scenario)) {
      problems.push(
        `${source.dir}/questions.yaml: question "${question.id}" (#${index + 1}): scenario: no file scenarios/${question.scenario}.yaml${didYouMean(question.scenario, scenarios)}.`,
      );
    }
  });

  if (source.lab && !scenarios.includes(source.lab.scenario)) {
    problems.push(`${source.dir}/lab.yaml: scenario: no file scenarios/${source.lab.scenario}.yaml${didYouMean(source.lab.scenario, scenarios)}.`);
  }  source.lab?.tasks.forEach((task, index) => {
    if (task.scenario !== undefined && !scenarios.includes(task.scenario)) {
      problems.push(`${source.dir}/lab.yaml: tasks[${index}].scenario: no file scenarios/${task.scenario}.yaml${didYouMean(task.scenario, scenarios)}.`);
    }
  });

  source.meta?.narration.forEach((cue, index) => {
    if (!traces.includes(cue.trace)) problems.push(`${source.dir}/lesson.yaml: narration[${index}].trace: no trace "${cue.trace}" under traces${didYouMean(cue.trace, traces)}.`);
  });
  for (const name of Object.keys(source.meta?.settings ?? {})) {
    if (!scenarios.includes(name)) problems.push(`${source.dir}/lesson.yaml: settings.${name}: no file scenarios/${name}.yaml in the lesson folder${didYouMean(name, scenarios)}.`);
  }
  for (const [name, trace] of Object.entries(source.meta?.traces ?? {})) {
    if (!scenarios.includes(trace.scenario)) {
      problems.push(`${source.dir}/lesson.yaml: traces.${name}.scenario: no file scenarios/${trace.scenario}.yaml in the lesson folder${didYouMean(trace.scenario, scenarios)}.`);
    }
  }
  return problems;
}

/** Every problem of one lesson against the contract (rules of the nine modes and page references). */
export function checkLessonContract(source: LessonSource): string[] {
  return [...MODES.flatMap((info) => ruleProblems(source, info, info.done)), ...referenceProblems(source)];
}

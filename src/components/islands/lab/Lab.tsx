/**
 * The Lab: a sandbox on the lesson's cluster. Guided tasks, a manifest editor, the reachability matrix, the
 * topology and a kubectl terminal, all driven by the simulator.
 *
 * Loading: the page's HTML already shows everything for the starting scenario (computed at build time and
 * passed as `snapshot`). On hydration the island restores the learner's lab (a `#lab=` share link first,
 * then localStorage), opens the case a `#case=<id>` fragment asks for (an "Open this case" link clicked before
 * hydration, a reload, a share link made with a case open), then fetches the simulator and YAML parser (`engine.ts`) and, after it, CodeMirror.
 * Until then the editor is a plain textarea and the views say they are catching up.
 *
 * State: the lab state (the manifests text, matrix port and protocol: the one source of truth, saved on
 * every change under `knet:lab:<lesson>`); the view computed from it (snapshot, current error, whether the
 * cluster shown is the last valid one); notices; the share link; the reset confirmation; announcements.
 * Every edit is evaluated synchronously in the event handler (incremental parse + reachability, a few ms
 * for 30 pods) so the matrix repaints in the same frame; the time is written to `data-update-ms`.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { progress } from '../../../client/progress.ts';
import { taskAnnouncements, type TaskResult } from '../../../lib/lab/task-results.ts';
import { addEvidence, loadCaseProgress, NO_CASE_PROGRESS, openHint, pickDiagnosis, saveCaseProgress, setActive, setAnswers, taskProgress, type CaseProgress } from '../../../lib/lab/case-progress.ts';
import { withAnswers } from '../../../lib/lab/answer-form.ts';
import { caseStatus, checkedTaskIds, isRightDiagnosis, labDone, labScore, taskStanding } from '../../../lib/lab/cases.ts';
import type { Evaluator, LabError } from '../../../lib/lab/evaluate.ts';
import { DEFAULT_LAB_NETWORK, labState, sameLabState, withLabSettings, type LabNetwork, type LabState, type MatrixPort, type MatrixProtocol } from '../../../lib/lab/lab-state.ts';
import { browserLabStorage, clearPreviousLab, loadLab, loadPreviousLab, saveLab, savePreviousLab, type LabStorage } from '../../../lib/lab/persistence.ts';
import { applyPatch } from '../../../lib/lab/scenario-patch.ts';
import { caseFragment, caseParam, decodeShare, encodeShare, sharePayload, shareUrl } from '../../../lib/lab/share.ts';
import type { LabSnapshot, MatrixSpan } from '../../../lib/lab/view.ts';
import type { ProgressState } from '../../../lib/progress/schema.ts';
import { isLabTaskPassed, isModeDone } from '../../../lib/progress/selectors.ts';
import KubectlTerminal, { type TerminalOutput } from '../KubectlTerminal.tsx';
import ManifestEditor, { type EditorApi } from './ManifestEditor.tsx';
import Matrix from './Matrix.tsx';
import NetworkSettings from './NetworkSettings.tsx';
import Tasks from './Tasks.tsx';
import Topology from './Topology.tsx';
import type { LabTaskView } from './types.ts';

type Engine = typeof import('../../../lib/lab/engine.ts');
type Terminal = typeof import('../../../lib/lab/terminal.ts');

interface Props {
  /** Lesson slug (progress, storage key, share links). */
  lesson: string;
  /** The starting scenario's manifests. */
  scenario: string;
  /** Matrix port to start with. */
  port: number;
  /** Matrix protocol to start with. */
  protocol: MatrixProtocol;
  /** The guided tasks. */
  tasks: LabTaskView[];
  /** Topology, matrix and task results of the starting scenario, computed at build time. */
  snapshot: LabSnapshot;
  /** The starting cluster settings (lab.yaml's `settings` over the defaults). */
  network?: LabNetwork;
  /** What the matrix spans (lab.yaml's `matrix:` namespaces, system pods, external hosts). */
  span?: MatrixSpan;
  /** The ports the matrix's picker offers (lab.yaml's `matrix.ports`). */
  ports?: readonly MatrixPort[];
}

const NO_SPAN: MatrixSpan = {};
const toProgressTask = (task: LabTaskView) => ({ id: task.id, isCase: task.case !== undefined });
const NO_PORTS: readonly MatrixPort[] = [];

/** What the views show. */
interface View {
  snapshot: LabSnapshot;
  /** The current text's error, or null. */
  error: LabError | null;
  /** True when the views show the last valid cluster because the text has an error. */
  stale: boolean;
  /** False while the views show the starting scenario and the learner's lab awaits the simulator. */
  current: boolean;
}

interface Notice {
  id: string;
  message: string;
  action?: { label: string; run: () => void } | undefined;
}

/** The part of the Scheduler API used here (Chromium, Firefox): tasks with a priority. */
type PostTask = (task: () => void, options: { priority: 'user-blocking' }) => Promise<void>;

/**
 * Runs `task`, called in a requestAnimationFrame callback, in the first task after that frame is painted: at
 * user-blocking priority where the browser has `scheduler.postTask`, so the tasks queued before it (Preact's
 * effects, which run after the paint) do not count as the frame's time; else as a timer.
 */
function afterThisFrame(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  if (scheduler?.postTask) void scheduler.postTask(task, { priority: 'user-blocking' });
  else window.setTimeout(task, 0);
}

const ENGINE_FAILED = 'The simulator could not be loaded (are you offline?). The editor works; the matrix, tasks and terminal wait for it.';

/** The lab island. */
export default function Lab({ lesson, scenario, port, protocol, tasks, snapshot, network = DEFAULT_LAB_NETWORK, span = NO_SPAN, ports = NO_PORTS }: Props) {
  const shared = useRef(labState(scenario, port, protocol, network)).current;
  const [cases, setCases] = useState<CaseProgress>(NO_CASE_PROGRESS);
  /** Each case's starting manifests, applied from its patch the first time it is needed. */
  const caseTexts = useRef(new Map<string, string>()).current;
  const casesRef = useRef(cases);
  /** The scenario the sandbox was loaded from: the open case's, or the lab's shared one. */
  const pristineOf = (active: string | undefined): LabState => {
    const open = active === undefined ? undefined : tasks.find((task) => task.id === active)?.case;
    if (!open || active === undefined) return shared;
    let text = caseTexts.get(active);
    if (text === undefined) caseTexts.set(active, (text = applyPatch(scenario, open.patch)));
    return labState(text, port, protocol, open.network);
  };
  const pristineRef = useRef(shared);
  const checkedRef = useRef(tasks.filter((task) => checkedTaskIds(tasks.map(toProgressTask), undefined).includes(task.id)));
  const [lab, setLab] = useState<LabState>(shared);
  const [view, setView] = useState<View>({ snapshot, error: null, stale: false, current: true });
  const [engineReady, setEngineReady] = useState(false);
  const [revision, setRevision] = useState(0);
  const [enhance, setEnhance] = useState(false);
  const enhanceOnce = (): void => {
    if (!enhance) setEnhance(true);
  };
  const [notices, setNotices] = useState<Notice[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [editorStatus, setEditorStatus] = useState('');
  const [share, setShare] = useState<{ url: string; status: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<ProgressState | null>(null);
  /** A case the URL asked for while the sandbox has edits: its "Open this case" asks before loading it. */
  const [requested, setRequested] = useState<string | undefined>(undefined);

  const labRef = useRef(lab);
  const viewRef = useRef(view);
  const engineRef = useRef<Engine | null>(null);
  const enginePromise = useRef<Promise<Engine> | null>(null);
  const terminalPromise = useRef<Promise<Terminal> | null>(null);
  const evaluatorRef = useRef<Evaluator | null>(null);
  const evaluatedText = useRef<string | null>(null);
  const evaluatedNetwork = useRef<LabState['network'] | null>(null);
  const storage = useRef<LabStorage | null>(null);
  const restored = useRef(false);
  const previousResults = useRef<readonly TaskResult[] | null>(null);
  const lastStatus = useRef('The manifests are valid.');
  const updateStart = useRef<number | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const editorApi = useRef<EditorApi>(null);
  const resetButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const shareInput = useRef<HTMLInputElement>(null);
  const id = useId();

  /** Makes `next` the case progress (saved unless `save` is false) and points the checks at its open case. */
  const updateCases = (next: CaseProgress, save = true) => {
    const ids = checkedTaskIds(tasks.map(toProgressTask), next.active);
    checkedRef.current = withAnswers(tasks.filter((task) => ids.includes(task.id)), (taskId) => taskProgress(next, taskId).answers);
    pristineRef.current = pristineOf(next.active);
    casesRef.current = next;
    setCases(next);
    if (save && !saveCaseProgress(storage.current, lesson, next) && storage.current) addNotice({ id: 'storage-cases', message: 'Your evidence log and hints could not be saved in this browser; the lab keeps them until you leave the page.' });
  };

  /** Loads case `taskId`'s scenario into the sandbox (the Tasks list has asked first when there were edits). */
  const openCase = (taskId: string) => {
    const task = tasks.find((t) => t.id === taskId);
    if (!task?.case) return;
    previousResults.current = null;
    setRequested(undefined);
    updateCases(setActive(casesRef.current, taskId));
    commit(pristineOf(taskId), 'outside');
    markCaseInUrl(taskId);
    setAnnouncement(`Case ${tasks.indexOf(task) + 1} is loaded: ${task.title}. The editor, matrix and terminal now show its cluster.`);
  };

  /** Puts the open case in the address (`#case=<id>`, or none), without a history entry or a hashchange. */
  const markCaseInUrl = (taskId: string | undefined) => {
    const fragment = caseFragment(taskId);
    history.replaceState(history.state, '', `${location.pathname}${location.search}${fragment ? `#${fragment}` : ''}`);
  };

  /** The URL asks for case `taskId`: open it, or (the sandbox has edits) have its "Open this case" ask first. */
  const requestCase = (taskId: string | null) => {
    if (taskId === null || !tasks.some((task) => task.id === taskId && task.case) || casesRef.current.active === taskId) return;
    if (sameLabState(labRef.current, pristineRef.current)) openCase(taskId);
    else {
      setRequested(taskId);
      setAnnouncement(`Case ${tasks.findIndex((task) => task.id === taskId) + 1} asks to be loaded; confirm it, as it replaces your changes in the sandbox.`);
    }
  };

  const diagnose = (taskId: string, key: string) => {
    const task = tasks.find((t) => t.id === taskId);
    const hash = task?.case?.diagnosis?.hash;
    if (!task || hash === undefined) return;
    const right = isRightDiagnosis(taskId, key, hash);
    updateCases(pickDiagnosis(casesRef.current, taskId, key, right));
    setAnnouncement(right ? 'Right: that is the root cause.' : 'Not this one. Look at the evidence again and try another.');
  };

  /** Checks a task's answers: saved with its progress, then every task is checked again on the running cluster. */
  const answer = (taskId: string, answers: Readonly<Record<string, string>>) => {
    updateCases(setAnswers(casesRef.current, taskId, answers));
    commit(labRef.current, 'controls');
  };

  const addNotice = (notice: Notice) => setNotices((list) => [...list.filter((n) => n.id !== notice.id), notice]);
  const dropNotice = (noticeId: string) => setNotices((list) => list.filter((n) => n.id !== noticeId));

  /** The view for `next`: evaluated when the text changed (or `refresh`), else recomputed from the running cluster. */
  const compute = (next: LabState, refresh: boolean): View => {
    const engine = engineRef.current;
    const evaluator = evaluatorRef.current;
    const before = viewRef.current;
    if (!engine || !evaluator) {
      const isPristine = pristineRef.current === shared && sameLabState(next, shared);
      return { snapshot: isPristine ? snapshot : before.snapshot, error: null, stale: false, current: isPristine };
    }
    let { error, stale } = before;
    if (refresh || next.yaml !== evaluatedText.current || next.network !== evaluatedNetwork.current) {
      const result = evaluator.update(next.yaml, next.network);
      evaluatedText.current = next.yaml;
      evaluatedNetwork.current = next.network;
      error = result.evaluation.ok ? null : result.evaluation.error;
      stale = result.stale;
    }
    const running = evaluator.running();
    if (!running) return { snapshot: before.snapshot, error, stale: true, current: true };
    return { snapshot: engine.labSnapshot(running, checkedRef.current, next.port, next.protocol, before.snapshot, span), error, stale, current: true };
  };

  /**
   * Makes `next` the lab state and redraws everything from it, synchronously. `source` says where the
   * change comes from: the editor (which already shows it), the matrix controls, the outside (a restore, a
   * share link, a reset, the terminal: the editor must take the new text), or a refresh (re-evaluate).
   */
  const commit = (next: LabState, source: 'editor' | 'controls' | 'outside' | 'refresh') => {
    const start = performance.now();
    updateStart.current = start;
    const nextView = compute(next, source === 'refresh');
    if (source === 'outside') setRevision((n) => n + 1);
    root.current?.setAttribute('data-compute-ms', (performance.now() - start).toFixed(2));
    labRef.current = next;
    viewRef.current = nextView;
    setLab(next);
    setView(nextView);
  };

  const loadEngine = (): Promise<Engine> => {
    enginePromise.current ??= import('../../../lib/lab/engine.ts').then(
      (engine) => {
        const start = engine.evaluateManifests(scenario, network);
        evaluatorRef.current = engine.createEvaluator({ initial: start.ok ? start.cluster : null });
        engineRef.current = engine;
        dropNotice('engine');
        setEngineReady(true);
        commit(labRef.current, 'refresh');
        return engine;
      },
      (error: unknown) => {
        enginePromise.current = null;
        addNotice({ id: 'engine', message: ENGINE_FAILED, action: { label: 'Try again', run: () => void loadEngine().catch(() => undefined) } });
        throw error;
      },
    );
    return enginePromise.current;
  };

  /** Saves `state` in this browser (or removes the key when it is the scenario); shows a notice on failure. */
  const saveNow = (state: LabState) => {
    const notice = saveLab(storage.current, lesson, state, shared);
    if (notice) addNotice({ id: `storage-${notice.kind}`, message: notice.message });
  };

  /** Opens the lab carried by the page's `#lab=` fragment, if any; returns it, or null. */
  const importShared = async (mine: LabState | null): Promise<LabState | null> => {
    const payload = sharePayload(location.hash);
    if (payload === null) return null;
    const decoded = await decodeShare(payload, lesson);
    if (!decoded.ok) {
      addNotice({ id: 'shared', message: `This page's address carries a shared lab, but ${decoded.error}.` });
      return null;
    }
    const keep = mine !== null && !sameLabState(mine, pristineRef.current) && !sameLabState(mine, decoded.state);
    // A link made while a case was open reopens that case around the shared manifests.
    const sharedCase = caseParam(location.hash);
    const open = sharedCase !== null && tasks.some((task) => task.id === sharedCase && task.case) ? sharedCase : undefined;
    if (open !== undefined) {
      previousResults.current = null;
      setRequested(undefined);
      updateCases(setActive(casesRef.current, open));
    }
    markCaseInUrl(open);
    if (keep && savePreviousLab(storage.current, lesson, mine) === null) {
      addNotice({
        id: 'shared',
        message: 'You opened a shared lab: it replaced your own lab in this browser.',
        action: {
          label: 'Restore my previous lab',
          run: () => {
            const previous = loadPreviousLab(storage.current, lesson);
            if (previous) commit(withLabSettings(previous, pristineRef.current), 'outside');
            clearPreviousLab(storage.current, lesson);
            dropNotice('shared');
            setAnnouncement('Your previous lab is back.');
          },
        },
      });
    } else {
      addNotice({ id: 'shared', message: 'You opened a shared lab.' });
    }
    return withLabSettings(decoded.state, pristineRef.current);
  };

  useEffect(() => {
    storage.current = browserLabStorage();
    const savedCases = loadCaseProgress(storage.current, lesson);
    updateCases(savedCases.active !== undefined && tasks.some((task) => task.id === savedCases.active && task.case) ? savedCases : setActive(savedCases, undefined), false);
    const loaded = loadLab(storage.current, lesson);
    if (loaded.notice) addNotice({ id: `storage-${loaded.notice.kind}`, message: loaded.notice.message });
    void importShared(loaded.state).then((shared) => {
      const start = shared ?? (loaded.state && withLabSettings(loaded.state, pristineRef.current));
      restored.current = true;
      if (start && !sameLabState(start, labRef.current)) commit(start, 'outside');
      else if (shared) saveNow(labRef.current);
      if (!shared) requestCase(caseParam(location.hash));
    });
    void loadEngine().catch(() => undefined);
    // Focus already in the lab when it comes alive (the learner clicked or tabbed into it first): load the editor.
    if (root.current?.contains(document.activeElement)) setEnhance(true);
    const onHash = () => void importShared(labRef.current).then((shared) => (shared ? commit(shared, 'outside') : requestCase(caseParam(location.hash))));
    window.addEventListener('hashchange', onHash);
    const store = progress();
    setSaved(store.getState());
    const unsubscribe = store.subscribe(setSaved);
    return () => {
      window.removeEventListener('hashchange', onHash);
      unsubscribe();
    };
  }, []);

  useEffect(() => {
    if (restored.current) saveNow(lab);
  }, [lab]);

  // Tasks: record passes in progress (a case also needs its diagnosis), mark the mode done, announce changes.
  useEffect(() => {
    if (!engineReady || !view.current) return;
    const store = progress();
    const state = store.getState();
    const checked = new Map(view.snapshot.tasks.map((result) => {
      const task = tasks.find((t) => t.id === result.id);
      const mine = taskProgress(casesRef.current, result.id);
      return [result.id, caseStatus(result.passed, task?.case?.diagnosis !== undefined, mine.diagnosedRight === true).passed] as const;
    }));
    const recorded = new Set(tasks.filter((task) => isLabTaskPassed(state, lesson, task.id)).map((task) => task.id));
    const standing = taskStanding(tasks.map(toProgressTask), checked, recorded);
    const shown: TaskResult[] = tasks.map((task) => ({ id: task.id, passed: standing.get(task.id) === true, expectations: [], pods: [], nodes: [], dns: [], http: [], conditions: [] }));
    const messages = taskAnnouncements(previousResults.current, shown, tasks);
    previousResults.current = shown;
    if (messages.length > 0) setAnnouncement(messages.join(' '));
    for (const [id, passed] of checked) if (passed && !recorded.has(id)) store.recordLabTask(lesson, id, true);
    const nowRecorded = new Set([...recorded, ...[...checked].filter(([, passed]) => passed).map(([id]) => id)]);
    if (labDone(tasks.map(toProgressTask), checked, nowRecorded) && !isModeDone(state, lesson, 'lab')) store.markDone(lesson, 'lab');
  }, [view, engineReady, cases]);

  // The editor's status, for screen readers: announced once typing pauses, only when it changed.
  useEffect(() => {
    if (!engineReady) return undefined;
    const message = view.error ? `Error${view.error.line ? ` on line ${view.error.line}` : ''}: ${view.error.message}` : 'The manifests are valid.';
    const timer = window.setTimeout(() => {
      if (message !== lastStatus.current) {
        lastStatus.current = message;
        setEditorStatus(message);
      }
    }, 900);
    return () => window.clearTimeout(timer);
  }, [view.error, engineReady]);

  // Time from an edit to the redrawn DOM (and to the next frame), for the end-to-end test and DevTools;
  // data-compute-ms (set in commit) is the simulator's share of it.
  useLayoutEffect(() => {
    const start = updateStart.current;
    const element = root.current;
    if (start === null || !element) return;
    updateStart.current = null;
    const end = performance.now();
    element.dataset.updateMs = (end - start).toFixed(2);
    performance.measure?.('knet:lab-update', { start, end });
    requestAnimationFrame(() =>
      afterThisFrame(() => {
        element.dataset.frameMs = (performance.now() - start).toFixed(2);
      }),
    );
  });

  // In the commit that opens the confirmation, so a key pressed straight after it reaches Cancel.
  useLayoutEffect(() => {
    if (confirming) cancelButton.current?.focus();
  }, [confirming]);

  /** The terminal's part of the simulator (kubectl and its tools), fetched when the terminal is first used. */
  const loadTerminal = (): Promise<Terminal> => {
    terminalPromise.current ??= import('../../../lib/lab/terminal.ts').catch((error: unknown) => {
      terminalPromise.current = null;
      throw error;
    });
    return terminalPromise.current;
  };

  const runCommand = async (command: string): Promise<TerminalOutput> => {
    const [, terminal] = await Promise.all([loadEngine(), loadTerminal()]);
    const running = evaluatorRef.current?.running();
    if (!running) return { stdout: '', stderr: 'error: no cluster is running: fix the manifests first\n', exitCode: 1 };
    const current = labRef.current;
    const valid = viewRef.current.error === null && evaluatedText.current === current.yaml;
    const result = terminal.runLabCommand(running, command, current.yaml, valid);
    const on = casesRef.current.active ?? checkedRef.current.find((task) => !previousResults.current?.find((r) => r.id === task.id)?.passed)?.id ?? checkedRef.current[0]?.id;
    if (on !== undefined) updateCases(addEvidence(casesRef.current, on, command, result.exitCode));
    if (result.effect === 'written' && result.text !== undefined) commit({ ...current, yaml: result.text }, 'outside');
    else if (result.effect === 'session') commit(current, 'controls');
    else if (result.effect === 'network' && result.routes) commit({ ...current, network: { ...current.network, routes: result.routes } }, 'controls');
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, chunks: result.chunks, note: result.note };
  };

  const makeShareLink = async () => {
    const url = shareUrl(location.href, caseFragment(casesRef.current.active, await encodeShare(lesson, labRef.current)));
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    const long = url.length > 8000 ? ` It is ${url.length} characters long: some apps cut links that long.` : '';
    setShare({ url, status: `${copied ? 'Link copied to the clipboard.' : 'Copy the link below.'}${long}` });
    requestAnimationFrame(() => shareInput.current?.select());
  };

  const reset = () => {
    commit(pristineRef.current, 'outside');
    setConfirming(false);
    setShare(null);
    setAnnouncement('The lab is back to the starting scenario.');
    resetButton.current?.focus();
  };

  const results = view.snapshot.tasks;
  const passedBefore = saved ? tasks.filter((task) => isLabTaskPassed(saved, lesson, task.id)).map((task) => task.id) : [];
  const passedKey = passedBefore.join(' ');
  const hasCases = tasks.some((task) => task.case !== undefined);
  const checkedNow = new Map(
    results.map((result) => [result.id, caseStatus(result.passed, tasks.find((t) => t.id === result.id)?.case?.diagnosis !== undefined, taskProgress(cases, result.id).diagnosedRight === true).passed] as const),
  );
  const standing = taskStanding(tasks.map(toProgressTask), checkedNow, new Set(hasCases ? passedBefore : []));
  const standingKey = [...standing].map(([id, ok]) => `${id}:${ok}`).join(' ');
  const dirty = !sameLabState(lab, pristineRef.current);
  // The same element when its inputs are the same objects: Preact then skips it (a keystroke redraws
  // only what changed). The snapshot reuses unchanged parts, so these stay equal across most edits.
  const taskList = useMemo(
    () => (
      <Tasks
        tasks={tasks}
        results={results}
        passedBefore={passedBefore}
        current={view.current}
        standing={standing}
        cases={cases}
        dirty={dirty}
        requested={requested}
        onOpen={openCase}
        onCancelOpen={() => {
          setRequested(undefined);
          markCaseInUrl(casesRef.current.active);
        }}
        onHint={(taskId, total) => updateCases(openHint(casesRef.current, taskId, total))}
        onDiagnose={diagnose}
        onAnswer={answer}
      />
    ),
    [results, passedKey, view.current, standingKey, cases, dirty, requested],
  );
  const topologyView = useMemo(() => <Topology topology={view.snapshot.topology} />, [view.snapshot.topology]);
  // A new function when the manifests or the cluster settings change, so an open explanation is recomputed.
  // The explainer and its panel are fetched the first time a cell is opened.
  const explain = useMemo(
    () => async (from: string, to: string) => {
      const [{ explainLabCell }, panel] = await Promise.all([loadEngine().then((engine) => engine.loadExplainer()), import('./MatrixExplanation.tsx')]);
      const running = evaluatorRef.current?.running();
      const current = labRef.current;
      const view = running ? explainLabCell(running, current.yaml, from, to, current.port, current.protocol) : null;
      return view ? { view, Panel: panel.default } : null;
    },
    [lab.yaml, lab.network, engineReady],
  );
  const terminal = useMemo(() => <KubectlTerminal label="Lab terminal" run={runCommand} onWarm={() => void loadTerminal().catch(() => undefined)} />, []);
  const passing = view.current ? [...standing.values()].filter(Boolean).length : 0;
  const score = hasCases ? labScore(tasks.map((task) => ({ id: task.id, hints: task.ladder ? task.hintsHtml.length : 0 })), new Set([...standing].filter(([, ok]) => ok).map(([id]) => id)), Object.fromEntries(tasks.map((task) => [task.id, taskProgress(cases, task.id).hints]))) : null;
  const done = saved !== null && isModeDone(saved, lesson, 'lab');
  const declaredPods =
    view.snapshot.topology.nodes.flatMap((node) => node.pods).filter((pod) => !pod.system).length + view.snapshot.topology.unscheduled.length;
  const error = view.error;

  return (
    <div
      class="lab"
      ref={root}
      data-lab={lesson}
      data-engine={engineReady ? 'ready' : 'loading'}
      // The code editor loads when the learner reaches for the lab (a pointer, a touch, focus or a key in it), not
      // when it scrolls into view: reading the page costs no editor.
      onPointerDown={enhanceOnce}
      onPointerOver={enhanceOnce}
      onFocusIn={enhanceOnce}
      onKeyDown={enhanceOnce}
    >
      <div class="lab-toolbar">
        <p class="lab-summary">
          <strong>
            {passing} of {tasks.length} tasks pass
          </strong>
          {score && view.current && (
            <span class="lab-score">
              {' '}
              Score {score.points} of {score.max}
            </span>
          )}
          {done && <span class="lab-badge lab-badge-ok">Lab done</span>}
        </p>
        <div class="lab-actions" role="group" aria-label="Lab actions">
          <button type="button" onClick={() => void makeShareLink()}>
            Share this lab
          </button>
          <button type="button" ref={resetButton} aria-expanded={confirming} aria-controls={`${id}-reset`} onClick={() => setConfirming(true)}>
            Reset…
          </button>
        </div>
      </div>
      {confirming && (
        <div class="lab-confirm" id={`${id}-reset`} role="group" aria-labelledby={`${id}-reset-question`}>
          <p id={`${id}-reset-question`}>Reset the lab to the starting scenario? Your changes to the manifests are lost; tasks you passed stay passed.</p>
          <button type="button" class="button-primary" onClick={reset}>
            Reset the lab
          </button>{' '}
          <button
            type="button"
            ref={cancelButton}
            onClick={() => {
              setConfirming(false);
              resetButton.current?.focus();
            }}
          >
            Cancel
          </button>
        </div>
      )}
      {share && (
        <div class="lab-share">
          <label for={`${id}-share`}>Share link</label>
          <input
            id={`${id}-share`}
            ref={shareInput}
            type="text"
            readOnly
            value={share.url}
            onFocus={(event) => (event.currentTarget as HTMLInputElement).select()}
          />
          <p role="status" class="muted">
            {share.status} Anyone who opens it gets this lab (the manifests, the matrix settings{cases.active ? ' and the open case' : ''}); nothing is sent to a server.
          </p>
        </div>
      )}
      <div class="lab-notices" aria-live="polite">
        {notices.map((notice) => (
          <div class="lab-notice" key={notice.id}>
            <p>{notice.message}</p>
            {notice.action && (
              <button type="button" onClick={notice.action.run}>
                {notice.action.label}
              </button>
            )}
            <button type="button" aria-label="Dismiss this notice" onClick={() => dropNotice(notice.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      {/* On a wide screen the editor stays in view on the left while the tasks and the views beside it scroll. */}
      <div class="lab-workspace">
        <section class="lab-section lab-pane lab-editor-pane" aria-labelledby={`${id}-editor-title`}>
          <h3 id={`${id}-editor-title`}>Manifests (YAML)</h3>
          <p class="muted lab-editor-keys" id={`${id}-editor-keys`}>
            The whole cluster. Every change is applied as you type. Tab leaves the editor; Ctrl+] and Ctrl+[ (⌘ on a Mac) indent.
          </p>
          <ManifestEditor
            id={`${id}-editor`}
            value={lab.yaml}
            onChange={(text) => commit({ ...labRef.current, yaml: text }, 'editor')}
            revision={revision}
            error={error}
            labelledBy={`${id}-editor-title`}
            describedBy={`${id}-editor-keys ${id}-editor-check`}
            enhance={enhance}
            apiRef={editorApi}
          />
          <div id={`${id}-editor-check`} class={error ? 'lab-check-result lab-error' : 'lab-check-result lab-ok'}>
            {error ? (
              <>
                <p>
                  <strong>{error.line ? `Line ${error.line}${error.column ? `, column ${error.column}` : ''}: ` : 'Error: '}</strong>
                  {error.message}
                </p>
                {error.line && (
                  <button type="button" onClick={() => editorApi.current?.goTo(error.line ?? 1, error.column)}>
                    Go to line {error.line}
                  </button>
                )}
              </>
            ) : view.current ? (
              <p>
                The manifests are valid: {declaredPods} pod{declaredPods === 1 ? '' : 's'}, {view.snapshot.topology.policies.length} NetworkPolic
                {view.snapshot.topology.policies.length === 1 ? 'y' : 'ies'}.
              </p>
            ) : (
              <p>Loading the simulator…</p>
            )}
          </div>
          <p class="visually-hidden" role="status" aria-live="polite">
            {editorStatus}
          </p>
        </section>

        <div class="lab-side">
          <section class="lab-section" aria-labelledby={`${id}-tasks`}>
            <h3 id={`${id}-tasks`}>Guided tasks</h3>
            {taskList}
          </section>
          <section class="lab-section lab-pane" aria-labelledby={`${id}-views`} aria-busy={view.current ? undefined : 'true'}>
            <NetworkSettings network={lab.network} onChange={(network) => commit({ ...labRef.current, network }, 'controls')} idPrefix={`${id}-network`} />
            <h3 id={`${id}-views`}>Reachability matrix</h3>
            {view.stale && <p class="lab-stale">The manifests have an error, so the matrix, topology, tasks and terminal use the last valid cluster.</p>}
            {!view.current && <p class="lab-stale">Loading the simulator to draw your lab; until then this shows the starting scenario.</p>}
            <Matrix
              matrix={view.snapshot.matrix}
              port={lab.port}
              protocol={lab.protocol}
              onPort={(value) => commit({ ...labRef.current, port: value }, 'controls')}
              onProtocol={(value) => commit({ ...labRef.current, protocol: value }, 'controls')}
              idPrefix={`${id}-matrix`}
              ports={ports}
              explain={explain}
              onHighlight={(highlights, reveal) =>
                editorApi.current?.highlight(highlights.flatMap((h) => (h.lines ? [{ from: h.lines.from, to: h.lines.to, kind: h.role }] : [])), reveal)
              }
              onShowLine={(line) => editorApi.current?.goTo(line)}
            />
            <h3>Topology</h3>
            {topologyView}
          </section>
        </div>
      </div>

      <section class="lab-section lab-terminal-section" aria-labelledby={`${id}-terminal`}>
        <h3 id={`${id}-terminal`}>Terminal</h3>
        <p class="muted">
          Commands run on the lab's cluster. <code>kubectl label</code> and <code>kubectl delete</code> are written into the manifests above when they can be;
          otherwise they last until your next edit, and the terminal says so.
        </p>
        {terminal}
      </section>
    </div>
  );
}

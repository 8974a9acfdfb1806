/**
 * The progress page's panel: overall and per-lesson progress, badges, and the
 * learner's controls over their data (export to a file, import with merge,
 * reset with confirmation and undo). State: the store's state, a message, and
 * whether the reset confirmation is open.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MODES } from '../../lib/course/modes.ts';
import { courseProgress, isModeDone, isModeVisited, lessonProgress, modeQuestionScore } from '../../lib/progress/selectors.ts';
import type { ProgressState } from '../../lib/progress/schema.ts';
import { progress } from '../../client/progress.ts';

interface Props {
  /** The course's lessons in order. */
  lessons: { slug: string; title: string; href: string }[];
  /** Display names of badges by id. */
  badgeNames: Record<string, string>;
}

/** The progress page's interactive panel. */
export default function ProgressPanel({ lessons, badgeNames }: Props) {
  const [state, setState] = useState<ProgressState | null>(null);
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [undoKey, setUndoKey] = useState<string | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const store = progress();
    setState(store.getState());
    return store.subscribe(setState);
  }, []);

  // In the commit that opens the confirmation (its button replaces the focused one), so no key is lost.
  useLayoutEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  if (!state) {
    // Until the store is read (or for good, without JavaScript, which reading it needs).
    return (
      <div class="progress-loading">
        <p class="progress-loading-text">Loading your progress from this browser…</p>
        <noscript
          dangerouslySetInnerHTML={{
            __html:
              '<p class="needs-js">Your progress needs JavaScript: it is kept in this browser\'s storage, which only a script can read. Turn JavaScript on to see it, export it or reset it.</p><style>.progress-loading-text{display:none}</style>',
          }}
        />
      </div>
    );
  }

  const overall = courseProgress(state, lessons.map((lesson) => lesson.slug));
  const badges = Object.entries(state.badges);

  const exportFile = () => {
    const text = progress().exportProgress();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `kubernetes-networking-progress-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoking at once can cancel the download in some browsers; a minute later it is long done.
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setMessage('Exported: your progress file was downloaded.');
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    const result = progress().importProgress(text);
    if (result.ok) {
      setMessage(
        `Imported ${file.name}: merged with what you had, keeping the better result of each record.${
          result.dropped.length ? ` ${result.dropped.length} unreadable record(s) were skipped: ${result.dropped.join('; ')}.` : ''
        }`,
      );
    } else {
      setMessage(`Could not import ${file.name}: ${result.error}`);
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  const reset = () => {
    const backup = progress().reset();
    setConfirming(false);
    setUndoKey(backup);
    setMessage('Your progress was reset.');
  };

  const undo = () => {
    if (!undoKey) return;
    const result = progress().restoreBackup(undoKey);
    setUndoKey(undefined);
    setMessage(result.ok ? 'Reset undone: your progress is back.' : `Could not undo: ${result.error}`);
  };

  return (
    <div class="progress-panel">
      <p class="overall">
        <strong>{overall.percent}%</strong> of the course done: {overall.modesDone} of {overall.modesTotal} modes in{' '}
        {overall.lessons} lesson{overall.lessons === 1 ? '' : 's'}.
      </p>
      <progress max={overall.modesTotal} value={overall.modesDone} aria-label="Course progress" />

      <h2>By lesson</h2>
      {lessons.map((lesson) => {
        const summary = lessonProgress(state, lesson.slug);
        return (
          <section class="lesson-progress-card" aria-labelledby={`progress-${lesson.slug}`}>
            <h3 id={`progress-${lesson.slug}`}>
              <a href={lesson.href}>{lesson.title}</a>
            </h3>
            <p>
              {summary.done} of {summary.total} modes done, {summary.visited} visited.
            </p>
            <ul class="mode-grid" role="list">
              {MODES.map((mode) => {
                const done = isModeDone(state, lesson.slug, mode.slug);
                const visited = isModeVisited(state, lesson.slug, mode.slug);
                const score = modeQuestionScore(state, lesson.slug, mode.slug);
                return (
                  <li class={done ? 'done' : visited ? 'visited' : ''}>
                    <a href={`${lesson.href}${mode.slug}/`}>{mode.name}</a>
                    <span>{done ? '✓ done' : visited ? 'visited' : 'not started'}</span>
                    {score && (
                      <span class="score">
                        best {score.earned}/{score.total}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}

      <h2>Badges</h2>
      {badges.length === 0 ? (
        <p>No badges yet. Answer every Challenge problem correctly to earn one.</p>
      ) : (
        <ul>
          {badges.map(([id, badge]) => (
            <li>
              <strong>{badgeNames[id] ?? id}</strong>, earned {new Date(badge.earnedAt).toLocaleDateString()}
            </li>
          ))}
        </ul>
      )}

      <h2>Your data</h2>
      <p>Everything here lives only in this browser. Export it to keep a copy or move it to another browser.</p>
      <div class="data-actions">
        <button type="button" onClick={exportFile}>
          Export progress
        </button>
        <label class="button">
          Import progress
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            onChange={(event) => importFile((event.target as HTMLInputElement).files?.[0])}
          />
        </label>
        {!confirming && (
          <button type="button" onClick={() => setConfirming(true)}>
            Reset progress…
          </button>
        )}
      </div>
      {confirming && (
        <div class="confirm" role="alertdialog" aria-labelledby="reset-title" aria-describedby="reset-text">
          <p id="reset-title">
            <strong>Reset all progress?</strong>
          </p>
          <p id="reset-text">This clears every visited mode, score, flashcard schedule and badge. A backup is kept so you can undo.</p>
          <button type="button" class="button-danger" ref={confirmButton} onClick={reset}>
            Yes, reset
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {undoKey && (
        <p>
          <button type="button" onClick={undo}>
            Undo reset
          </button>
        </p>
      )}
      <p role="status" aria-live="polite" class="panel-message">
        {message}
      </p>
    </div>
  );
}

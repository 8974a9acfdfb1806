/**
 * The explanation panel of one matrix cell, loaded on demand (the first time a learner opens a cell, with the
 * engine's explainer), so it does not weigh on the lab's first load. Stateless.
 */
import type { ComponentType } from 'preact';
import type { CellExplanationView } from '../../../lib/lab/cell-explanation.ts';

/** The panel's props. */
export interface PanelProps {
  /** The explanation to draw. */
  view: CellExplanationView;
  /** Prefix for element ids. */
  idPrefix: string;
  /** Moves the editor's cursor to a line. */
  onShowLine?: ((line: number) => void) | undefined;
  /** Closes the explanation. */
  onClose: () => void;
}

/** An explained cell: the explanation and the panel that draws it. */
export interface Explained {
  readonly view: CellExplanationView;
  readonly Panel: ComponentType<PanelProps>;
}

/** The explanation of one cell. */
export default function MatrixExplanation({ view, idPrefix, onShowLine, onClose }: PanelProps) {
  const e = view.explanation;
  const sides = [
    e.egress && { title: `Egress, at the source ${e.egress.pod}`, d: e.egress },
    e.ingress && { title: `Ingress, at the destination ${e.ingress.pod}`, d: e.ingress },
  ].filter((x) => !!x);
  return (
    <section class={`lab-explain lab-explain-${e.verdict}`} aria-labelledby={`${idPrefix}-why`}>
      <h4 id={`${idPrefix}-why`}>
        Why {e.from} → {e.to}, {e.protocol} {e.port} is {e.verdict}
      </h4>
      <p>{e.summary}</p>
      {sides.length > 0 && (
        <dl>
          {sides.map(({ title, d }) => (
            <>
              <dt>
                {title}: {d.allowed ? 'allows' : 'drops'}
              </dt>
              <dd>{d.text}</dd>
            </>
          ))}
        </dl>
      )}
      {view.highlights.length > 0 && (
        <>
          <p class="lab-explain-marks-title">Marked in the editor:</p>
          <ul class="lab-explain-marks">
            {view.highlights.map((h) => {
              const label = `"${h.policy.split('/')[1] ?? h.policy}" ${h.rule === null ? `(isolates for ${h.direction.toLowerCase()})` : `${h.direction.toLowerCase()} rule ${h.rule}`}`;
              return (
                <li class={`lab-explain-${h.role}`}>
                  {h.lines && onShowLine ? (
                    <button type="button" class="lab-link-button" onClick={() => h.lines && onShowLine(h.lines.from)}>
                      {label}, line{h.lines.to > h.lines.from ? `s ${h.lines.from}–${h.lines.to}` : ` ${h.lines.from}`}
                    </button>
                  ) : (
                    label
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {e.references.length > 0 && (
        <p class="muted">
          Kubernetes documentation:{' '}
          {e.references.map((r, k) => (
            <>
              {k > 0 && ', '}
              <a href={r.url}>{r.title}</a>
            </>
          ))}
          .
        </p>
      )}
      <button type="button" onClick={onClose}>
        Close the explanation
      </button>
    </section>
  );
}


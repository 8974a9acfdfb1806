/**
 * The answer controls for every question kind: radios, checkboxes, blanks with a
 * drag-or-click option bank, an orderable list, selectable code lines, text fields
 * and the open-response checklist. Every control works by keyboard alone.
 */
import { useState } from 'preact/hooks';
import type { Answer, GradeResult } from '../../lib/quiz/grade.ts';
import type { PublicQuestion, PublicQuestionOf } from '../../lib/quiz/public.ts';
import { splitTemplate } from '../../lib/quiz/template.ts';

/** Option text with Markdown `code` spans shown as code (the text is authored Markdown, not shown raw). */
function inlineCode(text: string) {
  return text.split(/`([^`]+)`/).map((part, index) => (index % 2 === 1 ? <code>{part}</code> : part));
}

/** The empty answer a question starts with (grades as invalid until filled in). */
export function emptyAnswer(question: PublicQuestion): Answer {
  switch (question.kind) {
    case 'single':
    case 'pick-output':
      return { optionId: '' };
    case 'multiple':
      return { optionIds: [] };
    case 'true-false':
      return { value: undefined } as unknown as Answer;
    case 'fill-blanks':
      return { blanks: {} };
    case 'ordering':
      return { order: question.items.map((item) => item.id) };
    case 'find-error':
      return { line: 0 };
    case 'open':
      return { text: '', checked: [] };
    case 'numeric':
    case 'cidr':
      return { value: '' };
    case 'simulator':
      return { succeeds: [] };
  }
}

interface Props {
  question: PublicQuestion;
  answer: Answer;
  onChange: (answer: Answer) => void;
  disabled: boolean;
  headingId: string;
  result: GradeResult | null;
  /** Open questions: the checklist, once the learner asked to compare. */
  checklist?: string[] | undefined;
}

/** The controls for answering `question`. */
export function AnswerInput(props: Props) {
  const { question } = props;
  switch (question.kind) {
    case 'single':
    case 'pick-output':
      return <Choice {...props} question={question} multiple={false} />;
    case 'multiple':
      return <Choice {...props} question={question} multiple />;
    case 'true-false':
      return <TrueFalse {...props} />;
    case 'fill-blanks':
      return <Blanks {...props} question={question} />;
    case 'ordering':
      return <Ordering {...props} question={question} />;
    case 'find-error':
      return <FindError {...props} question={question} />;
    case 'open':
      return <Open {...props} />;
    case 'numeric':
    case 'cidr':
      return <ShortAnswer {...props} question={question} />;
    case 'simulator':
      return <Connections {...props} question={question} />;
  }
}

function Choice(props: Props & { question: PublicQuestionOf<'single' | 'multiple' | 'pick-output'>; multiple: boolean }) {
  const { question, answer, onChange, disabled, headingId, multiple } = props;
  const chosen = multiple ? ((answer as { optionIds: string[] }).optionIds ?? []) : [(answer as { optionId: string }).optionId];
  const name = `answer-${question.id}`;
  return (
    <fieldset class="answer-choices" aria-labelledby={headingId} disabled={disabled}>
      <legend class="visually-hidden">{multiple ? 'Choose every answer that applies' : 'Choose one answer'}</legend>
      {multiple && <p class="answer-instruction">Choose every answer that applies.</p>}
      {question.options.map((option) => (
        <label class={`choice${question.kind === 'pick-output' ? ' choice-output' : ''}`}>
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={name}
            value={option.id}
            checked={chosen.includes(option.id)}
            onChange={(event) => {
              const checked = (event.target as HTMLInputElement).checked;
              if (!multiple) onChange({ optionId: option.id });
              else onChange({ optionIds: checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id) });
            }}
          />
          {question.kind === 'pick-output' ? <pre data-no-copy="">{option.text}</pre> : <span>{inlineCode(option.text)}</span>}
        </label>
      ))}
    </fieldset>
  );
}

function TrueFalse({ question, answer, onChange, disabled, headingId }: Props) {
  const value = (answer as { value?: boolean }).value;
  return (
    <fieldset class="answer-choices answer-inline" aria-labelledby={headingId} disabled={disabled}>
      <legend class="visually-hidden">True or false</legend>
      {[true, false].map((option) => (
        <label class="choice">
          <input type="radio" name={`answer-${question.id}`} checked={value === option} onChange={() => onChange({ value: option })} />
          <span>{option ? 'True' : 'False'}</span>
        </label>
      ))}
    </fieldset>
  );
}

function Blanks({ question, answer, onChange, disabled }: Props & { question: PublicQuestionOf<'fill-blanks'> }) {
  const filled = (answer as { blanks: Record<string, string> }).blanks ?? {};
  const [selected, setSelected] = useState<string | null>(null);
  const blankIds = question.blanks.map((blank) => blank.id);
  const set = (id: string, value: string) => onChange({ blanks: { ...filled, [id]: value } });
  const place = (value: string) => {
    const target = selected ?? blankIds.find((id) => !filled[id]) ?? null;
    if (!target) return;
    set(target, value);
    // Back to "the next empty one": pre-selecting a blank here made the learner's Enter/click on it deselect it.
    setSelected(null);
  };
  let blankNumber = 0;
  return (
    <div class="answer-blanks">
      {question.bank && (
        <p class="answer-instruction">
          Choose a blank, then an option (or drag an option onto a blank). Selected blank:{' '}
          <strong>{selected ? `blank ${blankIds.indexOf(selected) + 1}` : 'the next empty one'}</strong>.
        </p>
      )}
      {/* data-no-copy: the page's copy buttons must not be added inside the island's markup (it broke hydration). */}
      <pre class="blank-template" data-no-copy="">
        {splitTemplate(question.template).map((segment) => {
          if (segment.type === 'text') return segment.text;
          blankNumber += 1;
          const id = segment.id;
          const label = `Blank ${blankNumber}`;
          if (!question.bank) {
            return (
              <input
                class="blank-input"
                aria-label={label}
                value={filled[id] ?? ''}
                size={Math.max(6, (filled[id] ?? '').length + 1)}
                disabled={disabled}
                autocomplete="off"
                spellcheck={false}
                onInput={(event) => set(id, (event.target as HTMLInputElement).value)}
              />
            );
          }
          return (
            <button
              type="button"
              class={`blank${selected === id ? ' blank-selected' : ''}${filled[id] ? ' blank-filled' : ''}`}
              aria-pressed={selected === id}
              aria-label={`${label}: ${filled[id] ? filled[id] : 'empty'}`}
              disabled={disabled}
              onClick={() => setSelected(selected === id ? null : id)}
              onKeyDown={(event) => {
                if ((event.key === 'Delete' || event.key === 'Backspace') && filled[id]) {
                  event.preventDefault();
                  set(id, '');
                }
              }}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                const value = event.dataTransfer?.getData('text/plain');
                if (value) set(id, value);
              }}
            >
              {filled[id] || '____'}
            </button>
          );
        })}
      </pre>
      {question.bank && (
        <div class="blank-bank" role="group" aria-label="Options">
          {question.bank.map((option) => (
            <button
              type="button"
              class="chip"
              draggable={!disabled}
              disabled={disabled}
              onDragStart={(event) => event.dataTransfer?.setData('text/plain', option)}
              onClick={() => place(option)}
            >
              {option}
            </button>
          ))}
          <button type="button" class="chip-clear" disabled={disabled} onClick={() => { onChange({ blanks: {} }); setSelected(null); }}>
            Clear blanks
          </button>
        </div>
      )}
    </div>
  );
}

function Ordering({ question, answer, onChange, disabled }: Props & { question: PublicQuestionOf<'ordering'> }) {
  const order = (answer as { order: string[] }).order ?? [];
  const text = (id: string) => question.items.find((item) => item.id === id)?.text ?? id;
  const [dragging, setDragging] = useState<string | null>(null);
  const [moved, setMoved] = useState('');
  const move = (from: number, to: number) => {
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    const [item] = next.splice(from, 1);
    if (item === undefined) return;
    next.splice(to, 0, item);
    onChange({ order: next });
    setMoved(`"${text(item)}" is now step ${to + 1} of ${order.length}.`);
  };
  return (
    <div class="answer-ordering">
      <p class="answer-instruction">Put the steps in order: use the Up and Down buttons, or drag a step.</p>
      <ol>
        {order.map((id, index) => (
          <li
            draggable={!disabled}
            onDragStart={() => setDragging(id)}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => {
              event.preventDefault();
              if (dragging) move(order.indexOf(dragging), index);
              setDragging(null);
            }}
          >
            <span class="order-text">{text(id)}</span>
            <span class="order-buttons">
              <button type="button" disabled={disabled || index === 0} aria-label={`Move "${text(id)}" up`} onClick={() => move(index, index - 1)}>
                ↑
              </button>
              <button
                type="button"
                disabled={disabled || index === order.length - 1}
                aria-label={`Move "${text(id)}" down`}
                onClick={() => move(index, index + 1)}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p class="visually-hidden" aria-live="polite">
        {moved}
      </p>
    </div>
  );
}

function FindError({ question, answer, onChange, disabled, headingId }: Props & { question: PublicQuestionOf<'find-error'> }) {
  const line = (answer as { line: number }).line;
  const lines = question.code.replace(/\n$/, '').split('\n');
  return (
    <fieldset class="answer-lines" aria-labelledby={headingId} disabled={disabled}>
      <legend class="answer-instruction">Choose the line with the error.</legend>
      {lines.map((text, index) => (
        <label class={`code-line${line === index + 1 ? ' code-line-chosen' : ''}`}>
          <input type="radio" name={`answer-${question.id}`} checked={line === index + 1} onChange={() => onChange({ line: index + 1 })} />
          <span class="line-number">{index + 1}</span>
          <code>{text || ' '}</code>
        </label>
      ))}
    </fieldset>
  );
}

function Open({ question, answer, onChange, disabled, checklist }: Props) {
  const value = answer as { text: string; checked: number[] };
  return (
    <div class="answer-open">
      <label class="field-label" for={`open-${question.id}`}>
        Your explanation
      </label>
      <textarea
        id={`open-${question.id}`}
        rows={5}
        value={value.text}
        disabled={disabled}
        onInput={(event) => onChange({ ...value, text: (event.target as HTMLTextAreaElement).value })}
      />
      {checklist && (
        <fieldset disabled={disabled}>
          <legend>Tick each point your explanation covers</legend>
          {checklist.map((item, index) => (
            <label class="choice">
              <input
                type="checkbox"
                checked={value.checked.includes(index)}
                onChange={(event) => {
                  const on = (event.target as HTMLInputElement).checked;
                  onChange({ ...value, checked: on ? [...value.checked, index] : value.checked.filter((i) => i !== index) });
                }}
              />
              <span>{item}</span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}

function ShortAnswer({ question, answer, onChange, disabled }: Props & { question: PublicQuestionOf<'numeric' | 'cidr'> }) {
  const value = (answer as { value: string }).value;
  return (
    <p class="answer-short">
      <label>
        Your answer{question.kind === 'cidr' ? ' (CIDR, e.g. 10.0.0.0/16)' : question.unit ? ` (${question.unit})` : ''}{' '}
        <input
          type="text"
          inputMode={question.kind === 'numeric' ? 'decimal' : 'text'}
          value={value}
          disabled={disabled}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => onChange({ value: (event.target as HTMLInputElement).value })}
        />
      </label>
    </p>
  );
}

function Connections({ question, answer, onChange, disabled, headingId }: Props & { question: PublicQuestionOf<'simulator'> }) {
  const chosen = (answer as { succeeds: string[] }).succeeds ?? [];
  return (
    <fieldset class="answer-choices" aria-labelledby={headingId} disabled={disabled}>
      <legend class="answer-instruction">Tick every connection that succeeds (leave blocked ones unticked).</legend>
      {question.connections.map((connection) => (
        <label class="choice">
          <input
            type="checkbox"
            checked={chosen.includes(connection.id)}
            onChange={(event) => {
              const on = (event.target as HTMLInputElement).checked;
              onChange({ succeeds: on ? [...chosen, connection.id] : chosen.filter((id) => id !== connection.id) });
            }}
          />
          <span>
            <code>{connection.from}</code> → <code>{connection.to}</code> on {connection.protocol}/{connection.port}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

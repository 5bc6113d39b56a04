import { useEffect, useId, useRef, useState } from 'react';

// Labelled form controls: every control has a visible <label> tied to it, so screen readers name it
// and a keyboard reaches it in reading order.

export function Select<T extends string>(props: { label: string; value: T; options: readonly T[]; onChange: (v: T) => void; names?: Partial<Record<T, string>>; testId?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} data-testid={props.testId} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.names?.[o] ?? o}
          </option>
        ))}
      </select>
    </div>
  );
}

/** How long typing must pause before a typed number is used: "1000" is not first used as 10 and 100. */
export const SETTLE_MS = 400;

/** "a whole number from 1 to 1,000": what a number box takes, in words. */
export function allowedText(p: { min: number; max: number; integer?: boolean }): string {
  const n = (v: number) => v.toLocaleString('en', { maximumFractionDigits: 6 });
  return `${p.integer ? 'a whole number' : 'a number'} from ${n(p.min)} to ${n(p.max)}`;
}

/**
 * The number in a number box's text: JavaScript's number syntax with spaces around it allowed, and in a box of
 * whole numbers, commas between groups of three digits (1,000). NaN for anything else: "0,5", "abc", "1 000".
 */
export function parseTyped(raw: string, integer = false): number {
  const t = raw.trim();
  if (integer && /^[+-]?\d{1,3}(,\d{3})+$/.test(t)) return Number(t.replace(/,/g, ''));
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : Number.NaN;
}

/**
 * A number box. The text the user types is the input's own state: a value arriving from outside (a reset,
 * a shared link) replaces it only when it differs from what the text already means, so typing "1000" never
 * loses focus or digits on the way. A typed number is used once typing pauses ({@link SETTLE_MS}), on Enter
 * or when the box loses focus, so its prefixes (10, 100 on the way to 1000: each a new data set) are never
 * applied; a step with the arrow keys is used at once.
 *
 * A number that cannot be used is never dropped in silence: it stays in the box (marked invalid) with a note
 * under it that says what the box takes (and `why`, when the limit is not obvious) and which value is still
 * in use, also after focus moves away, so the note always speaks of what the box shows. The note goes as soon
 * as the box holds a usable value again: typed, or set by another control (New weights, Another sample, a
 * reset), which replaces the refused text. An emptied box left as it is shows the value in use again.
 */
export function NumberInput(props: { label: string; value: number; min: number; max: number; step: number | 'any'; onChange: (v: number) => void; testId?: string; integer?: boolean; why?: string }) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [seen, setSeen] = useState(props.value);
  if (props.value !== seen) {
    setSeen(props.value);
    if (parseTyped(text, props.integer) !== props.value || text.trim() === '') setText(String(props.value));
  }
  const valid = (v: number, raw: string) => raw.trim() !== '' && Number.isFinite(v) && v >= props.min && v <= props.max && (!props.integer || Number.isInteger(v));
  // The box is a text box, so what is typed stays as typed: a number box of the browser dropped a typed comma
  // (0,5 became 05, used as 5) and letters, in silence. Arrow keys step as a number box's do.
  const step = (dir: 1 | -1) => {
    const base = parseTyped(text, props.integer);
    const from = Number.isFinite(base) ? base : props.value;
    const by = props.step === 'any' ? 1 : props.step;
    const next = Math.min(props.max, Math.max(props.min, Number((from + dir * by).toPrecision(12))));
    setText(String(next));
    commit(String(next));
  };
  // The latest props and the pending text, for the timer and for an unmount in the middle of typing.
  const latest = useRef(props);
  latest.current = props;
  const pending = useRef<{ raw: string; timer: ReturnType<typeof setTimeout> } | null>(null);
  const commit = (raw: string) => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    const v = parseTyped(raw, latest.current.integer);
    if (valid(v, raw) && v !== latest.current.value) latest.current.onChange(v);
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;
  // Leaving the view mid-typing still uses what was typed: nothing the user entered is dropped.
  useEffect(() => () => {
    if (pending.current) commitRef.current(pending.current.raw);
  }, []);
  const typed = parseTyped(text, props.integer);
  const bad = text.trim() !== '' && !valid(typed, text);
  const rule = `${props.label} takes ${allowedText(props)}${props.why ? ` (${props.why})` : ''}; ${String(props.value)} is still in use.`;
  const comma = bad && !props.integer && /^[+-]?\d*,\d+$/.test(text.trim()) ? ` Write a decimal point, not a comma (${text.trim().replace(',', '.')}).` : '';
  const note = bad ? `Not used: ${rule}${comma}` : null;
  const noteId = `${id}-note`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        inputMode={props.integer && props.min >= 0 ? 'numeric' : 'decimal'}
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-invalid={!valid(typed, text)}
        aria-describedby={note ? noteId : undefined}
        data-testid={props.testId}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          if (pending.current) clearTimeout(pending.current.timer);
          pending.current = { raw, timer: setTimeout(() => commitRef.current(raw), SETTLE_MS) };
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(text);
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            step(e.key === 'ArrowUp' ? 1 : -1);
          }
        }}
        onBlur={() => {
          commit(text);
          // A used (or emptied) box shows the value in use in its plain form ("010" → "10"); a refused one keeps its text.
          if (!bad) setText(String(latest.current.value));
        }}
      />
      {note ? (
        <p id={noteId} className="field-note" role="status" data-testid={props.testId ? `${props.testId}-note` : undefined}>
          {note}
        </p>
      ) : null}
    </div>
  );
}

export function Range(props: { label: string; value: number; min: number; max: number; step: number; onChange: (v: number) => void; format?: (v: number) => string; testId?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}: <output htmlFor={id}>{props.format ? props.format(props.value) : props.value}</output>
      </label>
      <input id={id} type="range" min={props.min} max={props.max} step={props.step} value={props.value} data-testid={props.testId} onChange={(e) => props.onChange(Number(e.target.value))} />
    </div>
  );
}

export function Check(props: { label: string; checked: boolean; onChange: (v: boolean) => void; testId?: string }) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" checked={props.checked} data-testid={props.testId} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

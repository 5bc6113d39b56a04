import { useId, useState } from 'react';

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

/**
 * A number box that commits on change when the text is a valid number in range. The text the user types
 * is the input's own state: a value arriving from outside (a reset, a shared link) replaces it only when
 * it differs from what the text already means, so typing "1000" never loses focus or digits on the way.
 */
export function NumberInput(props: { label: string; value: number; min: number; max: number; step: number | 'any'; onChange: (v: number) => void; testId?: string; integer?: boolean }) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [seen, setSeen] = useState(props.value);
  if (props.value !== seen) {
    setSeen(props.value);
    if (Number(text) !== props.value || text.trim() === '') setText(String(props.value));
  }
  const valid = (v: number, raw: string) => raw.trim() !== '' && Number.isFinite(v) && v >= props.min && v <= props.max && (!props.integer || Number.isInteger(v));
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={props.step}
        value={text}
        aria-invalid={!valid(Number(text), text)}
        data-testid={props.testId}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (valid(v, e.target.value)) props.onChange(v);
        }}
        onBlur={() => setText(String(props.value))}
      />
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

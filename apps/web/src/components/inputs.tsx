import { useId } from 'react';

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

/** A number box that commits on change when the text is a valid number in range. */
export function NumberInput(props: { label: string; value: number; min: number; max: number; step: number | 'any'; onChange: (v: number) => void; testId?: string; integer?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        defaultValue={props.value}
        key={props.value}
        data-testid={props.testId}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v) && v >= props.min && v <= props.max && (!props.integer || Number.isInteger(v))) props.onChange(v);
        }}
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

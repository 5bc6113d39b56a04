import { useId } from 'react';

/** Epochs a second offered, slow to fast; 0 is as fast as the engine goes. */
export const speeds: readonly number[] = [1, 3, 10, 30, 0];

const name = (s: number): string => (s === 0 ? 'Max' : `${s}/s`);

/**
 * Training speed: from one epoch a second (watch the boundary form, epoch by epoch) to as fast as the
 * engine goes. A radio group, so arrow keys move between speeds and a screen reader names each.
 */
export function SpeedControl({ speed, onChange }: { speed: number; onChange: (speed: number) => void }) {
  const id = useId();
  const options = speeds.includes(speed) ? speeds : [...speeds.slice(0, -1), speed, 0].sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : a - b));
  return (
    <fieldset className="segmented speed" data-testid="speed" data-value={speed}>
      <legend>
        Speed<span className="sr-only"> (epochs a second)</span>
      </legend>
      {options.map((s) => (
        <label key={s} className={s === speed ? 'on' : undefined}>
          <input type="radio" name={id} value={s} checked={s === speed} data-testid={`speed-${s === 0 ? 'max' : s}`} onChange={() => onChange(s)} />
          <span>{name(s)}</span>
        </label>
      ))}
    </fieldset>
  );
}

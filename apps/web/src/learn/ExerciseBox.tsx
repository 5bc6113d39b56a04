import { type FormEvent, useEffect, useId, useState } from 'react';
import { Tex } from '../components/Tex.js';
import { judge, type Verdict } from './answer.js';
import { Prose } from './Prose.js';
import { plain } from './tex.js';
import type { Exercise } from './types.js';

/** Why an answer is wrong, before the hint. */
function why(v: Verdict): string {
  if (v.unreadable) return 'That is not a number I can read: type digits such as -0.123 or 1.5e-3.';
  if (v.signFlipped) return 'Right size, wrong sign.';
  if (v.close) return 'Close, but not to three significant digits: check the rounding, or carry more digits through the arithmetic.';
  return 'Not quite.';
}

/** "Your turn": one number, checked to three significant digits; a hint when it is wrong. */
export function ExerciseBox({ exercise, onAnother }: { exercise: Exercise; onAnother: () => void }) {
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const id = useId();
  const key = JSON.stringify(exercise.quantity);
  // A new exercise starts blank.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the question changes
  useEffect(() => {
    setText('');
    setVerdict(null);
  }, [key]);
  const check = (e: FormEvent) => {
    e.preventDefault();
    setVerdict(judge(text, exercise.answer));
  };
  return (
    <section className="exercise" aria-labelledby={`${id}-h`} data-testid="exercise" data-quantity={key} data-state={verdict === null ? 'open' : verdict.ok ? 'right' : 'wrong'}>
      <h3 id={`${id}-h`}>Your turn</h3>
      <Prose text={exercise.prompt} />
      <form className="row" onSubmit={check}>
        <label htmlFor={`${id}-in`}>
          <Tex tex={exercise.symbol} /> =
        </label>
        <input id={`${id}-in`} data-testid="exercise-input" inputMode="decimal" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} size={12} />
        <button type="submit" className="primary" data-testid="exercise-check">
          Check
        </button>
        <button type="button" data-testid="exercise-another" onClick={onAnother}>
          Another exercise
        </button>
      </form>
      <div role="status" aria-live="polite" data-testid="exercise-verdict">
        {verdict === null ? null : verdict.ok ? (
          <p className="ok">
            Right: {plain(exercise.answer)} (to three significant digits; the engine has {exercise.answer.toPrecision(8)}).
          </p>
        ) : (
          <div className="bad" data-testid="exercise-hint">
            <p>{why(verdict)}</p>
            <Prose text={`Hint: ${exercise.hint}`} />
          </div>
        )}
      </div>
    </section>
  );
}

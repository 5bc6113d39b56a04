import { type ReactNode, useMemo } from 'react';
import { Tex } from '../components/Tex.js';
import { ExerciseBox } from './ExerciseBox.js';
import type { LessonNet } from './lesson-net.js';
import { LessonDiagram } from './LessonDiagram.js';
import { Prose } from './Prose.js';
import type { Lesson } from './types.js';

/** One lesson: its steps (formula, why, numbers, diagram), then "your turn". */
export function LessonPage(props: {
  lesson: Lesson;
  number: number;
  n: LessonNet;
  eta: number;
  step: number;
  setStep: (s: number) => void;
  variant: number;
  setVariant: (v: number) => void;
  netNote: string;
  /** Whose network this is: the learner's, or a preset (CS7015's, or the lesson's own). */
  netKind: 'yours' | 'preset';
  footer?: ReactNode;
}) {
  const { lesson, n, eta } = props;
  const content = useMemo(() => lesson.build(n, eta), [lesson, n, eta]);
  const count = content.steps.length;
  const s = Math.min(Math.max(1, props.step), count);
  const step = content.steps[s - 1]!;
  const exercise = useMemo(() => content.exercise(props.variant), [content, props.variant]);
  return (
    <article className="lesson" data-testid="lesson" data-lesson={lesson.id} data-net={props.netKind} data-step={s} data-steps={count} data-model={JSON.stringify(n.json)} data-x={JSON.stringify(n.x)} data-y={JSON.stringify(n.y)}>
      <header className="lesson-head">
        <h2>
          {props.number}. {lesson.title}
        </h2>
        <p className="small muted" data-testid="lesson-seed">
          Follows {lesson.seed}. {props.netNote}
        </p>
      </header>
      <nav className="row step-nav" aria-label="Steps of this lesson">
        <button type="button" data-testid="lesson-prev" disabled={s <= 1} onClick={() => props.setStep(s - 1)}>
          ◀ Back
        </button>
        <span className="small" aria-live="polite">
          Step {s} of {count}:{' '}
          <strong>
            <Prose text={step.title} as="span" />
          </strong>
        </span>
        <button type="button" className="primary" data-testid="lesson-next" disabled={s >= count} onClick={() => props.setStep(s + 1)}>
          Next ▶
        </button>
      </nav>
      <div className="lesson-body">
        <div className="lesson-text">
          {step.code ? (
            <ol className="pseudo" aria-label="The notes' pseudo-code">
              {step.code.lines.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines of code
                <li key={i} className={step.code!.current.includes(i) ? 'current' : undefined} aria-current={step.code!.current.includes(i) ? 'step' : undefined}>
                  <Tex tex={line} />
                </li>
              ))}
            </ol>
          ) : null}
          <div className="formulas" data-testid="lesson-formulas">
            {step.tex.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed formulas of a step
              <Tex key={i} tex={t} display />
            ))}
          </div>
          <div className="why">
            {step.text.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed sentences of a step
              <Prose key={i} text={t} />
            ))}
          </div>
        </div>
        <LessonDiagram n={n} lit={step.lit} />
      </div>
      <ExerciseBox exercise={exercise} onAnother={() => props.setVariant(props.variant + 1)} />
      {props.footer}
    </article>
  );
}

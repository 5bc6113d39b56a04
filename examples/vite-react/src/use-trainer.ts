// A React hook around the training worker: one worker per component, created the Vite way (a module
// worker from `new URL(…, import.meta.url)`, bundled with its imports) and terminated on unmount.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Choices, EpochPoint, FromWorker, RunSettings, ToWorker } from './protocol';

export type Phase = 'idle' | 'starting' | 'training' | 'stopping' | 'done' | 'stopped' | 'failed';

export interface TrainerState {
  /** What the engine offers (undefined until the worker has loaded). */
  readonly choices: Choices | undefined;
  readonly phase: Phase;
  readonly epochs: number;
  /** Every epoch so far, in order. */
  readonly points: readonly EpochPoint[];
  readonly elapsedMs: number;
  readonly trainRows: number;
  readonly testRows: number;
  readonly summary: string;
  readonly stopReason: string | undefined;
  readonly error: { readonly message: string; readonly code: string | undefined } | undefined;
}

const INITIAL: TrainerState = { choices: undefined, phase: 'idle', epochs: 0, points: [], elapsedMs: 0, trainRows: 0, testRows: 0, summary: '', stopReason: undefined, error: undefined };

type Action = FromWorker | { readonly type: 'train'; readonly epochs: number } | { readonly type: 'stop' } | { readonly type: 'reject' } | { readonly type: 'crash'; readonly message: string };

function reduce(state: TrainerState, a: Action): TrainerState {
  switch (a.type) {
    case 'ready': {
      const { type: _, ...choices } = a;
      return { ...state, choices };
    }
    case 'train':
      return { ...INITIAL, choices: state.choices, phase: 'starting', epochs: a.epochs };
    case 'reject':
      // Settings the form refused: no run, so nothing of the previous one stays on screen.
      return state.phase === 'starting' || state.phase === 'training' || state.phase === 'stopping' ? state : { ...INITIAL, choices: state.choices, phase: 'failed' };
    case 'stop':
      return state.phase === 'training' || state.phase === 'starting' ? { ...state, phase: 'stopping' } : state;
    case 'started':
      return { ...state, phase: state.phase === 'stopping' ? 'stopping' : 'training', epochs: a.epochs, trainRows: a.trainRows, testRows: a.testRows, summary: a.summary };
    case 'epoch': {
      const { type: _, elapsedMs, ...point } = a;
      return { ...state, points: [...state.points, point], elapsedMs };
    }
    case 'done':
      return { ...state, phase: a.stopReason === 'stopped' ? 'stopped' : 'done', stopReason: a.stopReason, elapsedMs: a.elapsedMs };
    case 'error':
      return { ...state, phase: 'failed', error: { message: a.message, code: a.code } };
    case 'crash':
      return { ...state, phase: 'failed', error: { message: a.message, code: undefined } };
  }
}

/**
 * Trains in a Web Worker; `train(settings)` starts a fresh run, `stop()` ends it after the current step,
 * `reject()` clears the last run's numbers when the form refuses the settings (the run did not start).
 */
export function useTrainer(): { state: TrainerState; train: (settings: RunSettings) => void; stop: () => void; reject: () => void } {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const worker = useRef<Worker | undefined>(undefined);

  useEffect(() => {
    const w = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'backprop-trainer' });
    w.onmessage = (e: MessageEvent<FromWorker>) => dispatch(e.data);
    // A worker that fails to load or throws outside a run (the run's own errors arrive as messages).
    w.onerror = (e) => dispatch({ type: 'crash', message: e.message || 'the training worker failed to start' });
    w.onmessageerror = () => dispatch({ type: 'crash', message: 'a message from the training worker could not be read' });
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = undefined;
    };
  }, []);

  const train = useCallback((settings: RunSettings) => {
    dispatch({ type: 'train', epochs: settings.epochs });
    worker.current?.postMessage({ type: 'train', settings } satisfies ToWorker);
  }, []);
  const stop = useCallback(() => {
    dispatch({ type: 'stop' });
    worker.current?.postMessage({ type: 'stop' } satisfies ToWorker);
  }, []);
  const reject = useCallback(() => dispatch({ type: 'reject' }), []);
  return { state, train, stop, reject };
}

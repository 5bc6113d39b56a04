import { type Inputs, type TrainTargets, type TrainingData, type UnpackedData, isTrainingData } from '../dataset.js';
import { BackpropError, describe } from '../errors.js';
import type { NetworkHandle } from '../handle.js';
import type { NetworkInternals } from '../internals.js';
import { Matrix } from '../matrix.js';
import type { Hyperparameters } from '../optimizers.js';
import { unpackTrainingArgs } from './prepare.js';
import { TrainingRun } from './run.js';
import type { FitOptions, FitResult, TrainCallbacks, TrainEvent } from './types.js';

/** `(X, Y, options)` or `(data, options)` (a Dataset, `{ X, Y }` or `{ X, y }`) → `[data, options]`. */
export function splitTrainArgs(net: NetworkHandle, a: Inputs | TrainingData, b: TrainTargets | FitOptions | undefined, c: FitOptions | undefined, call = 'fit'): [UnpackedData, FitOptions | undefined] {
  if (isTrainingData(a)) {
    // The scikit-learn habit fit(dataset, dataset.y, options): say so, rather than "options.0: unknown key".
    const kind = Array.isArray(b) ? 'an array' : b instanceof Matrix ? 'a Matrix' : ArrayBuffer.isView(b) ? `a typed array (${b.constructor.name})` : undefined;
    if (kind || c !== undefined) {
      throw new BackpropError('invalid_argument', 'options', `${call}(dataset, options) (a Dataset carries its own targets)`, `${kind ?? describe(b)} as the second argument${c === undefined ? '' : ' and a third one'}`, `Call ${call}(dataset, { epochs: … }), or ${call}(X, y, options) with arrays`);
    }
    return [unpackTrainingArgs(net, a, undefined), b as FitOptions | undefined];
  }
  return [unpackTrainingArgs(net, a, b), c];
}

/**
 * Calls the callback for an event; true when it returned `'stop'`. An async callback's promise is handed back
 * for the session (`call` 'train') to await; fit and steps cannot wait, so they refuse it.
 */
export function dispatch(callbacks: TrainCallbacks, event: TrainEvent, call: 'fit' | 'steps' | 'train' = 'fit'): boolean | Promise<boolean> {
  const name = event.type === 'batch' ? 'onBatchEnd' : event.type === 'epoch' ? 'onEpochEnd' : 'onEnd';
  const callback = callbacks[name] as ((e: TrainEvent) => unknown) | undefined;
  if (!callback) return false;
  const reply = callback(event);
  if (reply instanceof Promise) {
    if (call === 'train') return reply.then((r) => stops(name, r));
    throw new BackpropError('invalid_option', `options.${name}`, `a callback returning undefined or 'stop' (${call} is synchronous and cannot await a promise)`, 'a Promise', 'Use net.train for async callbacks');
  }
  return stops(name, reply);
}

function stops(name: string, reply: unknown): boolean {
  if (reply === undefined) return false;
  if (reply === 'stop') return true;
  throw new BackpropError('invalid_option', `options.${name}`, "a callback returning nothing or 'stop'", `${typeof reply === 'boolean' ? String(reply) : describe(reply)} returned`, "Return 'stop' to end training, nothing to go on (a value such as false is refused, not ignored)");
}

/** Trains to the end, synchronously, calling the callbacks on the way (the body of {@link Network.fit}). */
export function fitNetwork(net: NetworkHandle, inner: NetworkInternals, data: UnpackedData, options?: FitOptions): FitResult {
  const run = new TrainingRun(net, inner, data, options, 'net.fit');
  // Without an onBatchEnd there is nobody to hand batch events to: skip building them (a warm step then allocates nothing).
  // Likewise epoch events without an onEpochEnd (the history and early stopping are kept either way).
  const events = run.events(run.options.callbacks.onBatchEnd !== undefined, run.options.callbacks.onEpochEnd !== undefined);
  try {
    for (;;) {
      const next = events.next();
      if (next.done) return next.value;
      if (dispatch(run.options.callbacks, next.value, 'fit') === true) run.stop('callback');
    }
  } finally {
    // A callback that throws leaves the generator suspended: close it, so the state is frozen and the network freed.
    events.return(undefined as never);
    run.release();
  }
}

/**
 * Training as a synchronous step function: each `next()` performs one update step and returns its
 * event (epoch and end events come in between). Nothing runs until asked, so a caller can step, render,
 * and step again; callbacks in the options are called too.
 * @example const steps = net.steps(X, y, { epochs: 5 }); for (const e of steps) if (e.type === 'epoch') draw(e);
 */
export interface TrainingSteps extends IterableIterator<TrainEvent> {
  /** Ends training before the next step (stop reason `stopped`); the iterator then yields the end event. */
  stop(): void;
  /** Ends the run now (what `break` in a for…of calls): no end event, the network is free for another training. */
  return(): IteratorResult<TrainEvent, undefined>;
  /** Sets the base learning rate η₀ from the next step on, without resetting anything. */
  setLearningRate(learningRate: number): void;
  /** Changes optimizer hyperparameters (momentum, beta1 …) from the next step on, keeping its state. */
  setHyperparameters(hyperparameters: Hyperparameters): void;
  /** The η of the latest step. */
  readonly learningRate: number;
  /** The result once the end event has been produced. */
  readonly result: FitResult | undefined;
}

/** Builds {@link TrainingSteps} (the body of {@link Network.steps}); options are validated now. */
export function trainingSteps(net: NetworkHandle, inner: NetworkInternals, data: UnpackedData, options?: FitOptions): TrainingSteps {
  const run = new TrainingRun(net, inner, data, options, 'net.steps');
  const events = run.events();
  let result: FitResult | undefined;
  const steps: TrainingSteps = {
    next() {
      const next = events.next();
      if (next.done) {
        result = next.value;
        return { done: true, value: undefined };
      }
      if (next.value.type === 'end') result = next.value.result;
      if (dispatch(run.options.callbacks, next.value, 'steps') === true) run.stop('callback');
      return next;
    },
    return() {
      // `break` out of a for…of, or an explicit return(): the run ends here and the network is free again.
      events.return(undefined as never);
      run.release();
      return { done: true, value: undefined };
    },
    [Symbol.iterator]() {
      return steps;
    },
    stop: () => run.stop('stopped'),
    setLearningRate: (lr) => run.setLearningRate(lr),
    setHyperparameters: (h) => run.setHyperparameters(h),
    get learningRate() {
      return run.learningRate;
    },
    get result() {
      return result;
    },
  };
  return steps;
}

import { systemNow, yieldToEventLoop } from '../clock.js';
import type { UnpackedData } from '../dataset.js';
import type { NetworkHandle } from '../handle.js';
import type { NetworkInternals } from '../internals.js';
import type { Hyperparameters } from '../optimizers.js';
import { dispatch } from './fit.js';
import { TrainingRun } from './run.js';
import type { FitOptions, FitResult, TrainEvent } from './types.js';

/** Where a session is: training, held by {@link TrainingSession.pause}, or finished (result settled). */
export type SessionStatus = 'running' | 'paused' | 'done';

/**
 * A training run in the background of the event loop: it yields to the host at least every
 * `yieldEveryMs` (default 16 ms), so a UI keeps rendering. Iterate it for events (each iterator sees every
 * event from the moment it is created; the run starts on the next macrotask, so a `for await` written
 * right after {@link Network.train} misses nothing), or await `result`. Callbacks in the options work too.
 * While a `for await` is reading, the run does not step past an event its loop body has not finished with
 * (backpressure), so `stop()`, `setLearningRate()` or `break` there apply from the very next step; an
 * iterator that was never pulled does not hold the run.
 * Leaving a `for await` early (`break`, `return`, a throw) stops the training, as {@link TrainingSession.stop}
 * does, and the loop is left once the run has ended: the network is free for a `fit` or `train` written after
 * it, and `result` has resolved with stop reason `stopped`.
 * @example
 * const session = net.train(X, y, { epochs: 50, optimizer: 'adam' });
 * for await (const e of session) if (e.type === 'epoch') draw(e.loss);
 * const { stopReason } = await session.result;
 */
export interface TrainingSession extends AsyncIterable<TrainEvent> {
  /** Holds training before the next step; the clock (time budget, ETA) stops too. */
  pause(): void;
  /** Continues after {@link TrainingSession.pause}. */
  resume(): void;
  /** Ends training before the next step (stop reason `stopped`); `result` then resolves. */
  stop(): void;
  /** Sets the base learning rate η₀ from the next step on, without resetting anything. */
  setLearningRate(learningRate: number): void;
  /** Changes optimizer hyperparameters (momentum, beta1 …) from the next step on, keeping its state. */
  setHyperparameters(hyperparameters: Hyperparameters): void;
  /** The η of the latest step. */
  readonly learningRate: number;
  readonly status: SessionStatus;
  /** Resolves with the result when training ends; rejects with the error (e.g. `TrainingDivergedError`) if it fails. */
  readonly result: Promise<FitResult>;
}

interface Subscriber {
  readonly queue: TrainEvent[];
  wake: (() => void) | undefined;
  /** Set by its first `next()`: from then on the run waits for this reader (backpressure). */
  pulling: boolean;
}

/** Starts a {@link TrainingSession} (the body of {@link Network.train}); options are validated now, synchronously. */
export function startSession(net: NetworkHandle, inner: NetworkInternals, data: UnpackedData, options?: FitOptions): TrainingSession {
  let baseNow: () => number = systemNow;
  let pausedTotal = 0;
  let pausedAt: number | undefined;
  const run = new TrainingRun(net, inner, data, options, 'net.train', () => baseNow() - pausedTotal);
  baseNow = run.options.now ?? systemNow;
  const now = (): number => baseNow() - pausedTotal;
  let status: SessionStatus = 'running';
  let failure: { error: unknown } | undefined;
  let unpause: (() => void) | undefined;
  const subscribers = new Set<Subscriber>();
  let pulled: (() => void) | undefined;
  let stopping = false; // after stop() nothing waits for readers: a reader that stopped pulling cannot hold `result`
  let inCallback = false; // the run is calling a callback, or waiting for an async one's promise
  // A reader has taken every delivered event and asked for the next one (or left): its loop body is done.
  const drained = (): boolean => {
    for (const s of subscribers) if (s.pulling && (s.queue.length > 0 || !s.wake)) return false;
    return true;
  };
  const notifyPulled = (): void => {
    if (!pulled || (!stopping && !drained())) return;
    const p = pulled;
    pulled = undefined;
    p();
  };
  const wakeAll = (): void => {
    for (const s of subscribers) {
      const w = s.wake;
      s.wake = undefined;
      w?.();
    }
  };

  const result = (async (): Promise<FitResult> => {
    const events = run.events();
    await yieldToEventLoop();
    let lastYield = now();
    try {
      for (;;) {
        while (pausedAt !== undefined) await new Promise<void>((r) => (unpause = r));
        const next = events.next();
        if (next.done) return next.value;
        for (const s of subscribers) s.queue.push(next.value);
        wakeAll();
        inCallback = true;
        try {
          const stop = dispatch(run.options.callbacks, next.value, 'train'); // a promise only from an async callback
          if (stop === true || (stop !== false && (await stop))) run.stop('callback');
        } finally {
          inCallback = false;
        }
        // Backpressure: the step after an event waits until every iterating reader has run its loop body for it,
        // so a stop(), setLearningRate() or `break` written there takes effect from the very next step.
        if (!stopping && !drained()) await new Promise<void>((r) => (pulled = r));
        if (now() - lastYield >= run.options.yieldEveryMs) {
          await yieldToEventLoop();
          lastYield = now();
        }
      }
    } catch (error) {
      failure = { error };
      throw error;
    } finally {
      events.return(undefined as never);
      run.release();
      status = 'done';
      wakeAll();
    }
  })();
  result.catch(() => {}); // the error is delivered through `result` and the iterators; never unhandled

  const resume = (): void => {
    if (pausedAt === undefined) return;
    pausedTotal += baseNow() - pausedAt;
    pausedAt = undefined;
    if (status === 'paused') status = 'running';
    const u = unpause;
    unpause = undefined;
    u?.();
  };

  return {
    pause() {
      if (status !== 'running') return;
      pausedAt = baseNow();
      status = 'paused';
    },
    resume,
    stop() {
      run.stop('stopped');
      stopping = true;
      resume();
      notifyPulled();
    },
    setLearningRate: (lr) => run.setLearningRate(lr),
    setHyperparameters: (h) => run.setHyperparameters(h),
    get learningRate() {
      return run.learningRate;
    },
    get status() {
      return status;
    },
    result,
    [Symbol.asyncIterator](): AsyncIterator<TrainEvent> {
      const sub: Subscriber = { queue: [], wake: undefined, pulling: false };
      if (status !== 'done') subscribers.add(sub);
      return {
        async next(): Promise<IteratorResult<TrainEvent>> {
          sub.pulling = true;
          for (;;) {
            const event = sub.queue.shift();
            if (event) return { done: false, value: event };
            if (status === 'done') {
              subscribers.delete(sub);
              if (failure) throw failure.error;
              return { done: true, value: undefined };
            }
            const waiting = new Promise<void>((r) => (sub.wake = r));
            notifyPulled();
            await waiting;
          }
        },
        async return(): Promise<IteratorResult<TrainEvent>> {
          // `break` out of `for await`: the reader is gone, so the training stops (as stop()), and the network is freed.
          subscribers.delete(sub);
          sub.queue.length = 0;
          run.stop('stopped');
          stopping = true;
          resume();
          notifyPulled();
          // The loop is left once the run has ended and let the network go, so that a fit or train written after it
          // runs (the run may be waiting for its turn of the event loop). Not from inside a callback (or while the run
          // awaits an async one): the run cannot end before that callback does.
          if (!inCallback) await result.catch(() => undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}

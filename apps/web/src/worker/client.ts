import type { NetworkJSON } from '@backprop/core';
import type { PlaygroundConfig } from '../state/config.js';
import type { FromWorker, GradcheckRow, ToWorker } from './protocol.js';

// The page's side of the worker: typed sends, and requests that resolve with the worker's reply.

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

export interface TrainerClient {
  send(m: ToWorker): void;
  /** Listens to every message; returns the unsubscribe function. */
  listen(fn: (m: FromWorker) => void): () => void;
  getModel(): Promise<NetworkJSON>;
  /** Loads a model; with `config`, switches to that config's data first (the config the page adopts next). */
  loadModel(json: string, config?: PlaygroundConfig): Promise<{ ok: boolean; message?: string }>;
  gradcheck(): Promise<{ ok: boolean; rows: readonly GradcheckRow[]; text: string }>;
  /** ŷ for one input row; an empty array when the worker has no network (yet) that takes it. */
  predict(input: Float32Array): Promise<Float32Array>;
  terminate(): void;
}

/** Wraps a Worker (or anything with the same postMessage / message-event shape). */
export function createClient(worker: Worker): TrainerClient {
  const listeners = new Set<(m: FromWorker) => void>();
  const pending = new Map<number, (m: FromWorker) => void>();
  let nextId = 1;
  worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    if ('id' in m && pending.has(m.id)) {
      pending.get(m.id)!(m);
      pending.delete(m.id);
    }
    for (const fn of listeners) fn(m);
  });
  const request = <T extends FromWorker['type']>(make: (id: number) => ToWorker): Promise<Reply<T>> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, (m) => resolve(m as Reply<T>));
      worker.postMessage(make(id));
    });
  return {
    send: (m) => worker.postMessage(m),
    listen(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    getModel: () => request<'model'>((id) => ({ type: 'getModel', id })).then((m) => m.json),
    loadModel: (json, config) => request<'loaded'>((id) => (config ? { type: 'loadModel', id, json, config } : { type: 'loadModel', id, json })).then((m) => (m.message === undefined ? { ok: m.ok } : { ok: m.ok, message: m.message })),
    gradcheck: () => request<'gradcheck'>((id) => ({ type: 'gradcheck', id })),
    predict: (input) => request<'prediction'>((id) => ({ type: 'predict', id, input })).then((m) => m.probabilities),
    terminate: () => worker.terminate(),
  };
}

/** Starts the training worker (Vite bundles it as its own ES module chunk). */
export function startTrainer(): TrainerClient {
  return createClient(new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' }));
}

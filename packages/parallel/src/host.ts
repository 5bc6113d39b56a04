/**
 * What the trainer needs from a JavaScript host (Node's worker_threads, or a browser's Web Workers):
 * one small implementation per host (host-node.ts, host-browser.ts), picked by the package entry.
 */
import type { Job } from './run.js';
import type { SessionJob } from './session.js';

/**
 * Main thread → worker: a whole fit (`reply` asks for θ back: the rank-0 worker, when the caller cannot
 * compute), or a per-step session, which the worker serves until rank 0 stops it, then replies `done`.
 */
export type JobMessage =
  | { readonly type: 'job'; readonly job: Job; readonly rank: number; readonly reply: boolean }
  | { readonly type: 'session'; readonly job: SessionJob; readonly rank: number };

/** An error as it crosses threads: BackpropError's fields survive. */
export interface ErrorData {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly argument?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly hint?: string;
}

/** Worker → main thread. */
export type Reply =
  | { readonly type: 'ready' }
  /** The worker has taken its rank of a job or session (see {@link startRanks}). */
  | { readonly type: 'started' }
  | { readonly type: 'done'; readonly losses: number[]; readonly steps: number; readonly theta: Float32Array | Float64Array | undefined }
  | { readonly type: 'error'; readonly error: ErrorData };

/** A started worker. */
export interface Port {
  post(message: JobMessage): void;
  /** The worker's next reply (its failure to start or a crash becomes an `error` reply). */
  next(): Promise<Reply>;
  terminate(): Promise<void>;
}

/** A JavaScript host's threads. */
export interface Host {
  /** Why this host cannot run threads (no SharedArrayBuffer, not cross-origin isolated, no Worker), or undefined. */
  readonly unavailable: string | undefined;
  /** Logical cores the host reports. */
  readonly cores: number;
  /** True when the calling thread may block in `Atomics.wait` (Node, a worker): it then computes as rank 0. */
  readonly canBlock: boolean;
  /** Starts one worker running worker-*.ts. */
  spawn(): Port;
}

/**
 * Posts each port its message and waits until every one has replied `started`. A thread that computes a
 * rank itself must not block in `Atomics.wait` straight after posting: Chromium hands a worker's messages
 * to the workers it started (nested workers) only once the posting thread's event loop turns, so a rank 0
 * that blocked at once waited for ever for helpers that never got the job (a trainer inside a Web Worker
 * hung). Returns undefined when all started; else calls `cancel` (which makes the helpers that did start
 * return) and returns every port's last reply (the failure of those that did not).
 */
export async function startRanks(ports: readonly Port[], messages: readonly JobMessage[], cancel: () => void): Promise<Reply[] | undefined> {
  for (const [i, p] of ports.entries()) p.post(messages[i]!);
  const acks = await Promise.all(ports.map((p) => p.next()));
  if (acks.every((r) => r.type === 'started')) return undefined;
  cancel();
  return Promise.all(ports.map((p, i) => (acks[i]!.type === 'started' ? p.next() : Promise.resolve(acks[i]!))));
}

/** A FIFO of replies: `push` from the worker's event handlers, `next` from the trainer. */
export function replyQueue(): { push(r: Reply): void; next(): Promise<Reply> } {
  const ready: Reply[] = [];
  const waiting: ((r: Reply) => void)[] = [];
  return {
    push(r) {
      const w = waiting.shift();
      if (w) w(r);
      else ready.push(r);
    },
    next() {
      const r = ready.shift();
      return r ? Promise.resolve(r) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** An error's fields for postMessage. */
export function encodeError(e: unknown): ErrorData {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const f = e as Error & Partial<Record<'code' | 'argument' | 'expected' | 'actual' | 'hint', string>>;
  const out: Record<string, string> = { name: e.name, message: e.message };
  for (const k of ['code', 'argument', 'expected', 'actual', 'hint'] as const) if (typeof f[k] === 'string') out[k] = f[k];
  return out as unknown as ErrorData;
}

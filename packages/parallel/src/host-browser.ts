/**
 * The browser host: module Web Workers over SharedArrayBuffer, which browsers grant only to
 * cross-origin-isolated pages (served with `Cross-Origin-Opener-Policy: same-origin` and
 * `Cross-Origin-Embedder-Policy: require-corp`). A page's main thread may not block in Atomics.wait,
 * so there every rank runs in a worker; inside a worker the calling thread computes as rank 0.
 */
import { type Host, type Port, type Reply, replyQueue } from './host.js';

// The host's globals, typed here because the package compiles without the DOM lib.
interface BrowserWorker {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: { data: Reply }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (e: { message?: string }) => void): void;
  terminate(): void;
}
interface BrowserGlobals {
  Worker?: new (url: URL, options: { type: 'module' }) => BrowserWorker;
  SharedArrayBuffer?: unknown;
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
}
const g = globalThis as unknown as BrowserGlobals;

/** True when this thread may block: `Atomics.wait` throws on a page's main thread before it compares. */
function mayBlock(): boolean {
  if (typeof SharedArrayBuffer !== 'function') return false;
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

function whyUnavailable(): string | undefined {
  if (typeof g.Worker !== 'function') return 'Web Workers are not available here';
  // Browsers hide SharedArrayBuffer from pages that are not cross-origin isolated: say so first.
  if (g.crossOriginIsolated === false) {
    return 'SharedArrayBuffer needs a cross-origin-isolated page (Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp)';
  }
  if (typeof g.SharedArrayBuffer !== 'function') return 'SharedArrayBuffer is not available here';
  return undefined;
}

/** Module Web Workers. */
export const browserHost: Host = {
  unavailable: whyUnavailable(),
  cores: Math.max(1, g.navigator?.hardwareConcurrency ?? 1),
  canBlock: mayBlock(),
  spawn(): Port {
    const Worker = g.Worker!;
    // Written out literally so that bundlers (Vite, webpack 5, esbuild with the url) emit the worker.
    const worker = new Worker(new URL('./worker-browser.js', import.meta.url), { type: 'module' });
    const queue = replyQueue();
    worker.addEventListener('message', (e) => queue.push(e.data));
    worker.addEventListener('error', (e) => queue.push({ type: 'error', error: { name: 'Error', message: e.message ?? 'the worker failed to start' } }));
    worker.addEventListener('messageerror', () => queue.push({ type: 'error', error: { name: 'Error', message: 'a message could not be cloned' } }));
    return {
      post: (m) => worker.postMessage(m),
      next: () => queue.next(),
      terminate: async () => worker.terminate(),
    };
  },
};

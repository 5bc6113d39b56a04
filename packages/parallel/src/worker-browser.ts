/** The worker script of the browser host (a module Web Worker). */
import type { JobMessage, Reply } from './host.js';
import { serve } from './worker-core.js';

// The dedicated worker's global scope, typed here because the package compiles without the WebWorker lib.
const scope = globalThis as unknown as {
  postMessage(message: Reply): void;
  addEventListener(type: 'message', listener: (e: { data: JobMessage }) => void): void;
};
void serve(
  (reply) => scope.postMessage(reply),
  (handler) => scope.addEventListener('message', (e) => handler(e.data)),
);

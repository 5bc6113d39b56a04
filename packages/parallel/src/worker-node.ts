/** The worker script of the Node host (worker_threads). */
import { parentPort } from 'node:worker_threads';
import type { JobMessage } from './host.js';
import { serve } from './worker-core.js';

const port = parentPort!;
void serve(
  (reply) => port.postMessage(reply),
  (handler) => port.on('message', (m: JobMessage) => handler(m)),
);

/** The Node host: worker_threads, which may block in Atomics.wait on every thread, the main one included. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Host, type Port, type Reply, replyQueue } from './host.js';

// Beside the built entry; from the sources (tests under the `@backprop/source` condition) the built script.
const built = new URL('./worker-node.js', import.meta.url);
const workerUrl = existsSync(fileURLToPath(built)) ? built : new URL('../dist/worker-node.js', import.meta.url);

/** worker_threads with a blocking main thread. */
export const nodeHost: Host = {
  unavailable: undefined,
  cores: availableParallelism(),
  canBlock: true,
  spawn(): Port {
    // A clean execArgv: the worker loads the built @backprop/core even under a test runner's loader flags.
    const worker = new Worker(workerUrl, { execArgv: [] });
    const queue = replyQueue();
    worker.on('message', (r: Reply) => queue.push(r));
    worker.on('error', (e) => queue.push({ type: 'error', error: { name: e.name, message: e.message } }));
    worker.on('exit', (code) => queue.push({ type: 'error', error: { name: 'Error', message: `worker exited (code ${code})` } }));
    // An idle trainer does not keep the process alive: the worker is referenced only while a reply is
    // awaited (start-up, a fit's end), else the process would exit mid-await. unref() comes after the
    // listeners: Node references the worker again when a 'message' listener is added.
    let awaited = 0;
    worker.unref();
    return {
      post: (m) => worker.postMessage(m),
      next: async () => {
        if (awaited++ === 0) worker.ref();
        try {
          return await queue.next();
        } finally {
          if (--awaited === 0) worker.unref();
        }
      },
      terminate: async () => {
        worker.removeAllListeners('exit');
        await worker.terminate();
      },
    };
  },
};

/** The body of every worker: waits for jobs (whole fits, per-step sessions), runs its rank of each, replies `done` or `error`. */
import { type Network, ready } from '@backprop/core';
import { type JobMessage, type Reply, encodeError } from './host.js';
import { networkFor, runRank } from './run.js';
import { serveSession } from './session.js';
import { abort } from './sync.js';

/** Serves jobs arriving through `listen`, replying through `post` (host-specific glue in worker-*.ts). */
export async function serve(post: (reply: Reply) => void, listen: (handler: (m: JobMessage) => void) => void): Promise<void> {
  const cache = new Map<string, Network>();
  listen((m) => {
    if (m?.type === 'session') {
      post({ type: 'started' }); // the caller blocks only once every helper has its rank (host.ts, startRanks)
      try {
        serveSession(m.job, m.rank, networkFor(cache, m.job.spec));
        post({ type: 'done', losses: [], steps: 0, theta: undefined });
      } catch (e) {
        abort(m.job.ctl, m.job.threads); // rank 0 waiting at the step barrier gives up
        post({ type: 'error', error: encodeError(e) });
      }
      return;
    }
    if (m?.type !== 'job') return;
    post({ type: 'started' });
    try {
      const r = runRank(m.job, m.rank, cache);
      post({ type: 'done', losses: r.losses, steps: r.steps, theta: m.reply ? r.theta.slice() : undefined });
    } catch (e) {
      post({ type: 'error', error: encodeError(e) });
    }
  });
  await ready(); // the WebAssembly kernels, so `auto` means the same set as on the main thread
  post({ type: 'ready' });
}

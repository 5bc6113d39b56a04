import { render } from 'ink';
import type { RunContext } from '../commands/run-context.js';
import type { Runtime } from '../runtime.js';
import type { EndEvent } from '../training/events.js';
import { App } from './App.js';

/** Renders the dashboard until the user (or the end of training) closes it; returns the end event. */
export async function runDashboard(ctx: RunContext, rt: Runtime): Promise<EndEvent> {
  const width = Math.max(80, Math.min(140, rt.stdout.columns ?? 120));
  const app = render(<App ctx={ctx} width={width} />, {
    stdout: rt.stdout,
    stdin: rt.stdin,
    stderr: rt.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 20,
    // Rewrite only the lines that changed: writes to a terminal are synchronous, so fewer bytes = less time off training.
    incrementalRendering: false,
  });
  await app.waitUntilExit();
  // The user may quit while training still runs the last slice: wait for the clean end.
  ctx.session.stop('stopped');
  return ctx.session.result;
}

import { render } from 'ink';
import type { RunContext } from '../commands/run-context.js';
import type { Runtime } from '../runtime.js';
import type { EndEvent } from '../training/events.js';
import type { Meter } from '../training/meter.js';
import { App } from './App.js';

/**
 * Times frames for the meter: from the start of App's render to the last write to the terminal in the
 * same task (React renders, commits and Ink writes synchronously; a microtask marks the task's end).
 */
function frameTimer(meter: Meter, stdout: NodeJS.WriteStream) {
  let last: number | undefined;
  let ms = 0;
  const begin = () => {
    if (last !== undefined) return;
    last = performance.now();
    ms = 0;
    queueMicrotask(() => {
      if (ms > 0) meter.frame(ms);
      last = undefined;
    });
  };
  const write = stdout.write.bind(stdout) as (...args: unknown[]) => boolean;
  const metered = new Proxy(stdout, {
    get(target, key) {
      if (key === 'write')
        return (...args: unknown[]) => {
          const ok = write(...args);
          if (last !== undefined) {
            const now = performance.now();
            ms += now - last;
            last = now;
          }
          return ok;
        };
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { begin, stdout: metered };
}

/** Renders the dashboard until the user (or the end of training) closes it; returns the end event. */
export async function runDashboard(ctx: RunContext, rt: Runtime, meter?: Meter): Promise<EndEvent> {
  const width = Math.max(80, Math.min(140, rt.stdout.columns ?? 120));
  const timer = meter ? frameTimer(meter, rt.stdout) : undefined;
  const app = render(<App ctx={ctx} width={width} {...(timer ? { onFrame: timer.begin } : {})} />, {
    stdout: timer?.stdout ?? rt.stdout,
    stdin: rt.stdin,
    stderr: rt.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
    // Ink delays a frame that follows the previous one within 1000 / maxFps ms; training commits only once
    // a second, so this bounds how long a key's answer may wait (issue #4: keys within 100 ms).
    maxFps: 60,
    // Full frames: Ink 6.8's incremental mode leaves stale lines behind when the frame's height changes
    // (seen in tmux: duplicated title and chart lines), so every redraw rewrites the screen.
    incrementalRendering: false,
  });
  await app.waitUntilExit();
  // The user may quit while training still runs the last slice: wait for the clean end.
  ctx.session.stop('stopped');
  return ctx.session.result;
}

import { render, renderToString } from 'ink';
import type { RunContext } from '../commands/run-context.js';
import type { TrainingView } from '../hooks/use-training.js';
import type { Runtime } from '../runtime.js';
import type { EndEvent } from '../training/events.js';
import type { Meter } from '../training/meter.js';
import { App } from './App.js';
import { Dashboard } from './Dashboard.js';
import { planLayout } from './layout.js';

/** Passes of the warm-up: 10 measured no clearer gain than 2 (scripts/measure-overhead.sh noise). */
const WARM_UP_FRAMES = 2;

/**
 * Draws a full dashboard off screen with made-up numbers, before training starts. The first frame with
 * data otherwise compiles React's, Ink's, Yoga's and the charts' code while training runs (30–50 ms of
 * the main thread, measured, plus V8's compiler threads), the way loading Ink would if it were
 * done late. Only the renderer's code runs: the session and the network are not touched.
 */
export function warmUp(ctx: RunContext, columns: number, rows = 40): void {
  const { session, net } = ctx;
  const epochs = ctx.config.epochs;
  const curve = (n: number, from: number) => Array.from({ length: n }, (_, i) => from / (1 + i / 4));
  const history = { trainLoss: curve(3, 1), trainAccuracy: [0.8, 0.85, 0.9], valLoss: curve(3, 1.1), valAccuracy: [0.78, 0.84, 0.88] };
  const progress = { epoch: 1, batch: 7, iterations: 17, epochs, batches: 10, learningRate: session.learningRate, samplesPerSecond: 1e4, etaSeconds: 10, elapsedSeconds: 1 };
  const view: TrainingView = {
    last: { type: 'batch', ...progress, loss: 0.5, epochLoss: 0.55 },
    batchLosses: curve(200, 2),
    history,
    layers: session.layers,
    end: undefined,
    paused: false,
    learningRate: session.learningRate,
    version: 1,
  };
  const classification = ctx.data.train.task === 'classification';
  const layout = planLayout({ columns, rows, twoD: false, classification, layerCount: net.layers.length, helpLines: 0 });
  for (let i = 0; i < WARM_UP_FRAMES; i++) {
    renderToString(<Dashboard title={ctx.titleParts(session.learningRate)} view={view} inputs={net.inputs} layers={net.layers} classification={classification} layout={layout} />, { columns: layout.width + 1 });
  }
}

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

/**
 * The terminal stream Ink writes to, adjusted for a dashboard that lives in the normal screen. Ink's
 * full-screen clear (`ESC[2J ESC[3J ESC[H`) erases the user's scrollback, and many terminals (tmux's
 * scroll-on-clear, VTE) copy the screen into the scrollback on `ESC[2J`; cursor home + erase below
 * (`ESC[H ESC[J`) clears the same screen without either.
 */
const INK_CLEAR = '\u001b[2J\u001b[3J\u001b[H';
const CLEAR = '\u001b[H\u001b[J';

function dashboardStream(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = stdout.write.bind(stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
  return new Proxy(stdout, {
    get(target, key) {
      if (key === 'write') return (chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? chunk.replaceAll(INK_CLEAR, CLEAR) : chunk, ...rest);
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Renders the dashboard until the user (or the end of training) closes it; returns the end event. */
export async function runDashboard(ctx: RunContext, rt: Runtime, meter?: Meter, colour = true): Promise<EndEvent> {
  // Before `render`: training starts on a later macrotask, so this cost lands before the first step.
  warmUp(ctx, rt.stdout.columns || 120, rt.stdout.rows || 40);
  const stream = dashboardStream(rt.stdout);
  const timer = meter ? frameTimer(meter, stream) : undefined;
  // Ink redraws on its own resize listener; this one runs after it and clears the screen the terminal has
  // re-wrapped (erasing the old frame line by line would leave pieces behind), and the App's own
  // listener then draws the frame planned for the new size.
  const onResize = () => rt.stdout.write(CLEAR);
  const app = render(<App ctx={ctx} colour={colour} {...(timer ? { onFrame: timer.begin } : {})} />, {
    stdout: timer?.stdout ?? stream,
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
  rt.stdout.on('resize', onResize);
  try {
    await app.waitUntilExit();
  } finally {
    rt.stdout.off('resize', onResize);
  }
  // The user may quit while training still runs the last slice: wait for the clean end.
  ctx.session.stop('stopped');
  return ctx.session.result;
}

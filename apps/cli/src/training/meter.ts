// Steady-state throughput of a training run, for BACKPROP_REPORT_CPU=1 and scripts/measure-overhead.sh.
// The clock starts when the first update step ends (so loading, Ink/React start-up and the JIT's first
// step are not counted) and stops when the last one ends (so the final frame and saving are not either).
// Everything in between is: steps, redraws, layer statistics, the heatmap.

/** Samples trained per second between the end of the first step and the end of the last. */
export interface Throughput {
  /** Update steps after the first. */
  readonly steps: number;
  readonly samples: number;
  readonly wallSeconds: number;
  /** Process CPU time (user + system, every thread: also V8's compiler and GC threads) in that window. */
  readonly cpuSeconds: number;
  /** The system part of it (terminal writes show up here). */
  readonly systemSeconds: number;
  /** Samples per wall-clock second: the throughput the user sees. */
  readonly samplesPerSecond: number;
  /** Samples per CPU second: the same work per CPU time, less sensitive to waiting for a core on a shared machine. */
  readonly samplesPerCpuSecond: number;
  /** Dashboard frames drawn in the window, and the main-thread milliseconds they took (render → last write). */
  readonly frames: number;
  readonly frameMs: number;
}

/** Called by the session after every step and once at the end, and by the dashboard per frame. */
export interface Meter {
  step(samples: number): void;
  end(): void;
  /** A frame took `ms` of the main thread (counted only inside the window). */
  frame(ms: number): void;
  /** Undefined until training has ended after at least two steps. */
  throughput(): Throughput | undefined;
}

export function createMeter(): Meter {
  let start: { ms: number; cpu: NodeJS.CpuUsage } | undefined;
  let stop: { ms: number; cpu: NodeJS.CpuUsage } | undefined;
  let steps = 0;
  let samples = 0;
  let frames = 0;
  let frameMs = 0;
  return {
    step(n) {
      if (!start) {
        start = { ms: performance.now(), cpu: process.cpuUsage() };
        return;
      }
      steps++;
      samples += n;
    },
    end() {
      // CPU time since the start mark (process.cpuUsage(previous) returns the difference).
      if (start) stop ??= { ms: performance.now(), cpu: process.cpuUsage(start.cpu) };
    },
    frame(ms) {
      if (!start || stop) return;
      frames++;
      frameMs += ms;
    },
    throughput() {
      if (!start || !stop || steps === 0) return undefined;
      const cpuSeconds = (stop.cpu.user + stop.cpu.system) / 1e6;
      const wallSeconds = (stop.ms - start.ms) / 1000;
      return {
        steps,
        samples,
        wallSeconds,
        cpuSeconds,
        systemSeconds: stop.cpu.system / 1e6,
        samplesPerSecond: samples / wallSeconds,
        samplesPerCpuSecond: samples / cpuSeconds,
        frames,
        frameMs,
      };
    },
  };
}

/** One line for stderr: `steady state: …` (scripts/measure-overhead.sh reads it). */
export function throughputLine(t: Throughput): string {
  const window = `${t.samples} samples in ${t.wallSeconds.toFixed(3)}s wall, ${t.cpuSeconds.toFixed(3)}s cpu (${t.systemSeconds.toFixed(3)}s system)`;
  const rates = `${t.samplesPerSecond.toFixed(0)} samples/s, ${t.samplesPerCpuSecond.toFixed(0)} samples/cpu-s`;
  const frames = t.frames > 0 ? `; ${t.frames} frames, ${t.frameMs.toFixed(0)} ms = ${((100 * t.frameMs) / (1000 * t.wallSeconds)).toFixed(2)}% of the wall time` : '';
  return `steady state: ${window}; ${rates}${frames}`;
}

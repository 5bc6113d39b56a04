/**
 * Bytes allocated per warm training step: heap + array-buffer growth across `long − short` steps,
 * with GC forced before each window (needs `node --expose-gc`) and a young generation large enough
 * (`--max-semi-space-size`) that no scavenge hides garbage inside the window. Warms up first.
 */
export function allocationPerStep(run: (steps: number) => unknown, short = 2, long = 102): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  run(long);
  const measure = (steps: number): number => {
    gc();
    const before = process.memoryUsage();
    run(steps);
    const after = process.memoryUsage();
    return after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
  };
  measure(short);
  const a = measure(short);
  const b = measure(long);
  return Math.max(0, (b - a) / (long - short));
}

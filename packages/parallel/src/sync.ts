/**
 * The step barrier in shared memory: one Int32 counter per rank, each on its own 64-byte line (no false
 * sharing), plus an abort word. Rank r stores the phase it has just finished (two per step: gradients
 * written, θ slice updated); a rank goes on once every counter has reached that phase. Waiting spins
 * briefly (a finished peer is usually microseconds away, and waking from `Atomics.wait` costs tens of
 * them), then sleeps in `Atomics.wait`.
 */

/** Int32 slots per counter line. */
const LINE = 16;
/** The abort word: non-zero once any rank failed. */
const ABORT = 0;
/** Spin iterations before sleeping (a few tens of microseconds). */
const SPIN = 4096;
/** Longest sleep before re-checking the abort word, ms. */
const NAP_MS = 1000;

/** The per-step session's GO word (the step to run; −1 ends the session) and the step's row count, on the abort word's line. */
const GO = 8;
const COUNT = 9;

/** Int32 entries of the control array for `threads` ranks. */
export function controlLength(threads: number): number {
  return LINE * (threads + 1);
}

/** Thrown by a waiting rank when another rank has failed; the failing rank reports the cause. */
export class PeerFailed extends Error {
  override readonly name = 'PeerFailed';
}

/** Rank `rank` has finished phase `step`. */
export function arrive(ctl: Int32Array, rank: number, step: number): void {
  const i = LINE * (rank + 1);
  Atomics.store(ctl, i, step);
  Atomics.notify(ctl, i);
}

/** Returns once every rank has finished phase `step`; throws PeerFailed if a rank aborted meanwhile. */
export function awaitStep(ctl: Int32Array, threads: number, step: number): void {
  for (let r = 0; r < threads; r++) {
    const i = LINE * (r + 1);
    let spin = 0;
    for (let v = Atomics.load(ctl, i); v < step; v = Atomics.load(ctl, i)) {
      if (spin++ < SPIN) continue;
      if (Atomics.load(ctl, ABORT) !== 0) throw new PeerFailed('another thread failed');
      Atomics.wait(ctl, i, v, NAP_MS);
    }
  }
  if (Atomics.load(ctl, ABORT) !== 0) throw new PeerFailed('another thread failed');
}

/** Marks the run failed and wakes every waiting rank. */
export function abort(ctl: Int32Array, threads: number): void {
  Atomics.store(ctl, ABORT, 1);
  for (let r = 0; r < threads; r++) Atomics.notify(ctl, LINE * (r + 1));
}

/** Rank 0 starts session step `step` on `count` rows (the row indices and θ are written before this). */
export function go(ctl: Int32Array, step: number, count: number): void {
  Atomics.store(ctl, COUNT, count);
  Atomics.store(ctl, GO, step);
  Atomics.notify(ctl, GO);
}

/** Ends a session: every rank waiting for GO returns. */
export function stop(ctl: Int32Array): void {
  Atomics.store(ctl, GO, -1);
  Atomics.notify(ctl, GO);
}

/** A helper waits for session step `step`: returns its row count, or −1 when the session ends. */
export function waitForGo(ctl: Int32Array, step: number): number {
  let spin = 0;
  for (let v = Atomics.load(ctl, GO); v !== -1 && v < step; v = Atomics.load(ctl, GO)) {
    // Between steps a caller may pause for minutes: spin briefly, then sleep until notified.
    if (spin++ < SPIN) continue;
    Atomics.wait(ctl, GO, v, NAP_MS);
  }
  return Atomics.load(ctl, GO) === -1 ? -1 : Atomics.load(ctl, COUNT);
}

import { cos, log } from './math.js';

/**
 * A seeded pseudo-random generator with explicit state (SPEC: determinism). sfc32 seeded through
 * splitmix32: 128 bits of state, integer-only arithmetic, so the same seed gives the same stream
 * to the last bit in every JavaScript engine. Nothing in the library uses Math.random.
 */
export interface Rng {
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal N(0, 1) (Box–Muller; no cached second value, so state is just the four words). */
  normal(): number;
  /** The four 32-bit state words: pass to {@link createRng} `state` to resume the stream exactly. */
  state(): readonly [number, number, number, number];
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * sfc32's state and steps. A class, not closures: every generator then shares one `next`, so the engine
 * keeps code that calls it (a shuffle, a weight initialiser) optimised across generators; with a new
 * closure per generator, it deoptimised that code ("wrong call target") at every training run.
 */
class Sfc32 implements Rng {
  // The four state words in a typed array: they are uint32, mostly beyond the engine's small integers, and
  // as number fields each store boxed a new heap number (a draw took ~22 ns; a weight initialisation of
  // 109k parameters, 2.4 ms of every new W1 network). A Uint32Array stores them modulo 2³², as >>> 0 did.
  private readonly s: Uint32Array;

  constructor(a: number, b: number, c: number, d: number) {
    this.s = Uint32Array.of(a, b, c, d);
  }

  /** The next 32-bit output. */
  u32(): number {
    const s = this.s;
    const a = s[0]!;
    const b = s[1]!;
    const c = s[2]!;
    const d = s[3]!;
    const t = (((a + b) >>> 0) + d) >>> 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = (((c << 21) | (c >>> 11)) >>> 0) + t;
    return t;
  }

  next(): number {
    return this.u32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(u) is finite
    const v = this.next();
    return Math.sqrt(-2 * log(u)) * cos(2 * Math.PI * v); // deterministic log/cos: same normals everywhere
  }

  state(): readonly [number, number, number, number] {
    const s = this.s;
    return [s[0]!, s[1]!, s[2]!, s[3]!];
  }
}

/**
 * Creates a generator from a seed (any finite number; it is reduced to 32 bits) or from a saved state.
 * @example const rng = createRng(42); rng.next(); // same value in Node and every browser
 */
export function createRng(seed: number, state?: readonly [number, number, number, number]): Rng {
  if (state) {
    const [a, b, c, d] = state.map((x) => x >>> 0) as [number, number, number, number];
    return new Sfc32(a, b, c, d);
  }
  const mix = splitmix32(Math.floor(Math.abs(seed)) ^ (seed < 0 ? 0x80000000 : 0));
  const a = mix();
  const b = mix();
  const c = mix();
  const rng = new Sfc32(a, b, c, mix());
  // Warm up a fresh stream: the first outputs of sfc32 correlate with the seed words.
  for (let i = 0; i < 12; i++) rng.u32();
  return rng;
}

/**
 * One epoch's row order: 0, 1, …, n − 1 in `order`, then shuffled when an `rng` is given (the order
 * `fit` and the data-parallel trainer draw each epoch). A function of its own because a loop over every
 * row inside a training loop made V8 compile that whole loop again on the stack (the step inlined, tens
 * of ms) during the first fits.
 * @example const order = new Int32Array(8); epochOrder(order, createRng(1)); // a permutation of 0 … 7
 */
export function epochOrder(order: Uint32Array | Int32Array, rng: Rng | undefined): void {
  identity(order);
  if (rng) shuffleInPlace(order, rng);
}

// The loop alone: compiled on the stack while it ran, a loop followed by the shuffle's call left that call
// without type feedback, and the compiled loop was left (deoptimised) at that call every epoch.
function identity(order: Uint32Array | Int32Array): void {
  for (let i = 0; i < order.length; i++) order[i] = i;
}

/** Fisher–Yates shuffle in place; returns the same array. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
  return items;
}

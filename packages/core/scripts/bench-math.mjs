// Micro-benchmark (not a test): detMath.* against the host's Math.*, ns per call and the ratio.
// Run after `pnpm build`:  node scripts/bench-math.mjs
// Each function maps a fixed array of 4096 inputs in its typical range; the best of several rounds counts.
import { detMath } from '../dist/index.js';

const N = 4096;
let seed = 1;
const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const inputs = (lo, hi) => Float64Array.from({ length: N }, () => lo + (hi - lo) * rnd());
const cases = [
  ['exp', inputs(-20, 20)],
  ['expm1', inputs(-2, 2)],
  ['log', inputs(1e-6, 1e3)],
  ['log1p', inputs(-0.5, 10)],
  ['tanh', inputs(-5, 5)],
  ['sin', inputs(-10, 10)],
  ['cos', inputs(-10, 10)],
];
const out = new Float64Array(N);

function time(f, x) {
  let best = Infinity;
  for (let round = 0; round < 15; round++) {
    const t0 = performance.now();
    for (let rep = 0; rep < 50; rep++) for (let i = 0; i < N; i++) out[i] = f(x[i]);
    best = Math.min(best, ((performance.now() - t0) * 1e6) / (50 * N));
  }
  return best;
}

console.log('function   Math.* ns   detMath ns   ratio');
for (const [name, x] of cases) {
  const host = Math[name];
  const ours = detMath[name];
  time(host, x); // warm both up before measuring
  time(ours, x);
  const a = time(host, x);
  const b = time(ours, x);
  console.log(`${name.padEnd(10)} ${a.toFixed(2).padStart(9)} ${b.toFixed(2).padStart(12)} ${(b / a).toFixed(2).padStart(7)}×`);
}
const big = inputs(1e7, 1e300);
console.log(`sin |x|>2^20·π/2 (BigInt path): Math ${time(Math.sin, big).toFixed(1)} ns, detMath ${time(detMath.sin, big).toFixed(1)} ns`);
console.log(`powi(0.999, t) vs Math.pow: Math ${time((t) => Math.pow(0.999, Math.floor(t)), inputs(1, 1e4)).toFixed(1)} ns, detMath ${time((t) => detMath.powi(0.999, Math.floor(t)), inputs(1, 1e4)).toFixed(1)} ns`);

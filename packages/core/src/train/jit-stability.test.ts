import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// A program that trains many networks one after another (a benchmark, a hyperparameter search, the
// playground's restarts) should keep the training code V8 optimised for the first: every network's
// workspace, history and running sums have the same hidden classes. When they did not, each new network
// threw the optimised step away ("deopt") and ran it unoptimised until V8 compiled it again: the W2 fits
// of the shared benchmark ran at 20–25k steps/s instead of 27–28k until the fifth or sixth network.
//
// V8 prints every deopt with --trace-deopt; --single-threaded makes its compile decisions repeat exactly.
// The child runs the built package (turbo builds it before the tests), so this checks what users load.

const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

const program = `
const { Matrix, Network, createRng } = await import(process.argv[1]);
const rng = createRng(11);
const n = 500;
const X = Matrix.zeros(n, 2, 'float32');
const y = [];
for (let i = 0; i < n; i++) {
  const c = i % 2, t = (i / n) * 3 * Math.PI, r = 0.2 + t / 10;
  X.data[2 * i] = r * Math.cos(t + c * Math.PI) + 0.05 * rng.next();
  X.data[2 * i + 1] = r * Math.sin(t + c * Math.PI) + 0.05 * rng.next();
  y.push(c);
}
const spec = { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }], output: { units: 2, fn: 'softmax', loss: 'cross-entropy' }, init: 'glorot-uniform' };
const batchSize = Number(process.argv[2]);
const train = (seed, epochs) => {
  const net = Network.create({ ...spec, seed });
  net.fit(X, y, { epochs, batchSize, learningRate: 0.3, seed });
  net.dispose();
};
train(999, 200);
for (let k = 0; k < 4; k++) {
  console.log('network ' + k);
  train(k + 1, 300);
}
`;

/** The deopts V8 reports while the networks after the second train, one line each. */
function deoptsAfterSecondNetwork(batchSize: number): string[] {
  const run = spawnSync(process.execPath, ['--single-threaded', '--trace-deopt', '--input-type=module', '-e', program, dist, String(batchSize)], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const lines = run.stdout.split('\n');
  const from = lines.indexOf('network 1');
  expect(from).toBeGreaterThan(0);
  return lines.slice(from).filter((l) => l.includes('bailout'));
}

describe.skipIf(!existsSync(dist))('training one network after another', () => {
  // 500 rows in batches of 50 (every batch the same size) and of 64 (a last batch of 52: two workspaces).
  test.each([50, 64])('keeps the optimised training code from the second network on (batches of %i)', (batchSize) => {
    expect(deoptsAfterSecondNetwork(batchSize)).toEqual([]);
  });
});

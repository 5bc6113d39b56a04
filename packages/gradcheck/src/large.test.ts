// The MNIST-sized network of the brief: 784-128-64-10, relu, softmax, float32, checked in directional
// mode (one random direction per tensor). Time is printed, not asserted.
import { Matrix, Network, createRng } from '@backprop/core';
import { expect, test } from 'vitest';
import { formatReport } from './format.js';
import { gradcheck } from './gradcheck.js';

test('784-128-64-10 passes a directional check', () => {
  const net = Network.create({
    inputs: 784,
    layers: [{ units: 128, activation: 'relu' }, { units: 64, activation: 'relu' }],
    output: { units: 10, fn: 'softmax' },
    seed: 7,
  });
  const rng = createRng(11);
  const N = 32;
  const X = Matrix.zeros(N, 784, 'float32');
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.next(); // pixel-like inputs in [0, 1)
  const labels = Array.from({ length: N }, () => rng.int(10));
  gradcheck(net, X, labels, { mode: 'directional' }); // warm-up (JIT)
  const start = performance.now();
  const report = gradcheck(net, X, labels, { mode: 'directional' });
  const ms = performance.now() - start;
  console.log(`784-128-64-10, N = ${N}, directional: ${ms.toFixed(1)} ms\n${formatReport(report)}`);
  expect(report.ok).toBe(true);
  expect(report.tensors.map((t) => t.name)).toEqual(['W1', 'W2', 'W3', 'b1', 'b2', 'b3', 'input']);
});

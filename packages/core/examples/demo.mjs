// Trains a small network on a two-class spiral with @backprop/core and prints loss and accuracy.
// Run from the repository root: `pnpm demo` (builds first).
import { Network, createRng } from '@backprop/core';

const rng = createRng(12345);
const X = [];
const y = [];
for (let c = 0; c < 2; c++) {
  for (let i = 0; i < 200; i++) {
    const r = (5 * i) / 200;
    const t = (1.75 * 2 * Math.PI * i) / 200 + c * Math.PI;
    X.push([r * Math.sin(t) + (rng.next() - 0.5) * 0.2, r * Math.cos(t) + (rng.next() - 0.5) * 0.2]);
    y.push(c);
  }
}
const net = Network.create({
  inputs: 2,
  layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }],
  output: { units: 2, fn: 'softmax' },
  seed: 1,
});
console.log(`spiral: ${X.length} points, network ${net.layers.map((l) => `${l.units} ${l.activation}`).join(' → ')}`);
net.fit(X, y, {
  epochs: 1000,
  batchSize: 10,
  learningRate: 0.2,
  onEpoch: ({ epoch, loss }) => {
    if (epoch % 100 === 0) {
      const predicted = net.classify(X);
      const accuracy = predicted.filter((p, i) => p === y[i]).length / y.length;
      console.log(`epoch ${String(epoch).padStart(4)}  loss ${loss.toFixed(4)}  accuracy ${(accuracy * 100).toFixed(1)} %`);
    }
  },
});

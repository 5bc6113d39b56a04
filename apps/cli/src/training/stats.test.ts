import { Network } from '@backprop/core';
import { generate } from '@backprop/datasets';
import { expect, test } from 'vitest';
import { headRows, layerStats } from './stats.js';

test('with live gradient norms the probe is forward-only: same unit shares, the norms given', () => {
  const data = generate('circle', { samples: 128, seed: 4 });
  const net = Network.create({ inputs: 2, layers: [{ units: 12, activation: 'relu' }, { units: 6, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 2 });
  const probe = headRows(data, 64);
  const full = layerStats(net, probe.X, probe.Y);
  const live = layerStats(net, probe.X, probe.Y, [1, 2, 3]);
  expect(live.map((l) => [l.dead, l.saturated, l.weightNorm])).toEqual(full.map((l) => [l.dead, l.saturated, l.weightNorm]));
  expect(live.map((l) => l.gradNorm)).toEqual([1, 2, 3]);
  expect(full.every((l) => l.gradNorm > 0)).toBe(true);
});

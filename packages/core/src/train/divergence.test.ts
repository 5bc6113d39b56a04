import { describe, expect, test } from 'vitest';
import { BackpropError, Network, TrainingDivergedError } from '../index.js';
import { likelyCause } from './divergence.js';

const regression = (dtype: 'float32' | 'float64' = 'float64') =>
  Network.create({ inputs: 2, layers: [{ units: 4, activation: 'relu' }], output: { units: 1, fn: 'linear' }, seed: 3, dtype });

function diverge(net: Network, X: number[][], Y: number[][], learningRate: number): { error: TrainingDivergedError; lastGood: number[] } {
  let lastGood = Array.from(net.flat);
  try {
    net.fit(X, Y, { epochs: 500, batchSize: X.length, learningRate, onBatchEnd: () => void (lastGood = Array.from(net.flat)) });
  } catch (e) {
    if (e instanceof TrainingDivergedError) return { error: e, lastGood };
    throw e;
  }
  throw new Error('training did not diverge');
}

describe('divergence', () => {
  test('unscaled inputs: a typed error that says where, when and why; weights stay at the last good step', () => {
    const X = [[1e4, -2e4], [3e4, 5e3], [-1e4, 2e4], [2e4, 1e4]];
    const Y = [[1], [2], [3], [4]];
    const net = regression();
    const { error, lastGood } = diverge(net, X, Y, 0.1);
    expect(error).toBeInstanceOf(BackpropError);
    expect(error.code).toBe('diverged');
    expect(error.likely).toBe('unscaled-inputs');
    expect(error.step).toBe(error.result.iterations + 1);
    expect(error.result.stopReason).toBe('diverged');
    expect(error.layer).toBeGreaterThanOrEqual(1);
    expect(error.message).toMatch(new RegExp(`at step ${error.step} \\(epoch ${error.epoch}\\)`));
    expect(error.message).toMatch(/Likely cause: the inputs are not scaled/);
    expect(Array.from(net.flat)).toEqual(lastGood);
    expect(Array.from(net.flat).every(Number.isFinite)).toBe(true);
  });

  test('scaled inputs and a huge learning rate: blamed on η or on the exploding gradient norm', () => {
    const X = [[0.1, -0.2], [0.3, 0.5], [-0.1, 0.2], [0.2, 0.1]];
    const Y = [[1], [2], [3], [4]];
    for (const dtype of ['float32', 'float64'] as const) {
      const { error } = diverge(regression(dtype), X, Y, 50);
      expect(['learning-rate', 'exploding-gradient']).toContain(error.likely);
      expect(['forward', 'loss', 'gradient', 'update']).toContain(error.stage);
    }
  });

  test.each(['float32', 'float64'] as const)('a checkpoint whose optimizer state was edited to extreme values: the error blames that state, not η (%s)', (dtype) => {
    const X = [[0.1, -0.2], [0.3, 0.5], [-0.1, 0.2], [0.2, 0.1], [0.4, -0.3], [-0.2, -0.1]];
    const Y = [[1], [2], [3], [4], [2], [1]];
    const options = { epochs: 2, batchSize: 2, learningRate: 0.1, optimizer: { name: 'sgd', momentum: 0.9 } } as const;
    const net = regression(dtype);
    net.fit(X, Y, options);
    const saved = net.checkpoint();
    const { training } = saved;
    const velocity = training!.optimizer.slots.velocity!.map(() => 1e308); // finite, so the file loads
    const edited = { ...saved, training: { ...training!, optimizer: { ...training!.optimizer, slots: { velocity } } } };
    const resumed = Network.fromJSON(edited);
    let error: unknown;
    try {
      resumed.fit(X, Y, { ...options, epochs: 4, resume: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrainingDivergedError);
    const d = error as TrainingDivergedError;
    expect(d.stage).toBe(dtype === 'float32' ? 'update' : 'loss'); // θ − η·v overflows float32 at once; float64 a step later, in the loss
    expect(d.likely).toBe('optimizer-state');
    expect(d.message).toMatch(/Likely cause: the optimizer's state .*\(largest \|value\| \d(\.\d+)?e\+30[78]\): it came with the checkpoint/);
    expect(d.message).not.toMatch(/learning rate is probably too high/);
    // The error says what was not finite; a finite loss is named as such, not as what went wrong.
    if (d.stage === 'update') expect(d.message).toMatch(/got a non-finite value in the parameter update \(layer \d\) at step \d+ \(epoch \d+\), after a finite loss of [\d.]+/);
    else expect(d.message).toMatch(/got (Infinity|NaN) at step/);
    expect(Array.from(resumed.flat).every(Number.isFinite)).toBe(true); // the weights of the last good step
  });

  test('likelyCause: inputs first, then a gradient norm that grew 100×, else η', () => {
    expect(likelyCause(1e3, [1, 2])).toBe('unscaled-inputs');
    expect(likelyCause(1, [0.5, 1, 80])).toBe('exploding-gradient');
    expect(likelyCause(1, [0.5, 0.6, Number.NaN])).toBe('learning-rate');
    // Optimizer buffers: momentum at μ = 0.9 over gradients of norm 80 stays below 800; 1e308 does not.
    expect(likelyCause(1, [0.5, 1, 80], 700)).toBe('exploding-gradient');
    expect(likelyCause(1, [0.5, 0.6], 1e308)).toBe('optimizer-state');
    expect(likelyCause(1, [0.5, 0.6], Number.NaN)).toBe('optimizer-state');
    expect(likelyCause(1e3, [0.5], 1e308)).toBe('unscaled-inputs');
  });
});

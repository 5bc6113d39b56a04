// The dual-package hazard (an app that `require`s the core and imports an ES module that imports it
// gets two copies): each copy must accept the other's matrices and recognise its errors. A second copy
// is the same source evaluated again after clearing vitest's module registry.
import { describe, expect, test, vi } from 'vitest';
import { BackpropError, Matrix, ModelFormatError, Network, TrainingDivergedError } from './index.js';

async function otherCopy(): Promise<typeof import('./index.js')> {
  vi.resetModules();
  const other = await import('./index.js');
  // The premise of every test below: really a second, distinct copy of the classes.
  expect(other.Matrix).not.toBe(Matrix);
  expect(other.BackpropError).not.toBe(BackpropError);
  return other;
}

const spec = { inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 } as const;

describe('two copies of @backprop/core in one program', () => {
  test("instanceof Matrix is true for the other copy's matrices, both ways", async () => {
    const other = await otherCopy();
    expect(other.Matrix.from([[1, 2]])).toBeInstanceOf(Matrix);
    expect(Matrix.zeros(1, 2)).toBeInstanceOf(other.Matrix);
    // …and still false for look-alikes: the brand is not a shape check.
    expect({ rows: 1, cols: 2, data: new Float32Array(2) } instanceof Matrix).toBe(false);
    expect((null as unknown) instanceof Matrix).toBe(false);
  });

  test("a network fits and predicts on the other copy's matrices", async () => {
    const other = await otherCopy();
    const X = other.Matrix.from([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const net = Network.create(spec);
    net.fit(X, [0, 1, 1, 0], { epochs: 2, batchSize: 4 });
    expect(net.predict(X).rows).toBe(4);
  });

  test("instanceof BackpropError recognises the other copy's errors, and keeps the subclass apart", async () => {
    const other = await otherCopy();
    const net = other.Network.create(spec);
    let caught: unknown;
    try {
      net.predict([[1, 2, 3]]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(other.BackpropError);
    expect(caught).toBeInstanceOf(BackpropError);
    expect(caught).not.toBeInstanceOf(ModelFormatError);
    const formatError = new other.ModelFormatError('corrupt_model', 'version', '1', '2');
    expect(formatError).toBeInstanceOf(ModelFormatError);
    expect(formatError).toBeInstanceOf(BackpropError);
    expect(new Error('x')).not.toBeInstanceOf(BackpropError);
  });

  test("instanceof TrainingDivergedError recognises the other copy's divergence, and only it", async () => {
    const other = await otherCopy();
    const net = other.Network.create({ inputs: 2, layers: [{ units: 4, activation: 'relu' }], output: { units: 1, fn: 'linear' }, seed: 3 });
    let caught: unknown;
    try {
      // Unscaled inputs and a large η: the loss overflows within a few steps.
      net.fit([[1e4, -2e4], [3e4, 5e3], [-1e4, 2e4], [2e4, 1e4]], [[1], [2], [3], [4]], { epochs: 500, batchSize: 4, learningRate: 0.1 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(other.TrainingDivergedError);
    expect(caught).toBeInstanceOf(TrainingDivergedError);
    expect(caught).toBeInstanceOf(BackpropError);
    expect(caught).not.toBeInstanceOf(ModelFormatError);
    expect(new other.BackpropError('diverged', 'training', 'a', 'b')).not.toBeInstanceOf(TrainingDivergedError);
  });

  test("a user's subclass keeps the ordinary prototype check", () => {
    class MyError extends BackpropError {}
    expect(new MyError('invalid_argument', 'x', 'a', 'b')).toBeInstanceOf(MyError);
    expect(new BackpropError('invalid_argument', 'x', 'a', 'b')).not.toBeInstanceOf(MyError);
    expect(new MyError('invalid_argument', 'x', 'a', 'b')).toBeInstanceOf(BackpropError);
  });
});

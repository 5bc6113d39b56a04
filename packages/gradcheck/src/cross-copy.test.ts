// The dual-package hazard (a CommonJS `require` and an ESM `import` of @backprop/gradcheck in one app load
// two copies): `instanceof GradcheckError` must recognise the other copy's errors. A second copy is the same
// source evaluated again after clearing vitest's module registry.
import { Network } from '@backprop/core';
import { expect, test, vi } from 'vitest';
import { GradcheckError } from './index.js';

test("instanceof GradcheckError recognises the other copy's errors, and only them", async () => {
  vi.resetModules();
  const other = await import('./index.js');
  expect(other.GradcheckError).not.toBe(GradcheckError); // really a second copy
  const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, dtype: 'float64', seed: 1 });
  let caught: unknown;
  try {
    // A gradient of zeros: every tensor fails the check.
    other.assertGradients(net, [[0.1, 0.2], [0.3, -0.4]], [0, 1], { gradient: (n) => ({ flat: new Float64Array(n.flat.length) }) });
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(other.GradcheckError);
  expect(caught).toBeInstanceOf(GradcheckError);
  expect(caught).toBeInstanceOf(Error);
  expect(new Error('gradient check failed')).not.toBeInstanceOf(GradcheckError);
  class MyError extends GradcheckError {}
  expect(caught).not.toBeInstanceOf(MyError); // a user's subclass keeps the prototype check
});

import { describe, expect, test } from 'vitest';
import { BackpropError } from './errors.js';
import { Network } from './network.js';
import { MAX_PARAMETERS, type NetworkSpec } from './spec.js';

// Every allocation size comes from the spec's widths: each is checked before anything is allocated.
describe('widths that are not safe, allocatable integers are BackpropErrors, never RangeErrors', () => {
  test.each([
    ['spec.inputs', { inputs: 2 ** 40, output: { units: 2, fn: 'softmax' } }],
    ['spec.inputs', { inputs: 1e300, output: { units: 2, fn: 'softmax' } }],
    ['spec.inputs', { inputs: 2 ** 53, output: { units: 2, fn: 'softmax' } }],
    ['spec.layers[0].units', { inputs: 3, layers: [{ units: 2 ** 53 + 2 }], output: { units: 2, fn: 'softmax' } }],
    ['spec.output.units', { inputs: 3, output: { units: Number.MAX_VALUE, fn: 'linear' } }],
    ['spec', { inputs: 20_000, layers: [{ units: 20_000 }], output: { units: 2, fn: 'softmax' } }],
  ])('%s', (argument, spec) => {
    let error: unknown;
    try {
      Network.create(spec as NetworkSpec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackpropError);
    expect((error as BackpropError).argument).toBe(argument);
    expect((error as BackpropError).code).toBe('invalid_argument');
  });

  test('the ceiling is MAX_PARAMETERS = 2^28, and the message gives the count and the widths', () => {
    expect(MAX_PARAMETERS).toBe(2 ** 28);
    // 2^27 inputs → 2 outputs: 2·(2^27 + 1) = 2^28 + 2 parameters, just over.
    expect(() => Network.create({ inputs: 2 ** 27, output: { units: 2, fn: 'linear' } })).toThrow(
      'spec: expected at most 268435456 parameters (MAX_PARAMETERS), got 268435458 parameters (widths 134217728-2)',
    );
  });
});

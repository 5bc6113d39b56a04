import { BackpropError } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { generate, type ToyDatasetName, toyDatasetNames } from './generate.js';
import type { Dataset } from './types.js';

const bits = (d: Dataset): number[] => {
  const target = d.task === 'classification' ? d.y : new Uint32Array(d.Y.data.buffer);
  return [...new Uint32Array(d.X.data.buffer), ...target];
};

/** Runs `fn` and returns the BackpropError it throws (fails the test when it does not throw one). */
function thrown(fn: () => unknown): BackpropError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BackpropError) return e;
    throw e;
  }
  throw new Error('expected a BackpropError');
}

describe.each(toyDatasetNames.map((n) => [n] as [ToyDatasetName]))('%s', (name) => {
  test('same options → bit-identical data; another seed → different data', () => {
    const a = generate(name, { samples: 300, noise: 0.3, seed: 7 });
    const b = generate(name, { samples: 300, noise: 0.3, seed: 7 });
    const c = generate(name, { samples: 300, noise: 0.3, seed: 8 });
    expect(bits(a)).toEqual(bits(b));
    expect(bits(a)).not.toEqual(bits(c));
  });

  test('shape, dtype and coordinates in the playground range [-6, 6]', () => {
    const d = generate(name, { samples: 301, noise: 1, seed: 3 });
    expect(d.name).toBe(name);
    expect([d.X.rows, d.X.cols]).toEqual([301, 2]);
    expect(d.X.data).toBeInstanceOf(Float32Array);
    expect(d.featureNames).toEqual(['x1', 'x2']);
    for (const v of d.X.data) expect(Math.abs(v)).toBeLessThanOrEqual(name === 'gaussians' ? 12 : 6);
    if (d.task === 'classification') {
      expect(d.y.length).toBe(301);
      expect(d.classNames.length).toBe(d.classes);
      for (const c of d.y) expect(c >= 0 && c < d.classes).toBe(true);
    } else {
      expect([d.Y.rows, d.Y.cols]).toEqual([301, 1]);
      expect(d.targetNames).toEqual(['y']);
    }
  });

  test('float64 holds the same numbers before rounding to float32', () => {
    const d64 = generate(name, { samples: 50, seed: 2, noise: 0.5, dtype: 'float64' });
    const d32 = generate(name, { samples: 50, seed: 2, noise: 0.5 });
    expect(d64.X.data).toBeInstanceOf(Float64Array);
    expect(Array.from(d64.X.data, Math.fround)).toEqual(Array.from(d32.X.data));
  });

  test('defaults: the Playground sample counts, noise 0, seed 0', () => {
    const d = generate(name);
    expect(d.X.rows).toBe(d.task === 'classification' ? 500 : 1200);
    expect(bits(d)).toEqual(bits(generate(name, { seed: 0, noise: 0 })));
  });
});

describe('option validation', () => {
  test('an unknown key is named', () => {
    const e = thrown(() => generate('xor', { sample: 10 } as never));
    expect(e.code).toBe('invalid_option');
    expect(e.argument).toBe('options.sample');
    expect(e.expected).toContain('samples');
  });

  test.each([0, -5, 2.5, Number.NaN, '100', null])('samples = %s is rejected', (samples) => {
    const e = thrown(() => generate('spiral', { samples } as never));
    expect([e.code, e.argument, e.expected]).toEqual(['invalid_option', 'samples', 'a positive integer']);
    expect(e.actual).toBe(typeof samples === 'string' ? '"100"' : String(samples));
  });

  test.each([-0.1, 1.5, Number.POSITIVE_INFINITY])('noise = %s is rejected', (noise) => {
    const e = thrown(() => generate('circle', { noise }));
    expect([e.code, e.argument, e.expected]).toEqual(['invalid_option', 'noise', 'a number in [0, 1]']);
  });

  test('seed must be an integer; dtype one of two names; options an object', () => {
    expect(thrown(() => generate('plane', { seed: 1.5 })).argument).toBe('seed');
    expect(thrown(() => generate('plane', { seed: -1 })).message).toBe('seed: expected an integer in [0, 4294967295], got -1');
    expect(thrown(() => generate('spiral', { seed: 2 ** 32 + 1 })).argument).toBe('seed');
    expect(generate('spiral', { seed: 2 ** 32 - 1 }).X.rows).toBeGreaterThan(0);
    expect(thrown(() => generate('bump', { dtype: 'int8' } as never)).argument).toBe('dtype');
    expect(thrown(() => generate('xor', 5 as never)).argument).toBe('options');
  });

  test('an unknown dataset name lists the known ones', () => {
    const e = thrown(() => generate('moons' as ToyDatasetName));
    expect([e.code, e.argument, e.actual]).toEqual(['invalid_argument', 'name', '"moons"']);
    expect(e.expected).toContain("'spiral3'");
  });

  test('toyDatasetNames lists the seven sets, classification first', () => {
    expect(toyDatasetNames).toEqual(['xor', 'circle', 'gaussians', 'spiral', 'spiral3', 'plane', 'bump']);
  });
});

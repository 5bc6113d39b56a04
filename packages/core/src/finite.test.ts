import { describe, expect, test } from 'vitest';
import { Network } from './index.js';
import { caught } from './test-fixtures.js';

const spec = { inputs: 2, layers: [{ units: 3, activation: 'tanh' as const }], output: { units: 2, fn: 'softmax' as const }, seed: 1, dtype: 'float64' as const };


describe('a non-finite forward value is a typed error, never NaN or a silent class 0 (defect 4)', () => {
  test('finite extreme weights in a model file: predict, classify and evaluate name the row and layer', () => {
    const json = JSON.parse(JSON.stringify(Network.create(spec)));
    json.layers[0].W = [[100, 0], [100, 0], [100, 0]]; // tanh saturates at 1 for x1 ≥ 0.1
    json.output.W[0] = [1e308, 1e308, 1e308]; // each finite; their sum is not
    const net = Network.fromJSON(json);
    const X = [[0.5, 0.2], [0.9, -0.3]];
    for (const call of [() => net.predict(X), () => net.classify(X), () => net.evaluate(X, [0, 1])]) {
      const e = caught(call);
      expect(e.code).toBe('non_finite');
      expect(e.argument).toMatch(/^X\[[01]\]$/);
      expect(e.actual).toMatch(/in a2, the pre-activation of layer 2, unit 0$/);
    }
    // loss reports the overflow as NaN (what gradcheck and hand-written loops watch for), not as an error.
    expect(net.loss(X, [0, 1])).toBeNaN();
  });

  test('a scaler offset of 1e308 in a float32 model overflows the scaled input: named as h0', () => {
    const json = JSON.parse(JSON.stringify(Network.create({ ...spec, dtype: 'float32' })));
    json.preprocessing = { input: { kind: 'standard', offset: [1e308, 0], scale: [1, 1] } };
    const net = Network.fromJSON(json);
    const e = caught(() => net.classify([[1, 1], [2, 2]]));
    expect([e.code, e.argument]).toEqual(['non_finite', 'X[0]']);
    expect(e.actual).toMatch(/-Infinity in the input after preprocessing \(h0\), unit 0/);
  });

  test('the row named is the first row that overflows, not row 0', () => {
    const json = JSON.parse(JSON.stringify(Network.create(spec)));
    json.layers[0].W[0] = [1e300, -1e300];
    const net = Network.fromJSON(json);
    expect(Array.from(net.classify([[0, 1]]))).toHaveLength(1); // −1e300: tanh saturates, finite
    const e = caught(() => net.predict([[0, 1], [0, 2], [1e10, 1e10]])); // 1e310 − 1e310 = ∞ − ∞ = NaN
    expect(e.argument).toBe('X[2]');
    expect(e.actual).toMatch(/^NaN in a1, the pre-activation of layer 1, unit 0$/);
  });
});

describe('the input scan (finiteness and max |x| in one pass, in chunks)', () => {
  test('a NaN or ∞ past the first chunk, after a larger finite value, is still found and named', () => {
    const net = Network.create(spec);
    const X = Array.from({ length: 700 }, (_, r) => [r === 3 ? 1e300 : r / 700, 0.5]); // 1,400 values
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const rows = X.map((row) => [...row]);
      rows[650]![1] = bad;
      const e = caught(() => net.fit(rows, new Array(700).fill(0).map((_, i) => i % 2), { epochs: 1 }));
      expect([e.code, e.argument]).toEqual(['non_finite', 'X[650][1]']);
    }
    // All finite: fit runs (the scan's max |x| feeds the divergence hint only).
    expect(net.fit(X, new Array(700).fill(0).map((_, i) => i % 2), { epochs: 1 }).epochs).toBe(1);
  });
});

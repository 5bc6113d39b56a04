import { describe, expect, test } from 'vitest';
import { type DType, Matrix, Network, type NetworkSpec, createRng, fitScaler } from '../index.js';

const N = 40;
const D = 5;
const spec = (dtype: DType): NetworkSpec => ({
  inputs: D,
  layers: [{ units: 7, activation: 'tanh' }, { units: 6, activation: 'relu' }],
  output: { units: 3, fn: 'softmax', loss: 'cross-entropy' },
  seed: 4,
  dtype,
});

function data(dtype: DType): { X: Matrix; labels: Int32Array } {
  const rng = createRng(9);
  const X = Matrix.zeros(N, D, dtype);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal();
  return { X, labels: Int32Array.from({ length: N }, (_, i) => (i * 7) % 3) };
}

/** The listed rows of m, as their own matrix (what net.gradient is given). */
const take = (m: Matrix, rows: readonly number[]): Matrix => {
  const out = Matrix.zeros(rows.length, m.cols, m.dtype);
  for (const [r, i] of rows.entries()) out.data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), r * m.cols);
  return out;
};

const bits = (a: Float32Array | Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

describe('net.rowGradient', () => {
  test.each(['float32', 'float64'] as const)('equals net.gradient on the same rows, bit for bit, scaled or not (%s)', (dtype) => {
    const { X, labels } = data(dtype);
    const net = Network.create(spec(dtype));
    const before = bits(net.flat);
    const g = net.rowGradient(X, labels);
    expect(g.rows).toBe(N);
    const rows = [17, 3, 3, 39, 0, 22, 8];
    const F = dtype === 'float32' ? Float32Array : Float64Array;
    const [a, b] = [new F(net.flat.length), new F(net.flat.length)];
    const la = g.compute(Int32Array.from(rows), a, 0.25);
    const lb = net.gradient(take(X, rows), rows.map((i) => labels[i]!), b, 0.25);
    expect(la).toBe(lb);
    expect(bits(a)).toBe(bits(b));
    // A second call with other rows (another workspace size) and scale 1.
    const lc = g.compute([5, 6], a);
    expect(lc).toBe(net.gradient(take(X, [5, 6]), [labels[5]!, labels[6]!], b));
    expect(bits(a)).toBe(bits(b));
    expect(bits(net.flat)).toBe(before);
  });

  test('float64: the gradient matches central differences of the loss (SPEC §2)', () => {
    const { X, labels } = data('float64');
    const net = Network.create(spec('float64'));
    const rows = [1, 4, 9, 16, 25, 36];
    const out = new Float64Array(net.flat.length);
    net.rowGradient(X, labels).compute(rows, out);
    const Xb = take(X, rows);
    const yb = rows.map((i) => labels[i]!);
    const h = 1e-6;
    for (let p = 0; p < net.flat.length; p += 7) {
      const t = net.flat[p]!;
      net.flat[p] = t + h;
      const up = net.loss(Xb, yb);
      net.flat[p] = t - h;
      const down = net.loss(Xb, yb);
      net.flat[p] = t;
      expect(Math.abs((up - down) / (2 * h) - out[p]!)).toBeLessThan(1e-7 * Math.max(1, Math.abs(out[p]!)));
    }
  });

  test('shards weighted by rows / batch rows sum to the batch gradient', () => {
    const { X, labels } = data('float64');
    const net = Network.create(spec('float64'));
    const g = net.rowGradient(X, labels);
    const P = net.flat.length;
    const order = Int32Array.from({ length: N }, (_, i) => (i * 13) % N);
    const [whole, g0, g1] = [new Float64Array(P), new Float64Array(P), new Float64Array(P)];
    g.compute(order.subarray(0, 30), whole);
    g.compute(order.subarray(0, 10), g0, 10 / 30);
    g.compute(order.subarray(10, 30), g1, 20 / 30);
    for (let i = 0; i < P; i++) expect(g0[i]! + g1[i]!).toBeCloseTo(whole[i]!, 12);
  });

  test('a non-finite input is reported by its row in the whole data, when a call first uses that row', () => {
    const { X, labels } = data('float32');
    X.data[23 * D + 2] = Number.POSITIVE_INFINITY;
    const net = Network.create(spec('float32'));
    const g = net.rowGradient(X, labels); // X is used in place: rows are checked as they are used
    const out = new Float32Array(net.flat.length);
    expect(Number.isFinite(g.compute([0, 1, 2], out))).toBe(true);
    expect(() => g.compute([5, 23], out)).toThrow(expect.objectContaining({ code: 'non_finite', argument: 'X[23][2]' }));
  });

  test('data that has to be converted or scaled is validated whole at creation', () => {
    const rows = Array.from({ length: 4 }, (_, i) => [i, 1, 2, 3, i === 2 ? Number.NaN : 4]);
    const net = Network.create(spec('float32'));
    expect(() => net.rowGradient(rows, [0, 1, 2, 0])).toThrow(expect.objectContaining({ code: 'non_finite', argument: 'X[2][4]' }));
    // With an input scaler, rows are scaled once, and the result equals net.gradient on raw rows.
    const { X, labels } = data('float64');
    const scaled = Network.create(spec('float32')).setPreprocessing({ input: fitScaler(X) });
    const a = new Float32Array(scaled.flat.length);
    const b = new Float32Array(scaled.flat.length);
    scaled.rowGradient(X, labels).compute([2, 7], a);
    scaled.gradient(take(X, [2, 7]), [labels[2]!, labels[7]!], b);
    expect(bits(a)).toBe(bits(b));
  });

  test('bad arguments are typed errors naming the argument', () => {
    const { X, labels } = data('float32');
    const net = Network.create(spec('float32'));
    const out = new Float32Array(net.flat.length);
    expect(() => net.rowGradient(new Matrix(N, D + 1, new Float32Array(N * (D + 1))), labels)).toThrow(expect.objectContaining({ code: 'shape_mismatch', argument: 'X' }));
    expect(() => net.rowGradient(X, labels.subarray(1))).toThrow(expect.objectContaining({ code: 'shape_mismatch', argument: 'Y' }));
    expect(() => net.rowGradient(X, Int32Array.from(labels, () => 5))).toThrow(expect.objectContaining({ code: 'label_out_of_range', argument: 'Y[0]' }));
    const g = net.rowGradient(X, labels);
    expect(() => g.compute([], out)).toThrow(expect.objectContaining({ code: 'empty_batch', argument: 'rows' }));
    expect(() => g.compute([1, N], out)).toThrow(expect.objectContaining({ code: 'invalid_argument', argument: 'rows[1]' }));
    expect(() => g.compute([1.5], out)).toThrow(expect.objectContaining({ code: 'invalid_argument', argument: 'rows[0]' }));
    expect(() => g.compute([1], new Float32Array(3))).toThrow(expect.objectContaining({ code: 'shape_mismatch', argument: 'out' }));
    expect(() => g.compute([1], out, Number.NaN)).toThrow(expect.objectContaining({ code: 'invalid_argument', argument: 'scale' }));
    net.dispose();
    expect(() => g.compute([1], out)).toThrow(expect.objectContaining({ code: 'disposed' }));
  });
});

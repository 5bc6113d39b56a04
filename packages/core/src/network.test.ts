import { describe, expect, test } from 'vitest';
import { BackpropError } from './errors.js';
import { Matrix } from './matrix.js';
import { Network } from './network.js';

const spec = {
  inputs: 3,
  layers: [
    { units: 5, activation: 'tanh' as const },
    { units: 4, activation: 'relu' as const },
  ],
  output: { units: 2, fn: 'softmax' as const },
  seed: 11,
};

describe('Network.create', () => {
  test('builds the layers of the spec with named parameter views into one flat array', () => {
    const net = Network.create(spec);
    expect(net.layers.map((l) => [l.units, l.fanIn, l.activation, l.kind])).toEqual([
      [5, 3, 'tanh', 'hidden'],
      [4, 5, 'relu', 'hidden'],
      [2, 4, 'softmax', 'output'],
    ]);
    expect(net.parameters().map((p) => `${p.name}:${p.shape.join('×')}`)).toEqual(['W1:5×3', 'W2:4×5', 'W3:2×4', 'b1:5×1', 'b2:4×1', 'b3:2×1']);
    expect(net.flat.length).toBe(5 * 4 + 4 * 6 + 2 * 5);
    expect(net.lossName).toBe('cross-entropy'); // softmax's natural loss
    expect(net.dtype).toBe('float32');
    // Views are live: writing through a view changes the network.
    net.parameters()[0]!.values[0] = 0.5;
    expect(net.flat[0]).toBe(0.5);
  });

  test('same seed, same weights; float32 and float64 start from the same rounded numbers; biases are zero', () => {
    const a = Network.create(spec);
    const b = Network.create(spec);
    const c = Network.create({ ...spec, seed: 12 });
    const d = Network.create({ ...spec, dtype: 'float64' });
    expect(Array.from(a.flat)).toEqual(Array.from(b.flat));
    expect(Array.from(a.flat)).not.toEqual(Array.from(c.flat));
    expect(Array.from(a.flat)).toEqual(Array.from(Float32Array.from(d.flat)));
    for (const p of a.parameters()) if (p.kind === 'b') expect(Array.from(p.values).every((v) => v === 0)).toBe(true);
  });

  test('auto init: He for relu layers, Glorot for tanh and the output (variance within 15 %)', () => {
    const net = Network.create({ inputs: 400, layers: [{ units: 300, activation: 'relu' }, { units: 200, activation: 'tanh' }], output: { units: 100, fn: 'linear' }, seed: 1, dtype: 'float64' });
    const variance = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x * x, 0) / v.length;
    const [W1, W2, W3] = net.parameters();
    expect(Math.abs(variance(W1!.values) / (2 / 400) - 1)).toBeLessThan(0.15);
    expect(Math.abs(variance(W2!.values) / (2 / 500) - 1)).toBeLessThan(0.15);
    expect(Math.abs(variance(W3!.values) / (2 / 300) - 1)).toBeLessThan(0.15);
  });
});

describe('forward', () => {
  test('computes A_k = H_(k−1) W_kᵀ + 1 b_kᵀ and h_k = g(a_k), one sample per row (SPEC §3)', () => {
    const net = Network.create({ ...spec, dtype: 'float64' });
    const X = [[0.1, -0.2, 0.3], [1, 2, -1]];
    const trace = net.forward(X);
    const [W1] = net.parameters();
    for (let r = 0; r < 2; r++) {
      for (let j = 0; j < 5; j++) {
        let a = 0;
        for (let i = 0; i < 3; i++) a += W1!.values[j * 3 + i]! * X[r]![i]!;
        expect(trace.a[0]!.get(r, j)).toBeCloseTo(a, 14);
        expect(trace.h[1]!.get(r, j)).toBeCloseTo(Math.tanh(a), 14);
      }
    }
    expect(trace.h[0]!.toArray()).toEqual(X);
    expect(trace.a.length).toBe(3);
    expect(trace.h.length).toBe(3);
    // Softmax rows sum to 1.
    for (let r = 0; r < 2; r++) expect(trace.yHat.get(r, 0) + trace.yHat.get(r, 1)).toBeCloseTo(1, 14);
  });

  test('float32 and float64 forward passes agree within float32 precision', () => {
    const X = Matrix.from([[0.3, -1.2, 2.5], [0.01, 0.5, -0.7]], 'float64');
    const y32 = Network.create(spec).predict(X);
    const y64 = Network.create(spec).clone({ dtype: 'float64' }).predict(X);
    for (let i = 0; i < y32.data.length; i++) expect(Math.abs(y32.data[i]! - y64.data[i]!)).toBeLessThan(1e-6);
  });

  test('classify takes the argmax, or ŷ ≥ 0.5 for one logistic output', () => {
    const net = Network.create({ inputs: 1, output: { units: 1, fn: 'logistic' }, dtype: 'float64' });
    net.parameters()[0]!.values[0] = 10;
    expect(Array.from(net.classify([[-1], [1]]))).toEqual([0, 1]);
  });
});

describe('loss stability (SPEC §1: no NaN for finite inputs)', () => {
  test('cross-entropy from log-sum-exp stays finite and exact for huge logits', () => {
    const net = Network.create({ inputs: 1, output: { units: 2, fn: 'softmax' }, dtype: 'float64' });
    const [W] = net.parameters();
    W!.values.set([1000, -1000]);
    // a = [1000, −1000]: the true class 1 has log ŷ = −2000 exactly; a rounded ŷ = 0 would give Infinity.
    expect(net.loss([[1]], [1])).toBeCloseTo(2000, 9);
    expect(net.loss([[1]], [0])).toBe(0);
    const g = net.backward(net.forward([[1]]), [1]);
    expect(Array.from(g.flat).every(Number.isFinite)).toBe(true);
  });

  test('binary cross-entropy with a logistic output is computed from a_L (log σ = −softplus(−a))', () => {
    const net = Network.create({ inputs: 1, output: { units: 1, fn: 'logistic' }, dtype: 'float64' });
    net.parameters()[0]!.values[0] = 800;
    expect(net.loss([[1]], [[0]])).toBeCloseTo(800, 9);
    expect(net.loss([[-1]], [[0]])).toBeCloseTo(0, 12);
  });
});

describe('bad input: typed errors that name the argument, the expected and the actual value', () => {
  const net = Network.create(spec);
  const cases: [string, () => unknown, string, RegExp][] = [
    ['wrong width', () => net.forward([[1, 2]]), 'shape_mismatch', /^X\[0\]: expected a row of 3 numbers \(the network has 3 inputs\), got an array of length 2$/],
    ['empty batch', () => net.forward(new Matrix(0, 3, new Float32Array(0))), 'empty_batch', /^X: expected at least one row, got 0 rows$/],
    ['NaN in data', () => net.forward([[1, Number.NaN, 3]]), 'non_finite', /^X\[0\]\[1\]: expected a finite number, got NaN$/],
    ['Infinity in data', () => net.predict([[1, 2, 3], [Number.POSITIVE_INFINITY, 0, 0]]), 'non_finite', /^X\[1\]\[0\]/],
    ['ragged rows', () => net.forward([[1, 2, 3], [1, 2]]), 'shape_mismatch', /^X\[1\]: expected a row of 3 numbers \(the network has 3 inputs\), got an array of length 2$/],
    ['label out of range', () => net.loss([[1, 2, 3]], [2]), 'label_out_of_range', /^Y\[0\]: expected an integer class index in \[0, 2\), got 2$/],
    ['non-integer label', () => net.loss([[1, 2, 3]], [0.5]), 'label_out_of_range', /got 0.5$/],
    ['too few labels', () => net.loss([[1, 2, 3], [1, 2, 3]], [0]), 'shape_mismatch', /^Y: expected 2 class indices/],
    ['target matrix shape', () => net.loss([[1, 2, 3]], [[1, 0, 0]]), 'shape_mismatch', /^Y: expected 1 × 2/],
    ['zero units', () => Network.create({ ...spec, layers: [{ units: 0 }] }), 'invalid_argument', /^spec.layers\[0\].units: expected an integer ≥ 1, got 0$/],
    ['fractional units', () => Network.create({ ...spec, output: { units: 2.5, fn: 'softmax' } }), 'invalid_argument', /^spec.output.units: .*got 2.5$/],
    ['unknown activation', () => Network.create({ ...spec, layers: [{ units: 2, activation: 'swish' as 'relu' }] }), 'invalid_argument', /^spec.layers\[0\].activation: expected one of 'logistic', 'tanh'.*got "swish"$/],
    ['unknown spec key', () => Network.create({ ...spec, hidden: 3 } as never), 'invalid_option', /^spec.hidden: expected one of the known keys/],
    ['unknown output fn', () => Network.create({ ...spec, output: { units: 2, fn: 'sigmoid' as 'logistic' } }), 'invalid_argument', /^spec.output.fn/],
    ['learning rate ≤ 0', () => net.fit([[1, 2, 3]], [0], { learningRate: 0 }), 'invalid_option', /^options.learningRate: expected a finite number > 0, got 0$/],
    ['unknown fit option', () => net.fit([[1, 2, 3]], [0], { lr: 0.1 } as never), 'invalid_option', /^options.lr: expected one of the known keys/],
    ['batch larger than N', () => net.fit([[1, 2, 3]], [0], { batchSize: 2 }), 'invalid_option', /^options.batchSize: expected an integer in \[1, 1\]/],
    ['epochs not an integer', () => net.fit([[1, 2, 3]], [0], { epochs: 1.5 }), 'invalid_option', /^options.epochs: expected an integer ≥ 1, got 1.5$/],
    ['fractional seed', () => Network.create({ ...spec, seed: 1.5 }), 'invalid_argument', /^spec.seed: expected an integer in \[0, 4294967295\], got 1.5$/],
    ['negative seed', () => Network.create({ ...spec, seed: -1 }), 'invalid_argument', /^spec.seed: expected an integer in \[0, 4294967295\], got -1$/],
    ['seed past 32 bits (would fold onto seed 1)', () => Network.create({ ...spec, seed: 2 ** 32 + 1 }), 'invalid_argument', /^spec.seed: .*got 4294967297$/],
    ['fractional fit seed', () => net.fit([[1, 2, 3]], [0], { seed: 2.5 }), 'invalid_option', /^options.seed: expected an integer in \[0, 4294967295\], got 2.5$/],
    ['negative fit seed', () => net.fit([[1, 2, 3]], [0], { seed: -3 }), 'invalid_option', /^options.seed: .*got -3$/],
  ];
  test.each(cases)('%s', (_, run, code, message) => {
    let error: unknown;
    try {
      run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackpropError);
    expect((error as BackpropError).code).toBe(code);
    expect((error as BackpropError).message).toMatch(message);
  });

  test('a step that would make a parameter non-finite is refused and θ stays as it was', () => {
    const n = Network.create({ inputs: 1, output: { units: 1, fn: 'linear' }, dtype: 'float32', seed: 2 });
    const before = Array.from(n.flat);
    // ∇ of (ŷ − y)² with y = 1e30 overflows float32 once multiplied by η.
    expect(() => n.fit([[1e30]], [[1e30]], { learningRate: 1e10, epochs: 1 })).toThrow(BackpropError);
    expect(Array.from(n.flat)).toEqual(before);
  });
});

describe('net.backend names the kernel set that runs', () => {
  const backends = ['auto', 'reference', 'blocked', 'wasm-simd', 'wasm-relaxed-simd'] as const;
  const X = Matrix.from([[0.3, -1.2, 2.5], [0.01, 0.5, -0.7], [1, 1, -1], [0, 0.2, 0.4]], 'float64');
  const y = [0, 1, 1, 0];

  test('float64 runs the blocked loops under every set but reference (the WebAssembly sets are float32 only), and says so', () => {
    const read = (dtype: 'float32' | 'float64') => backends.map((backend) => Network.create({ ...spec, dtype, backend }).backend);
    // Node 20 has WebAssembly SIMD; vitest starts it with relaxed SIMD too.
    expect(read('float32')).toEqual(['wasm-simd', 'reference', 'blocked', 'wasm-simd', 'wasm-relaxed-simd']);
    expect(read('float64')).toEqual(['blocked', 'reference', 'blocked', 'blocked', 'blocked']);
    // What is asked for is kept: a float32 clone runs the WebAssembly set again.
    const net = Network.create({ ...spec, dtype: 'float64', backend: 'wasm-simd' });
    expect(net.spec.backend).toBe('wasm-simd');
    expect(net.clone({ dtype: 'float32' }).backend).toBe('wasm-simd');
    expect(net.summary()).toMatch(/· float64 · backend blocked ·/);
  });

  test('and the bits say the same: float64 training is identical on blocked, wasm-simd and wasm-relaxed-simd', () => {
    const trained = (backend: (typeof backends)[number]) => {
      const net = Network.create({ ...spec, dtype: 'float64', backend });
      net.fit(X, y, { epochs: 5, batchSize: 2, learningRate: 0.1, optimizer: 'adam' });
      return Array.from(net.flat);
    };
    const blocked = trained('blocked');
    for (const backend of ['auto', 'wasm-simd', 'wasm-relaxed-simd'] as const) expect(trained(backend)).toEqual(blocked);
  });
});

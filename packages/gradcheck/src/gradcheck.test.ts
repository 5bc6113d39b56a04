import { BackpropError, Matrix, Network, createRng } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { randomBatch } from './fixtures.js';
import { GradcheckError, assertGradients, gradcheck, gradcheckSteps } from './gradcheck.js';
import type { GradientFunction } from './options.js';

const spec = { inputs: 3, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 3 } as const;
const X = randomBatch(5, 3, createRng(1));
const labels = [0, 1, 1, 0, 1];
const FULL = { mode: 'full' } as const;

describe('gradcheck on a correct network', () => {
  test('checks every parameter and the input, by name, and passes', () => {
    const report = gradcheck(Network.create({ ...spec, dtype: 'float64' }), X, labels, FULL);
    expect(report.ok).toBe(true);
    expect(report.tensors.map((t) => [t.name, t.shape, t.checked, t.status])).toEqual([
      ['W1', [4, 3], 12, 'pass'],
      ['W2', [2, 4], 8, 'pass'],
      ['b1', [4, 1], 4, 'pass'],
      ['b2', [2, 1], 2, 'pass'],
      ['input', [5, 3], 15, 'pass'],
    ]);
    expect(report).toMatchObject({ mode: 'full', eps: 1e-6, atol: 1e-5, rtol: 1e-3, dtype: 'float64' });
  });

  test('a float32 network is checked on a float64 copy and neither the network nor X is written', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const net = Network.create({ ...spec, dtype });
      const before = net.flat.slice();
      const Xf = X.clone(dtype);
      const xBefore = Xf.data.slice();
      const report = gradcheck(net, Xf, labels, { mode: 'full' });
      expect(report).toMatchObject({ ok: true, dtype });
      expect(net.flat).toEqual(before);
      expect(net.flat.constructor).toBe(before.constructor);
      expect(Xf.data).toEqual(xBefore);
    }
  });

  test('accepts nested arrays and every target form', () => {
    const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'logistic' }], output: { units: 2, fn: 'linear' }, dtype: 'float64' });
    expect(gradcheck(net, [[1, 2], [-1, 0.5]], [[0.5, -1], [2, 0]], FULL).ok).toBe(true);
  });

  test('sampled mode: at most `samples` entries per tensor, seeded, the largest |gradient| always in', () => {
    const net = Network.create({ inputs: 20, layers: [{ units: 16, activation: 'elu' }], output: { units: 3, fn: 'softmax' }, seed: 5 });
    const X20 = randomBatch(4, 20, createRng(2));
    const a = gradcheck(net, X20, [0, 1, 2, 0], { samples: 7, seed: 9 });
    const b = gradcheck(net, X20, [0, 1, 2, 0], { samples: 7, seed: 9 });
    const c = gradcheck(net, X20, [0, 1, 2, 0], { samples: 7, seed: 10 });
    const sites = (r: typeof a) => r.tensors.map((t) => t.checks.map((k) => k.at));
    expect(a.ok).toBe(true);
    expect(a.tensors.map((t) => t.checked)).toEqual([7, 7, 7, 3, 7]); // b2 has 3 entries: checked in full
    expect(sites(b)).toEqual(sites(a));
    expect(sites(c)).not.toEqual(sites(a));
    const copy = net.clone({ dtype: 'float64' });
    const gradW1 = Array.from(copy.backward(copy.forward(X20), [0, 1, 2, 0]).gradW[0]!.data, Math.abs);
    const largest = gradW1.indexOf(Math.max(...gradW1));
    expect(a.tensors[0]!.checks.some((k) => k.at.kind === 'element' && k.at.index === largest)).toBe(true);
  });

  test('directional mode: one check per direction and tensor', () => {
    const report = gradcheck(Network.create(spec), X, labels, { mode: 'directional', directions: 2 });
    expect(report.ok).toBe(true);
    expect(report.tensors.every((t) => t.checked === 2 && t.checks.every((c) => c.at.kind === 'direction'))).toBe(true);
  });

  test('options pick tensors and can leave out the input', () => {
    const net = Network.create(spec);
    expect(gradcheck(net, X, labels, { tensors: ['W2', 'input'] }).tensors.map((t) => t.name)).toEqual(['W2', 'input']);
    expect(gradcheck(net, X, labels, { checkInput: false }).tensors.map((t) => t.name)).toEqual(['W1', 'W2', 'b1', 'b2']);
  });

  test('gradcheckSteps reports progress tensor by tensor and returns the report', () => {
    const steps = gradcheckSteps(Network.create(spec), X, labels);
    const events: string[] = [];
    let step = steps.next();
    for (; !step.done; step = steps.next()) events.push(`${step.value.tensor.name} ${step.value.done}/${step.value.total}`);
    expect(events).toEqual(['W1 1/5', 'W2 2/5', 'b1 3/5', 'b2 4/5', 'input 5/5']);
    expect(step.value.ok).toBe(true);
  });
});

describe('gradcheck catches wrong gradients, naming the tensor', () => {
  test('W1 without the 1/N of the mean (SPEC §3): W1 fails, everything else passes', () => {
    const droppedMean: GradientFunction = (net, x, Y) => {
      const g = net.backward(net.forward(x), Y);
      for (let i = 0; i < g.gradW[0]!.data.length; i++) g.gradW[0]!.data[i]! *= x.rows; // views into g.flat
      return g;
    };
    for (const mode of ['full', 'sampled', 'directional'] as const) {
      const report = gradcheck(Network.create(spec), X, labels, { mode, gradient: droppedMean });
      expect(report.ok).toBe(false);
      expect(report.tensors.map((t) => [t.name, t.status])).toEqual([
        ['W1', 'fail'],
        ['W2', 'pass'],
        ['b1', 'pass'],
        ['b2', 'pass'],
        ['input', 'pass'],
      ]);
    }
  });

  test("a wrong g′ in the hidden layer: W1, b1 and the input fail, the output layer's tensors pass", () => {
    // ∇a_1 = ∇h_1 ⊙ g′(a_1) with tanh′ written as 1 − tanh (a classic slip) instead of 1 − tanh².
    const wrongTanhPrime: GradientFunction = (net, x, Y) => {
      const trace = net.forward(x);
      const g = net.backward(trace, Y);
      const [a1, gradH1, W1] = [trace.a[0]!, g.gradH[1]!, net.parameters()[0]!];
      const gradA1 = a1.data.map((a, i) => gradH1.data[i]! * (1 - Math.tanh(a)));
      const [n1, n0] = W1.shape;
      const gradW1 = g.gradW[0]!.data.fill(0);
      const gradB1 = g.gradB[0]!.fill(0);
      const gradX = g.gradInput.data.fill(0);
      for (let r = 0; r < x.rows; r++) {
        for (let j = 0; j < n1; j++) {
          const d = gradA1[r * n1 + j]!;
          gradB1[j]! += d;
          for (let c = 0; c < n0; c++) {
            gradW1[j * n0 + c]! += d * x.get(r, c);
            gradX[r * n0 + c]! += d * W1.values[j * n0 + c]!;
          }
        }
      }
      return g;
    };
    const report = gradcheck(Network.create(spec), X, labels, { mode: 'full', gradient: wrongTanhPrime });
    expect(Object.fromEntries(report.tensors.map((t) => [t.name, t.status]))).toEqual({ W1: 'fail', b1: 'fail', input: 'fail', W2: 'pass', b2: 'pass' });
  });

  test('assertGradients throws a GradcheckError carrying the report and its table', () => {
    const net = Network.create(spec);
    expect(assertGradients(net, X, labels).ok).toBe(true);
    const zero: GradientFunction = (n) => ({ flat: new Float64Array(n.flat.length) });
    const error = (() => {
      try {
        assertGradients(net, X, labels, { gradient: zero });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GradcheckError);
    expect((error as GradcheckError).report.tensors.map((t) => t.name)).toEqual(['W1', 'W2', 'b1', 'b2']); // no gradInput given
    expect((error as GradcheckError).message).toMatch(/✗ not ok: W1 failed, W2 failed, b1 failed, b2 failed/);
  });
});

describe('kinks and vacuous checks are reported, not hidden', () => {
  test('a relu pre-activation exactly at its kink makes the checks that move it inconclusive', () => {
    const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'relu' }], output: { units: 2, fn: 'softmax' }, dtype: 'float64', seed: 1 });
    // Row 0 of X is zero and b1 = 0, so a_1 = 0 there: exactly on relu's kink.
    const Xk = Matrix.from([[0, 0], [1, -0.5], [0.3, 0.8]], 'float64');
    const report = gradcheck(net, Xk, [0, 1, 1], FULL);
    const b1 = report.tensors.find((t) => t.name === 'b1')!;
    expect(b1).toMatchObject({ status: 'inconclusive', inconclusive: 3, checked: 0, failed: 0, ok: true });
    const input = report.tensors.find((t) => t.name === 'input')!;
    expect(input.inconclusive).toBe(2); // both entries of row 0
    expect(input.checks.filter((c) => c.inconclusive).map((c) => c.at)).toEqual([
      { kind: 'element', index: 0, row: 0, col: 0 },
      { kind: 'element', index: 1, row: 0, col: 1 },
    ]);
    // W1 entries multiply x = 0 on row 0, so they never move it: conclusive.
    expect(report.tensors.find((t) => t.name === 'W1')!.inconclusive).toBe(0);
    expect(report.ok).toBe(true);
  });

  test('an all-zero tensor is vacuous, not a pass, unless allowed', () => {
    // A one-unit softmax is constant (ŷ = 1), so every gradient is exactly zero. Network.create refuses one;
    // a saved model can still hold it, so it is loaded from JSON.
    const two = Network.create({ inputs: 2, layers: [{ units: 2, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 }).toJSON();
    const net = Network.fromJSON({ ...two, output: { ...two.output, units: 1, W: [two.output.W[0]!], b: [0] } });
    const report = gradcheck(net, [[1, 2]], [0], FULL);
    expect(report.ok).toBe(false);
    expect(report.tensors.every((t) => t.status === 'vacuous' && !t.ok)).toBe(true);
    expect(gradcheck(net, [[1, 2]], [0], { ...FULL, allowVacuous: true }).ok).toBe(true);
  });

  test('a dead relu layer makes W1 and b1 vacuous while W2 still passes', () => {
    const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'relu' }], output: { units: 2, fn: 'linear' }, dtype: 'float64' });
    net.parameters().find((p) => p.name === 'b1')!.values.fill(-100);
    const report = gradcheck(net, [[1, 2], [0.5, -1]], [[1, 0], [0, 1]], FULL);
    expect(Object.fromEntries(report.tensors.map((t) => [t.name, t.status]))).toEqual({ W1: 'vacuous', b1: 'vacuous', input: 'vacuous', W2: 'vacuous', b2: 'pass' });
  });
});

describe('validation at the boundary', () => {
  const net = Network.create(spec);
  test.each([
    [{ atl: 1e-5 }, 'options.atl', /one of the known keys/],
    [{ eps: 0 }, 'options.eps', /a finite number > 0, got 0/],
    [{ rtol: Number.NaN }, 'options.rtol', /got NaN/],
    [{ mode: 'exhaustive' }, 'options.mode', /'full', 'sampled', 'directional'/],
    [{ samples: 2.5 }, 'options.samples', /an integer ≥ 1/],
    [{ tensors: ['W9'] }, 'options.tensors', /names among W1, W2, b1, b2, input, got "W9"/],
  ])('%j → invalid_option naming %s', (options, argument, message) => {
    const call = () => gradcheck(net, X, labels, options as never);
    expect(call).toThrow(BackpropError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid_option', argument });
    }
  });

  test("bad data is the core's error; a custom gradient of the wrong length is named", () => {
    expect(() => gradcheck(net, [[1, 2]], [0])).toThrow(/X: expected N × 3/);
    expect(() => gradcheck(net, X, [0, 1])).toThrow(/Y: expected 5 class indices/);
    expect(() => gradcheck(net, X, labels, { gradient: () => ({ flat: [1, 2] }) })).toThrow(/options\.gradient\(…\)\.flat: expected 26 numbers/);
  });

  test('a data set passed whole (gradcheck(net, spiral())) is a typed error that says how to pass it', () => {
    const data = { task: 'classification', name: 'd', X, y: Int32Array.from(labels), classes: 2, classNames: ['a', 'b'], featureNames: ['x1', 'x2', 'x3'] };
    const expected = expect.objectContaining({ code: 'invalid_argument', argument: 'X', actual: 'a data set { X, … }' });
    for (const call of [() => gradcheck(net, data as never, undefined as never), () => assertGradients(net, data as never, undefined as never), () => gradcheckSteps(net, { X, y: labels } as never, labels)]) {
      expect(call).toThrow(expected);
      expect(call).toThrow(/pass both: gradcheck\(net, data\.X, data\.y\)/);
    }
    expect(gradcheck(net, data.X, data.y, FULL).ok).toBe(true); // as the message says
  });

  test("a disposed network is a typed error naming gradcheck's own argument, not an internal call", () => {
    const gone = Network.create(spec);
    gone.dispose();
    const disposed = expect.objectContaining({ code: 'disposed', argument: 'net', expected: 'a network that has not been disposed', actual: 'a disposed network' });
    expect(() => gradcheck(gone, X, labels)).toThrow(disposed);
    expect(() => gradcheckSteps(gone, X, labels)).toThrow(disposed);
    expect(() => assertGradients(gone, X, labels)).toThrow(disposed);
    expect(() => gradcheck(gone, X, labels)).toThrow(BackpropError);
  });
});

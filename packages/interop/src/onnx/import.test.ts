import { readFileSync } from 'node:fs';
import { BackpropError, Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { OnnxImportError } from '../errors.js';
import { batch, maxAbsDiff, predictArray, runOrt, sweep, withPreprocessing } from '../testing/nets.js';
import { toOnnx } from './export.js';
import { fromOnnx } from './import.js';

const fixture = (name: string) => ({
  bytes: readFileSync(new URL(`../../fixtures/${name}.onnx`, import.meta.url)),
  expected: JSON.parse(readFileSync(new URL(`../../fixtures/${name}.json`, import.meta.url), 'utf8')) as { inputs: number[][]; outputs: number[][] },
});

function caught(f: () => unknown): OnnxImportError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(OnnxImportError);
    expect(e).toBeInstanceOf(BackpropError);
    return e as OnnxImportError;
  }
  throw new Error('expected an OnnxImportError');
}

describe('round trip toOnnx → fromOnnx', () => {
  for (const { g, fn, net } of sweep()) {
    test(`${g} hidden, ${fn} output: bit-identical float32 weights, predictions and preprocessing`, () => {
      const original = withPreprocessing(net.clone());
      const back = fromOnnx(toOnnx(original));
      expect(back.layers).toEqual(original.layers);
      expect(back.lossName).toBe(original.lossName);
      expect(back.dtype).toBe('float32');
      expect(Array.from(back.flat)).toEqual(Array.from(original.flat));
      expect(back.preprocessing).toEqual(original.preprocessing);
      const X = batch(37, net.inputs);
      expect(Array.from(predictArray(back, X))).toEqual(Array.from(predictArray(original, X)));
    });
  }

  test('float64 networks exported as DOUBLE come back as float64, bit-identical (multi-node activations recognised)', () => {
    for (const { g, net } of sweep('float64')) {
      const back = fromOnnx(toOnnx(net, { dtype: 'float64' }));
      expect(back.dtype, g).toBe('float64');
      expect(back.layers, g).toEqual(net.layers);
      expect(Array.from(back.flat)).toEqual(Array.from(net.flat));
    }
  });
});

describe('PyTorch and tf2onnx files (fixtures/, made by scripts/make-fixtures.py)', () => {
  for (const name of ['torch_relu_tanh_softmax', 'torch_flatten_leaky_sigmoid', 'torch_elu_softplus_linear', 'tf2onnx_dense_relu_softmax']) {
    test(`${name}: predict matches the exporting framework`, async () => {
      const { bytes, expected } = fixture(name);
      const net = fromOnnx(bytes);
      const ours = predictArray(net, expected.inputs);
      expect(maxAbsDiff(ours, expected.outputs.flat())).toBeLessThan(1e-5);
      // …and onnxruntime agrees on the original file.
      expect(maxAbsDiff(await runOrt(bytes, expected.inputs), ours)).toBeLessThan(1e-5);
    });
  }

  test('reads the architecture: nn.Sequential(Linear(4, 8), ReLU, Linear(8, 6), Tanh, Linear(6, 3), Softmax)', () => {
    const net = fromOnnx(fixture('torch_relu_tanh_softmax').bytes);
    expect(net.layers.map((l) => [l.fanIn, l.units, l.activation])).toEqual([[4, 8, 'relu'], [8, 6, 'tanh'], [6, 3, 'softmax']]);
    expect(net.lossName).toBe('cross-entropy');
  });

  test('an unsupported operator names the node, its op type and the supported list', () => {
    const e = caught(() => fromOnnx(fixture('torch_unsupported_relu6').bytes));
    expect(e.code).toBe('corrupt_model');
    expect(e.argument).toBe('node "/1/Clip"');
    expect(e.actual).toBe('Clip');
    expect(e.expected).toMatch(/Gemm, MatMul, Add, Relu, LeakyRelu/);
  });

  test('LeakyRelu with a slope other than 0.01 is refused, not approximated', () => {
    const e = caught(() => fromOnnx(fixture('torch_leaky_0_2').bytes));
    expect(e.argument).toBe('node "/1/LeakyRelu"');
    expect(e.message).toMatch(/alpha 0\.2/);
  });
});

describe('hostile input gives typed errors, never a crash or a partial network', () => {
  const net = withPreprocessing(Network.create({ inputs: 3, layers: [{ units: 4, activation: 'relu' }], output: { units: 2, fn: 'softmax' }, seed: 1 }));
  const good = toOnnx(net);

  test('every truncation of a valid file', () => {
    for (let n = 0; n < good.length; n += 7) {
      const e = caught(() => fromOnnx(good.subarray(0, n)));
      expect(e.code, `truncated to ${n} bytes`).toMatch(/corrupt_model|shape_mismatch/);
    }
  });

  test('random bytes and flipped bytes never escape as anything but OnnxImportError', () => {
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let trial = 0; trial < 300; trial++) {
      const bytes = trial < 100 ? Uint8Array.from({ length: 1 + Math.floor(next() * 200) }, () => Math.floor(next() * 256)) : good.slice();
      if (trial >= 100) for (let f = 0; f < 3; f++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      try {
        fromOnnx(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(OnnxImportError);
      }
    }
  });

  test('not bytes at all', () => {
    expect(caught(() => fromOnnx('model.onnx' as never)).code).toBe('invalid_argument');
  });
});

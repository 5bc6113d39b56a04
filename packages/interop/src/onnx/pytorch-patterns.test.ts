// PyTorch MLPs as people write them, exported by scripts/make-fixtures.py with Debian's PyTorch 1.13 and
// committed: each must import, agree with PyTorch's own outputs, and with onnxruntime on the same file.
import { readFileSync } from 'node:fs';
import { BackpropError, type Network } from '@backprop/core';
import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import { OnnxImportError } from '../errors.js';
import { maxAbsDiff } from '../testing/nets.js';
import { fromOnnx } from './import.js';

type Nested = number | Nested[];
const fixture = (name: string) => ({
  bytes: new Uint8Array(readFileSync(new URL(`../../fixtures/${name}.onnx`, import.meta.url))),
  expected: JSON.parse(readFileSync(new URL(`../../fixtures/${name}.json`, import.meta.url), 'utf8')) as { inputs: Nested[]; outputs: number[][] },
});

const flatten = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flatten) : [v]);

/** The fixture's inputs in their own shape through onnxruntime ([N, 3, 4] stays 3-D). */
async function ortOutputs(bytes: Uint8Array, inputs: Nested[]): Promise<Float32Array> {
  const shape: number[] = [];
  for (let v: Nested = inputs; Array.isArray(v); v = v[0]!) shape.push(v.length);
  const session = await ort.InferenceSession.create(bytes);
  const result = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', Float32Array.from(flatten(inputs)), shape) });
  const out = result[session.outputNames[0]!]!.data as Float32Array;
  await session.release();
  return out;
}

/** predict on the fixture's inputs, each row flattened to n0 values (what Flatten / view does). */
const predictRows = (net: Network, inputs: Nested[]) => net.predict(inputs.map(flatten)).data;

describe('accepted: imported, and equal to PyTorch and to onnxruntime on the same file', () => {
  test.each([
    ['torch_mnist_view_logsoftmax', 'x.view(-1, 12) → Reshape; log_softmax output → softmax (predict = exp of the graph output)', [[12, 10, 'relu'], [10, 4, 'softmax']], true],
    ['torch_size_view_batchnorm', 'x.view(x.size(0), -1) on [N, 3, 4] → Shape/Gather/Unsqueeze/Concat/Reshape; BatchNorm1d folded into fc1', [[12, 8, 'relu'], [8, 3, 'linear']], false],
    ['torch_batchnorm_input', 'BatchNorm1d on the input, folded into the first Linear', [[5, 6, 'tanh'], [6, 2, 'linear']], false],
    ['torch_gelu_silu_opset13', 'nn.GELU as Div/Erf/Add/Mul/Mul, nn.SiLU as Sigmoid/Mul', [[4, 7, 'gelu'], [7, 5, 'silu'], [5, 3, 'softmax']], false],
  ] as const)('%s: %s', async (name, _, layers, logOutput) => {
    const { bytes, expected } = fixture(name);
    const net = fromOnnx(bytes);
    expect(net.layers.map((l) => [l.fanIn, l.units, l.activation])).toEqual(layers);
    const got = predictRows(net, expected.inputs);
    const ortOut = await ortOutputs(bytes, expected.inputs);
    const fromGraph = (v: number) => (logOutput ? Math.exp(v) : v);
    // float32 tolerance: the fold rounds W′ once; PyTorch and onnxruntime round the unfused products.
    expect(maxAbsDiff(got, expected.outputs.flat().map(fromGraph))).toBeLessThan(2e-5);
    expect(maxAbsDiff(got, Array.from(ortOut, fromGraph))).toBeLessThan(2e-5);
  });
});

describe('refused, naming the first operator the core cannot represent', () => {
  const refused = (name: string) => {
    try {
      fromOnnx(fixture(name).bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(OnnxImportError);
      expect(e).toBeInstanceOf(BackpropError);
      return e as OnnxImportError;
    }
    throw new Error(`${name} was accepted`);
  };
  test("nn.GELU(approximate='tanh'): the tanh approximation is named, not swapped for the erf form", () => {
    const e = refused('torch_gelu_tanh');
    expect(e.argument).toBe('node "/1/Mul"');
    expect(e.actual).toMatch(/^GELU's tanh approximation \(Mul, Mul, Mul, Add, Mul, Tanh, Add, Mul, Mul\)/);
  });
  test('nn.Hardswish after a Flatten: the error names HardSigmoid, its first node', () => {
    const e = refused('torch_hardswish_after_view');
    expect([e.argument, e.actual]).toEqual(['node "/2/HardSigmoid"', 'HardSigmoid']);
  });
  test('a Reshape that changes the rows (x.view(-1, 6) of 12 features) is refused', () => {
    // Hand-made from the MNIST fixture: the target shape [-1, 12] becomes [-1, 6].
    const { bytes } = fixture('torch_mnist_view_logsoftmax');
    const text = Buffer.from(bytes);
    const at = text.indexOf(Buffer.from(new BigInt64Array([-1n, 12n]).buffer));
    expect(at).toBeGreaterThan(0);
    text.writeBigInt64LE(6n, at + 8);
    const e = (() => {
      try {
        fromOnnx(new Uint8Array(text));
      } catch (error) {
        return error as OnnxImportError;
      }
    })();
    expect(e).toBeInstanceOf(OnnxImportError);
    expect(e!.message).toMatch(/Reshape|6 inputs|\[-1, 6\]/);
  });
});

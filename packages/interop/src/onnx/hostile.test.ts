import { Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { OnnxImportError } from '../errors.js';
import { batch, predictArray, runOrt } from '../testing/nets.js';
import { toOnnx } from './export.js';
import { fromOnnx } from './import.js';
import { AttributeType, DataType, type ModelProto, decodeModel, encodeModel } from './proto.js';

// Hand-edited graphs: each starts from a valid export and breaks one thing, as a corrupted or hostile file would.
const net = Network.create({ inputs: 3, layers: [{ units: 4, activation: 'relu' }], output: { units: 2, fn: 'softmax' }, seed: 1 });
const edit = (change: (m: ModelProto) => void): Uint8Array => {
  const m = decodeModel(toOnnx(net));
  change(m);
  return encodeModel(m);
};
const init = (m: ModelProto, name: string) => m.graph!.initializer!.find((t) => t.name === name)!;
const nodeOf = (m: ModelProto, op: string) => m.graph!.node!.find((n) => n.opType === op)!;

function rejects(bytes: Uint8Array, code: string, message: RegExp): void {
  let error: unknown;
  try {
    fromOnnx(bytes);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(OnnxImportError);
  expect((error as OnnxImportError).code).toBe(code);
  expect((error as Error).message).toMatch(message);
}

describe('hostile tensors', () => {
  test('NaN weight', () => {
    rejects(edit((m) => { const r = init(m, 'W1').rawData!; new DataView(r.buffer, r.byteOffset).setFloat32(4, Number.NaN, true); }), 'non_finite', /initializer "W1"\[1\]: expected finite weights, got NaN/);
  });
  test('raw_data shorter than dims say', () => {
    rejects(edit((m) => { init(m, 'W2').rawData = init(m, 'W2').rawData!.subarray(0, 12); }), 'shape_mismatch', /initializer "W2".raw_data: expected 32 bytes/);
  });
  test('absurd dims (1e12 elements) are refused before anything is allocated', () => {
    rejects(edit((m) => { init(m, 'W1').dims = [1e6, 1e6]; }), 'invalid_argument', /at most 268435456 elements/);
  });
  test('dims beyond 2^53 and negative dims', () => {
    rejects(edit((m) => { init(m, 'W1').dims = [{ low: 0, high: 0x7fffffff }, 3]; }), 'corrupt_model', /beyond 2\^53/);
    rejects(edit((m) => { init(m, 'W1').dims = [-4, -3]; }), 'corrupt_model', /non-negative/);
  });
  test('a weight matrix that does not fit the previous layer', () => {
    rejects(edit((m) => { init(m, 'W2').dims = [4, 2]; }), 'shape_mismatch', /node "Gemm_2" weight "W2": expected 4 inputs/);
  });
  test('a bias of the wrong length', () => {
    rejects(edit((m) => { Object.assign(init(m, 'b1'), { dims: [3], rawData: new Uint8Array(12) }); }), 'shape_mismatch', /bias "b1": expected a vector of 4 values/);
  });
  test('integer weights', () => {
    rejects(edit((m) => { init(m, 'W1').dataType = DataType.INT64; }), 'corrupt_model', /FLOAT \(1\) or DOUBLE \(11\)/);
  });
  test('weights in an external file', () => {
    rejects(edit((m) => { init(m, 'W1').dataLocation = 1; }), 'corrupt_model', /EXTERNAL/);
  });
});

describe('graphs outside the feed-forward subset', () => {
  test('an unknown operator names the node, op type and supported list', () => {
    rejects(edit((m) => { nodeOf(m, 'Relu').opType = 'Conv'; nodeOf(m, 'Conv').name = 'Conv_3'; }), 'corrupt_model', /node "Conv_3": expected one of the supported operators Gemm, MatMul, .*, got Conv/);
  });
  test('an operator from another domain', () => {
    rejects(edit((m) => { nodeOf(m, 'Relu').domain = 'com.microsoft'; }), 'corrupt_model', /com\.microsoft::Relu/);
  });
  test('a branch (a node that does not consume the previous result)', () => {
    rejects(edit((m) => { nodeOf(m, 'Relu').input = ['input']; }), 'corrupt_model', /a feed-forward chain/);
  });
  test('Gemm with alpha ≠ 1, or transA', () => {
    rejects(edit((m) => { nodeOf(m, 'Gemm').attribute![0]!.f = 2; }), 'corrupt_model', /alpha 1, beta 1, transA 0/);
    rejects(edit((m) => { nodeOf(m, 'Gemm').attribute!.push({ name: 'transA', type: AttributeType.INT, i: 1 }); }), 'corrupt_model', /transA 1/);
  });
  test('a Relu as the output function', () => {
    rejects(edit((m) => { nodeOf(m, 'Softmax').opType = 'Relu'; nodeOf(m, 'Relu').attribute = []; }), 'corrupt_model', /an output function Softmax, LogSoftmax, Sigmoid or none/);
  });
  test('two graph outputs, or none', () => {
    rejects(edit((m) => { m.graph!.output!.push({ name: 'h1' }); }), 'corrupt_model', /graph.output/);
    rejects(edit((m) => { m.graph!.output = []; }), 'corrupt_model', /graph.output/);
  });
  test('no graph', () => {
    rejects(edit((m) => { delete m.graph; }), 'corrupt_model', /model.graph: expected a graph with nodes, got no graph/);
  });
  test('a declared input width that disagrees with the first layer', () => {
    rejects(edit((m) => { m.graph!.input![0]!.type!.tensorType!.shape!.dim![1]!.dimValue = 5; }), 'shape_mismatch', /expected 3 features/);
  });
  test('class names in metadata that do not match the output width', () => {
    rejects(edit((m) => { m.metadataProps!.push({ key: 'backprop.labels', value: '["a","b","c"]' }); }), 'corrupt_model', /labels/);
  });
});

describe('other layouts of the same network', () => {
  test('Gemm with transB 0 (W stored fan-in × units) and float_data', async () => {
    const bytes = edit((m) => {
      for (const k of [1, 2]) {
        const W = init(m, `W${k}`);
        const [units, fanIn] = W.dims as number[];
        const v = new Float32Array(Uint8Array.from(W.rawData!).buffer);
        const t = Array.from({ length: v.length }, (_, i) => v[(i % units!) * fanIn! + Math.floor(i / units!)]!);
        Object.assign(W, { dims: [fanIn, units], rawData: undefined, floatData: t });
        m.graph!.node!.find((n) => n.name === `Gemm_${k}`)!.attribute = [];
      }
    });
    const X = batch(9, 3);
    const back = fromOnnx(bytes);
    expect(Array.from(back.flat)).toEqual(Array.from(net.flat));
    expect(Array.from(await runOrt(bytes, X))).toEqual(Array.from(await runOrt(toOnnx(net), X)));
    expect(Array.from(predictArray(back, X))).toEqual(Array.from(predictArray(net, X)));
  });
});

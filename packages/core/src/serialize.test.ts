import { describe, expect, test } from 'vitest';
import { ModelFormatError } from './errors.js';
import { Network } from './network.js';
import type { NetworkJSON } from './serialize.js';

const make = (dtype: 'float32' | 'float64') =>
  Network.create({ inputs: 3, layers: [{ units: 4, activation: 'leaky-relu' }], output: { units: 2, fn: 'logistic', loss: 'cross-entropy' }, seed: 5, dtype });

describe('toJSON / fromJSON', () => {
  test.each(['float32', 'float64'] as const)('round trip through JSON text is bit-exact (%s)', (dtype) => {
    const net = make(dtype);
    net.fit([[1, 2, 3], [0, -1, 2]], [[1, 0], [0, 1]], { epochs: 3, batchSize: 2, learningRate: 0.1 }); // non-trivial biases
    const back = Network.fromJSON(JSON.stringify(net));
    expect(back.dtype).toBe(dtype);
    expect(back.flat).toEqual(net.flat); // same typed array class, same bits
    expect(back.spec.layers.map((l) => l.activation)).toEqual(['leaky-relu', undefined]);
    expect(back.lossName).toBe('cross-entropy');
    const X = [[0.3, 0.2, -0.1]];
    expect(back.predict(X).data).toEqual(net.predict(X).data);
  });

  test('weights are nested arrays with one row per unit (PyTorch nn.Linear.weight layout)', () => {
    const json = make('float64').toJSON();
    expect(json.format).toBe('backprop-network');
    expect(json.version).toBe(1);
    expect(json.layers[0]!.W.length).toBe(4);
    expect(json.layers[0]!.W[0]!.length).toBe(3);
    expect(json.output.W.length).toBe(2);
    expect(json.output.b).toEqual([0, 0]);
  });
});

describe('fromJSON validates everything and names the field', () => {
  const good = () => JSON.parse(JSON.stringify(make('float64'))) as Record<string, unknown> & NetworkJSON;
  const cases: [string, (j: Record<string, any>) => unknown, string, RegExp][] = [
    ['wrong W row count', (j) => j.layers[0].W.pop(), 'corrupt_model', /^model.layers\[0\].W: expected 4 rows/],
    ['wrong W row length', (j) => j.layers[0].W[2].push(1), 'corrupt_model', /^model.layers\[0\].W\[2\]: expected an array of 3 numbers/],
    ['NaN weight (null in JSON)', (j) => (j.output.W[1][3] = null), 'corrupt_model', /^model.output.W\[1\]\[3\]: expected a finite number, got null$/],
    ['string weight', (j) => (j.output.b[0] = '0.5'), 'corrupt_model', /^model.output.b\[0\]: expected a finite number, got "0.5"$/],
    ['unknown activation', (j) => (j.layers[0].activation = 'swish'), 'corrupt_model', /^model.layers\[0\].activation: expected one of/],
    ['unknown top-level key', (j) => (j.optimizer = {}), 'corrupt_model', /^model.optimizer: expected no such key/],
    ['unknown layer key', (j) => (j.layers[0].dropout = 0.5), 'corrupt_model', /^model.layers\[0\].dropout/],
    ['missing key', (j) => delete j.inputs, 'corrupt_model', /^model.inputs: expected a value, got undefined$/],
    ['unsupported version', (j) => (j.version = 99), 'unsupported_version', /^model.version: expected a supported version \(1 … 1\), got 99$/],
    ['wrong format tag', (j) => (j.format = 'keras'), 'corrupt_model', /^model.format: expected 'backprop-network', got "keras"$/],
    ['bad dtype', (j) => (j.dtype = 'int8'), 'corrupt_model', /^model.dtype/],
  ];
  test.each(cases)('%s', (_, corrupt, code, message) => {
    const json = good();
    corrupt(json);
    let error: unknown;
    try {
      Network.fromJSON(json);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelFormatError);
    expect((error as ModelFormatError).code).toBe(code);
    expect((error as ModelFormatError).message).toMatch(message);
  });

  test('text that is not JSON, and a float32 model holding non-float32 values', () => {
    expect(() => Network.fromJSON('{"format": "backprop-network", ')).toThrow(/^json: expected valid JSON text/);
    const json = JSON.parse(JSON.stringify(make('float32')));
    json.output.b[0] = 0.1; // 0.1 is not a float32 value
    expect(() => Network.fromJSON(json)).toThrow(/^model\.output\.b\[0\]: expected a float32-representable value \(the model is float32: write the exact values toJSON gives, or set "dtype": "float64"\), got 0\.1$/);
    const weights = JSON.parse(JSON.stringify(make('float32')));
    weights.layers[0].W[1][0] = 0.3;
    expect(() => Network.fromJSON(weights)).toThrow(/^model\.layers\[0\]\.W\[1\]\[0\]: expected a float32-representable value/);
  });
});

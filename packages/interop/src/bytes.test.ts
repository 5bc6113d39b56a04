// Every loader takes a file's bytes in the forms programs hold them: a Uint8Array (Node's Buffer), the
// ArrayBuffer that `fetch(url).then((r) => r.arrayBuffer())` and `file.arrayBuffer()` give, or another view.
import { type BackpropError, Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { fromOnnx, fromPytorchTraining, fromSafetensors, inspectSafetensors, OnnxImportError, SafetensorsError, toOnnx, toPytorchTraining, toSafetensors, TrainingFolderError } from './index.js';

const net = Network.create({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 5 });
const X = [[0.1, -0.2, 0.3], [0.5, 0.4, -0.9]];

/** The same bytes as an exact ArrayBuffer, a DataView, and a Uint8Array lying at an offset in a larger buffer. */
function forms(bytes: Uint8Array): [string, ArrayBuffer | ArrayBufferView][] {
  const exact = bytes.slice().buffer;
  const larger = new Uint8Array(bytes.length + 11);
  larger.set(bytes, 7);
  return [
    ['ArrayBuffer', exact],
    ['DataView at an offset', new DataView(larger.buffer, 7, bytes.length)],
    ['Uint8Array at an offset', larger.subarray(7, 7 + bytes.length)],
  ];
}

describe('bytes as ArrayBuffer or any view', () => {
  test.each(forms(toOnnx(net)))('fromOnnx(%s) reads the same network', (_form, bytes) => {
    expect(Array.from(fromOnnx(bytes).predict(X).data)).toEqual(Array.from(net.predict(X).data));
  });

  test.each(forms(toSafetensors(net)))('fromSafetensors / inspectSafetensors (%s)', (_form, bytes) => {
    expect(Array.from(fromSafetensors(bytes).flat)).toEqual(Array.from(net.flat));
    expect(inspectSafetensors(bytes).kind).toBe('described');
  });

  test('fromPytorchTraining with every file an ArrayBuffer', () => {
    const trained = net.clone();
    trained.fit(X, [0, 1], { epochs: 2, optimizer: 'adam' });
    const files = toPytorchTraining(trained, { epochs: 2 });
    const buffers = Object.fromEntries(Object.entries(files).map(([name, b]) => [name, b.slice().buffer]));
    expect(fromPytorchTraining(buffers).checkpoint).toEqual(fromPytorchTraining(files).checkpoint);
  });

  test('anything else is refused by name, saying what it was', () => {
    const cases: [() => unknown, new (...a: never[]) => BackpropError, string, string][] = [
      [() => fromOnnx('model.onnx' as never), OnnxImportError, 'bytes', 'string'],
      [() => fromOnnx([1, 2, 3] as never), OnnxImportError, 'bytes', 'an array of length 3'],
      [() => fromSafetensors({} as never), SafetensorsError, 'bytes', 'an object'],
      [() => inspectSafetensors(null as never), SafetensorsError, 'bytes', 'null'],
      [() => fromPytorchTraining({ 'training.json': 'x' } as never), TrainingFolderError, 'training.json', 'string'],
      [() => fromPytorchTraining({}), TrainingFolderError, 'training.json', 'missing'],
    ];
    for (const [f, type, argument, actual] of cases) {
      let error: unknown;
      try {
        f();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(type);
      expect((error as BackpropError).argument).toBe(argument);
      expect((error as BackpropError).message).toContain(`got ${actual}`);
    }
  });
});

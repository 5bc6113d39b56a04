// The dual-package hazard (a CommonJS `require` and an ESM `import` of @backprop/interop in one app load two
// copies, and two of the core beneath): `instanceof` on each typed error must recognise the other copy's
// errors and keep the classes apart. A second copy is the same source evaluated again after clearing vitest's
// module registry (the core included).
import { BackpropError } from '@backprop/core';
import { describe, expect, test, vi } from 'vitest';
import { OnnxImportError, SafetensorsError, TrainingFolderError } from './index.js';

async function otherCopy(): Promise<typeof import('./index.js')> {
  vi.resetModules();
  const other = await import('./index.js');
  expect(other.OnnxImportError).not.toBe(OnnxImportError); // really a second copy
  return other;
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe("the other copy's errors", () => {
  test('OnnxImportError', async () => {
    const other = await otherCopy();
    const e = thrown(() => other.fromOnnx(new Uint8Array([1, 2, 3])));
    expect(e).toBeInstanceOf(other.OnnxImportError);
    expect(e).toBeInstanceOf(OnnxImportError);
    expect(e).toBeInstanceOf(BackpropError);
    expect(e).not.toBeInstanceOf(SafetensorsError);
    expect(e).not.toBeInstanceOf(TrainingFolderError);
  });

  test('SafetensorsError', async () => {
    const other = await otherCopy();
    const e = thrown(() => other.fromSafetensors(new Uint8Array(4)));
    expect(e).toBeInstanceOf(SafetensorsError);
    expect(e).toBeInstanceOf(BackpropError);
    expect(e).not.toBeInstanceOf(OnnxImportError);
  });

  test('TrainingFolderError', async () => {
    const other = await otherCopy();
    const e = thrown(() => other.fromPytorchTraining({}));
    expect(e).toBeInstanceOf(other.TrainingFolderError);
    expect(e).toBeInstanceOf(TrainingFolderError);
    expect(e).toBeInstanceOf(BackpropError);
    expect(e).not.toBeInstanceOf(SafetensorsError);
  });

  test("a plain BackpropError is none of them, and a user's subclass keeps the prototype check", async () => {
    const other = await otherCopy();
    const plain = new BackpropError('invalid_argument', 'x', 'a', 'b');
    expect(plain).not.toBeInstanceOf(OnnxImportError);
    expect(plain).not.toBeInstanceOf(other.SafetensorsError);
    class MyError extends OnnxImportError {}
    expect(new other.OnnxImportError('invalid_argument', 'x', 'a', 'b')).not.toBeInstanceOf(MyError);
    expect(new MyError('invalid_argument', 'x', 'a', 'b')).toBeInstanceOf(OnnxImportError);
  });
});

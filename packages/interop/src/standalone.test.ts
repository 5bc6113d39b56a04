import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { toBase64, toStandaloneModule } from './standalone.js';
import { batch, maxAbsDiff, predictArray, sweep, withPreprocessing } from './testing/nets.js';

interface Generated {
  predict(input: readonly ArrayLike<number>[] | Float32Array, n?: number): Float32Array | Float64Array;
  classify(input: readonly ArrayLike<number>[] | Float32Array, n?: number): Int32Array;
  labels: readonly string[] | null;
  inputs: number;
  outputs: number;
}

const dir = mkdtempSync(join(tmpdir(), 'backprop-standalone-'));
let counter = 0;
async function load(net: Network): Promise<{ mod: Generated; file: string; js: string }> {
  const { js, dts } = toStandaloneModule(net);
  const file = join(dir, `model-${counter++}.js`);
  writeFileSync(file, js);
  writeFileSync(file.replace(/\.js$/, '.d.ts'), dts);
  return { mod: (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Generated, file, js };
}

describe('toStandaloneModule', () => {
  test('every activation × output function, with preprocessing, float32 and float64: equals net.predict', async () => {
    for (const dtype of ['float32', 'float64'] as const) {
      for (const { g, fn, net } of sweep(dtype)) {
        const model = withPreprocessing(net.clone());
        const { mod } = await load(model);
        const X = batch(37, net.inputs);
        const diff = maxAbsDiff(mod.predict(X), predictArray(model, X));
        expect(diff, `${dtype} ${g} ${fn}`).toBeLessThan(dtype === 'float32' ? 1e-6 : 1e-13);
        if (fn === 'softmax' || (fn === 'logistic' && net.outputs === 1)) expect(Array.from(mod.classify(X))).toEqual(Array.from(model.classify(X)));
        else {
          // A regression or multi-label network has no single class per row: both refuse, as net.classify does.
          expect(() => model.classify(X)).toThrow(/use predict|multi-label/);
          expect(() => mod.classify(X)).toThrow(fn === 'linear' ? /regression network .*use predict/ : /multi-label/);
        }
        expect(mod.predict(Float32Array.from(X.flat()), 37).length).toBe(37 * net.outputs);
        expect(mod.labels).toEqual(model.preprocessing?.labels ?? null);
      }
    }
  });

  test('has no imports, no eval, no Function, and rejects malformed input with an error naming it', async () => {
    const { mod, js } = await load(Network.create({ inputs: 2, layers: [{ units: 3 }], output: { units: 1, fn: 'logistic' } }));
    expect(js).not.toMatch(/\bimport\b|\beval\(|\bFunction\(|require\(/);
    expect(() => mod.predict([[1, 2, 3]])).toThrow(/input\[0\]: expected 2 numbers, got 3/);
    expect(() => mod.predict([[1, Number.NaN]])).toThrow(/input\[0\]\[1\]: expected a finite number/);
    expect(() => mod.predict(new Float32Array(3))).toThrow(/expected 2 numbers per row/);
  });

  test('its .d.ts type-checks against a consumer (tsc --strict)', async () => {
    const { file } = await load(withPreprocessing(Network.create({ inputs: 2, layers: [{ units: 3 }], output: { units: 3, fn: 'softmax' } })));
    const consumer = join(dir, 'consumer.ts');
    writeFileSync(consumer, `import { predict, classify, labels } from './${file.split('/').pop()}';\nconst y: Float32Array = predict([[1, 2]]);\nconst c: Int32Array = classify(new Float32Array(4), 2);\nconst l: 'class-0' = labels[0];\n// @ts-expect-error rows must be numbers\npredict([['a']]);\nexport { y, c, l };\n`);
    const tsc = join(import.meta.dirname, '../node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--allowJs', 'false', consumer], { stdio: 'pipe' });
  });

  test('size for the MNIST 784-128-10 network (required figure)', async () => {
    const net = Network.create({ inputs: 784, layers: [{ units: 128, activation: 'relu' }], output: { units: 10, fn: 'softmax' } });
    const { js, dts } = toStandaloneModule(net);
    const bytes = new TextEncoder().encode(js).length;
    console.log(`standalone module for 784-128-10: ${bytes} bytes of .js (${(bytes / 1024).toFixed(1)} KiB; parameters ${101_770 * 4} bytes as float32), ${dts.length} bytes of .d.ts`);
    expect(bytes).toBeLessThan(101_770 * 4 * (4 / 3) + 8000);
    const { mod } = await load(net);
    const X = batch(5, 784);
    expect(maxAbsDiff(mod.predict(X), predictArray(net, X))).toBeLessThan(1e-6);
  });

  test('base64 agrees with Node’s encoder on every length mod 3', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 255]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { SafetensorsError } from './errors.js';
import { pytorchSnippet } from './pytorch.js';
import { fromSafetensors, toSafetensors } from './safetensors.js';
import { batch, maxAbsDiff, predictArray, sweep, withPreprocessing } from './testing/nets.js';

const PYTHON = '/usr/bin/python3';
const torchAvailable = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

function header(bytes: Uint8Array): Record<string, { dtype: string; shape: number[]; data_offsets: number[] }> & { __metadata__: Record<string, string> } {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
}

function rejects(f: () => unknown, code: string, message: RegExp): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SafetensorsError);
  expect((error as SafetensorsError).code).toBe(code);
  expect((error as Error).message).toMatch(message);
}

const net = withPreprocessing(Network.create({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }, { units: 5, activation: 'linear' }], output: { units: 2, fn: 'softmax' }, seed: 4 }));

describe('toSafetensors / fromSafetensors', () => {
  test('names, shapes and dtypes follow nn.Sequential; the header is 8-byte aligned', () => {
    const bytes = toSafetensors(net);
    const h = header(bytes);
    expect(Object.keys(h).sort()).toEqual(['0.bias', '0.weight', '2.bias', '2.weight', '4.bias', '4.weight', '__metadata__']);
    expect(h['0.weight']).toEqual({ dtype: 'F32', shape: [4, 3], data_offsets: [0, 48] });
    expect(h['4.bias']!.shape).toEqual([2]);
    expect(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8).toBe(0);
    expect(JSON.parse(h.__metadata__.architecture!).layers).toEqual([{ units: 4, activation: 'tanh' }, { units: 5, activation: 'linear' }]);
  });

  test('round trip is bit-identical for every activation × output function, preprocessing included', () => {
    for (const { net: n } of sweep()) {
      const original = withPreprocessing(n.clone());
      const back = fromSafetensors(toSafetensors(original));
      expect(back.layers).toEqual(original.layers);
      expect(Array.from(back.flat)).toEqual(Array.from(original.flat));
      expect(back.preprocessing).toEqual(original.preprocessing);
      const X = batch(7, n.inputs);
      expect(Array.from(predictArray(back, X))).toEqual(Array.from(predictArray(original, X)));
    }
  });

  test('float64 as F64 is exact; an explicit architecture is used when the file has none', () => {
    const n64 = net.clone({ dtype: 'float64' });
    expect(Array.from(fromSafetensors(toSafetensors(n64, { dtype: 'float64' })).flat)).toEqual(Array.from(n64.flat));
    const bytes = toSafetensors(net);
    const h = header(bytes);
    h.__metadata__ = {};
    const json = new TextEncoder().encode(JSON.stringify(h));
    const bare = new Uint8Array(8 + json.length + 48 + 16 + 80 + 20 + 40 + 8);
    new DataView(bare.buffer).setBigUint64(0, BigInt(json.length), true);
    bare.set(json, 8);
    bare.set(bytes.subarray(8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))), 8 + json.length);
    rejects(() => fromSafetensors(bare), 'invalid_argument', /architecture: expected a NetworkSpec/);
    const spec = { inputs: 3, layers: [{ units: 4, activation: 'tanh' as const }, { units: 5, activation: 'linear' as const }], output: { units: 2, fn: 'softmax' as const } };
    expect(Array.from(fromSafetensors(bare, spec).flat)).toEqual(Array.from(net.flat));
  });

  test('hostile files: typed errors, never a crash', () => {
    const good = toSafetensors(net);
    for (let n = 0; n < good.length; n += 13) expect(() => fromSafetensors(good.subarray(0, n))).toThrow(SafetensorsError);
    rejects(() => fromSafetensors(Uint8Array.of(255, 255, 255, 255, 255, 255, 255, 255, 1)), 'corrupt_model', /header length/);
    const edit = (change: (h: ReturnType<typeof header>) => void) => {
      const h = header(good);
      change(h);
      const json = new TextEncoder().encode(JSON.stringify(h));
      const n = Number(new DataView(good.buffer).getBigUint64(0, true));
      const out = new Uint8Array(8 + json.length + good.length - 8 - n);
      new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
      out.set(json, 8);
      out.set(good.subarray(8 + n), 8 + json.length);
      return out;
    };
    rejects(() => fromSafetensors(edit((h) => { h['0.weight']!.shape = [3, 4]; })), 'shape_mismatch', /tensor "0.weight".shape: expected \[4, 3\]/);
    rejects(() => fromSafetensors(edit((h) => { h['0.weight']!.data_offsets = [0, 1e12]; })), 'corrupt_model', /data_offsets/);
    rejects(() => fromSafetensors(edit((h) => { h['0.weight']!.dtype = 'I64'; })), 'corrupt_model', /'F32' or 'F64'/);
    rejects(() => fromSafetensors(edit((h) => { h['6.weight'] = h['0.weight']!; })), 'corrupt_model', /tensor "6.weight"/);
    rejects(() => fromSafetensors(edit((h) => { h.__metadata__.architecture = JSON.stringify({ inputs: 1e6, layers: [{ units: 1e6, activation: 'relu' }], output: { units: 2, fn: 'softmax', loss: 'cross-entropy' } }); })), 'shape_mismatch', /at most/);
    const nan = good.slice();
    new DataView(nan.buffer).setFloat32(8 + Number(new DataView(good.buffer).getBigUint64(0, true)) + 8, Number.NaN, true);
    rejects(() => fromSafetensors(nan), 'non_finite', /tensor "0.weight"\[2\]: expected finite weights, got NaN/);
  });
});

describe('pytorchSnippet', () => {
  test('is the expected nn.Sequential', () => {
    expect(pytorchSnippet(net)).toMatch(/model = nn\.Sequential\(\n {4}nn\.Linear\(3, 4\),\n {4}nn\.Tanh\(\),\n {4}nn\.Linear\(4, 5\),\n {4}nn\.Identity\(\),\n {4}nn\.Linear\(5, 2\),\n {4}nn\.Softmax\(dim=-1\),\n\)/);
  });

  test(`runs in PyTorch (${PYTHON}) and matches predict for every activation × output function`, () => {
    // The test setup (scripts/ensure-system-packages.sh, run by `pnpm test`) installs Debian's python3-torch: no silent skip.
    expect(torchAvailable, `${PYTHON} cannot import torch: run bash scripts/ensure-system-packages.sh (apt-get install python3-torch)`).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'backprop-torch-'));
    const script: string[] = ['import json', 'results = []'];
    const cases = sweep().map(({ net: n }) => withPreprocessing(n.clone()));
    cases.forEach((c, i) => {
      writeFileSync(join(dir, `m${i}.safetensors`), toSafetensors(c));
      writeFileSync(join(dir, `m${i}.py`), pytorchSnippet(c, { file: join(dir, `m${i}.safetensors`) }));
      writeFileSync(join(dir, `x${i}.json`), JSON.stringify(batch(37, c.inputs)));
      script.push(`ns = {}`, `exec(open(${JSON.stringify(join(dir, `m${i}.py`))}).read(), ns)`, `results.append(ns['predict'](json.load(open(${JSON.stringify(join(dir, `x${i}.json`))}))).tolist())`);
    });
    script.push('print(json.dumps(results))');
    const out = JSON.parse(execFileSync(PYTHON, ['-c', script.join('\n')], { encoding: 'utf8', maxBuffer: 1 << 26 })) as number[][][];
    cases.forEach((c, i) => {
      expect(maxAbsDiff(out[i]!.flat(), predictArray(c, batch(37, c.inputs)))).toBeLessThan(1e-5);
    });
  });
});

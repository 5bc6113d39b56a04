import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { toOnnx, toSafetensors } from '@backprop/interop';
import { describe, expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { importCommand, sniffFormat } from './import.js';

// A renamed or mislabelled file is common (a download saved as .onnx that is safetensors): the error says
// what the content looks like and the flag that reads it, instead of a wire-type puzzle or a 19-digit length.
const dir = mkdtempSync(join(tmpdir(), 'backprop-import-'));
const net = Network.create({ inputs: 3, layers: [{ units: 4, activation: 'relu' }], output: { units: 2, fn: 'softmax' }, seed: 1 });
const onnx = toOnnx(net);
const safetensors = toSafetensors(net);
const json = new TextEncoder().encode(JSON.stringify(net.toJSON()));

describe('content that is not what the extension says', () => {
  test('sniffFormat tells ONNX, safetensors and JSON apart (and nothing else)', () => {
    expect([sniffFormat(onnx), sniffFormat(safetensors), sniffFormat(json), sniffFormat(new Uint8Array([1, 2, 3]))]).toEqual(['onnx', 'safetensors', 'json', undefined]);
  });

  test.each([
    ['safetensors in a .onnx file', 'st.onnx', safetensors, "(its content looks like safetensors: pass --format safetensors)"],
    ['ONNX in a .safetensors file', 'onnx.safetensors', onnx, '(its content looks like ONNX: pass --format onnx)'],
    ['a backprop model in a .onnx file', 'model-json.onnx', json, '(it holds JSON text: a backprop model file needs no import; use it as it is)'],
  ])('%s: the message says what it looks like', async (_what, name, bytes, hint) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const error = await importCommand(path, { out: join(dir, 'out.json') }, fakeRuntime()).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a usable .* model: .*${hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  test('and with the flag it names, the file imports', async () => {
    const path = join(dir, 'st2.onnx');
    writeFileSync(path, safetensors);
    expect(await importCommand(path, { out: join(dir, 'ok.json'), format: 'safetensors' }, fakeRuntime())).toBe(0);
    expect(Array.from(Network.fromJSON(readFileSync(join(dir, 'ok.json'), 'utf8')).flat)).toEqual(Array.from(net.flat));
  });
});

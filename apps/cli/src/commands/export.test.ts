import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { CliError } from '../errors.js';
import { saveModel } from '../io/model-file.js';
import { exportCommand } from './export.js';

test('a metadata key the format keeps for itself: the model file and the key are named, exit 1, nothing written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-export-'));
  const model = join(dir, 'm.json');
  saveModel(model, Network.create({ inputs: 2, layers: [], output: { units: 2, fn: 'softmax' } }).setMetadata({ format: 'pt' }));
  const out = join(dir, 'm.safetensors');
  const error = await exportCommand(model, { format: 'safetensors', out }, fakeRuntime()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(1);
  expect((error as CliError).message).toBe(`${model}: metadata["format"]: expected a key other than those the file format's own entries use (format, architecture, preprocessing, backprop.…), got "format"; rename or remove that key in the file's "metadata"`);
  expect(existsSync(out)).toBe(false);
  // ONNX has no `format` entry of its own: the same model exports.
  expect(await exportCommand(model, { format: 'onnx', out: join(dir, 'm.onnx') }, fakeRuntime())).toBe(0);
});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { CliError } from '../errors.js';
import { saveModel } from '../io/model-file.js';
import { loadModel } from '../io/model-file.js';
import { trainCommand } from './train.js';

const dir = mkdtempSync(join(tmpdir(), 'backprop-paths-'));
const xor = (extra: Record<string, unknown>) => ({ dataset: 'xor', seed: 0, validation: 0.2, epochs: 50, ...extra });

/** Runs train and returns the error it throws (or fails). Training must not have started: nothing on stdout. */
async function refused(flags: Record<string, unknown>): Promise<CliError> {
  const rt = fakeRuntime();
  const error = await trainCommand(xor(flags), rt).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  expect(rt.out()).toBe('');
  return error as CliError;
}

test.each([
  ['a missing directory', () => '/nonexistent/dir/x.json', '--save /nonexistent/dir/x.json: the directory /nonexistent/dir does not exist'],
  ['a directory as target', () => dir, `--save ${dir}: is a directory; give a file name (e.g. ${dir}/model.json)`],
  ['a trailing slash', () => `${dir}/sub/`, 'expected a file name, got a directory'],
  ['a file as parent', () => { const f = join(dir, 'plain.txt'); writeFileSync(f, 'x'); return join(f, 'x.json'); }, 'plain.txt is not a directory'],
  ['a device', () => '/dev/null', '--save /dev/null: not a regular file'],
])('--save to %s is refused before training (exit 2)', async (_what, path, words) => {
  const error = await refused({ save: path() });
  expect(error.message).toBe(error.message.split('\n')[0]);
  expect(error.message).toContain(words);
  expect(error.exitCode).toBe(2);
});

test('--checkpoint given explicitly is checked the same way', async () => {
  const error = await refused({ checkpoint: '/nonexistent/ck.json' });
  expect(error.message).toContain('--checkpoint /nonexistent/ck.json: the directory /nonexistent does not exist');
});

test('a good --save path trains and writes the model', async () => {
  const path = join(dir, 'ok.json');
  expect(await trainCommand(xor({ epochs: 2, save: path }), fakeRuntime())).toBe(0);
  expect(loadModel(path).inputs).toBe(2);
});

test('temp files of an interrupted save (a dead writer) are removed by the next save; a live writer keeps its own', async () => {
  const d = join(dir, 'stale');
  mkdirSync(d);
  const path = join(d, 'model.json');
  // PIDs above the kernel's pid_max (4194304 at most) never run.
  const dead = `.model.json.99999999.abc123.tmp`;
  const live = `.model.json.${process.ppid}.abc124.tmp`;
  const other = `.other.json.99999999.abc125.tmp`;
  for (const f of [dead, live, other]) writeFileSync(join(d, f), 'partial');
  saveModel(path, loadModel(join(dir, 'ok.json')));
  expect(readdirSync(d).sort()).toEqual([live, other, 'model.json'].sort());
  expect(existsSync(join(d, dead))).toBe(false);
});

test('train reads a ; CSV as predict does', async () => {
  const file = join(dir, 'semi.csv');
  writeFileSync(file, `a;b;label\n${Array.from({ length: 40 }, (_, i) => `${i % 7};${(i * 3) % 5};${i % 2 ? 'yes' : 'no'}`).join('\n')}\n`);
  expect(await trainCommand({ dataset: file, seed: 0, validation: 0.2, epochs: 2, save: join(dir, 'semi.json') }, fakeRuntime())).toBe(0);
  expect(loadModel(join(dir, 'semi.json')).preprocessing).toEqual({ labels: ['no', 'yes'], features: ['a', 'b'] });
});

test('a binary file given as a model suggests backprop import', async () => {
  const file = join(dir, 'model.onnx');
  writeFileSync(file, Buffer.from([8, 7, 18, 4, 0, 1, 2, 3, 0x62, 0x61]));
  expect(() => loadModel(file)).toThrow(`${file}: a binary file, not a backprop model (JSON); an .onnx or .safetensors file comes in with: backprop import ${file} --out model.json`);
});

test('eval on data with another number of classes says so', async () => {
  const { evalCommand } = await import('./eval.js');
  await expect(evalCommand(join(dir, 'ok.json'), { dataset: 'spiral3', seed: 0, validation: 0.2 }, fakeRuntime())).rejects.toThrow(/the model has 2 classes, spiral3 has 3/);
});

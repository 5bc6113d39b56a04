import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRng, fitScaler, Matrix, Network } from '@backprop/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli.js';

// `backprop export` and `backprop import` through the built command: files on disk, exit codes, messages.
const dir = mkdtempSync(join(tmpdir(), 'backprop-interop-'));
// PyTorch-made ONNX fixtures of @backprop/interop (read as data files, not imported).
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'packages', 'interop', 'fixtures');

const rng = createRng(11);
const X = Array.from({ length: 37 }, () => Array.from({ length: 3 }, () => rng.normal() * 2));
// A 3-5-4 tanh/softmax network with a stored scaler and class names: everything the formats must carry.
const net = Network.create({ inputs: 3, layers: [{ units: 5, activation: 'tanh' }], output: { units: 4, fn: 'softmax' }, seed: 3 }).setPreprocessing({
  input: fitScaler(X.map((r) => r.map((v, j) => v * (j + 1) + 5 * j))),
  labels: ['a', 'b', 'c', 'd'],
});
const model = join(dir, 'model.json');
const predictions = (n: Network) => Array.from(n.predict(Matrix.from(X, n.dtype)).data);
const loadJSON = (path: string) => Network.fromJSON(readFileSync(path, 'utf8'));

beforeAll(() => {
  assertBuilt();
  writeFileSync(model, JSON.stringify(net.toJSON()));
});

describe('export → import round trips', () => {
  test.each([
    ['onnx', 'model.onnx'],
    ['safetensors', 'model.safetensors'],
  ])('%s: same weights and predictions, bit for bit', async (format, file) => {
    const ex = await runCli(['export', model, '--format', format, '--out', file], { cwd: dir });
    expect(ex.code).toBe(0);
    expect(ex.stdout).toContain(`wrote ${file}`);
    const im = await runCli(['import', file, '--out', `${format}.json`], { cwd: dir });
    expect(im.code).toBe(0);
    expect(im.stdout).toContain('3-5-4 tanh/softmax');
    const back = loadJSON(join(dir, `${format}.json`));
    expect(Array.from(back.flat)).toEqual(Array.from(net.flat));
    expect(predictions(back)).toEqual(predictions(net));
  });

  test('without --format, the format is --out\'s extension (as import reads its file\'s)', async () => {
    for (const [out, magic] of [['inferred.onnx', 'backprop.integrity'], ['inferred.safetensors', '__metadata__'], ['inferred.mjs', 'export function predict'], ['inferred.c', '#include']] as const) {
      const r = await runCli(['export', model, '--out', out], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(dir, out)).toString('latin1')).toContain(magic);
    }
  });

  test('js: a module and its .d.ts; predict() matches the network', async () => {
    const r = await runCli(['export', model, '--format', 'js', '--out', 'predict.mjs'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'predict.d.mts'), 'utf8')).toContain('export declare function predict');
    const mod = (await import(pathToFileURL(join(dir, 'predict.mjs')).href)) as { predict(rows: number[][]): Float32Array; labels: string[] };
    expect(mod.labels).toEqual(['a', 'b', 'c', 'd']);
    const ours = predictions(net);
    for (const [i, p] of Array.from(mod.predict(X)).entries()) expect(Math.abs(p - ours[i]!)).toBeLessThanOrEqual(1e-6);
  });

  test('safetensors --snippet writes the PyTorch loader beside the weights', async () => {
    const r = await runCli(['export', model, '--format', 'safetensors', '--out', 'w.safetensors', '--snippet', 'load.py'], { cwd: dir });
    expect(r.code).toBe(0);
    const py = readFileSync(join(dir, 'load.py'), 'utf8');
    expect(py).toContain('nn.Linear(3, 5)');
    expect(py).toContain('"w.safetensors"');
  });

  test('a PyTorch-made .onnx imports with the outputs PyTorch computed', async () => {
    const r = await runCli(['import', join(FIXTURES, 'torch_relu_tanh_softmax.onnx'), '--out', 'torch.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const fixture = JSON.parse(readFileSync(join(FIXTURES, 'torch_relu_tanh_softmax.json'), 'utf8')) as { inputs: number[][]; outputs: number[][] };
    const got = loadJSON(join(dir, 'torch.json')).predict(Matrix.from(fixture.inputs));
    for (const [i, v] of fixture.outputs.flat().entries()) expect(Math.abs(got.data[i]! - v)).toBeLessThanOrEqual(1e-5);
  });
});

describe('an ONNX graph of logits (ends in a Linear layer, as a PyTorch classifier trained with CrossEntropyLoss exports)', () => {
  const logits = join(FIXTURES, 'torch_elu_softplus_linear.onnx');
  const fixture = () => JSON.parse(readFileSync(join(FIXTURES, 'torch_elu_softplus_linear.json'), 'utf8')) as { inputs: number[][]; outputs: number[][] };

  test('imports as a regression and says so, naming --output softmax', async () => {
    const r = await runCli(['import', logits, '--out', 'logits.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3-5-4-2 elu/linear');
    expect(r.stderr).toBe(`${logits}: the graph ends in a Linear layer (no Softmax or Sigmoid): imported with a linear output (regression, squared error); for a classifier exported as logits (trained with CrossEntropyLoss), import again with --output softmax\n`);
  });

  test('--output softmax makes it the classifier: predict gives softmax of the logits PyTorch computed, cross-entropy loss', async () => {
    const r = await runCli(['import', logits, '--output', 'softmax', '--out', 'classifier.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('3-5-4-2 elu/softmax');
    const back = loadJSON(join(dir, 'classifier.json'));
    expect(back.toJSON().output).toMatchObject({ fn: 'softmax', loss: 'cross-entropy' });
    const { inputs, outputs } = fixture();
    const got = back.predict(Matrix.from(inputs));
    for (const [i, z] of outputs.entries()) {
      const e = z.map((v) => Math.exp(v - Math.max(...z)));
      const sum = e.reduce((a, b) => a + b, 0);
      for (const [j, v] of e.entries()) expect(Math.abs(got.data[i * 2 + j]! - v / sum)).toBeLessThanOrEqual(1e-5);
    }
  });

  test('a regression we exported (its loss is in the metadata) imports without the note; --output on a graph with its own softmax, or --activation on ONNX, is refused (exit 2)', async () => {
    writeFileSync(join(dir, 'reg.json'), JSON.stringify(Network.create({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'linear' }, seed: 1 }).toJSON()));
    expect((await runCli(['export', 'reg.json', '--out', 'reg.onnx'], { cwd: dir })).code).toBe(0);
    const ours = await runCli(['import', 'reg.onnx', '--out', 'reg-back.json'], { cwd: dir });
    expect(ours.code).toBe(0);
    expect(ours.stderr).toBe('');
    const own = await runCli(['import', join(FIXTURES, 'torch_relu_tanh_softmax.onnx'), '--output', 'logistic', '--out', 'no.json'], { cwd: dir });
    expect(own.code).toBe(2);
    expect(own.stderr).toContain('the graph ends with its own softmax output; --output goes with graphs that end in a Linear layer (logits)');
    const act = await runCli(['import', logits, '--activation', 'tanh', '--out', 'no.json'], { cwd: dir });
    expect(act.code).toBe(2);
    expect(act.stderr).toContain('--activation goes with bare safetensors files, not onnx');
    expect(existsSync(join(dir, 'no.json'))).toBe(false);
  });
});

describe('errors: one line, the file named, the right exit code', () => {
  test('a corrupt .onnx → exit 1, no output file', async () => {
    writeFileSync(join(dir, 'corrupt.onnx'), readFileSync(join(dir, 'model.onnx')).subarray(0, 100));
    const r = await runCli(['import', 'corrupt.onnx', '--out', 'corrupt.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('corrupt.onnx');
    expect(r.stderr).toContain('not a usable ONNX model');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'corrupt.json'))).toBe(false);
  });

  test('an .onnx we wrote, cut between two metadata_props entries (a valid shorter protobuf), is refused naming the file and what is missing', async () => {
    // The last entry is backprop.scaler (the exact float64 scaler): the cut drops exactly that one entry.
    const whole = readFileSync(join(dir, 'model.onnx'));
    const scaler = Buffer.from(`backprop.scaler`);
    // The entry: tag 0x72 (field 14, length-delimited), its length (2 varint bytes: the JSON is > 127 bytes), the key's tag 0x0a and length, the key.
    const at = whole.lastIndexOf(scaler) - 5;
    expect([whole[at], whole[at + 3], whole[at + 4]]).toEqual([0x72, 0x0a, scaler.length]);
    writeFileSync(join(dir, 'cut.onnx'), whole.subarray(0, at));
    const r = await runCli(['import', 'cut.onnx', '--out', 'cut.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('backprop import: cut.onnx: not a usable ONNX model: metadata_props: expected the 3 entries "backprop.integrity" lists, got 2, without "backprop.scaler" (the file ends early: truncated?)\n');
    expect(existsSync(join(dir, 'cut.json'))).toBe(false);
  });

  test('an unsupported operator (ReLU6 → Clip) names the node and op type, exit 1', async () => {
    const r = await runCli(['import', join(FIXTURES, 'torch_unsupported_relu6.onnx'), '--out', 'relu6.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('torch_unsupported_relu6.onnx');
    expect(r.stderr).toContain('Clip');
  });

  test.each([
    ['missing.json', 'no such file'],
    ['corrupt.onnx', 'a binary file, not a backprop model (JSON); an .onnx or .safetensors file comes in with: backprop import'],
  ])('export of %s → exit 1 naming it', async (input, problem) => {
    const r = await runCli(['export', input, '--format', 'onnx', '--out', 'x.onnx'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(input);
    expect(r.stderr).toContain(problem);
  });

  test.each([
    [['export', 'model.json', '--format', 'tflite', '--out', 'x'], "argument 'tflite' is invalid", 'onnx, safetensors, js'],
    [['export', 'model.json', '--out', 'x.bin'], "--out x.bin: cannot tell the format from the extension '.bin'", '--format onnx|safetensors|js|c|pytorch'],
    [['export', 'model.json', '--out', 'run'], "--out run: cannot tell the format from the extension ''", 'pytorch writes a folder'],
    [['import', 'model.onnx', '--format', 'pb', '--out', 'x.json'], "argument 'pb' is invalid", 'onnx, safetensors'],
    [['import', 'model.json', '--out', 'x.json'], "cannot tell the format from the extension '.json'", "--format onnx|safetensors; a .json model is backprop's own: use it as it is, or export it)"],
    [['import', 'model.txt', '--out', 'x.json'], "cannot tell the format from the extension '.txt' (expected .onnx or .safetensors, or pass --format onnx|safetensors)", 'model.txt'],
    [['export', 'model.json', '--format', 'onnx', '--out', 'model.json'], 'is the input model', 'model.json'],
    [['export', 'model.json', '--format', 'onnx', '--out', 'x.onnx', '--snippet', 'x.py'], '--snippet goes with --format safetensors', 'onnx'],
    // Where the output cannot go is said in words before anything is written (was: "no such file").
    [['export', 'model.json', '--format', 'onnx', '--out', 'nowhere/x.onnx'], '--out nowhere/x.onnx: the directory nowhere does not exist', 'create it first'],
    [['export', 'model.json', '--format', 'onnx', '--out', '.'], '--out .: is a directory', 'model.json'],
    [['import', 'model.onnx', '--out', 'nowhere/x.json'], '--out nowhere/x.json: the directory nowhere does not exist', 'create it first'],
  ])('%j → exit 2, one line', async (args, problem, listed) => {
    const before = readdirSync(dir).sort();
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(problem);
    expect(r.stderr).toContain(listed);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, Matrix, Network, type NetworkSpec } from '@backprop/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli.js';

// `backprop import` of a bare PyTorch safetensors file (no __metadata__), through the built command:
// the widths come from the tensors, the functions from --activation / --output or their defaults.
const dir = mkdtempSync(join(tmpdir(), 'backprop-import-bare-'));

/**
 * The weights as `safetensors.torch.save_file(seq.state_dict(), …)` writes them: no `__metadata__`,
 * nn.Sequential names (`0.weight` = W_1, `0.bias` = b_1, `2.weight` = W_2, …) sorted as strings, F32.
 */
function bareSafetensors(net: Network): Uint8Array {
  const tensors = net.parameters().map((p) => ({ name: `${2 * (p.layer - 1)}.${p.kind === 'W' ? 'weight' : 'bias'}`, shape: p.kind === 'W' ? [...p.shape] : [p.shape[0]], values: p.values }));
  tensors.sort((a, b) => (a.name < b.name ? -1 : 1));
  const header: Record<string, unknown> = {};
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * t.values.length] };
    offset += 4 * t.values.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors) for (const v of t.values) view.setFloat32((at += 4) - 4, v, true);
  return out;
}

const rng = createRng(5);
const X = Array.from({ length: 23 }, () => Array.from({ length: 4 }, () => rng.normal() * 2));
const predictions = (n: Network) => Array.from(n.predict(Matrix.from(X, n.dtype)).data);
const loadJSON = (file: string) => Network.fromJSON(readFileSync(join(dir, file), 'utf8'));
// float32 sources, so the F32 tensors hold their weights exactly and predictions compare bit for bit.
const source = (spec: Omit<NetworkSpec, 'inputs' | 'dtype'>) => Network.create({ inputs: 4, dtype: 'float32', seed: 7, ...spec });
const tanhSoftmax = source({ layers: [{ units: 8, activation: 'tanh' }, { units: 6, activation: 'tanh' }], output: { units: 3, fn: 'softmax' } });
const reluSoftmax = source({ layers: [{ units: 5, activation: 'relu' }], output: { units: 3, fn: 'softmax' } });
const reluLinear = source({ layers: [{ units: 5, activation: 'relu' }], output: { units: 1, fn: 'linear' } });

beforeAll(() => {
  assertBuilt();
  writeFileSync(join(dir, 'tanh.safetensors'), bareSafetensors(tanhSoftmax));
  writeFileSync(join(dir, 'classes.safetensors'), bareSafetensors(reluSoftmax));
  writeFileSync(join(dir, 'scalar.safetensors'), bareSafetensors(reluLinear));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify({ inputs: 4, layers: [{ units: 8, activation: 'tanh' }, { units: 6, activation: 'tanh' }], output: { units: 3, fn: 'softmax' } }));
});

describe('a bare PyTorch safetensors file imports without --spec', () => {
  test('--activation / --output name the functions; the weights and predictions are the source’s, bit for bit', async () => {
    const r = await runCli(['import', 'tanh.safetensors', '--activation', 'tanh', '--output', 'softmax', '--out', 'tanh.json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4-8-6-3 tanh/softmax');
    const back = loadJSON('tanh.json');
    expect(Array.from(back.flat)).toEqual(Array.from(tanhSoftmax.flat));
    expect(predictions(back)).toEqual(predictions(tanhSoftmax));
  });

  test.each([
    ['classes.safetensors', '4-5-3 relu/softmax', reluSoftmax],
    ['scalar.safetensors', '4-5-1 relu/linear', reluLinear],
  ])('defaults for %s: relu; softmax for more than one output, else linear', async (file, arch, net) => {
    const r = await runCli(['import', file, '--out', `${file}.json`], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(arch);
    expect(predictions(loadJSON(`${file}.json`))).toEqual(predictions(net));
    // What was taken for granted is said (a tanh network read as relu would answer wrongly without an error).
    const output = arch.split('/')[1];
    expect(r.stderr).toBe(`${file}: a bare state dict (the file holds weights, not the functions between them): assumed relu between the Linear layers and a ${output} output; if the network used others, import again with --activation NAME --output FN\n`);
  });

  test('only what was not given is said to be assumed; nothing when both are given, or for a file with our metadata', async () => {
    const some = await runCli(['import', 'classes.safetensors', '--activation', 'relu', '--out', 'some.json'], { cwd: dir });
    expect(some.code).toBe(0);
    expect(some.stderr).toBe('classes.safetensors: a bare state dict (the file holds weights, not the functions between them): assumed a softmax output; if the network used others, import again with --output FN\n');
    const both = await runCli(['import', 'tanh.safetensors', '--activation', 'tanh', '--output', 'softmax', '--out', 'both.json'], { cwd: dir });
    expect(both.stderr).toBe('');
    const ours = await runCli(['export', 'both.json', '--format', 'safetensors', '--out', 'ours.safetensors'], { cwd: dir });
    expect(ours.code).toBe(0);
    const back = await runCli(['import', 'ours.safetensors', '--out', 'ours.json'], { cwd: dir });
    expect(back.code).toBe(0);
    expect(back.stderr).toBe('');
  });

  test('--spec still works', async () => {
    const r = await runCli(['import', 'tanh.safetensors', '--spec', 'spec.json', '--out', 'spec-import.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(predictions(loadJSON('spec-import.json'))).toEqual(predictions(tanhSoftmax));
  });

  test('help lists the flags and their defaults', async () => {
    const r = await runCli(['import', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' '); // commander wraps long descriptions
    expect(help).toContain('--activation <name>');
    expect(help).toContain('--output <fn>');
    expect(help).toContain('(default: relu)');
    expect(help).toContain('(default: softmax for > 1 output, else linear)');
  });
});

describe('errors: one line, exit 2 for usage, exit 1 for a bad file', () => {
  test.each([
    [['--activation', 'swish'], "argument 'swish' is invalid", 'logistic, tanh, relu, leaky-relu, linear, softplus, elu, gelu, silu'],
    [['--output', 'sigmoid'], "argument 'sigmoid' is invalid", 'softmax, linear, logistic'],
    [['--activation', 'tanh', '--spec', 'spec.json'], '--activation and --output replace --spec', 'one or the other'],
  ])('%j → exit 2 listing the valid choices, no output file', async (flags, problem, listed) => {
    const r = await runCli(['import', 'tanh.safetensors', ...flags, '--out', 'bad.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(problem);
    expect(r.stderr).toContain(listed);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  });

  test('tensors that do not chain → exit 1 naming the tensor and both shapes', async () => {
    const bytes = bareSafetensors(tanhSoftmax);
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const text = new TextDecoder().decode(bytes.subarray(8, 8 + n)).replace('"shape":[6,8]', '"shape":[6,7]');
    const broken = new Uint8Array([...bytes.subarray(0, 8), ...new TextEncoder().encode(text), ...bytes.subarray(8 + n)]);
    writeFileSync(join(dir, 'broken.safetensors'), broken);
    const r = await runCli(['import', 'broken.safetensors', '--out', 'broken.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('broken.safetensors: not a usable safetensors model: tensor "2.weight" [6, 7]: expected [n, 8]');
  });
});

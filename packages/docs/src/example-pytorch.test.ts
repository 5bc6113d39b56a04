// examples/pytorch, the "bring it to PyTorch" walk-through, run as its README says: every ```sh block, as
// written, in a copy of the folder, with real PyTorch (Debian's python3-torch as `python3`). The output
// blocks under the commands must match what they print, and the run that went Node → PyTorch (2 processes,
// DistributedDataParallel) → Node must equal 150 epochs that stayed in Node to float64 rounding.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Network } from '@backprop/core';
import { spiral3, trainTestSplit } from '@backprop/datasets';
import { afterAll, expect, test } from 'vitest';

const PYTHON = '/usr/bin/python3';
const example = fileURLToPath(new URL('../../../examples/pytorch/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'backprop-example-pytorch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The README's ```sh blocks, each with the plain ``` output block right after it (if any). */
function walkthrough(): { line: number; code: string; output: string | undefined }[] {
  const lines = readFileSync(join(example, 'README.md'), 'utf8').split('\n');
  const blocks: { line: number; code: string; output: string | undefined }[] = [];
  const until = (from: number) => {
    let end = from;
    while (lines[end] !== '```') end++;
    return end;
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```sh') continue;
    const end = until(i + 1);
    const code = lines.slice(i + 1, end).join('\n');
    let output: string | undefined;
    if (lines[end + 1] === '```') {
      const close = until(end + 2);
      output = lines.slice(end + 2, close).join('\n');
    }
    blocks.push({ line: i + 1, code, output });
    i = end;
  }
  return blocks;
}

/** Output as the README shows it: lines literally, where a line `…` stands for any number of lines. */
function matches(actual: string, expected: string): boolean {
  const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = expected
    .split('\n')
    .map((l) => (l === '…' ? '(?:[^\\n]*\\n)*?' : `${literal(l)}\\n`))
    .join('');
  return new RegExp(`^${pattern}$`).test(`${actual.trimEnd()}\n`);
}

test('the walk-through runs as written with real PyTorch, and the run that travelled is the run that stayed', () => {
  // No silent skip: the test setup (scripts/ensure-system-packages.sh, run by `pnpm test`) installs it.
  const torch = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  expect(torch.status, `${PYTHON} cannot import torch and numpy: run bash scripts/ensure-system-packages.sh (apt-get install python3-torch python3-numpy)\n${torch.stderr}`).toBe(0);

  // A copy of the folder as a user has it (its node_modules linked), so the run's files stay out of the repository.
  for (const f of readdirSync(example)) if (statSync(join(example, f)).isFile() && /\.(mjs|md|json)$/.test(f) && f !== 'model.json') copyFileSync(join(example, f), join(work, f));
  symlinkSync(join(example, 'node_modules'), join(work, 'node_modules'));
  // `python3` and `node` in the commands: Debian's Python with PyTorch, and this Node.
  const bin = join(work, '.bin');
  mkdirSync(bin);
  symlinkSync(PYTHON, join(bin, 'python3'));
  symlinkSync(process.execPath, join(bin, 'node'));
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };

  const blocks = walkthrough();
  expect(blocks.map((b) => b.code)).toEqual(['python3 -c "import torch, numpy; print(\'torch\', torch.__version__, \'· numpy\', numpy.__version__)"', 'node train.mjs', 'python3 run/train.py --processes 2', 'node resume.mjs', 'node compare.mjs']);
  for (const b of blocks) {
    const r = spawnSync('bash', ['--norc', '--noprofile', '-euo', 'pipefail', '-c', b.code], { cwd: work, env, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, `README.md:${b.line} \`${b.code}\` failed:\n${r.stdout}\n${r.stderr}`).toBe(0);
    if (b.code.startsWith('node ')) expect(r.stderr, `README.md:${b.line}`).toBe('');
    if (b.output !== undefined) expect(matches(r.stdout, b.output), `README.md:${b.line} \`${b.code}\` printed:\n${r.stdout}\nthe README says:\n${b.output}`).toBe(true);
    if (b.code.includes('train.py')) expect(r.stdout).toMatch(/750 steps in [\d.]+ s on 2 processes/);
  }

  // Independently of compare.mjs: PyTorch wrote the run at epoch 100, and model.json holds 150 epochs (50 +
  // 50 + 50: the resumed fit's `epochs` counted new epochs) equal to a run that stayed in Node.
  const folder = JSON.parse(readFileSync(join(work, 'run', 'training.json'), 'utf8'));
  expect([folder.training.epoch, folder.training.iteration]).toEqual([100, 1500]);
  const travelled = Network.fromJSON(readFileSync(join(work, 'model.json'), 'utf8'));
  const { train, test: held } = trainTestSplit(spiral3({ samples: 600, noise: 0.1, seed: 1, dtype: 'float64' }), { test: 0.25, seed: 1 });
  const stayed = Network.create({ inputs: 2, layers: [{ units: 32, activation: 'relu' }, { units: 32, activation: 'relu' }], output: { units: 3, fn: 'softmax' }, dtype: 'float64', seed: 1 });
  const { history } = stayed.fit(train, { batchSize: 32, optimizer: 'adam', learningRate: 0.01, epochs: 150 });
  const back = travelled.checkpoint().training!;
  expect(back.history.loss).toHaveLength(150);
  expect(back.iteration).toBe(2250);
  let weights = 0;
  for (let i = 0; i < stayed.flat.length; i++) weights = Math.max(weights, Math.abs(travelled.flat[i]! - stayed.flat[i]!) / Math.max(Math.abs(stayed.flat[i]!), 1e-3));
  const loss = Math.abs(back.history.loss.at(-1)! - history.loss.at(-1)!) / history.loss.at(-1)!;
  console.log(`pytorch walk-through: relative difference after Node 50 → PyTorch 50 (2 processes) → Node 50 epochs: loss ${loss.toExponential(1)}, weights ${weights.toExponential(1)}`);
  // float64: measured ~1e-13 (loss) and ~1e-10 (weights); a hand-over mistake moves them by ≥ 1e-3 (compare.mjs says why).
  expect(loss).toBeLessThan(1e-8);
  expect(weights).toBeLessThan(1e-8);
  expect(travelled.evaluate(held).classification!.accuracy).toBe(stayed.evaluate(held).classification!.accuracy);
  expect(travelled.evaluate(held).classification!.accuracy).toBeGreaterThanOrEqual(0.95);
});

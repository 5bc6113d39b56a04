// Shared by the pytorch-training tests (not part of the package's public surface).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FitOptions, Network, createRng } from '@backprop/core';

export const PYTHON = '/usr/bin/python3';

/** A small seeded classification set: N rows of 3 inputs, 3 classes from a noisy linear rule. */
export function tinyData(N = 22, seed = 5): { X: number[][]; y: number[] } {
  const rng = createRng(seed);
  const X = Array.from({ length: N }, () => [rng.normal(), rng.normal() * 2 + 1, rng.normal() * 0.5]);
  const y = X.map((x) => (x[0]! + 0.3 * x[1]! > 0.5 ? 0 : x[2]! > 0 ? 1 : 2));
  return { X, y };
}

/** A float64 3 → 5 tanh → 4 relu → 3 softmax network. */
export function tinyNet(seed = 3): Network {
  return Network.create({ inputs: 3, layers: [{ units: 5, activation: 'tanh' }, { units: 4, activation: 'relu' }], output: { units: 3, fn: 'softmax' }, dtype: 'float64', seed });
}

/** Per-step losses of a fit (onBatchEnd). */
export function fitLosses(net: Network, X: number[][], y: number[], options: FitOptions): number[] {
  const losses: number[] = [];
  net.fit(X, y, { ...options, onBatchEnd: (e) => void losses.push(e.loss) });
  return losses;
}

/** Writes an exported folder to a fresh directory under `root`. */
export function writeFolder(root: string, name: string, files: Record<string, Uint8Array>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, bytes] of Object.entries(files)) writeFileSync(join(dir, file), bytes);
  return dir;
}

/** Every file of a folder, as fromPytorchTraining takes them. */
export function readFolder(dir: string): Record<string, Uint8Array> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]));
}

/**
 * Runs train.py of several folders in ONE Python process (torch's import costs seconds on a loaded machine):
 * each entry is train.py's argv. Returns each run's exit status (0, or SystemExit's message).
 */
export function runTrainPy(runs: readonly { dir: string; args: readonly string[] }[]): string[] {
  const driver = `
import json, runpy, sys, torch
torch.set_num_threads(1)
out = []
for dir, args in json.loads(sys.argv[1]):
    sys.argv = [dir + "/train.py", "--dir", dir] + args
    try:
        runpy.run_path(dir + "/train.py", run_name="__main__")
        out.append("0")
    except SystemExit as e:
        out.append("0" if e.code in (None, 0) else str(e.code))
    except Exception as e:
        out.append(repr(e))
print("RESULT " + json.dumps(out))
`;
  const stdout = execFileSync(PYTHON, ['-c', driver, JSON.stringify(runs.map((r) => [r.dir, r.args]))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  return JSON.parse(line!.slice(7)) as string[];
}

/** A fresh temporary directory. */
export function tempRoot(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Losses of the per-step log train.py writes with --log. */
export function loggedLosses(file: string): number[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { loss: number }).loss);
}

/** max_i |a_i − b_i| / max(|b_i|, 1e-3): the relative difference, floored so values near 0 do not blow it up. */
export function relativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-3));
  return worst;
}

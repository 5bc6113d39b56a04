import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Matrix, Network, createRng, fitScaler } from '@backprop/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli.js';

// `backprop export --format c`: a header and a source that a C compiler turns into the same predictions.
const dir = mkdtempSync(join(tmpdir(), 'backprop-export-c-'));
const rng = createRng(5);
const X = Array.from({ length: 6 }, () => Array.from({ length: 3 }, () => rng.normal() * 2));
const net = Network.create({ inputs: 3, layers: [{ units: 5, activation: 'silu' }], output: { units: 2, fn: 'softmax' }, seed: 4 }).setPreprocessing({
  input: fitScaler(X.map((r) => r.map((v, j) => v * (j + 1) + 2 * j))),
  labels: ['no', 'yes'],
});
const cc = spawnSync('cc', ['--version'], { stdio: 'ignore' }).status === 0;

beforeAll(() => {
  assertBuilt();
  writeFileSync(join(dir, 'model.json'), JSON.stringify(net.toJSON()));
});

describe('backprop export --format c', () => {
  test.skipIf(!cc)('writes my_model.h beside my-model.c; both compile and predict what the model predicts', async () => {
    const r = await runCli(['export', 'model.json', '--format', 'c', '--out', 'my-model.c'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote my_model.h');
    expect(r.stdout).toContain('wrote my-model.c');
    expect(r.stdout).toContain('C99 header + source (float32)');
    expect(readFileSync(join(dir, 'my_model.h'), 'utf8')).toContain('void my_model_predict(const float *x, float *y);');
    const rows = X.map((row) => `{ ${row.map((v) => `${Math.fround(v).toPrecision(9)}f`).join(', ')} }`).join(', ');
    writeFileSync(
      join(dir, 'main.c'),
      `#include <stdio.h>\n#include "my_model.h"\nstatic const float x[6][MY_MODEL_INPUTS] = { ${rows} };\nint main(void) {\n  int n;\n  for (n = 0; n < 6; n++) { float y[MY_MODEL_OUTPUTS]; my_model_predict(x[n], y); printf("%.9g %.9g %s\\n", y[0], y[1], my_model_labels[my_model_classify(x[n])]); }\n  return 0;\n}\n`,
    );
    execFileSync('cc', ['-std=c99', '-Wall', '-Wextra', '-pedantic', '-Werror', '-o', 'main', 'main.c', 'my-model.c', '-lm'], { cwd: dir });
    const lines = execFileSync(join(dir, 'main'), { encoding: 'utf8' }).trim().split('\n');
    const y = net.predict(Matrix.from(X));
    const classes = net.classify(X);
    lines.forEach((line, n) => {
      const [y0, y1, label] = line.split(' ');
      expect(Math.abs(Number(y0) - y.data[2 * n]!)).toBeLessThan(1e-6);
      expect(Math.abs(Number(y1) - y.data[2 * n + 1]!)).toBeLessThan(1e-6);
      expect(label).toBe(['no', 'yes'][classes[n]!]);
    });
  });

  test('--dtype does not apply to C (float32 weights): a usage error, exit 2', async () => {
    const r = await runCli(['export', 'model.json', '--format', 'c', '--out', 'm.c', '--dtype', 'float64'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the C export has float32 weights');
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackpropError, Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { toCSource } from './c-source.js';
import { batch, maxAbsDiff, predictArray, sweep, withPreprocessing } from './testing/nets.js';

const cc = spawnSync('cc', ['--version'], { stdio: 'ignore' }).status === 0;

/** Compiles the models with a driver that prints predict and classify for X, strict C99, warnings as errors. */
function runC(models: readonly Network[], X: readonly (readonly number[])[][]): { y: number[][]; classes: number[][] } {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-c-'));
  const files: string[] = [];
  const main: string[] = ['#include <stdio.h>'];
  const body: string[] = [];
  models.forEach((net, i) => {
    const { name, header, source } = toCSource(net, { name: `model_${i}` });
    writeFileSync(join(dir, `${name}.h`), header);
    writeFileSync(join(dir, `${name}.c`), source);
    files.push(join(dir, `${name}.c`));
    main.push(`#include "${name}.h"`);
    const rows = X[i]!;
    main.push(`static const float x_${i}[${rows.length}][${net.inputs}] = { ${rows.map((r) => `{ ${r.map((v) => `${Math.fround(v).toPrecision(9)}f`).join(', ')} }`).join(', ')} };`);
    const classify = net.output !== 'linear' ? `printf(" %d", model_${i}_classify(x_${i}[n]));` : '';
    body.push(`  for (n = 0; n < ${rows.length}; n++) { float y[MODEL_${i}_OUTPUTS]; int o; model_${i}_predict(x_${i}[n], y); for (o = 0; o < MODEL_${i}_OUTPUTS; o++) printf(" %.9g", y[o]); printf(" |"); ${classify} printf("\\n"); }`);
  });
  writeFileSync(join(dir, 'main.c'), `${main.join('\n')}\nint main(void) {\n  int n;\n${body.join('\n  printf("=\\n");\n')}\n  return 0;\n}\n`);
  execFileSync('cc', ['-std=c99', '-pedantic', '-Wall', '-Wextra', '-Werror', '-O0', '-o', join(dir, 'main'), join(dir, 'main.c'), ...files, '-lm'], { cwd: dir });
  const blocks = execFileSync(join(dir, 'main'), { encoding: 'utf8' }).trim().split('=\n');
  const parse = (block: string) => block.trim().split('\n').map((line) => line.split('|').map((p) => p.trim().split(/\s+/).filter(Boolean).map(Number)));
  const parsed = blocks.map(parse);
  return { y: parsed.map((rows) => rows.flatMap((r) => r[0]!)), classes: parsed.map((rows) => rows.flatMap((r) => r[1] ?? [])) };
}

describe.skipIf(!cc)('toCSource compiles with cc (C99, -Wall -Wextra -pedantic -Werror) and agrees with predict', () => {
  test('every activation × output function: float32 networks with the stored scaler and class names, float64 ones without', () => {
    const models = [...sweep('float32').map(({ net }) => withPreprocessing(net.clone())), ...sweep('float64').map(({ net }) => net)];
    const X = models.map((net, i) => batch(9, net.inputs, i));
    const { y, classes } = runC(models, X);
    models.forEach((net, i) => {
      const expected = predictArray(net, X[i]!);
      // float32 weights and float math.h functions: a few float32 ulps of outputs of order 1.
      expect(maxAbsDiff(y[i]!, expected), `${net.layers.map((l) => l.activation).join('-')} #${i}`).toBeLessThan(2e-5);
      if (net.output === 'softmax') expect(classes[i]).toEqual(Array.from(net.classify(X[i]!)));
    });
  });
});

describe('the generated files', () => {
  const net = withPreprocessing(Network.create({ inputs: 3, layers: [{ units: 4, activation: 'gelu' }], output: { units: 3, fn: 'softmax' }, seed: 2 }));
  const { header, source } = toCSource(net, { name: 'iris' });
  test('the header declares the sizes, predict, classify and the labels', () => {
    expect(header).toContain('#define IRIS_INPUTS 3');
    expect(header).toContain('#define IRIS_OUTPUTS 3');
    expect(header).toContain('void iris_predict(const float *x, float *y);');
    expect(header).toContain('int iris_classify(const float *x);');
    expect(header).toContain('extern const char *const iris_labels[3];');
  });
  test('weights are static const float arrays that read back as the same float32 values', () => {
    const W1 = /static const float iris_W1\[12\] = \{([^}]*)\}/.exec(source)![1]!.split(',').map((s) => s.trim()).filter(Boolean).map((s) => Math.fround(Number.parseFloat(s)));
    expect(W1).toEqual(Array.from(net.parameters().find((p) => p.name === 'W1')!.values));
    expect(source).toContain('(x[c] - iris_offset[c]) / iris_scale[c]');
    expect(source).not.toMatch(/malloc|printf|#include <std/);
  });
  test('bad arguments are typed errors', () => {
    expect(() => toCSource(null as never)).toThrow(BackpropError);
    expect(() => toCSource(net, { name: '2fast' })).toThrow('options.name: expected a C identifier');
    expect(() => toCSource(net, { name: 'x; system("rm")' })).toThrow(BackpropError);
    expect(() => toCSource(net, { prefix: 'x' } as never)).toThrow(/options.prefix/);
  });
});

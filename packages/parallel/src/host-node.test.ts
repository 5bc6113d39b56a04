import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const core = fileURLToPath(new URL('../../core/dist/index.js', import.meta.url));

// Node re-refs a Worker when a 'message' listener is added after unref(): the trainer must unref last.
test('a trainer that is never closed does not keep Node alive (after a fit too)', () => {
  const script = `
    const { createParallelTrainer } = await import(${JSON.stringify(entry)});
    const { Matrix, Network } = await import(${JSON.stringify(core)});
    const trainer = await createParallelTrainer({ threads: 2 });
    const net = Network.create({ inputs: 4, layers: [{ units: 8, activation: 'relu' }], output: { units: 3, fn: 'softmax' }, seed: 1 });
    const r = await trainer.fit(net, Matrix.zeros(64, 4), Int32Array.from({ length: 64 }, (_, i) => i % 3), { epochs: 1, batchSize: 16 });
    console.log('trained on', trainer.threads, 'threads,', r.steps, 'steps');`;
  // The timeout only catches the hang (the process would otherwise live forever); nothing is timed.
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(child.stderr).toBe('');
  expect(child.stdout.trim()).toBe('trained on 2 threads, 4 steps');
  expect(child.signal).toBeNull();
  expect(child.status).toBe(0);
});

// @backprop/parallel's browser worker through Vite, as an app uses it: a tiny page that imports the
// published entry points (the built dist, `browser` condition), `vite build` with no config (Vite 8.3.8,
// the version apps/web and examples/vite-react use), served with COOP/COEP, run in Debian's Chromium.
// Vite follows `new URL('./worker-browser.js', import.meta.url)` and emits the worker: 2 Web Workers train
// to the bits of 1. (esbuild, which does not follow it, is checked by packages/publish-check.)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { expect, test } from 'vitest';
import { serve } from './static-server';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
// The Vite of examples/vite-react (same version as apps/web): this package does not carry a second copy.
const vite = join(repo, 'examples', 'vite-react', 'node_modules', 'vite', 'bin', 'vite.js');

const APP = `
import { Network } from '@backprop/core';
import { createParallelTrainer } from '@backprop/parallel';
const X = Array.from({ length: 256 }, (_, i) => [Math.sin(i), Math.cos(i * 1.3)]);
const y = X.map(([a, b]) => (a * b > 0 ? 1 : 0));
window.train = async (threads) => {
  const net = Network.create({ inputs: 2, layers: [{ units: 8, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 });
  let trainer;
  try {
    trainer = await createParallelTrainer({ threads });
    const r = await trainer.fit(net, X, y, { epochs: 3, batchSize: 64, learningRate: 0.1, seed: 1 });
    return { threads: r.threads, theta: Array.from(net.flat), isolated: self.crossOriginIsolated, reason: trainer.reason ?? null };
  } catch (e) {
    return { error: String(e) };
  } finally {
    await trainer?.close().catch(() => {});
  }
};
window.ready = true;
`;

interface Run {
  threads?: number;
  theta?: number[];
  isolated?: boolean;
  reason?: string | null;
  error?: string;
}

test('Vite bundles the browser worker: createParallelTrainer({ threads: 2 }) trains in 2 Web Workers to the bits of 1', async () => {
  // Inside this package (git-ignored .tmp), so `@backprop/*` resolve through its node_modules to the builds.
  const tmp = fileURLToPath(new URL('../.tmp/', import.meta.url));
  mkdirSync(tmp, { recursive: true });
  const project = mkdtempSync(join(tmp, 'parallel-vite-'));
  const out = join(project, 'dist');
  writeFileSync(join(project, 'main.js'), APP);
  writeFileSync(join(project, 'index.html'), '<!doctype html><meta charset="utf-8"><title>parallel + Vite</title><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>');
  const build = spawnSync(process.execPath, [vite, 'build', project, '--outDir', out, '--emptyOutDir', '--logLevel', 'warn', '--base', './'], { cwd: project, encoding: 'utf8', timeout: 300_000 });
  expect(build.status, `vite build failed:\n${build.stdout}\n${build.stderr}`).toBe(0);
  // The worker is its own asset, next to the page's bundle.
  expect(readdirSync(join(out, 'assets')).filter((f) => f.startsWith('worker-browser'))).toHaveLength(1);

  const server = await serve(out, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as { ready?: boolean }).ready === true, undefined, { timeout: 60_000 });
    const train = (threads: number) => page.evaluate((t) => (globalThis as unknown as { train(t: number): Promise<Run> }).train(t), threads);
    const one = await train(1);
    const two = await train(2);
    expect(one.error).toBeUndefined();
    expect(two.error).toBeUndefined();
    expect(two.isolated).toBe(true);
    expect(two.reason).toBeNull();
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(two.theta).toHaveLength(42);
    expect(two.theta).toEqual(one.theta);
    expect(errors).toEqual([]);
    expect(server.missing).toEqual([]);
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    rmSync(project, { recursive: true, force: true });
  }
});

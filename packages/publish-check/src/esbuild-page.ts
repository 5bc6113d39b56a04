// The parallel README's esbuild recipe, as a user follows it in a scratch project: esbuild leaves
// `new URL('./worker-browser.js', import.meta.url)` alone, so the worker is bundled as a second entry beside
// the page's bundle; the page, served with COOP/COEP, trains on 1 and 2 Web Workers in Chromium.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

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
    return { threads: r.threads, theta: Array.from(net.flat), isolated: self.crossOriginIsolated };
  } catch (e) {
    return { error: String(e) };
  } finally {
    await trainer?.close().catch(() => {});
  }
};
window.ready = true;
`;

/** What the page reports for 1 and 2 threads, and the requests that got a 404. */
export interface EsbuildPageResult {
  readonly one: { threads?: number; theta?: number[]; error?: string };
  readonly two: { threads?: number; theta?: number[]; isolated?: boolean; error?: string };
  readonly missing: string[];
}

/** Bundles with esbuild in `project` (`withWorker`: the README's second entry), serves, runs in Chromium. */
export async function esbuildPage(project: string, withWorker: boolean): Promise<EsbuildPageResult> {
  const out = join(project, 'public', 'build');
  rmSync(join(project, 'public'), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(project, 'app.js'), APP);
  writeFileSync(join(project, 'public', 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="build/app.js"></script>');
  // = esbuild app.js node_modules/@backprop/parallel/dist/worker-browser.js --bundle --format=esm --outdir=public/build --entry-names=[name]
  const entryPoints = ['app.js', ...(withWorker ? ['node_modules/@backprop/parallel/dist/worker-browser.js'] : [])];
  await build({ absWorkingDir: project, entryPoints, bundle: true, format: 'esm', outdir: 'public/build', entryNames: '[name]', logLevel: 'silent' });
  const missing: string[] = [];
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = join(project, 'public', pathname === '/' ? 'index.html' : pathname);
    if (pathname === '/favicon.ico') return void res.writeHead(404).end();
    if (!existsSync(file)) {
      missing.push(pathname);
      return void res.writeHead(404).end();
    }
    const type = file.endsWith('.html') ? 'text/html' : 'text/javascript';
    res.writeHead(200, { 'content-type': type, 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const profile = mkdtempSync(join(tmpdir(), 'esbuild-page-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (globalThis as unknown as { ready?: boolean }).ready === true);
    const train = (threads: number) => page.evaluate((t) => (globalThis as unknown as { train(t: number): Promise<EsbuildPageResult['two']> }).train(t), threads);
    return { one: await train(1), two: await train(2), missing };
  } finally {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

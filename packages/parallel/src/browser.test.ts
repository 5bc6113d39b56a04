import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Network } from '@backprop/core';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createParallelTrainer } from './index.js';
import { bits, problem, spec } from './testing/problem.js';

// The browser entry in headless Chromium: a page served with COOP/COEP (cross-origin isolated, so
// SharedArrayBuffer exists) trains with 1 and 2 Web Workers and must give the bits Node gives; the same
// page served without those headers must fall back to one thread and say why. The page and the worker
// are bundled here from the sources (core included) with esbuild, as an app's bundler would.

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const src = fileURLToPath(new URL('.', import.meta.url));
const OPTIONS = { epochs: 3, batchSize: 64, learningRate: 0.05, seed: 3 };

// The page: trains the tests' problem with `threads` threads; returns θ's bits, the losses and the trainer's view.
const PAGE_ENTRY = `
import { Network } from '@backprop/core';
import { createParallelTrainer } from './browser.ts';
import { bits, problem, spec } from './testing/problem.ts';
window.train = async (threads, options) => {
  const trainer = await createParallelTrainer({ threads });
  try {
    const { X, labels } = problem();
    const net = Network.create(spec);
    const r = await trainer.fit(net, X, labels, options);
    return { bits: bits(net), losses: r.losses, threads: trainer.threads, used: r.threads, reason: trainer.reason ?? null, isolated: self.crossOriginIsolated };
  } finally {
    await trainer.close();
  }
};
window.trainInWorker = (threads, options, session) => new Promise((resolve, reject) => {
  const w = new Worker('/host-worker.js', { type: 'module' });
  const timer = setTimeout(() => { w.terminate(); reject(new Error('the worker-hosted trainer did not answer in 60 s')); }, 60000);
  w.onmessage = (e) => { clearTimeout(timer); w.terminate(); e.data.error ? reject(new Error(e.data.error)) : resolve(e.data); };
  w.onerror = (e) => { clearTimeout(timer); w.terminate(); reject(new Error(e.message)); };
  w.postMessage({ threads, options, session });
});
window.parallelReady = true;
`;
const HTML = '<!doctype html><meta charset="utf-8"><title>parallel</title><script type="module" src="/page.js"></script>';

// The same training inside a module worker (as an app's training worker would run it): there the calling
// thread may block, so it computes rank 0 itself and the second thread is a nested worker.
const HOST_WORKER_ENTRY = `
import { Network } from '@backprop/core';
import { createParallelTrainer } from './browser.ts';
import { bits, problem, spec } from './testing/problem.ts';
self.onmessage = async (e) => {
  const { threads, options, session } = e.data;
  try {
    const trainer = await createParallelTrainer({ threads });
    try {
      const { X, labels } = problem();
      const net = Network.create(spec);
      let losses;
      let used;
      if (session) {
        const g = await trainer.rowGradient(net, X, labels);
        const grad = new Float32Array(net.flat.length);
        losses = [];
        for (let from = 0; from < g.rows; from += 64) {
          const rows = Int32Array.from({ length: Math.min(64, g.rows - from) }, (_, i) => from + i);
          losses.push(g.compute(rows, grad));
          for (let i = 0; i < grad.length; i++) net.flat[i] -= 0.05 * grad[i];
        }
        used = g.threads;
        await g.close();
      } else {
        const r = await trainer.fit(net, X, labels, options);
        losses = r.losses;
        used = r.threads;
      }
      self.postMessage({ bits: bits(net), losses, threads: trainer.threads, used, reason: trainer.reason ?? null, isolated: self.crossOriginIsolated });
    } finally {
      await trainer.close();
    }
  } catch (err) {
    self.postMessage({ error: String(err && err.stack || err) });
  }
};
`;

interface PageResult {
  readonly bits: number[];
  readonly losses: number[];
  readonly threads: number;
  readonly used: number;
  readonly reason: string | null;
  readonly isolated: boolean;
}

const present = existsSync(chromiumPath);
if (!present) console.warn(`parallel browser test: skipped, no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!present)('Web Workers in headless Chromium', () => {
  let server: Server;
  let profile: string;
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>>;
  let origin: string;
  const foreign: string[] = [];

  beforeAll(async () => {
    const bundle = async (options: Parameters<typeof build>[0]) => {
      const r = await build({ ...options, bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, conditions: ['@backprop/source'], logLevel: 'silent' });
      return r.outputFiles![0]!.text;
    };
    const files: Record<string, string> = {
      '/page.js': await bundle({ stdin: { contents: PAGE_ENTRY, resolveDir: src, loader: 'js' } }),
      '/worker-browser.js': await bundle({ entryPoints: [join(src, 'worker-browser.ts')] }),
      '/host-worker.js': await bundle({ stdin: { contents: HOST_WORKER_ENTRY, resolveDir: src, loader: 'js' } }),
    };
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const name = url.pathname === '/' ? undefined : url.pathname;
      // The isolated variant (`/` and everything it loads) carries COOP/COEP; `?plain` pages and their workers do not.
      const plain = url.searchParams.has('plain') || (req.headers.referer ?? '').includes('plain');
      const headers: Record<string, string> = plain ? {} : { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
      if (!name) res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(HTML);
      else if (files[name] !== undefined) res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(files[name]);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = mkdtempSync(join(tmpdir(), 'parallel-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: ARGS });
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(`${origin}/`)) return route.continue();
      foreign.push(route.request().url());
      return route.abort();
    });
  });

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => server?.close(resolve));
    // Chromium's last writes to its profile can trail close(); retry rather than fail on ENOTEMPTY.
    if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  async function trainIn(path: string, threads: number): Promise<PageResult> {
    const page = await context.newPage();
    try {
      await page.goto(`${origin}${path}`);
      await page.waitForFunction(() => (globalThis as unknown as { parallelReady?: boolean }).parallelReady === true);
      return await page.evaluate(
        ([t, o]) => (globalThis as unknown as { train(t: number, o: unknown): Promise<PageResult> }).train(t, o),
        [threads, OPTIONS] as const,
      );
    } finally {
      await page.close();
    }
  }

  test('2 Web Workers give the bits of 1 thread in the page and of Node', async () => {
    const { X, labels } = problem();
    const node = Network.create(spec);
    const trainer = await createParallelTrainer({ threads: 2 });
    const r = await trainer.fit(node, X, labels, OPTIONS).finally(() => trainer.close());
    const one = await trainIn('/', 1);
    const two = await trainIn('/', 2);
    expect(two.isolated).toBe(true);
    expect(two).toMatchObject({ threads: 2, used: 2, reason: null });
    expect(one).toMatchObject({ threads: 1, used: 1 });
    expect(two.bits).toEqual(one.bits);
    expect(two.bits).toEqual(bits(node));
    expect(two.losses).toEqual(r.losses);
    expect(foreign).toEqual([]);
  });

  async function trainInWorker(threads: number, session: boolean): Promise<PageResult> {
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => (globalThis as unknown as { parallelReady?: boolean }).parallelReady === true);
      return await page.evaluate(
        ([t, o, s]) => (globalThis as unknown as { trainInWorker(t: number, o: unknown, s: boolean): Promise<PageResult> }).trainInWorker(t, o, s),
        [threads, OPTIONS, session] as const,
      );
    } finally {
      await page.close();
    }
  }

  test('inside a worker (rank 0 on the calling thread, a nested worker for rank 1): fit and a session give the bits of 1 thread', async () => {
    const one = await trainInWorker(1, false);
    const two = await trainInWorker(2, false);
    expect(two).toMatchObject({ isolated: true, threads: 2, used: 2, reason: null });
    expect(two.bits).toEqual(one.bits);
    expect(two.losses).toEqual(one.losses);
    const s1 = await trainInWorker(1, true);
    const s2 = await trainInWorker(2, true);
    expect(s2).toMatchObject({ threads: 2, used: 2 });
    expect(s2.bits).toEqual(s1.bits);
    expect(s2.losses).toEqual(s1.losses);
  });

  test('without cross-origin isolation: one thread, and the reason', async () => {
    const plain = await trainIn('/?plain', 2);
    expect(plain.isolated).toBe(false);
    expect(plain.threads).toBe(1);
    expect(plain.reason).toMatch(/cross-origin/);
    const isolated = await trainIn('/', 1);
    expect(plain.bits).toEqual(isolated.bits);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { batch, maxAbsDiff, predictArray, sweep, withPreprocessing } from '../testing/nets.js';
import { toOnnx } from './export.js';

// onnxruntime-web (wasm backend, one thread) runs our exported models in the headless Chromium the web
// tests use. It lives here, beside the onnxruntime-node sweep, because what it checks is the exporter's
// graph: the page holds nothing but onnxruntime-web and the model bytes, so no app build is needed and
// a failure points at toOnnx, not at the playground. The .wasm files are served from node_modules on
// 127.0.0.1; every other request fails the test (no network).

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The web e2e's flags (TOOLCHAIN.md §4 trap 18), with a fresh user-data-dir per run.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ORT_DIST = dirname(createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
const ORT_FILES = new Set(['ort.wasm.min.mjs', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm']);
const TYPES: Readonly<Record<string, string>> = { '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const PAGE = `<!doctype html><meta charset="utf-8"><title>ort-web</title>
<script type="module">
import * as ort from '/ort/ort.wasm.min.mjs';
ort.env.wasm.wasmPaths = location.origin + '/ort/';
ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;
// bytes: the .onnx file; X: N × n rows. Returns the output's dims and data.
window.runOnnx = async (bytes, X) => {
  const session = await ort.InferenceSession.create(Uint8Array.from(bytes), { executionProviders: ['wasm'] });
  const input = new ort.Tensor('float32', Float32Array.from(X.flat()), [X.length, X[0].length]);
  const out = (await session.run({ [session.inputNames[0]]: input }))[session.outputNames[0]];
  await session.release();
  return { dims: out.dims, data: Array.from(out.data), inputName: session.inputNames[0], outputName: session.outputNames[0] };
};
window.ortReady = true;
</script>`;

interface OrtResult {
  readonly dims: number[];
  readonly data: number[];
  readonly inputName: string;
  readonly outputName: string;
}
type Page = Awaited<ReturnType<Awaited<ReturnType<typeof chromium.launchPersistentContext>>['newPage']>>;

const present = existsSync(chromiumPath);
if (!present) console.warn(`ort-web: skipped, no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!present)('onnxruntime-web in headless Chromium', () => {
  let server: Server;
  let profile: string;
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>>;
  let page: Page;
  const foreign: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const name = path.startsWith('/ort/') ? normalize(path.slice(5)) : undefined;
      if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      else if (name && ORT_FILES.has(name)) res.writeHead(200, { 'content-type': TYPES[name.slice(name.lastIndexOf('.'))]! }).end(readFileSync(join(ORT_DIST, name)));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = mkdtempSync(join(tmpdir(), 'ort-web-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: ARGS });
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(`${origin}/`)) return route.continue();
      foreign.push(route.request().url());
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (globalThis as unknown as { ortReady?: boolean }).ortReady === true);
  });

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => server?.close(resolve));
    // Chromium's last writes to its profile can trail close(); retry rather than fail on ENOTEMPTY.
    if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  const runInPage = (bytes: Uint8Array, X: number[][]): Promise<OrtResult> =>
    page.evaluate(([b, x]) => (globalThis as unknown as { runOnnx(b: number[], x: number[][]): Promise<OrtResult> }).runOnnx(b, x), [Array.from(bytes), X] as const);

  test('every activation × output function, with a scaler, batches of 1 and 37: within float32 tolerance of predict', async () => {
    let worst = 0;
    for (const { g, fn, net: plain } of sweep()) {
      const net = withPreprocessing(plain);
      const bytes = toOnnx(net);
      for (const N of [1, 37]) {
        const X = batch(N, net.inputs, N);
        const out = await runInPage(bytes, X);
        expect(out.dims, `${g}/${fn} N=${N}`).toEqual([N, net.outputs]);
        const diff = maxAbsDiff(out.data, predictArray(net, X));
        worst = Math.max(worst, diff);
        expect(diff, `${g}/${fn} N=${N}`).toBeLessThan(1e-5);
      }
    }
    console.log(`worst |onnxruntime-web (Chromium, wasm) − predict|: ${worst.toExponential(3)}`);
    expect(foreign).toEqual([]);
  });

  test('named input and output, as the README documents', async () => {
    const { net } = sweep()[0]!;
    const out = await runInPage(toOnnx(net), batch(2, net.inputs));
    expect([out.inputName, out.outputName]).toEqual(['input', 'output']);
  });
});

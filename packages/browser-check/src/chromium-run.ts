import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { RuntimeOutput } from './entry.js';

/** The Chromium binary: `CHROMIUM_PATH`, else Debian's. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// TOOLCHAIN.md §4 trap 18: exactly these flags, plus a fresh user-data-dir per run.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium's outputs: the script run on the page's main thread and in a dedicated worker. */
export interface ChromiumOutputs {
  readonly main: RuntimeOutput;
  readonly worker: RuntimeOutput;
}

type Run = (runtime: string) => RuntimeOutput;
interface WorkerLike {
  onmessage: ((e: { data: { ok: boolean; json?: string; error?: string } }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  postMessage(message: unknown): void;
}

/**
 * Serves `script` (a prologue, if any, plus the bundle) from 127.0.0.1 on port 0, opens it in headless
 * Chromium and runs the scenarios on the main thread and in a Worker (where the web playground
 * trains). Throws, saying how to install it, when the Chromium binary is missing.
 */
export async function runInChromium(script: string, executablePath = chromiumPath): Promise<ChromiumOutputs> {
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
  }
  const server = createServer((req, res) => {
    if (req.url === '/check.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><script src="/check.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const main = await page.evaluate(() => {
        const g = globalThis as unknown as { backpropCheck: { run: Run }; navigator: { userAgent: string } };
        return JSON.stringify(g.backpropCheck.run(`chromium main thread (${g.navigator.userAgent})`));
      });
      const worker = await page.evaluate(
        () =>
          new Promise<string>((resolve, reject) => {
            const w = new (globalThis as unknown as { Worker: new (url: string) => WorkerLike }).Worker('/check.js');
            w.onmessage = (e) => (e.data.ok ? resolve(e.data.json!) : reject(new Error(e.data.error)));
            w.onerror = (e) => reject(new Error(`worker: ${e.message}`));
            w.postMessage('chromium worker');
          }),
      );
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('\n')}`);
      return { main: JSON.parse(main) as RuntimeOutput, worker: JSON.parse(worker) as RuntimeOutput };
    } finally {
      await context.close();
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

// Shared by the e2e run and the frame-time script: a fresh production build (when src is newer than
// dist), Vite's preview() on 127.0.0.1 port 0, and Debian's chromium through playwright-core with a
// fresh profile. Everything is closed by `close()`; no child server process is left behind.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const artifacts = join(root, 'test-artifacts');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Exits with the install hint when the browser is missing (CI's .ci/run installs it from apt). */
export function requireChromium() {
  if (existsSync(chromiumPath)) return;
  console.error(`e2e: no Chromium at ${chromiumPath}. Install it with: apt-get update && apt-get install -y chromium   (or set CHROMIUM_PATH)`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/** Builds the app unless dist is newer than every source file (turbo's `build` usually ran already). */
export async function ensureBuild() {
  const index = join(root, 'dist', 'index.html');
  const stale = !existsSync(index) || statSync(index).mtimeMs < Math.max(newest(join(root, 'src')), statSync(join(root, 'index.html')).mtimeMs);
  if (stale || process.env.E2E_BUILD === '1') await build({ root, logLevel: 'warn' });
}

/** Serves dist on 127.0.0.1 (a free port) and opens Chromium on it. */
export async function openBrowser() {
  const server = await preview({ root, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview gave no local URL');
  const profile = mkdtempSync(join(tmpdir(), 'backprop-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ARGS,
    viewport: { width: 1360, height: 1000 },
    acceptDownloads: true,
  });
  const close = async () => {
    await context.close().catch(() => {});
    await server.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };
  return { url, context, close };
}

/**
 * Opens the gradient-check panel, runs it on the page's current network and asserts that it passes with
 * a row for every named tensor. Returns the result element (for screenshots).
 * @param {{ page: import('playwright-core').Page, openSection: Function, assert: Function }} t
 * @param {readonly string[]} tensors
 */
export async function expectGradcheckPasses({ page, openSection, assert }, tensors) {
  await openSection('section-gradcheck');
  await page.getByTestId('gradcheck-run').click();
  const result = page.getByTestId('gradcheck-result');
  await result.waitFor({ timeout: 30_000 });
  assert((await result.getAttribute('data-ok')) === 'true', `gradcheck not ok: ${await result.textContent()}`);
  const rows = await page.locator('[data-tensor]').evaluateAll((els) => els.map((r) => r.getAttribute('data-tensor')));
  for (const name of tensors) assert(rows.includes(name), `no row for ${name} in ${rows}`);
  return result;
}

/** The mode that holds what used to be a collapsible section (the tests name sections; the page has modes now). */
const MODE_OF = { 'section-step': 'step', 'section-gradcheck': 'check', 'section-health': 'check', 'section-io': 'model', 'section-csv': 'data', 'section-mnist': 'digits' };

/**
 * Opens a mode by its tab (`play`, `step`, `check`, …, or an old section id) and waits for its view.
 * @param {import('playwright-core').Page} page
 * @param {string} id
 */
export async function openMode(page, id) {
  const mode = MODE_OF[id] ?? id;
  await page.getByTestId(`mode-${mode}`).click();
  await page.getByTestId(`view-${mode}`).waitFor();
}

/**
 * Draws a "1" on the digit pad: one vertical stroke down its middle from 15 % of its height, in `moves`
 * mouse moves of `step` of its height each (a user's drag, which the pad samples move by move).
 * @param {import('playwright-core').Page} page
 */
export async function drawStroke(page, moves = 12, step = 0.06) {
  const box = await page.getByTestId('digit-pad').boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= moves; i++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + step * i));
  await page.mouse.up();
}

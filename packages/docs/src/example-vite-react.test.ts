// examples/vite-react as a user meets it: built with Vite (its own config and dependencies), the build
// served statically, opened in Debian's Chromium. Train streams epochs from the module worker; the same
// settings in Node with @backprop/core give the same losses bit for bit; Stop cancels; bad settings show
// the core's error.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import ts from 'typescript';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readmeExamples } from './readme-examples';
import { serve } from './static-server';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const example = join(repo, 'examples', 'vite-react');
const require = createRequire(import.meta.url);
const artifacts = join(example, 'test-artifacts');
const out = mkdtempSync(join(tmpdir(), 'backprop-vite-react-'));
let server: Awaited<ReturnType<typeof serve>>;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  // `pnpm build` of the example is `vite build`; here into a temporary folder, so the test needs no earlier build.
  const vite = join(example, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], { cwd: example, encoding: 'utf8', timeout: 300_000 });
  expect(build.status, `vite build failed:\n${build.stdout}\n${build.stderr}`).toBe(0);
  server = await serve(out);
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-profile-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1100, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(server.url);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  rmSync(out, { recursive: true, force: true });
});

/** Runs the README's TypeScript block with Node (inside this package, so @backprop/* resolve to the builds). */
function nodeScript(): { printed: string[]; comment: string[] } {
  const block = readmeExamples(join(example, 'README.md'), 'examples/vite-react/README.md').find((e) => e.lang === 'ts' && e.skip === undefined);
  expect(block, 'the README has a Node script').toBeDefined();
  // Under this package (git-ignored .tmp), so `@backprop/*` resolve through its node_modules to the builds.
  const tmp = fileURLToPath(new URL('../.tmp/', import.meta.url));
  mkdirSync(tmp, { recursive: true });
  const dir = mkdtempSync(join(tmp, 'vite-react-readme-'));
  // Type-checked as a user's strict project would check it, then run.
  writeFileSync(join(dir, 'node-script.ts'), block!.code);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(repo, 'tsconfig.base.json'), compilerOptions: { noEmit: true, types: ['node'] }, files: ['node-script.ts'] }));
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
  expect(`${tsc.stdout}${tsc.stderr}`, 'the README\'s Node script type-checks').toBe('');
  const file = join(dir, 'node-script.mjs');
  writeFileSync(file, ts.transpileModule(block!.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 180_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return { printed: r.stdout.trim().split(/\s+/), comment: (/console\.log\(.*\/\/ (.*)$/m.exec(block!.code)?.[1] ?? '').trim().split(/\s+/) };
}

const readout = () => page.getByTestId('readout');
/** What the Train test reads from the page's globals. */
interface PageGlobals {
  shownEpochs: number[];
  document: { body: unknown; querySelector(selector: string): { getAttribute(name: string): string | null } | null };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
}
const phase = (p: string, timeout = 120_000) => page.locator(`[data-testid="readout"][data-phase="${p}"]`).waitFor({ timeout });
const attr = async (name: string) => (await readout().getAttribute(name)) ?? '';
const setField = (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);

test('the page bundle carries no engine: @backprop/core and its data live in the worker chunk', () => {
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const entry = /src="\.\/(assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
  expect(entry).toBeDefined();
  expect(readFileSync(join(out, entry!), 'utf8')).not.toContain('backprop-network');
  const worker = readdirSync(join(out, 'assets')).find((f) => f.startsWith('trainer.worker-'));
  expect(readFileSync(join(out, 'assets', worker!), 'utf8')).toContain('backprop-network');
});

test('Train: epochs stream in, the loss falls, and the numbers are the ones Node computes from the same seed', async () => {
  // Every epoch the read-out shows while training, recorded in the page itself: polling from here could
  // miss the whole run when it takes under a second on a quiet machine.
  await page.evaluate(() => {
    // The page's globals, typed here (this package compiles without the DOM library).
    const w = globalThis as unknown as PageGlobals;
    w.shownEpochs = [];
    new w.MutationObserver(() => {
      const el = w.document.querySelector('[data-testid="readout"]');
      if (el?.getAttribute('data-phase') === 'training') w.shownEpochs.push(Number(el.getAttribute('data-epoch')));
    }).observe(w.document.body, { subtree: true, attributes: true, attributeFilter: ['data-epoch', 'data-phase'] });
  });
  await page.getByRole('button', { name: 'Train' }).click();
  await phase('done');
  // Streamed, not delivered at the end: read-outs between the first and the last epoch.
  const shown = await page.evaluate(() => (globalThis as unknown as PageGlobals).shownEpochs);
  expect(shown.some((e) => e > 0 && e < 300), `epochs shown while training: ${shown.slice(0, 20).join(', ')}`).toBe(true);
  expect(await attr('data-epoch')).toBe('300');
  const [firstLoss, lastLoss, testAccuracy] = [Number(await attr('data-first-loss')), Number(await attr('data-loss')), Number(await attr('data-test-accuracy'))];

  // The README's Node script (the page's defaults written out as a Node user writes them), run as written.
  const node = nodeScript();
  console.log(`vite-react: loss ${firstLoss} → ${lastLoss}, test accuracy ${testAccuracy} in the worker; Node prints ${node.printed.join(' ')}`);
  expect(node.printed).toEqual(node.comment); // and the README's comment says what it prints
  expect(lastLoss).toBeLessThan(firstLoss / 10);
  expect([firstLoss, lastLoss, testAccuracy]).toEqual(node.printed.map(Number));
  expect(testAccuracy).toBeGreaterThanOrEqual(0.95);
  await expect(page.getByRole('status').textContent()).resolves.toMatch(/^Done: 300 epochs in [\d.]+ s \(stop reason: epochs\)\.$/);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'trained.png'), fullPage: true });
});

test('Stop cancels a long run after the current step, and Train starts a fresh one', async () => {
  await setField('Epochs', '100000');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => Number(await attr('data-epoch')), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByLabel('Epochs', { exact: true }).isDisabled()).resolves.toBe(true);
  await page.getByRole('button', { name: 'Stop' }).click();
  await phase('stopped', 30_000);
  const stoppedAt = Number(await attr('data-epoch'));
  expect(stoppedAt).toBeGreaterThanOrEqual(3);
  expect(stoppedAt).toBeLessThan(100_000);
  await expect(page.getByRole('status').textContent()).resolves.toBe(`Stopped by you after epoch ${stoppedAt} of 100000 (${(await page.getByRole('status').textContent())!.match(/\(([\d.]+ s)\)/)![1]}).`);
  await expect(page.getByRole('button', { name: 'Train' }).isEnabled()).resolves.toBe(true);
  await expect(page.getByRole('button', { name: 'Stop' }).isDisabled()).resolves.toBe(true);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => Number(await attr('data-epoch')), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await page.getByRole('button', { name: 'Stop' }).click();
  await phase('stopped', 30_000);
  await setField('Epochs', '300');
});

test('a setting the form refuses clears the previous run: no stale rows, parameters or epochs in the read-out', async () => {
  // The Stop test left a stopped run on screen ("… training rows, … test rows · … parameters").
  await expect(readout().textContent()).resolves.toMatch(/training rows/);
  await setField('Hidden layers', '0');
  await page.getByRole('button', { name: 'Train' }).click();
  const alert = page.getByRole('alert');
  await expect(alert.textContent()).resolves.toBe("Hidden layers: expected whole numbers ≥ 1 separated by commas (e.g. 32, 32), got '0'.");
  await expect(page.getByRole('status').textContent()).resolves.toBe('Training did not start: see the message below.');
  await expect(readout().textContent()).resolves.not.toMatch(/training rows|parameters/);
  expect(await attr('data-epoch')).toBe('0');
  await expect(readout().locator('dd').allTextContents()).resolves.toEqual(['–', '–', '–', '–', '–', '–']);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'form-error.png'), fullPage: true });
  await setField('Hidden layers', '32, 32');
});

test('an empty number field is reported as empty by the form, not as NaN by the core', async () => {
  await setField('Learning rate', '');
  await page.getByRole('button', { name: 'Train' }).click();
  const alert = page.getByRole('alert');
  await expect(alert.textContent()).resolves.toBe('Learning rate: the field is empty (or what is typed is not a number); enter a number, e.g. 0.01.');
  await expect(alert.textContent()).resolves.not.toContain('NaN');
  await setField('Learning rate', '0.01');
  await setField('Epochs', '');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(alert.textContent()).resolves.toBe('Epochs: the field is empty (or what is typed is not a number); enter a number, e.g. 300.');
  await setField('Epochs', '300');
});

test("bad settings: the core's typed error names the option; a malformed layer list is caught by the form", async () => {
  await setField('Learning rate', '-1');
  await page.getByRole('button', { name: 'Train' }).click();
  await phase('failed', 30_000);
  const alert = page.getByRole('alert');
  await expect(alert.textContent()).resolves.toMatch(/^invalid_option: .*learningRate/);
  await page.screenshot({ path: join(artifacts, 'error.png'), fullPage: true });
  await setField('Learning rate', '0.01');
  // The form does not validate numbers itself (noValidate): too few samples to split is the datasets' error.
  await setField('Samples', '3');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => alert.textContent()).toMatch(/^invalid_option: test: expected a size leaving at least one row on each side \(N = 3\)/);
  await setField('Samples', '600');
  await setField('Hidden layers', '32, x');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(alert.textContent()).resolves.toBe("Hidden layers: expected whole numbers ≥ 1 separated by commas (e.g. 32, 32), got '32, x'.");
  expect(errors).toEqual([]);
  expect(server.missing).toEqual([]);
});

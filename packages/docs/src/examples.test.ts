// examples/ run as a user runs them: the Node script from its folder, the plain HTML page in Chromium.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { expect, test } from 'vitest';
import { serve } from './static-server';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

test('examples/node: CSV → train → save → load → predict', () => {
  const model = join(mkdtempSync(join(tmpdir(), 'backprop-example-')), 'model.json');
  const r = spawnSync(process.execPath, ['train-csv.mjs'], { cwd: join(examples, 'node'), encoding: 'utf8', env: { ...process.env, MODEL_FILE: model } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('300 rows, features x1, x2, classes negative, positive');
  const accuracy = Number(/test accuracy ([\d.]+) %/.exec(r.stdout)?.[1]);
  expect(accuracy).toBeGreaterThanOrEqual(90);
  // The circle data set: the centre is inside the disc, (4.5, 0.5) in the outer ring.
  expect(r.stdout).toContain('predict [0, 0] → positive');
  expect(r.stdout).toContain('predict [4.5, 0.5] → negative');
  expect(JSON.parse(readFileSync(model, 'utf8')).format).toBe('backprop-network');
});

test('examples/browser: the plain page imports the ESM build through an import map and trains', async () => {
  const server = await serve(join(examples, 'browser'));
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
    await page.locator('#result').filter({ hasText: 'accuracy' }).waitFor({ timeout: 60_000 });
    const text = await page.locator('#result').textContent();
    expect(text).toContain('predictions 0 1 1 0 · accuracy 100 %');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'example-browser.png') });
    expect(errors).toEqual([]);
    expect(server.missing).toEqual([]);
  } finally {
    await context.close();
    await server.close();
  }
});

// examples/ run as a user runs them: the Node script from its folder, the plain HTML page in Chromium.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  const r = spawnSync(process.execPath, ['train-csv.mjs', '--out', model], { cwd: join(examples, 'node'), encoding: 'utf8' });
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

test('examples/node, run from the repository root as examples/README.md says: the model goes beside the script, not into the current directory', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'backprop-example-cwd-'));
  const beside = join(examples, 'node', 'model.json');
  rmSync(beside, { force: true });
  try {
    const r = spawnSync(process.execPath, [join(examples, 'node', 'train-csv.mjs')], { cwd, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(cwd)).toEqual([]);
    expect(JSON.parse(readFileSync(beside, 'utf8')).format).toBe('backprop-network');
    // …and git does not see it.
    const git = spawnSync('git', ['status', '--porcelain', '--', beside], { cwd: examples, encoding: 'utf8' });
    expect(git.stdout).toBe('');
  } finally {
    rmSync(beside, { force: true });
  }
});

test('examples/node: a ";" file sorted by class is read with --delimiter (or guessed) and split stratified, not by its last rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-example-sorted-'));
  const lines = readFileSync(join(examples, 'node', 'circle.csv'), 'utf8').trim().split('\n');
  const rows = lines.slice(1).sort((a, b) => a.split(',')[2]!.localeCompare(b.split(',')[2]!));
  const csv = join(dir, 'sorted.csv');
  writeFileSync(csv, `${[lines[0] ?? '', ...rows].map((l) => l.replaceAll(',', ';')).join('\n')}\n`);
  const model = join(dir, 'model.json');
  for (const args of [['--delimiter', ';'], []]) {
    const r = spawnSync(process.execPath, ['train-csv.mjs', csv, 'label', ...args, '--out', model], { cwd: join(examples, 'node'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('300 rows, features x1, x2, classes negative, positive');
    // circle.csv has 155 negative and 145 positive rows: 20 % of each held out, whatever the file's order
    // (the last 20 % of this sorted file would be 60 positive rows).
    expect(r.stdout).toContain('held out 60 rows for testing (31 negative, 29 positive)');
    expect(Number(/test accuracy ([\d.]+) %/.exec(r.stdout)?.[1])).toBeGreaterThanOrEqual(90);
  }
});

test("examples/node on a file of one's own: 4 features and 3 classes (iris), and a file of 8 rows, train and predict held-out rows by name", () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-example-own-'));
  const model = join(dir, 'model.json');
  const iris = fileURLToPath(new URL('../../../apps/cli/test/fixtures/iris.csv', import.meta.url));
  const r = spawnSync(process.execPath, ['train-csv.mjs', iris, 'species', '--out', model], { cwd: join(examples, 'node'), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('150 rows, features sepal_length, sepal_width, petal_length, petal_width, classes setosa, versicolor, virginica');
  expect(Number(/test accuracy ([\d.]+) %/.exec(r.stdout)?.[1])).toBeGreaterThanOrEqual(90);
  expect(r.stdout.match(/^predict \[[\d.]+, [\d.]+, [\d.]+, [\d.]+\] → (setosa|versicolor|virginica) \(held out; its label: (setosa|versicolor|virginica)\)$/gm)).toHaveLength(3);
  // Fewer training rows than the batch size of 16: one batch of all of them.
  const tiny = join(dir, 'tiny.csv');
  writeFileSync(tiny, '\uFEFFa,b,kind\n1,2,x\n3,4,y\n1.1,2,x\n3,4.2,y\n0.9,2,x\n3.1,4,y\n1,2.1,x\n2.9,4,y\n');
  const t = spawnSync(process.execPath, ['train-csv.mjs', tiny, 'kind', '--out', model], { cwd: join(examples, 'node'), encoding: 'utf8' });
  expect(t.stderr).toBe('');
  expect(t.status).toBe(0);
  expect(t.stdout).toContain('8 rows, features a, b, classes x, y');
});

test('examples/node: a missing file, a folder, an empty file or a wrong label column is one line naming the file, not a stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-example-bad-'));
  writeFileSync(join(dir, 'empty.csv'), '');
  const cases: [string[], string][] = [
    [[join(dir, 'nope.csv')], `${join(dir, 'nope.csv')}: no such file`],
    [[dir], `${dir}: a folder, not a CSV file`],
    [[join(dir, 'empty.csv')], `${join(dir, 'empty.csv')}: text: expected at least one row, got no rows`],
    [[join(examples, 'node', 'circle.csv'), 'species'], `${join(examples, 'node', 'circle.csv')}: label: expected a column name (one of "x1", "x2", "label"), got "species"`],
  ];
  for (const [args, message] of cases) {
    const r = spawnSync(process.execPath, ['train-csv.mjs', ...args, '--out', join(dir, 'model.json')], { cwd: join(examples, 'node'), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.stdout).toBe('');
  }
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

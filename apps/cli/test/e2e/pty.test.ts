import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { CLI, assertBuilt } from '../helpers/cli.js';
import { Tmux } from '../helpers/tmux.js';

// The built `backprop` in a real pseudo-terminal (tmux, 120 × 40, CI=false), driven by keys.
let tmux: Tmux | undefined;
beforeAll(() => assertBuilt());
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
});

const cli = `node '${CLI}'`;

test('the dashboard draws, and p / + / s / q-y work on the screen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-pty-'));
  tmux = new Tmux();
  tmux.start(`${cli} train -d spiral --epochs 100000 --checkpoint ck.json`, dir);
  const first = await tmux.waitFor(/epoch loss[\s\S]*decision boundary[\s\S]*layers · input 2/);
  expect(first.screen).toContain('backprop spiral');
  expect(first.screen).toMatch(/[▀●]/);
  await tmux.waitFor(/[\u2801-\u28ff]/); // braille chart dots

  // p pauses: waited for as content (a loaded machine may take seconds to draw the frame; no time bound), then
  // proved by what a pause means: the step count stops. The frames after it (+, s) show the same step, and the
  // checkpoint s writes holds exactly that step.
  tmux.send('p');
  const paused = await tmux.waitFor('[PAUSED]', 60_000);
  console.log(`key → screen latency (p → PAUSED, incl. tmux polling): ${paused.ms.toFixed(0)} ms`);
  const step = (s: string) => /step (\d+)/.exec(s)?.[1];
  const pausedAt = step(paused.screen);
  expect(pausedAt).toBeDefined();
  // Paused, the ETA says so (a stale countdown would read as training going on); it is drawn in the same frame as [PAUSED].
  expect(paused.screen).toMatch(/^epoch .* eta paused · /m);
  expect(paused.screen).not.toMatch(/eta \d/);

  tmux.send('+');
  expect(step((await tmux.waitFor('learning rate 0.01500', 60_000)).screen)).toBe(pausedAt);
  tmux.send('s');
  // The full path, so the user knows where it went.
  const saved = await tmux.waitFor(`checkpoint saved to ${join(dir, 'ck.json')}`, 60_000);
  expect(step(saved.screen)).toBe(pausedAt);
  const checkpoint = JSON.parse(readFileSync(join(dir, 'ck.json'), 'utf8'));
  expect(checkpoint.format).toBe('backprop-checkpoint');
  expect(String(checkpoint.model.training.iteration)).toBe(pausedAt);
  // p again resumes: the step count moves on.
  tmux.send('p');
  const resumed = await tmux.waitUntil((s) => s.includes('[training]') && step(s) !== pausedAt && /eta \d/.test(s), 'training resumed (a new step count, a countdown again)', 60_000);
  expect(resumed.screen).not.toContain('eta paused');

  tmux.send('q');
  await tmux.waitFor('before quitting? y yes');
  tmux.send('y');
  await tmux.waitFor('[exit 0]');
  expect(Network.fromJSON(readFileSync(join(dir, 'model.json'), 'utf8')).inputs).toBe(2);
}, 180_000);

test('Ctrl-C with --save stops, saves a complete model and exits 130', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-pty-'));
  tmux = new Tmux();
  tmux.start(`${cli} train -d xor --epochs 100000 --save out.json`, dir);
  await tmux.waitFor('[training]');
  tmux.send('C-c');
  const { screen } = await tmux.waitFor('[exit 130]');
  expect(screen).toContain('interrupted');
  expect(Network.fromJSON(readFileSync(join(dir, 'out.json'), 'utf8')).outputs).toBe(2);
});

test('a finished run waits for s / q when unsaved; s saves the model', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-pty-'));
  tmux = new Tmux();
  tmux.start(`${cli} train -d circle --epochs 5`, dir);
  await tmux.waitFor('training is over');
  expect(tmux.screen()).toContain('finished: all epochs done');
  tmux.send('s');
  await tmux.waitFor(`saved ${join(dir, 'model.json')}`);
  tmux.send('q');
  await tmux.waitFor('[exit 0]');
  expect(existsSync(join(dir, 'model.json'))).toBe(true);
});

test('a terminal on stdout but not on stdin: the dashboard renders without raw mode and exits', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-pty-'));
  tmux = new Tmux();
  tmux.start(`${cli} train -d xor --epochs 3 < /dev/null`, dir);
  const { screen } = await tmux.waitFor('[exit 0]');
  expect(screen).toContain('finished: all epochs done');
  expect(screen).not.toContain('Raw mode is not supported');
});

test('CI=true in a real terminal: the dashboard still draws and the quit question is visible', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-pty-'));
  tmux = new Tmux();
  tmux.start(`${cli} train -d xor --epochs 100000`, dir, { env: { CI: 'true' } });
  await tmux.waitFor('[training]', 15_000);
  tmux.send('q');
  await tmux.waitFor('before quitting? y yes');
  tmux.send('n');
  await tmux.waitFor('[exit 0]');
});

test("'s' names the full path it wrote and keeps an earlier checkpoint.json; the paths are repeated after the dashboard", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-pty-'));
  writeFileSync(join(dir, 'checkpoint.json'), 'an earlier run\n');
  tmux = new Tmux();
  tmux.start(`${cli} train -d xor --epochs 100000`, dir, { width: 160 });
  await tmux.waitFor('[training]');
  tmux.send('s');
  const ours = join(dir, 'checkpoint-1.json');
  await tmux.waitFor(`checkpoint saved to ${ours} (checkpoint.json was already there; kept it)`);
  expect(readFileSync(join(dir, 'checkpoint.json'), 'utf8')).toBe('an earlier run\n');
  expect(JSON.parse(readFileSync(ours, 'utf8')).format).toBe('backprop-checkpoint');
  tmux.send('q');
  await tmux.waitFor('before quitting? y yes');
  tmux.send('n');
  await tmux.waitFor('[exit 0]');
  expect(tmux.history()).toContain(`wrote ${ours}`);
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { CLI, assertBuilt } from '../helpers/cli.js';
import { Tmux } from '../helpers/tmux.js';

// The dashboard in real terminals of three sizes and across resizes (tmux, CI=false): every line fits,
// nothing wraps, the frame never fills the screen (Ink would then clear and redraw the whole terminal
// on every frame, flooding the scrollback), and the quit flow ends on a clean last frame.
let tmux: Tmux | undefined;
beforeAll(() => assertBuilt());
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
});

const cli = `node '${CLI}'`;
const TITLE = 'backprop spiral (400 train, 100 validation)';
const count = (text: string, word: string) => text.split(word).length - 1;

/** The frame's lines (the screen without trailing blank lines). */
const frameLines = (screen: string) => screen.replace(/\n+$/, '').split('\n');

/** True when the frame on `screen` is drawn at this size: the checks of {@link checkFits}, as a condition to wait for. */
function fits(screen: string, columns: number, rows: number): boolean {
  const lines = frameLines(screen);
  return count(screen, TITLE) === 1 && lines.length <= rows - 1 && lines.every((line) => [...line].length < columns) && lines.at(-1) === 'p pause · s checkpoint · +/- learning rate · q quit · ? help' && /^\[training\]/.test(lines.at(-2) ?? '');
}

/**
 * Waits until the dashboard has committed `frames` more frames (it redraws about once a second while training;
 * each frame shows a new step count): "a few more frames" as content on the screen, not as a sleep, which on a
 * loaded machine may end before the frames it stands for were drawn. Generous timeout: a loaded machine is slow.
 */
async function moreFrames(t: Tmux, frames: number, timeoutMs = 60_000): Promise<string> {
  const seen = new Set<string>();
  const { screen } = await t.waitUntil(
    (s) => {
      const step = /step ([\d,]+)/.exec(s)?.[1];
      if (step !== undefined) seen.add(step);
      return seen.size > frames;
    },
    `${frames} more frames (new step counts)`,
    timeoutMs,
  );
  return screen;
}

function checkFits(screen: string, columns: number, rows: number): void {
  const lines = frameLines(screen);
  expect(count(screen, TITLE)).toBe(1);
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect([...line].length).toBeLessThan(columns);
  // The hint line is the last line of the frame, the status line just above it: nothing glued together.
  expect(lines.at(-1)).toBe('p pause · s checkpoint · +/- learning rate · q quit · ? help');
  expect(lines.at(-2)).toMatch(/^\[training\]/);
}

test.each([
  [80, 24, ['epoch loss', 'accuracy', 'batch loss'], ['layers · input 2']],
  [120, 30, ['epoch loss', 'accuracy', 'batch loss', 'boundary (● data)', 'layers · input 2 · 354 parameters', 'gradients'], []],
  [160, 50, ['epoch loss', 'accuracy', 'batch loss', 'decision boundary', 'layers · input 2 · 354 parameters', 'gradients'], []],
])('at %i × %i the frame fits, nothing wraps and the scrollback is not flooded', async (columns, rows, shown, hidden) => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-dash-'));
  tmux = new Tmux();
  tmux.start(`${cli} train -d spiral --epochs 100000`, dir, { width: columns, height: rows });
  await tmux.waitFor(/epoch \d+: loss/, 30_000);
  // A few more one-second frames, then a screen that shows the panels this size has room for.
  await moreFrames(tmux, 3);
  const { screen } = await tmux.waitUntil((s) => fits(s, columns, rows) && shown.every((word) => s.includes(word)) && /^epoch\s+\d+\/100000 /m.test(s), `the frame at ${columns} × ${rows}`, 30_000);
  checkFits(screen, columns, rows);
  for (const word of shown) expect(screen).toContain(word);
  for (const word of hidden) expect(screen).not.toContain(word);
  expect(screen).toMatch(/^epoch\s+\d+\/100000 /m);
  expect(count(tmux.history(), TITLE)).toBe(1);
}, 60_000);

test('across resizes the frame is redrawn at the new size, clean', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-dash-'));
  tmux = new Tmux();
  tmux.start(`${cli} train -d spiral --epochs 100000`, dir, { width: 160, height: 50 });
  await tmux.waitFor('layers · input 2', 30_000);
  const sizes: [number, number][] = [
    [80, 24],
    [120, 30],
    [70, 20],
    [160, 50],
  ];
  for (const [columns, rows] of sizes) {
    tmux.resize(columns, rows);
    // Redrawn at the new size (the next frame after the resize), however long a loaded machine takes to draw it.
    const { screen } = await tmux.waitUntil((s) => fits(s, columns, rows), `the frame redrawn at ${columns} × ${rows}`, 30_000);
    checkFits(screen, columns, rows);
    // The terminal itself keeps the lines a shrink pushes off the screen (and re-wraps them); after that,
    // redraws at the new size add nothing to the scrollback.
    await moreFrames(tmux, 2);
    const settled = count(tmux.history(), TITLE);
    await moreFrames(tmux, 2);
    expect(count(tmux.history(), TITLE)).toBe(settled);
  }
  expect(tmux.screen()).toContain('layers · input 2');
  expect(tmux.screen()).toContain('decision boundary (● data)');
}, 120_000);

test('quit flow: q pauses training at the question; y saves, says so, and the last frame has no key hints', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-dash-'));
  tmux = new Tmux();
  tmux.start(`${cli} train -d spiral --epochs 100000`, dir, { width: 100, height: 40 });
  await tmux.waitFor(/epoch \d+: loss/, 30_000);
  tmux.send('q');
  const asked = await tmux.waitFor('before quitting? y yes');
  expect(asked.screen).toContain('[PAUSED]');
  const step = (s: string) => /step (\d+)/.exec(s)?.[1];
  const before = step(asked.screen);
  await new Promise((r) => setTimeout(r, 1500));
  expect(step(tmux.screen())).toBe(before);
  tmux.send('y');
  const { screen } = await tmux.waitFor('[exit 0]');
  expect(screen).toContain(`stopped by the user · saved ${join(dir, 'model.json')}`);
  expect(screen).not.toContain('p pause');
  expect(screen).not.toContain('before quitting');
  expect(screen).toMatch(/done: \d+ epochs.*\(stopped by the user\)/);
  expect(Network.fromJSON(readFileSync(join(dir, 'model.json'), 'utf8')).inputs).toBe(2);
}, 60_000);

test('NO_COLOR: no colour codes at all; FORCE_COLOR: colours', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-dash-'));
  tmux = new Tmux();
  tmux.start(`env -u FORCE_COLOR NO_COLOR=1 ${cli} train -d spiral --epochs 100000`, dir, { width: 120, height: 40 });
  await tmux.waitFor(/epoch \d+: loss/, 30_000);
  const bare = tmux.screenWithColours();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for SGR colour codes
  expect(bare).not.toMatch(/\u001b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7])[;m]/);
  expect(bare).toMatch(/[░▒▓]/); // the decision map in shades
  tmux.kill();
  tmux = new Tmux();
  tmux.start(`${cli} train -d spiral --epochs 100000`, dir, { width: 120, height: 40 });
  await tmux.waitFor(/epoch \d+: loss/, 30_000);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for SGR colour codes
  expect(tmux.screenWithColours()).toMatch(/\u001b\[[0-9;]*(3[0-9]|38;[25])[;m]/);
}, 90_000);

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { CLI, assertBuilt, runCli } from '../helpers/cli.js';
import { Tmux } from '../helpers/tmux.js';

// `backprop inspect` in real terminals (tmux): before, its 11-column layer table (89 characters for a
// 2-16-16-2 net) wrapped into a zigzag in an 80-column terminal. A pipe still gets the one whole table.
let tmux: Tmux | undefined;
beforeAll(() => assertBuilt());
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
});

const dir = mkdtempSync(join(tmpdir(), 'backprop-inspect-width-'));
const net = Network.create({ inputs: 2, layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 0 });
writeFileSync(join(dir, 'model.json'), JSON.stringify(net.toJSON()));

test.each([
  [40, /^layer 2 · W 16×16 · tanh · 272 params$/],
  [80, /^layer\s+W mean\s+W std\s+W min\s+W max\s+‖W‖₂\s+b mean\s+b std$/],
])('at %i columns no line is as wide as the terminal', async (columns, expected) => {
  tmux = new Tmux();
  tmux.start(`node '${CLI}' inspect model.json`, dir, { width: columns, height: 40 });
  const { screen } = await tmux.waitFor('[exit 0]');
  const lines = screen.replace(/\n+$/, '').split('\n');
  for (const line of lines) expect([...line].length, line).toBeLessThan(columns);
  expect(lines.some((line) => expected.test(line)), screen).toBe(true);
});

test('a pipe gets every column in one table', async () => {
  const r = await runCli(['inspect', 'model.json'], { cwd: dir });
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^layer\s+W shape\s+activation\s+params\s+W mean\s+W std\s+W min\s+W max\s+‖W‖₂\s+b mean\s+b std$/m);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { CLI, assertBuilt, runCli } from '../helpers/cli.js';
import { Tmux } from '../helpers/tmux.js';

// `backprop gradcheck` in real terminals (tmux): its 11-column table (107 characters for a 2-16-16-2 net)
// wrapped every row into two lines in an 80-column terminal. A pipe still gets every column.
let tmux: Tmux | undefined;
beforeAll(() => assertBuilt());
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
});

const dir = mkdtempSync(join(tmpdir(), 'backprop-gradcheck-width-'));
const net = Network.create({ inputs: 2, layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 0 });
writeFileSync(join(dir, 'model.json'), JSON.stringify(net.toJSON()));

test.each([[60], [80]])('at %i columns no line is as wide as the terminal, and every tensor keeps its row', async (columns) => {
  tmux = new Tmux();
  tmux.start(`node '${CLI}' gradcheck model.json`, dir, { width: columns, height: 40 });
  const { screen } = await tmux.waitFor('[exit 0]');
  const lines = screen.replace(/\n+$/, '').split('\n');
  for (const line of lines) expect([...line].length, line).toBeLessThan(columns);
  for (const name of ['W1', 'W2', 'W3', 'b1', 'b2', 'b3', 'input']) expect(lines.some((l) => new RegExp(`^✓ +${name} +.*e-\\d+`).test(l)), `${name}\n${screen}`).toBe(true);
  expect(screen).toContain('gradients OK');
  expect(screen.replace(/\s+/g, ' ')).toMatch(new RegExp(`\\(left out to fit ${columns} columns: analytic, numeric`));
});

test('a pipe gets every column in one table', async () => {
  const r = await runCli(['gradcheck', 'model.json'], { cwd: dir });
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^ +tensor +shape +checked +kinks +max abs +max rel +worst at +analytic +numeric +note$/m);
  expect(r.stdout).not.toContain('left out');
});

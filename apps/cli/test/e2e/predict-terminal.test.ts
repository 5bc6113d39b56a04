import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { CLI, assertBuilt } from '../helpers/cli.js';
import { Tmux } from '../helpers/tmux.js';

// `backprop predict model.json` typed into a real terminal (tmux): the prompt fits the terminal's width
// (its one 95-character line wrapped mid-word at 60 and at 80 columns), a row typed gets its answer.
let tmux: Tmux | undefined;
beforeAll(() => assertBuilt());
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
});

const dir = mkdtempSync(join(tmpdir(), 'backprop-predict-terminal-'));
const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 0 });
writeFileSync(join(dir, 'model.json'), JSON.stringify(net.toJSON()));

test.each([[60], [80]])('at %i columns the prompt fits, and a typed row is answered', async (columns) => {
  tmux = new Tmux();
  tmux.start(`node '${CLI}' predict model.json`, dir, { width: columns, height: 20 });
  const prompt = await tmux.waitFor('Ctrl-D ends');
  const lines = prompt.screen.replace(/\n+$/, '').split('\n');
  for (const line of lines) expect([...line].length, line).toBeLessThan(columns);
  // Parts joined by ' · ' on a line, or broken between lines.
  expect(prompt.screen.replace(/\s+/g, ' ')).toMatch(/reading rows from the terminal: 2 values each (· )?CSV or JSON, one per line (· )?Ctrl-D ends/);
  tmux.send('0.5,-0.2', true);
  tmux.send('Enter');
  await tmux.waitFor(/class,p_0,p_1\n[01],0\.\d+,0\.\d+/);
  tmux.send('C-d');
  await tmux.waitFor('[exit 0]');
});

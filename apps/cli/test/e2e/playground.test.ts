import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { CLI, assertBuilt } from '../helpers/cli.js';
import { Tmux } from '../helpers/tmux.js';

// `backprop playground` as a teacher runs it: in a real terminal, the URL printed, the page served with
// the isolation headers, Ctrl-C stops it with exit code 0.
let tmux: Tmux | undefined;
beforeAll(() => assertBuilt());
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
});

test('serves the bundled production build, and Ctrl-C stops it cleanly', async () => {
  tmux = new Tmux();
  // `trap : INT` keeps the wrapping shell alive through Ctrl-C, so the exit code can be read.
  tmux.start(`trap : INT; node '${CLI}' playground --port 0`, mkdtempSync(join(tmpdir(), 'backprop-pg-')));
  const { screen } = await tmux.waitFor(/press Ctrl-C to stop/);
  const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(screen)?.[0];
  expect(url, screen).toBeDefined();
  const page = await fetch(url!);
  expect(page.status).toBe(200);
  expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  const html = await page.text();
  expect(html).toContain('<title>backprop playground</title>');
  // Every script and stylesheet the page names is there (the build was copied whole).
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]!);
  expect(assets.length).toBeGreaterThan(0);
  for (const a of assets) expect((await fetch(url + a)).status, a).toBe(200);

  tmux.send('C-c');
  const end = await tmux.waitFor(/\[exit \d+\]/);
  expect(end.screen).toContain('playground stopped');
  expect(end.screen).toContain('[exit 0]');
  await expect(fetch(url!)).rejects.toThrow();
});

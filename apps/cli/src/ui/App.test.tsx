import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { createRunContext } from '../commands/run-context.js';
import { networkSpec, trainConfig } from '../commands/train-config.js';
import { loadData } from '../data.js';
import { createSession } from '../training/session.js';
import { App } from './App.js';

const until = async (check: () => boolean, ms = 5000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function setup(extra: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-app-'));
  const config = trainConfig({ dataset: 'xor', epochs: 100000, checkpoint: join(dir, 'ckpt.json'), ...extra });
  const data = await loadData(config.data);
  const net = Network.create(networkSpec(config, data.train));
  const session = createSession(net, data.train, { epochs: config.epochs, batchSize: config.batchSize, learningRate: config.learningRate, seed: 0, ...(data.validation ? { validation: data.validation } : {}) });
  return { ctx: createRunContext(session, net, data, config), dir };
}

test('keys: p pauses and resumes, + and - change the learning rate, s writes a checkpoint, ? shows help', async () => {
  const { ctx } = await setup();
  const app = render(<App ctx={ctx} interactive throttleMs={20} />);
  const frame = () => app.lastFrame() ?? '';
  await until(() => frame().includes('decision boundary') && frame().includes('●'));
  app.stdin.write('p');
  await until(() => frame().includes('PAUSED'));
  expect(ctx.session.paused).toBe(true);
  app.stdin.write('p');
  await until(() => frame().includes('resumed'));
  app.stdin.write('+');
  await until(() => frame().includes('learning rate 0.01500'));
  app.stdin.write('-');
  app.stdin.write('-');
  await until(() => Math.abs(ctx.session.learningRate - 0.01 / 1.5) < 1e-9);
  app.stdin.write('s');
  await until(() => frame().includes('checkpoint saved'));
  expect(JSON.parse(readFileSync(ctx.config.checkpoint, 'utf8'))).toMatchObject({ format: 'backprop-checkpoint', model: { training: {} } });
  app.stdin.write('?');
  await until(() => frame().includes('learning rate ×1.5'));
  ctx.session.stop();
  await ctx.session.result;
  app.unmount();
});

test('q asks to save when unsaved; n quits without saving', async () => {
  const { ctx, dir } = await setup();
  const app = render(<App ctx={ctx} interactive throttleMs={20} />);
  const frame = () => app.lastFrame() ?? '';
  await until(() => frame().includes('training'));
  app.stdin.write('q');
  await until(() => frame().includes('before quitting?'));
  // Nothing trains while the question is shown.
  expect(ctx.session.paused).toBe(true);
  const at = ctx.session.position().iterations;
  await new Promise((r) => setTimeout(r, 200));
  expect(ctx.session.position().iterations).toBe(at);
  app.stdin.write('n');
  const end = await ctx.session.result;
  expect(end.stopReason).toBe('stopped');
  expect(existsSync(join(dir, 'model.json'))).toBe(false);
  app.unmount();
});

test('q then y stops training and saves the model', async () => {
  const { ctx, dir } = await setup();
  const path = join(dir, 'model.json');
  const save = ctx.save;
  const app = render(<App ctx={{ ...ctx, session: ctx.session, save: () => save(path), get unsaved() { return ctx.unsaved; } }} interactive throttleMs={20} />);
  const frame = () => app.lastFrame() ?? '';
  await until(() => frame().includes('training'));
  app.stdin.write('q');
  await until(() => frame().includes('before quitting?'));
  app.stdin.write('y');
  await ctx.session.result;
  await until(() => existsSync(path));
  expect(JSON.parse(readFileSync(path, 'utf8')).format).toBe('backprop-network');
  app.unmount();
});

test('without a keyboard the dashboard renders and exits at the end on its own', async () => {
  const { ctx } = await setup({ epochs: 3 });
  const app = render(<App ctx={ctx} interactive={false} throttleMs={20} />);
  const end = await ctx.session.result;
  expect(end.stopReason).toBe('epochs');
  await until(() => app.frames.some((f) => f.includes('all epochs done')));
  expect(app.frames.some((f) => f.includes('p pause'))).toBe(false);
});

test('warmUp draws the dashboard off screen without touching the session or the network', async () => {
  const { ctx } = await setup({ epochs: 3 });
  const { warmUp } = await import('./run-dashboard.js');
  const before = JSON.stringify(ctx.net.parameters().map((p) => Array.from(p.values)));
  const lr = ctx.session.learningRate;
  warmUp(ctx, 100);
  expect(ctx.session.position()).toEqual({ epoch: 0, batch: 0, iterations: 0 });
  expect(ctx.session.learningRate).toBe(lr);
  expect(ctx.session.history.trainLoss).toEqual([]);
  expect(JSON.stringify(ctx.net.parameters().map((p) => Array.from(p.values)))).toBe(before);
  ctx.session.stop();
  for await (const e of ctx.session) if (e.type === 'end') break;
});

const lastDrawn = (frames: readonly string[]) => [...frames].reverse().find((f) => f.trim() !== '') ?? '';

test('q → y: training pauses at the question; the last frame says saved and shows no key hints', async () => {
  const { ctx, dir } = await setup();
  const path = join(dir, 'model.json');
  const save = ctx.save;
  const app = render(<App ctx={{ ...ctx, save: () => save(path), get unsaved() { return ctx.unsaved; } }} interactive throttleMs={20} size={{ columns: 80, rows: 24 }} />);
  const frame = () => app.lastFrame() ?? '';
  await until(() => frame().includes('p pause'));
  app.stdin.write('q');
  await until(() => frame().includes('before quitting?'));
  expect(ctx.session.paused).toBe(true);
  app.stdin.write('y');
  await ctx.session.result;
  await until(() => app.frames.some((f) => f.includes(`saved ${path}`)));
  const last = lastDrawn(app.frames);
  expect(last).toContain(`saved ${path}`);
  expect(last).toContain('stopped by the user');
  expect(last).not.toContain('p pause');
  expect(last).not.toContain('before quitting');
  expect(existsSync(path)).toBe(true);
  app.unmount();
});

test('q then esc cancels: training goes on', async () => {
  const { ctx } = await setup();
  const app = render(<App ctx={ctx} interactive throttleMs={20} />);
  const frame = () => app.lastFrame() ?? '';
  await until(() => frame().includes('[training]'));
  app.stdin.write('q');
  await until(() => frame().includes('before quitting?'));
  app.stdin.write('\u001b');
  await until(() => frame().includes('quit cancelled'));
  expect(ctx.session.paused).toBe(false);
  const at = ctx.session.position().iterations;
  await until(() => ctx.session.position().iterations > at);
  ctx.session.stop();
  await ctx.session.result;
  app.unmount();
});

test('the title shows the learning rate as + and - change it', async () => {
  const { ctx } = await setup();
  const app = render(<App ctx={ctx} interactive throttleMs={20} size={{ columns: 160, rows: 50 }} />);
  const frame = () => app.lastFrame() ?? '';
  await until(() => frame().includes('adam lr 0.01 ·'));
  app.stdin.write('+');
  await until(() => frame().includes('adam lr 0.015 ·'));
  ctx.session.stop();
  await ctx.session.result;
  app.unmount();
});

test('a run that ends on its own leaves a last frame without key hints', async () => {
  const { ctx } = await setup({ epochs: 3, save: join(mkdtempSync(join(tmpdir(), 'backprop-app-')), 'm.json') });
  const app = render(<App ctx={ctx} interactive throttleMs={20} />);
  await ctx.session.result;
  await until(() => app.frames.some((f) => f.includes('all epochs done')));
  await new Promise((r) => setTimeout(r, 100));
  expect(lastDrawn(app.frames)).not.toContain('p pause');
  app.unmount();
});

test('paused before the first step, the bars show the planned totals (epoch 1/10 at 0 %, batch 0/25), not 0/0', async () => {
  const { ctx } = await setup({ epochs: 10 });
  // Paused before anything trained: no event has arrived, only the plan is known.
  ctx.session.pause();
  const app = render(<App ctx={ctx} interactive throttleMs={20} size={{ columns: 120, rows: 40 }} />);
  const frame = () => app.lastFrame() ?? '';
  await until(() => frame().includes('[PAUSED]'));
  expect(ctx.session.position().iterations).toBe(0);
  // The epoch label counts the epoch about to be trained, as Keras prints "Epoch 1/10" before its first
  // batch; the bar is empty. xor: 400 training rows in batches of 16.
  expect(frame()).toMatch(/^epoch\s+1\/10 \S+\s+0%/m);
  expect(frame()).toMatch(/^batch\s+0\/25 /m);
  expect(frame()).not.toMatch(/\b0\/0\b/);
  ctx.session.stop();
  await ctx.session.result;
  app.unmount();
});

test.each([
  [60, 30],
  [50, 24],
  [30, 24],
])('at %i × %i columns nothing wraps: one chart row per line, the key hints on one line', async (columns, rows) => {
  const { ctx } = await setup();
  const app = render(<App ctx={ctx} interactive throttleMs={20} size={{ columns, rows }} />);
  const frame = () => app.lastFrame() ?? '';
  await until(() => /epoch \d+: loss/.test(frame()) && frame().includes('epoch loss') && /[\u2801-\u28ff]/.test(frame()));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping colours
  const lines = frame().replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  for (const line of lines) expect([...line].length).toBeLessThan(columns);
  // A chart row keeps its label column and axis on the same line as its dots.
  for (const line of lines.filter((l) => /[\u2800-\u28ff]/.test(l))) expect(line).toMatch(/^.{8} │[\u2800-\u28ff]/);
  // Whole, never cut: at the narrowest only p, q and ? (the help lists the rest).
  expect(lines.at(-1)).toMatch(/^p pause · .*\? help$/);
  ctx.session.stop();
  await ctx.session.result;
  app.unmount();
});

test('the ? help box fits 50 columns: every key and its meaning on one line', async () => {
  const { ctx } = await setup();
  const app = render(<App ctx={ctx} interactive throttleMs={20} size={{ columns: 50, rows: 24 }} />);
  const frame = () => app.lastFrame() ?? '';
  await until(() => frame().includes('p pause'));
  app.stdin.write('?');
  await until(() => frame().includes('│ keys'));
  const { KEYS } = await import('./KeyHelp.js');
  for (const [key, what] of KEYS) expect(frame()).toContain(`${key.padEnd(8)}${what}`);
  ctx.session.stop();
  await ctx.session.result;
  app.unmount();
});

test("p when training has just ended (before the screen knows) does not claim 'resumed'", async () => {
  const { ctx } = await setup({ epochs: 2 });
  // Drain the session first: the app's subscription then sees no events, as in the moment between the
  // core finishing and the end being drawn.
  for await (const _ of ctx.session);
  const app = render(<App ctx={ctx} interactive throttleMs={20} />);
  const frame = () => app.lastFrame() ?? '';
  await until(() => frame().includes('p pause'));
  app.stdin.write('p');
  await new Promise((r) => setTimeout(r, 100));
  expect(ctx.session.paused).toBe(false);
  expect(frame()).not.toContain('resumed');
  app.unmount();
});

test('at 30 columns the ? help box is cut, not wrapped: one line per key, within the width', async () => {
  const { ctx } = await setup();
  const app = render(<App ctx={ctx} interactive throttleMs={20} size={{ columns: 30, rows: 24 }} />);
  const frame = () => app.lastFrame() ?? '';
  await until(() => frame().includes('p pause'));
  app.stdin.write('?');
  await until(() => frame().includes('│ keys'));
  const { KEYS } = await import('./KeyHelp.js');
  const lines = frame().split('\n');
  for (const line of lines) expect([...line].length).toBeLessThan(30);
  const box = lines.slice(lines.findIndex((l) => l.includes('│ keys')));
  for (const [key] of KEYS) expect(box.filter((l) => l.startsWith(`│ ${key.padEnd(8)}`))).toHaveLength(1);
  expect(box.filter((l) => l.startsWith('│') && !l.includes('keys') && !KEYS.some(([key]) => l.startsWith(`│ ${key.padEnd(8)}`)))).toEqual([]);
  ctx.session.stop();
  await ctx.session.result;
  app.unmount();
});

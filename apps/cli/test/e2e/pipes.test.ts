import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { CLI, assertBuilt, runCli } from '../helpers/cli.js';

// The built `backprop` without a terminal: piped output, exit codes, errors, signals.
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
const ANSI = /\u001b\[/;
const dir = mkdtempSync(join(tmpdir(), 'backprop-e2e-'));

beforeAll(() => assertBuilt());

describe('non-TTY runs', () => {
  test('plain progress lines, no ANSI, exit 0, and --save writes a loadable model', async () => {
    const r = await runCli(['train', '-d', 'xor', '--epochs', '5', '--save', 'xor.json'], { cwd: dir, env: { ...process.env, CI: 'true' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^training xor/);
    expect(r.stdout.match(/^epoch \d\/5 /gm)).toHaveLength(5);
    // The full path written (the file was named relative to the working directory).
    expect(r.stdout).toContain(`saved ${join(dir, 'xor.json')}\n`);
    expect(r.stdout + r.stderr).not.toMatch(ANSI);
    expect(Network.fromJSON(readFileSync(join(dir, 'xor.json'), 'utf8')).inputs).toBe(2);
  });

  test('--json prints one JSON object per event', async () => {
    const r = await runCli(['train', '-d', 'circle', '--epochs', '3', '--json']);
    expect(r.code).toBe(0);
    const events = r.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({ type: 'start', dataset: 'circle' });
    expect(events.filter((e) => e.type === 'epoch').map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(events.at(-1)).toMatchObject({ type: 'end', stopReason: 'epochs' });
  });

  test('eval, inspect and predict on the saved model', async () => {
    const model = join(dir, 'xor.json');
    const ev = await runCli(['eval', model, '-d', 'xor']);
    expect(ev.code).toBe(0);
    expect(ev.stdout).toMatch(/accuracy \d+\.\d+%/);
    expect(ev.stdout).not.toMatch(ANSI);
    const ins = await runCli(['inspect', model]);
    expect(ins.stdout).toContain('2-16-16-2 tanh/softmax');
    const pred = await runCli(['predict', model], { input: '0.5,0.5\n-0.5,0.5\n' });
    expect(pred.code).toBe(0);
    expect(pred.stdout.trim().split('\n')).toHaveLength(3);
  });

  test('gradcheck exits 0 when gradients agree', async () => {
    const r = await runCli(['gradcheck', '--layers', '4', '--activation', 'tanh']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gradients OK');
  });
});

describe('errors: one line, the right exit code, never a stack trace', () => {
  test.each([
    [['train', '--optimiser', 'adam'], "unknown option '--optimiser'", '--optimizer'],
    [['train', '--optimizer', 'adamm'], "argument 'adamm' is invalid", 'adam'],
    [['train', '-d', 'mnisty'], "invalid dataset 'mnisty'; did you mean mnist?", 'mnist'],
    [['train', '-d', 'moons'], "invalid dataset 'moons'", 'spiral'],
    [['train', '--batch-size', '-3'], 'expected a positive integer', '--batch-size'],
    [['frobnicate'], "unknown command 'frobnicate'", 'train'],
  ])('%j → exit 2', async (args, problem, listed) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(problem);
    expect(r.stderr).toContain(listed);
  });

  test.each([
    ['missing.json', undefined, 'no such file'],
    ['truncated.json', '{"format":"backprop-network","version":1,"layers":[{"W":[[0.1,', 'not valid JSON'],
    ['wrong.json', '{"format":"something-else"}', 'not a backprop model'],
  ])('%s → names the file, exit 1', async (name, content, problem) => {
    const path = join(dir, name);
    if (content !== undefined) writeFileSync(path, content);
    for (const command of ['eval', 'inspect', 'predict']) {
      const r = await runCli([command, path]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(path);
      expect(r.stderr).toContain(problem);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

test('SIGINT during training with --save stops cleanly and leaves a complete model file', async () => {
  const work = mkdtempSync(join(tmpdir(), 'backprop-sigint-'));
  let sent = false;
  const r = await runCli(['train', '-d', 'spiral', '--epochs', '100000', '--save', 'model.json'], {
    cwd: work,
    onStdout: (text, child) => {
      if (!sent && /^epoch 3\//m.test(text)) {
        sent = true;
        child.kill('SIGINT');
      }
    },
  });
  expect(sent).toBe(true);
  expect(r.code).toBe(130);
  expect(r.stdout).toMatch(/\(interrupted\)/);
  expect(r.stdout).toContain(`saved ${join(work, 'model.json')}\n`);
  expect(readdirSync(work)).toEqual(['model.json']);
  expect(Network.fromJSON(readFileSync(join(work, 'model.json'), 'utf8')).inputs).toBe(2);
});

test('SIGTERM stops cleanly, saves, and exits 143 (128 + 15, as shells report it)', async () => {
  const work = mkdtempSync(join(tmpdir(), 'backprop-sigterm-'));
  let sent = false;
  const r = await runCli(['train', '-d', 'spiral', '--epochs', '100000', '--save', 'model.json'], {
    cwd: work,
    onStdout: (text, child) => {
      if (!sent && /^epoch 3\//m.test(text)) {
        sent = true;
        child.kill('SIGTERM');
      }
    },
  });
  expect(sent).toBe(true);
  expect(r.code).toBe(143);
  expect(r.stdout).toMatch(/done: \d+ epochs.*\(interrupted\) {2}epoch \d+: loss .* val_loss /);
  expect(r.stdout).toContain(`saved ${join(work, 'model.json')}\n`);
  expect(Network.fromJSON(readFileSync(join(work, 'model.json'), 'utf8')).inputs).toBe(2);
});

test('predict streams: each row is answered before the next is written', async () => {
  const work = mkdtempSync(join(tmpdir(), 'backprop-stream-'));
  expect((await runCli(['train', '-d', 'xor', '--epochs', '3', '--save', 'xor.json'], { cwd: work })).code).toBe(0);
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [CLI, 'predict', 'xor.json'], { cwd: work, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const next = (lines: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within 10 s; got ${JSON.stringify(out)}`)), 10_000);
      const check = () => {
        if (out.trim().split('\n').length >= lines) {
          clearTimeout(timer);
          child.stdout.off('data', onData);
          resolve();
        }
      };
      const onData = (c: Buffer) => {
        out += c.toString();
        check();
      };
      child.stdout.on('data', onData);
      check();
    });
  child.stdin.write('0.5,0.5\n');
  await next(2); // the header and the first answer, with stdin still open
  child.stdin.write('{"x2": -0.5, "x1": 0.5}\n');
  await next(3);
  child.stdin.end();
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(code).toBe(0);
  expect(out.trim().split('\n')).toHaveLength(3);
  expect(out.split('\n')[1]).toMatch(/^(negative|positive),/);
});

test('predict < file.csv (stdin a regular file) with a bad row: nothing on stdout, exit 1, one line naming line and column', async () => {
  const work = mkdtempSync(join(tmpdir(), 'backprop-predict-file-'));
  expect((await runCli(['train', '-d', 'xor', '--epochs', '2', '--save', 'xor.json'], { cwd: work })).code).toBe(0);
  const bad = join(work, 'bad.csv');
  writeFileSync(bad, 'x1,x2\n0.5,0.5\n0.1,nope\n');
  const { openSync, closeSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const fd = openSync(bad, 'r');
  const r = spawnSync(process.execPath, [CLI, 'predict', 'xor.json'], { cwd: work, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
  closeSync(fd);
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe('backprop predict: stdin line 3, column 2 (x2): expected a finite number, got "nope"\n');
  // The same file named on the command line: the same answer.
  const named = await runCli(['predict', 'xor.json', 'bad.csv'], { cwd: work });
  expect(named.code).toBe(1);
  expect(named.stdout).toBe('');
  expect(named.stderr).toBe('backprop predict: bad.csv line 3, column 2 (x2): expected a finite number, got "nope"\n');
});

test('predict on a rows file with no rows: one line naming the file, nothing on stdout, exit 1 (named, redirected or piped)', async () => {
  const work = mkdtempSync(join(tmpdir(), 'backprop-predict-empty-'));
  expect((await runCli(['train', '-d', 'xor', '--epochs', '2', '--save', 'xor.json'], { cwd: work })).code).toBe(0);
  writeFileSync(join(work, 'empty.csv'), '');
  writeFileSync(join(work, 'header.csv'), 'x1,x2\n');
  for (const [file, why] of [['empty.csv', 'the file is empty'], ['header.csv', 'only a header line']]) {
    const r = await runCli(['predict', 'xor.json', file!], { cwd: work });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 1, stdout: '', stderr: `backprop predict: ${file}: no rows to predict (${why})\n` });
  }
  const piped = await runCli(['predict', 'xor.json'], { cwd: work, input: 'x1,x2\n' });
  expect({ code: piped.code, stdout: piped.stdout, stderr: piped.stderr }).toEqual({ code: 1, stdout: '', stderr: 'backprop predict: stdin: no rows to predict (only a header line)\n' });
});

test('-d iris in a folder holding iris.csv: exit 2, one line naming the file (train and eval alike)', async () => {
  const work = mkdtempSync(join(tmpdir(), 'backprop-bare-'));
  writeFileSync(join(work, 'iris.csv'), 'a,b,label\n1,2,x\n3,4,y\n');
  for (const args of [['train', '-d', 'iris'], ['eval', 'model.json', '-d', 'iris']]) {
    writeFileSync(join(work, 'model.json'), JSON.stringify(Network.create({ inputs: 2, output: { units: 2, fn: 'softmax' } })));
    const r = await runCli(args, { cwd: work });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: '', stderr: `backprop ${args[0]}: invalid dataset 'iris'; did you mean the file iris.csv?\n` });
  }
});

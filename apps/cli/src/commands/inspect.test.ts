import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { toOnnx } from '@backprop/interop';
import { describe, expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { printable } from '../format.js';
import { importCommand } from './import.js';
import { MAX_FACTS, inspectCommand, inspectLines } from './inspect.js';

// A model's metadata may come from anyone (an ONNX file from the web carries metadata_props): inspect
// prints it on one line, with no control characters reaching the terminal and no 1024-character values.
test('printable: control characters as JSON escapes, DEL / C1 / separators as \\u, long text cut with …', () => {
  expect(printable('a\u001b[2Jb\nc\td')).toBe('a\\u001b[2Jb\\nc\\td');
  expect(printable('x\u007fy\u009bz\u2028')).toBe('x\\u007fy\\u009bz\\u2028');
  expect(printable('é✓ plain')).toBe('é✓ plain');
  expect(printable('y'.repeat(100), 10)).toBe(`${'y'.repeat(9)}…`);
});

test('inspect of an imported model with hostile metadata prints one safe line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-inspect-'));
  const net = Network.create({ inputs: 2, layers: [], output: { units: 2, fn: 'softmax' } }).setMetadata({ note: 'hi\u001b]0;pwned\u0007\u001b[2J\nsecond line', long: 'z'.repeat(1024), seed: 3 });
  writeFileSync(join(dir, 'm.onnx'), toOnnx(net));
  expect(await importCommand(join(dir, 'm.onnx'), { out: join(dir, 'm.json') }, fakeRuntime())).toBe(0);
  const rt = fakeRuntime();
  expect(await inspectCommand(join(dir, 'm.json'), {}, rt)).toBe(0);
  const line = rt.out().split('\n')[1]!;
  expect(line).toMatch(/^metadata: note hi\\u001b\]0;pwned\\u0007\\u001b\[2J\\nsecond line · long z+… · seed 3$/);
  expect(line.length).toBeLessThan(200);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: none may reach the terminal
  expect(rt.out()).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
});

// A new user's terminal may be 80 columns or fewer: before, the 11-column layer table (89 characters for a
// 2-16-16-2 net) wrapped into an unreadable zigzag at 80, and 60 long metadata entries filled 120 lines.
describe('inspect in a terminal fits its width', () => {
  const net = Network.create({ inputs: 2, layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 0 });
  const file = 'runs/model.json';
  // The statistics of the full table (a pipe's): columns W mean … b std of each layer's row.
  const statistics = (lines: readonly string[]) => lines.slice(3).flatMap((row) => row.trim().split(/\s+/).slice(4));

  test.each([160, 120, 80, 60, 40, 30])('at %i columns no line wraps, and every statistic is still there', (width) => {
    const lines = inspectLines(file, net, width);
    for (const line of lines) expect([...line].length, line).toBeLessThan(width);
    // Every statistic of the full table a pipe gets, as a whole word.
    const stats = statistics(inspectLines(file, net));
    expect(stats).toHaveLength(3 * 7);
    const words = new Set(lines.join(' ').split(/\s+/));
    for (const value of stats) expect(words.has(value), `${value} at ${width}`).toBe(true);
  });

  test('a pipe (no width) keeps the one table with every column', () => {
    const lines = inspectLines(file, net);
    expect(lines[2]).toMatch(/^layer\s+W shape\s+activation\s+params\s+W mean\s+W std\s+W min\s+W max\s+‖W‖₂\s+b mean\s+b std$/);
    expect(lines).toHaveLength(6);
  });

  test('at 80 columns: the architecture and the statistics as two tables; at 40: one block per layer', () => {
    const at80 = inspectLines(file, net, 80);
    expect(at80.filter((l) => l.startsWith('layer'))).toHaveLength(2);
    expect(at80.join('\n')).toMatch(/^layer\s+W shape\s+activation\s+params$/m);
    const at40 = inspectLines(file, net, 40);
    expect(at40).toContain('layer 2 · W 16×16 · tanh · 272 params');
  });

  test('many long metadata entries: the first ones by name, the rest counted; a terminal wraps them at ·', () => {
    const meta = Object.fromEntries(Array.from({ length: 60 }, (_, k) => [`key${k}_${'x'.repeat(50)}`, 'v'.repeat(1024)]));
    const many = Network.create({ inputs: 2, output: { units: 2, fn: 'softmax' } }).setMetadata({ dataset: 'data/iris.csv', ...meta });
    const piped = inspectLines(file, many);
    expect(piped[1]).toMatch(new RegExp(`^trained on: data/iris\\.csv · key0_x{34}… v{79}… · .* · key${MAX_FACTS - 2}_x+… v+… · … ${61 - MAX_FACTS} more \\(backprop inspect --json lists them all\\)$`));
    const wrapped = inspectLines(file, many, 80);
    const facts = wrapped.slice(1, wrapped.indexOf(''));
    expect(facts.length).toBeLessThanOrEqual(2 * MAX_FACTS);
    for (const line of facts) expect([...line].length).toBeLessThan(80);
    expect(facts.at(-1)).toContain(`${61 - MAX_FACTS} more`);
  });
});

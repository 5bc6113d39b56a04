import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { toOnnx } from '@backprop/interop';
import { expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { printable } from '../format.js';
import { importCommand } from './import.js';
import { inspectCommand } from './inspect.js';

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

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCSV } from '@backprop/datasets';
import { beforeAll, describe, expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { RowError } from '../io/rows.js';
import { evalCommand } from './eval.js';
import { predictCommand } from './predict.js';
import { trainCommand } from './train.js';

// eval (and train) read a data file through @backprop/datasets, predict reads rows itself: the same bad
// cell or ragged row must read the same (one RowError, one wording): the file, the line, the 1-based column
// and its name, what was expected and what was there.
const dir = mkdtempSync(join(tmpdir(), 'backprop-csv-errors-'));
const model = join(dir, 'm.json');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const rows = Array.from({ length: 20 }, (_, i) => `${(i % 5) / 5},${i % 2 ? 1 : -1},${i % 2 ? 'up' : 'down'}`).join('\n');

beforeAll(async () => {
  expect(await trainCommand({ dataset: file('train.csv', `x1,x2,label\n${rows}\n`), label: 'label', epochs: 2, seed: 0, validation: 0, save: model }, fakeRuntime())).toBe(0);
});

async function failure(run: () => Promise<number>): Promise<RowError> {
  const error = await run().then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RowError);
  return error as RowError;
}
const evalOf = (text: string) => {
  const path = file('eval.csv', text);
  return failure(() => evalCommand(model, { dataset: path }, fakeRuntime()));
};
const predictOf = (text: string) => {
  const path = file('rows.csv', text);
  return failure(() => predictCommand(model, path, {}, fakeRuntime()));
};

describe('eval and predict word a bad CSV cell alike', () => {
  const cases: [string, string, string, string][] = [
    ['a word', 'abc', 'line 3, column 2 (x2): expected a finite number, got "abc"', '3:2'],
    ['an empty cell', '', 'line 3, column 2 (x2): expected a finite number, got an empty cell', '3:2'],
    ['1e309 (beyond float64)', '1e309', 'line 3, column 2 (x2): expected a finite number, got "1e309"', '3:2'],
    ['NaN', 'NaN', 'line 3, column 2 (x2): expected a finite number, got "NaN"', '3:2'],
  ];
  test.each(cases)('%s', async (_what, cell, message, where) => {
    const e = await evalOf(`x1,x2,label\n0.5,1,up\n0.2,${cell},down\n`);
    const p = await predictOf(`x1,x2\n0.5,1\n0.2,${cell}\n`);
    expect(e.message).toBe(`${join(dir, 'eval.csv')} ${message}`);
    expect(p.message).toBe(`${join(dir, 'rows.csv')} ${message}`);
    for (const error of [e, p]) expect(`${error.line}:${error.column}`).toBe(where);
    expect([e.expected, e.actual, e.feature]).toEqual([p.expected, p.actual, p.feature]);
  });

  test('a row with a column missing: the same words, the count expected and the count found', async () => {
    const e = await evalOf('x1,x2,label\n0.5,1,up\n0.2,down\n');
    const p = await predictOf('x1,x2\n0.5,1\n0.2\n');
    expect(e.message).toBe(`${join(dir, 'eval.csv')} line 3: expected 3 columns (as in the header), got 2`);
    expect(p.message).toBe(`${join(dir, 'rows.csv')} line 3: expected 2 columns (as in the header), got 1`);
  });

  test('without a header the column is still 1-based (datasets counts from 0), and so is the row count', async () => {
    const e = await evalOf('0.5,1,up\n0.2,x,down\n');
    expect(e.message).toBe(`${join(dir, 'eval.csv')} line 2, column 2: expected a finite number, got "x"`);
    const ragged = await evalOf('0.5,1,up\n0.2,1\n');
    expect(ragged.message).toBe(`${join(dir, 'eval.csv')} line 2: expected 3 columns (as on line 1), got 2`);
    const p = await predictOf('0.5,1\n0.2,x\n');
    expect(p.message).toBe(`${join(dir, 'rows.csv')} line 2, column 2 (x2): expected a finite number, got "x"`);
  });

  test('an empty file (or only a byte-order mark and blank lines) is called empty', async () => {
    for (const text of ['', '\uFEFF\n\r\n']) {
      const path = file('empty.csv', text);
      await expect(evalCommand(model, { dataset: path }, fakeRuntime())).rejects.toThrow(`${path}: the file is empty (a CSV needs rows of features and a label)`);
    }
  });

  test('train reports a bad data file the same way', async () => {
    const path = file('bad-train.csv', 'x1,x2,label\n0.5,1,up\n0.2,abc,down\n');
    const e = await failure(() => trainCommand({ dataset: path, label: 'label', epochs: 1, seed: 0, validation: 0 }, fakeRuntime()));
    expect(e.message).toBe(`${path} line 3, column 2 (x2): expected a finite number, got "abc"`);
  });
});

describe('@backprop/datasets and the CLI: one wording, from one source', () => {
  const parsed = (text: string) => {
    try {
      parseCSV(text, { delimiter: text.split('\n')[0]!.includes(';') ? ';' : ',' });
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('parseCSV accepted the text');
  };
  test.each([
    ['a word', 'x1,x2,label\n0.5,1,up\n0.2,abc,down\n'],
    ['an empty cell', 'x1,x2,label\n0.5,1,up\n0.2,,down\n'],
    ['1e309', 'x1,x2,label\n0.5,1,up\n0.2,1e309,down\n'],
    ['a short row (header)', 'x1,x2,label\n0.5,1,up\n0.2,down\n'],
    ['a short row (no header)', '0.5,1,up\n0.2,1\n'],
    ['no header, a word', '0.5,1,up\n0.2,x,down\n'],
    ['an empty label', 'x1,x2,label\n0.5,1,up\n0.2,1,\n'],
    ['a decimal comma', 'x1;x2;label\n0.5;1;up\n0.2;1,5;down\n'],
  ])('%s: parseCSV says what eval says, without the file name', async (_what, text) => {
    const e = await evalOf(text);
    expect(e.message).toBe(`${join(dir, 'eval.csv')} ${parsed(text)}`);
  });

  test('and predict words the same bad cell with the same text', async () => {
    const p = await predictOf('x1,x2\n0.5,1\n0.2,abc\n');
    expect(p.message).toBe(`${join(dir, 'rows.csv')} ${parsed('x1,x2,label\n0.5,1,up\n0.2,abc,down\n')}`);
  });
});

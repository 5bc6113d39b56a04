import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { CliError } from '../errors.js';
import { loadModel } from '../io/model-file.js';
import { RowError } from '../io/rows.js';
import { predictCommand } from './predict.js';
import { trainCommand } from './train.js';

const IRIS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'iris.csv');
const dir = mkdtempSync(join(tmpdir(), 'backprop-predict-'));
const iris = join(dir, 'iris.json');
const spiral = join(dir, 'spiral.json');

beforeAll(async () => {
  expect(await trainCommand({ dataset: IRIS, label: 'species', epochs: 60, seed: 0, validation: 0.2, save: iris }, fakeRuntime())).toBe(0);
  expect(await trainCommand({ dataset: 'spiral', epochs: 2, seed: 0, validation: 0.2, save: spiral }, fakeRuntime())).toBe(0);
});

const predict = async (model: string, input: string, flags: Record<string, unknown> = {}, file?: string) => {
  const rt = fakeRuntime(input);
  const code = await predictCommand(model, file, flags, rt);
  return { code, lines: rt.out().trim().split('\n'), err: rt.err() };
};

test('a trained model stores its feature and class names', () => {
  expect(loadModel(iris).preprocessing).toEqual({ labels: ['setosa', 'versicolor', 'virginica'], features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] });
  expect(loadModel(spiral).preprocessing?.features).toEqual(['x1', 'x2']);
});

test('class names are printed, in the header and in the answers', async () => {
  const { lines } = await predict(iris, '5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n');
  expect(lines[0]).toBe('class,p_setosa,p_versicolor,p_virginica');
  expect(lines[1]).toMatch(/^setosa,/);
  expect(lines[2]).toMatch(/^virginica,/);
  const json = await predict(iris, '[5.1,3.5,1.4,0.2]\n', { json: true });
  expect(JSON.parse(json.lines[0]!).class).toBe('setosa');
});

test('a JSON object row is read by feature name: reversed keys give the same class', async () => {
  const forward = '{"sepal_length": 6.7, "sepal_width": 3.0, "petal_length": 5.2, "petal_width": 2.3}';
  const reversed = '{"petal_width": 2.3, "petal_length": 5.2, "sepal_width": 3.0, "sepal_length": 6.7}';
  const { lines } = await predict(iris, `${forward}\n${reversed}\n6.7,3.0,5.2,2.3\n`);
  expect(lines[1]).toMatch(/^virginica,/);
  expect(lines[2]).toBe(lines[1]);
  expect(lines[3]).toBe(lines[1]);
});

test('keys that are not the model features are refused', async () => {
  await expect(predict(iris, '{"a":1,"b":2,"c":3,"d":4}\n')).rejects.toThrow(
    'stdin line 1: expected the model\'s features as keys: sepal_length, sepal_width, petal_length, petal_width, got the unknown keys "a", "b", "c", "d"',
  );
});

test.each([['0.5 1', ": expected 2 columns (the model's inputs), got 1"], ['NaN,1', ', column 1 (x1): expected a finite number, got "NaN"'], ['1e400,1', ', column 1 (x1): expected a finite number, got "1e400"'], ['a,b', ', column 1 (x1): expected a finite number, got "a"']])(
  'a bad first row %j is an error, not a header',
  async (row, words) => {
    await expect(predict(spiral, `${row}\n`)).rejects.toThrow(`stdin line 1${words}`);
  },
);

test('a header naming the features maps the columns by name; the training CSV itself works', async () => {
  const file = join(dir, 'reordered.csv');
  writeFileSync(file, 'petal_width,petal_length,sepal_width,sepal_length\n2.3,5.2,3.0,6.7\n');
  const reordered = await predict(iris, '', {}, file);
  expect(reordered.lines[1]).toMatch(/^virginica,/);
  const whole = await predict(iris, '', {}, IRIS);
  expect(whole.lines).toHaveLength(151);
  expect(whole.err).toContain('ignoring column species');
  const correct = whole.lines.slice(1).filter((line, i) => line.startsWith(i < 50 ? 'setosa' : i < 100 ? 'versicolor' : 'virginica')).length;
  expect(correct).toBeGreaterThan(135);
});

test('a rows file that does not exist names the file', async () => {
  await expect(predict(iris, '', {}, join(dir, 'nope.csv'))).rejects.toThrow(`${join(dir, 'nope.csv')}: no such file`);
});

test('a bad row in a file: nothing on stdout (not even the header), a RowError naming line, column, expected and actual', async () => {
  const file = join(dir, 'bad.csv');
  writeFileSync(file, '1,2\n3,4\n5,x\n');
  const rt = fakeRuntime();
  const error = await predictCommand(spiral, file, {}, rt).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RowError);
  expect(error).toMatchObject({ line: 3, column: 2, expected: 'a finite number', actual: '"x"', exitCode: 1 });
  expect((error as Error).message).toBe(`${file} line 3, column 2 (x2): expected a finite number, got "x"`);
  expect(rt.out()).toBe('');
});

test('a file with the wrong number of values on a later line: nothing on stdout', async () => {
  const file = join(dir, 'wide.csv');
  writeFileSync(file, 'x1,x2\n1,2\n3,4,5\n');
  const rt = fakeRuntime();
  const error = await predictCommand(spiral, file, {}, rt).catch((e: unknown) => e);
  expect(error).toMatchObject({ line: 3, expected: '2 columns (as in the header)', actual: '3' });
  expect(rt.out()).toBe('');
});

test('stdin: a bad first row prints nothing to stdout (the header comes with the first answer)', async () => {
  const rt = fakeRuntime('0.5,oops\n');
  await expect(predictCommand(spiral, undefined, {}, rt)).rejects.toThrow('stdin line 1, column 2 (x2): expected a finite number, got "oops"');
  expect(rt.out()).toBe('');
});

test('stdin streams: rows answered before a bad one stay answered (each is complete), and the error names the line', async () => {
  const rt = fakeRuntime('1,2\n3,4\n5,x\n');
  await expect(predictCommand(spiral, undefined, {}, rt)).rejects.toThrow('stdin line 3, column 2 (x2)');
  expect(rt.out().trim().split('\n')).toHaveLength(3);
});

test.each([
  ['empty.csv', '', 'the file is empty'],
  ['bom.csv', '\uFEFF', 'the file is empty'],
  ['header.csv', 'x1,x2\n', 'only a header line'],
  ['blank.csv', '\n\n  \n', 'only blank lines'],
])('a rows file with no rows (%s) is an error naming the file: nothing on stdout, exit 1 as other bad data', async (name, text, why) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  const rt = fakeRuntime();
  const error = await predictCommand(spiral, file, {}, rt).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  expect(error).toMatchObject({ message: `${file}: no rows to predict (${why})`, exitCode: 1 });
  expect(rt.out()).toBe('');
  expect(rt.err()).toBe('');
});

test('piped stdin with no rows is the same error, naming stdin (CSV or --json)', async () => {
  for (const flags of [{}, { json: true }]) {
    const rt = fakeRuntime('');
    await expect(predictCommand(spiral, undefined, flags, rt)).rejects.toThrow('stdin: no rows to predict (the input is empty)');
    expect(rt.out()).toBe('');
  }
});

test('Ctrl-D at once at a terminal is not an error: a note on stderr, exit 0', async () => {
  const rt = fakeRuntime('');
  Object.assign(rt.stdin, { isTTY: true });
  expect(await predictCommand(spiral, undefined, {}, rt)).toBe(0);
  expect(rt.err()).toContain('predict: no rows typed\n');
  expect(rt.out()).toBe('');
});

test('typed at a terminal: a bad row is reported on stderr and the session goes on (exit 1 at the end)', async () => {
  const rt = fakeRuntime('0.5,0.5\n0.1,x\n-0.5,0.5\n');
  Object.assign(rt.stdin, { isTTY: true });
  expect(await predictCommand(spiral, undefined, {}, rt)).toBe(1);
  expect(rt.out().trim().split('\n')).toHaveLength(3); // the header and two answers
  expect(rt.err()).toContain('stdin line 2, column 2 (x2): expected a finite number, got "x"; type the row again\n');
});

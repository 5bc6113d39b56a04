import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { loadModel } from '../io/model-file.js';
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
    'stdin line 1: unknown keys "a", "b", "c", "d" (the model\'s features: sepal_length, sepal_width, petal_length, petal_width)',
  );
});

test.each([['0.5 1', 'expected 2 values'], ['NaN,1', 'value 1 (x1) is not a finite number ("NaN")'], ['1e400,1', 'value 1 (x1) is not a finite number ("1e400")'], ['a,b', 'value 1 (x1) is not a finite number ("a")']])(
  'a bad first row %j is an error, not a header',
  async (row, words) => {
    await expect(predict(spiral, `${row}\n`)).rejects.toThrow(`stdin line 1: ${words}`);
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

test('a bad row in a file names the file and line; the rows before it are answered', async () => {
  const file = join(dir, 'bad.csv');
  writeFileSync(file, '1,2\n3,4\n5,x\n');
  const rt = fakeRuntime();
  await expect(predictCommand(spiral, file, {}, rt)).rejects.toThrow(`${file} line 3: value 2 (x2) is not a finite number ("x")`);
  expect(rt.out().trim().split('\n')).toHaveLength(3);
});

import { Matrix } from '@backprop/core';
import { expect, test } from 'vitest';
import { parseCSV } from './csv.js';
import { generate, toyDatasetNames } from './generate.js';
import { toCSV } from './to-csv.js';
import type { Dataset } from './types.js';

const target = (d: Dataset): number[] => (d.task === 'classification' ? Array.from(d.y) : Array.from(d.Y.data));

test.each(toyDatasetNames)('%s → toCSV → parseCSV gives back the same bits, labels and names', (name) => {
  for (const dtype of ['float32', 'float64'] as const) {
    const d = generate(name, { samples: 200, noise: 0.4, seed: 11, dtype });
    const back = parseCSV(toCSV(d), { dtype, task: d.task, name });
    expect(back).toMatchObject({ task: d.task, name, featureNames: d.featureNames });
    expect(back.X.data).toEqual(d.X.data);
    expect(target(back)).toEqual(target(d));
    if (d.task === 'classification' && back.task === 'classification') expect(back.classNames).toEqual(d.classNames);
  }
});

test('float32 numbers use the fewest digits that read back exactly; -0 keeps its sign', () => {
  const X = new Matrix(1, 3, Float32Array.from([0.1, -0, 1 / 3]));
  const text = toCSV({ task: 'regression', name: 't', X, Y: Matrix.zeros(1, 1), featureNames: ['a', 'b', 'c'], targetNames: ['y'] });
  expect(text).toBe('a,b,c,y\n0.1,-0,0.33333334,0\n');
  expect(Object.is(parseCSV(text, { task: 'regression' }).X.data[1], -0)).toBe(true);
});

test('names with commas, quotes or outer spaces are quoted', () => {
  const d = {
    task: 'classification',
    name: 't',
    X: Matrix.from([[1], [2]]),
    y: Int32Array.from([0, 1]),
    classes: 2,
    classNames: ['a, b', 'say "hi"'],
    featureNames: [' x '],
  } as const;
  const text = toCSV(d);
  expect(text).toBe('" x ",label\n1,"a, b"\n2,"say ""hi"""\n');
  const back = parseCSV(text);
  expect(back.featureNames).toEqual([' x ']);
  expect(back.task === 'classification' && back.classNames).toEqual(['a, b', 'say "hi"']);
});

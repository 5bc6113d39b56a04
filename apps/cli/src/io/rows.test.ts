import { expect, test } from 'vitest';
import { headerColumns, parseRow } from './rows.js';

const xy = { width: 2, features: ['x1', 'x2'] };
const bare = { width: 2 };

test('CSV, JSON arrays and JSON objects are rows', () => {
  expect(parseRow('0.5, -1', { source: 'stdin', line: 1 }, xy)).toEqual([0.5, -1]);
  expect(parseRow('0.5;-1', { source: 'stdin', line: 1 }, xy)).toEqual([0.5, -1]);
  expect(parseRow('[0.5, -1]', { source: 'stdin', line: 1 }, xy)).toEqual([0.5, -1]);
  expect(parseRow('{"x1": 0.5, "x2": -1}', { source: 'stdin', line: 1 }, xy)).toEqual([0.5, -1]);
});

test('JSON objects are mapped by feature name, not by key order', () => {
  expect(parseRow('{"x2": -1, "x1": 0.5}', { source: 'stdin', line: 1 }, xy)).toEqual([0.5, -1]);
  expect(() => parseRow('{"a": 1, "b": 2}', { source: 'stdin', line: 3 }, xy)).toThrow('stdin line 3: expected the model\'s features as keys: x1, x2, got the unknown keys "a", "b"');
  expect(() => parseRow('{"x1": 1}', { source: 'stdin', line: 3 }, xy)).toThrow('stdin line 3: expected the model\'s features as keys: x1, x2, got no key "x2"');
  expect(() => parseRow('{"x1": 1, "x2": 2}', { source: 'stdin', line: 1 }, bare)).toThrow('stdin line 1: expected an array of 2 numbers (this model stores no feature names to read a JSON object by), got a JSON object');
  expect(() => parseRow('{"x1": 1, "x2": "a"}', { source: 'stdin', line: 1 }, xy)).toThrow('stdin line 1, key "x2": expected a finite number, got "a"');
});

test('bad rows name the line and the problem', () => {
  expect(() => parseRow('1,2,3', { source: 'stdin', line: 4 }, xy)).toThrow("stdin line 4: expected 2 columns (the model's inputs), got 3");
  expect(() => parseRow('1,abc', { source: 'stdin', line: 2 }, xy)).toThrow('stdin line 2, column 2 (x2): expected a finite number, got "abc"');
  expect(() => parseRow('1,', { source: 'stdin', line: 2 }, xy)).toThrow('stdin line 2, column 2 (x2): expected a finite number, got an empty cell');
  expect(() => parseRow('[1,', { source: 'stdin', line: 3 }, xy)).toThrow('stdin line 3: expected valid JSON, got a parse error');
  expect(() => parseRow('[1, 1e400]', { source: 'stdin', line: 3 }, xy)).toThrow('stdin line 3, column 2 (x2): expected a finite number, got Infinity');
});

test('a first line is a header only when it cannot be numbers and names the model features', () => {
  expect(headerColumns('x1,x2', xy)).toEqual([0, 1]);
  expect(headerColumns('x2,label,x1', xy)).toEqual([2, 0]);
  for (const line of ['1,2', '[1,2]', '0.5 1', 'NaN,1', '1e400,1', 'a,b', 'x1,y']) expect(headerColumns(line, xy)).toBeUndefined();
  expect(headerColumns('x1,x2', bare)).toBeUndefined();
  // Not a header, so it fails as data, and the message says what a header would need.
  expect(() => parseRow('NaN,1', { source: 'stdin', line: 1 }, xy)).toThrow('stdin line 1, column 1 (x1): expected a finite number, got "NaN" (a header line must name the model\'s features: x1, x2)');
  expect(() => parseRow('0.5 1', { source: 'stdin', line: 1 }, xy)).toThrow('stdin line 1: expected 2 columns');
  // A typo in a row of numbers is not taken for a header.
  const xyzw = { width: 4, features: ['a', 'b', 'c', 'd'] };
  expect(() => parseRow('6.7,3.0,x,2.3', { source: 'stdin', line: 1 }, xyzw)).toThrow(/^stdin line 1, column 3 \(c\): expected a finite number, got "x"$/);
  expect(() => parseRow('1e400,1', { source: 'stdin', line: 1 }, xy)).toThrow('column 1 (x1): expected a finite number, got "1e400"');
});

test('a header may reorder the columns', () => {
  const columns = headerColumns('x2,x1', xy)!;
  expect(parseRow('5,7', { source: 'stdin', line: 2 }, xy, undefined, columns)).toEqual([7, 5]);
});

import { expect, test } from 'vitest';
import { isHeader, parseRow } from './rows.js';

test('CSV, JSON arrays and JSON objects are rows', () => {
  expect(parseRow('0.5, -1', 1, 2)).toEqual([0.5, -1]);
  expect(parseRow('[0.5, -1]', 1, 2)).toEqual([0.5, -1]);
  expect(parseRow('{"x1": 0.5, "x2": -1}', 1, 2)).toEqual([0.5, -1]);
});

test('bad rows name the line and the problem', () => {
  expect(() => parseRow('1,2,3', 4, 2)).toThrow('stdin line 4: expected 2 values');
  expect(() => parseRow('1,abc', 2, 2)).toThrow('stdin line 2: value 2 is not a finite number ("abc")');
  expect(() => parseRow('[1,', 3, 2)).toThrow('stdin line 3: not valid JSON');
});

test('a header line is recognised', () => {
  expect(isHeader('x1,x2')).toBe(true);
  expect(isHeader('1,2')).toBe(false);
  expect(isHeader('[1,2]')).toBe(false);
});

import { expect, test } from 'vitest';
import { smallTestNote } from './Counters.js';

test('fewer than 20 test rows: a note in plain words beside the accuracy (each row is 50 % of it on 2 rows)', () => {
  expect(smallTestNote(2, 'classification')).toBe('Only 2 test rows: too few for the accuracy to say much about new data (each row is 50 %). Use more rows (20 or more in the test part).');
  expect(smallTestNote(1, 'classification')).toMatch(/^Only 1 test row: .* \(each row is 100 %\)/);
  expect(smallTestNote(3, 'classification')).toMatch(/each row is 33\.3 %/);
  expect(smallTestNote(5, 'regression')).toBe('Only 5 test rows: too few for the test loss to say much about new data. Use more rows (20 or more in the test part).');
  expect(smallTestNote(0, 'classification')).toMatch(/^No test rows/);
  expect(smallTestNote(20, 'classification')).toBeNull();
  expect(smallTestNote(undefined, undefined)).toBeNull();
});

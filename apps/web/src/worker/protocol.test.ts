import { expect, test } from 'vitest';
import { isToWorker } from './protocol.js';

test('the worker accepts only known message types', () => {
  expect(isToWorker({ type: 'play' })).toBe(true);
  expect(isToWorker({ type: 'step', unit: 'epoch' })).toBe(true);
  expect(isToWorker({ type: 'hack' })).toBe(false);
  expect(isToWorker(null)).toBe(false);
  expect(isToWorker('play')).toBe(false);
});

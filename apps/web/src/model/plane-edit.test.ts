import { expect, test } from 'vitest';
import { describeOutput, labelFor, moveCursor, nearestPoint, roundTo } from './plane-edit.js';

const none = { shift: false, ctrl: false, secondary: false };

test('labels follow the modifiers, the task and the number of classes', () => {
  expect(labelFor(none, 'classification', 2)).toBe(0);
  expect(labelFor({ ...none, shift: true }, 'classification', 2)).toBe(1);
  expect(labelFor({ ...none, secondary: true }, 'classification', 2)).toBe(1);
  expect(labelFor({ ...none, ctrl: true }, 'classification', 2)).toBe(0); // no class 2 to add
  expect(labelFor({ ...none, ctrl: true, shift: true }, 'classification', 3)).toBe(2);
  expect(labelFor(none, 'regression', undefined)).toBe(-1);
  expect(labelFor({ ...none, shift: true }, 'regression', undefined)).toBe(1);
});

test('the nearest point within the radius wins; none in reach gives −1', () => {
  const pts = Float32Array.of(0, 0, 1, 1, 1.2, 1.1);
  expect(nearestPoint(pts, 1.15, 1.1, 0.3)).toBe(2);
  expect(nearestPoint(pts, 0.9, 0.95, 0.3)).toBe(1);
  expect(nearestPoint(pts, 3, 3, 0.3)).toBe(-1);
  expect(nearestPoint(new Float32Array(0), 0, 0, 1)).toBe(-1);
});

test('arrow keys move the cursor by 0.25 (Shift: 1), clamped to the plane', () => {
  expect(moveCursor({ x: 0, y: 0 }, 'ArrowRight', false)).toEqual({ x: 0.25, y: 0 });
  expect(moveCursor({ x: 0, y: 0 }, 'ArrowUp', true)).toEqual({ x: 0, y: 1 });
  expect(moveCursor({ x: 5.5, y: -5.9 }, 'ArrowRight', true)).toEqual({ x: 6, y: -5.9 });
  expect(moveCursor({ x: 0, y: -5.9 }, 'ArrowDown', false)).toEqual({ x: 0, y: -6 });
  expect(moveCursor({ x: 0, y: 0 }, 'Enter', false)).toBeUndefined();
});

test('the output is described as the network computed it', () => {
  expect(describeOutput([0.25], 'regression')).toBe('ŷ = 0.2500');
  expect(describeOutput([0.75], 'classification')).toBe('P(class 1) = 0.7500 → class 1');
  expect(describeOutput([0.1, 0.7, 0.2], 'classification')).toBe('P(class 0…2) = (0.1000, 0.7000, 0.2000) → class 1');
});

test('on a fitted view the cursor steps and stays in the view, in its units, and distances scale each axis', () => {
  const view = { cx: 200, cy: 0.003, hx: 120, hy: 0.0024 };
  expect(moveCursor({ x: 200, y: 0.003 }, 'ArrowRight', false, view)).toEqual({ x: 205, y: 0.003 });
  expect(moveCursor({ x: 200, y: 0.003 }, 'ArrowUp', true, view)).toEqual({ x: 200, y: 0.0034 });
  expect(moveCursor({ x: 310, y: 0.003 }, 'ArrowRight', true, view)).toEqual({ x: 320, y: 0.003 });
  // 1 unit of x is far; 0.0001 of y (1/24 of the view's height) is near, on this view.
  expect(nearestPoint([200, 0.0031], 200, 0.003, 10, view)).toBe(0);
  expect(nearestPoint([215, 0.003], 200, 0.003, 10, view)).toBe(-1);
  expect(roundTo(0.1 + 0.2, 0.01)).toBe(0.3);
  expect(roundTo(1234.5678, 10)).toBe(1230);
});

test("a CSV's output at a point is read by its classes' names", () => {
  expect(describeOutput([0.25, 0.75], 'classification', ['big', 'small'])).toBe('P(big, small) = (0.2500, 0.7500) → small');
  expect(describeOutput([0.25], 'classification', ['no', 'yes'])).toBe('P(yes) = 0.2500 → no');
  // Names that do not fit the outputs are not used.
  expect(describeOutput([0.1, 0.7, 0.2], 'classification', ['a', 'b'])).toBe('P(class 0…2) = (0.1000, 0.7000, 0.2000) → class 1');
});

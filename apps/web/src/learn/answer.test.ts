import { describe, expect, test } from 'vitest';
import { agrees, judge, parseAnswer } from './answer.js';

describe('parseAnswer', () => {
  test('reads the ways people type numbers', () => {
    expect(parseAnswer('0.123')).toBe(0.123);
    expect(parseAnswer(' −0.5 ')).toBe(-0.5);
    expect(parseAnswer('-.25')).toBe(-0.25);
    expect(parseAnswer('1,5')).toBe(1.5);
    expect(parseAnswer('1.2e-3')).toBe(0.0012);
    expect(parseAnswer('1.2×10^-3')).toBe(0.0012);
    expect(parseAnswer('3')).toBe(3);
  });
  test('refuses what is not one number', () => {
    for (const t of ['', 'abc', '1/3', '0.1.2', '--1', 'NaN', 'Infinity']) expect(parseAnswer(t)).toBeNull();
  });
});

describe('agrees to three significant digits', () => {
  test('a rounded or longer answer is right', () => {
    expect(agrees(0.123, 0.12345)).toBe(true);
    expect(agrees(0.12345678, 0.12345)).toBe(true);
    expect(agrees(-1.24, -1.2351)).toBe(true);
    expect(agrees(4.56e-5, 4.5612e-5)).toBe(true);
  });
  test('the third digit must be right', () => {
    expect(agrees(0.124, 0.12345)).toBe(false);
    expect(agrees(0.12, 0.12345)).toBe(false);
    expect(agrees(1.23, 0.123)).toBe(false);
    expect(agrees(-0.123, 0.123)).toBe(false);
  });
  test('on a rounding boundary both neighbours pass (half a unit of the third digit)', () => {
    expect(agrees(0.123, 0.1235)).toBe(true);
    expect(agrees(0.124, 0.1235)).toBe(true);
  });
  test('an answer of 0 wants |typed| < 5e-4', () => {
    expect(agrees(0, 0)).toBe(true);
    expect(agrees(0.0004, 0)).toBe(true);
    expect(agrees(0.001, 0)).toBe(false);
  });
});

describe('judge', () => {
  test('names a flipped sign, a near miss and unreadable text', () => {
    expect(judge('0.5', -0.5)).toMatchObject({ ok: false, signFlipped: true });
    expect(judge('0.505', 0.5)).toMatchObject({ ok: false, close: true, signFlipped: false });
    expect(judge('x', 0.5)).toMatchObject({ ok: false, unreadable: true });
    expect(judge('0.500', 0.5)).toMatchObject({ ok: true });
  });
});

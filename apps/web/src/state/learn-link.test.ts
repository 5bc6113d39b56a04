import { describe, expect, test } from 'vitest';
import { decodeWeights, defaultLearn, encodeWeights, learnFromSearch, learnToSearch } from './learn-link.js';

describe("Learn's keys in the link", () => {
  test('round-trip a lesson, step, network, sample, exercise, weights and the depth settings', () => {
    const l = { lesson: 'graph', step: 7, net: 'preset' as const, sample: 12, exercise: 3, weights: encodeWeights([0.5, -1.25]), depth: 20, scale: 2.5 };
    const p = new URLSearchParams('data=xor');
    learnToSearch(l, p);
    expect(p.get('data')).toBe('xor');
    expect(learnFromSearch(p)).toEqual(l);
  });
  test('defaults write nothing; an empty link reads the defaults', () => {
    const p = new URLSearchParams();
    learnToSearch(defaultLearn, p);
    expect(p.toString()).toBe('');
    expect(learnFromSearch(p)).toEqual(defaultLearn);
  });
  test('a hand-edited link falls back field by field', () => {
    const l = learnFromSearch(new URLSearchParams('lesson=99&step=-2&lnet=x&ls=abc&ex=1.5&lw=!!&ddepth=500&dscale=-1'));
    expect(l).toEqual({ ...defaultLearn });
  });
  test('weights survive base64url exactly as float32', () => {
    const w = Float32Array.from([0.1, -3.5e-8, 1234.5678, 0]);
    expect(decodeWeights(encodeWeights(w))).toEqual(w);
    expect(decodeWeights('')).toBeNull();
    expect(decodeWeights('abc')).toBeNull();
  });
});

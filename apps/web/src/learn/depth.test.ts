import { describe, expect, test } from 'vitest';
import { depthExperiment, describeDepth } from './depth.js';

describe('the vanishing-gradient experiment', () => {
  test('a deep logistic stack shrinks ‖∇W_k‖ towards the input far more than a ReLU stack does', () => {
    const [logistic, relu] = depthExperiment({ depth: 10, width: 8, scale: 1, seed: 1 });
    expect(logistic.norms).toHaveLength(11);
    expect(relu.norms).toHaveLength(11);
    const drop = (n: readonly number[]) => n[n.length - 1]! / n[0]!;
    expect(drop(logistic.norms)).toBeGreaterThan(1000);
    expect(drop(relu.norms)).toBeLessThan(100);
    expect(describeDepth([logistic, relu])).toMatch(/times smaller/);
  });
  test('scaling the initial weights up makes the ReLU stack explode instead', () => {
    const [, base] = depthExperiment({ depth: 10, width: 8, scale: 1, seed: 1 });
    const runs = depthExperiment({ depth: 10, width: 8, scale: 2.5, seed: 1 });
    const [, relu] = runs;
    relu.norms.forEach((v, k) => void expect(v).toBeGreaterThan(1000 * base.norms[k]!));
    expect(describeDepth(runs)).toMatch(/exploding/);
  });
  test('same seed, same numbers', () => {
    expect(depthExperiment({ depth: 4, width: 4, scale: 1, seed: 9 })).toEqual(depthExperiment({ depth: 4, width: 4, scale: 1, seed: 9 }));
  });
});

import { describe, expect, test } from 'vitest';
import { Network, accuracy, classificationReport, confusionMatrix, mae, mse, r2, regressionReport, rmse } from './index.js';

describe('classification metrics (worked example)', () => {
  // truth 0 0 1 1 1 2; predicted 0 1 1 1 0 2
  const t = [0, 0, 1, 1, 1, 2];
  const p = [0, 1, 1, 1, 0, 2];
  test('accuracy 4/6 and the confusion matrix (rows = truth)', () => {
    expect(accuracy(t, p)).toBeCloseTo(4 / 6, 15);
    expect(confusionMatrix(t, p)).toEqual([[1, 1, 0], [1, 2, 0], [0, 0, 1]]);
  });
  test('per class: P₀ = 1/2, R₀ = 1/2; P₁ = 2/3, R₁ = 2/3; P₂ = R₂ = 1', () => {
    const r = classificationReport(t, p, 4);
    expect(r.perClass[0]).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(r.perClass[1]!.f1).toBeCloseTo(2 / 3, 15);
    expect(r.perClass[2]).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(r.perClass[3]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(r.macro.f1).toBeCloseTo((0.5 + 2 / 3 + 1 + 0) / 4, 15);
  });
  test('bad labels are typed errors', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(/yPred: expected 2 labels/);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/yTrue\[1\]/);
  });
});

describe('regression metrics (worked example)', () => {
  // errors: 0.5, −0.5, 1, 0 → MSE = 1.5/4 = 0.375, MAE = 2/4 = 0.5; ȳ = 2.5, SS_tot = 5, SS_res = 1.5 → R² = 0.7
  const t = [1, 2, 3, 4];
  const p = [1.5, 1.5, 4, 4];
  test('MSE, MAE, RMSE, R²', () => {
    expect(mse(t, p)).toBe(0.375);
    expect(mae(t, p)).toBe(0.5);
    expect(rmse(t, p)).toBe(Math.sqrt(0.375));
    expect(r2(t, p)).toBeCloseTo(0.7, 15);
    expect(regressionReport([[1, 0], [2, 0]], [[1, 0], [2, 1]]).r2).toBe(0.5); // a constant column missed scores 0
  });
});

describe('Network.evaluate', () => {
  test('classifier: loss + classification report; regressor: loss + regression report', () => {
    const clf = Network.create({ inputs: 2, layers: [{ units: 4 }], output: { units: 3, fn: 'softmax' }, seed: 1 });
    const X = [[0, 1], [1, 0], [1, 1], [0, 0]];
    const e = clf.evaluate(X, [0, 1, 2, 0]);
    expect(e.loss).toBeCloseTo(clf.loss(X, [0, 1, 2, 0]), 6);
    expect(e.samples).toBe(4);
    expect(e.classification!.confusion).toHaveLength(3);
    expect(e.regression).toBeUndefined();
    const reg = Network.create({ inputs: 2, output: { units: 1, fn: 'linear' }, seed: 1, dtype: 'float64' });
    const r = reg.evaluate(X, [[1], [2], [3], [4]]);
    expect(r.loss).toBeCloseTo(r.regression!.mse, 12); // one output: SPEC's loss is the MSE
    expect(r.classification).toBeUndefined();
  });
});

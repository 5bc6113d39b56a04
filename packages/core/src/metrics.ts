import { BackpropError, describe } from './errors.js';
import { Matrix } from './matrix.js';

/** Class indices, one per sample. */
export type Labels = ArrayLike<number>;

/** Precision, recall and F1 of one class (0 when undefined, as scikit-learn's `zero_division=0`). */
export interface ClassMetrics {
  /** TP / (TP + FP): of the samples predicted as this class, the fraction that are. */
  readonly precision: number;
  /** TP / (TP + FN): of the samples of this class, the fraction found. */
  readonly recall: number;
  /** 2PR / (P + R). */
  readonly f1: number;
  /** Samples of this class in the truth. */
  readonly support: number;
}

/** Everything about a classifier's predictions. */
export interface ClassificationReport {
  readonly accuracy: number;
  /** confusion[t][p] = samples of true class t predicted as p. */
  readonly confusion: readonly (readonly number[])[];
  /** Index c is class c. */
  readonly perClass: readonly ClassMetrics[];
  /** Unweighted means over classes. */
  readonly macro: { readonly precision: number; readonly recall: number; readonly f1: number };
}

/** Regression errors, averaged over every entry (all outputs, all samples); R² averaged over outputs. */
export interface RegressionReport {
  readonly mse: number;
  readonly mae: number;
  readonly rmse: number;
  /** 1 − SS_res / SS_tot per output, then the mean (scikit-learn's `uniform_average`; a constant column scores 1 if predicted exactly, else 0). */
  readonly r2: number;
}

function checkLabels(yTrue: Labels, yPred: Labels, classes?: number): void {
  if (yTrue.length !== yPred.length) throw new BackpropError('shape_mismatch', 'yPred', `${yTrue.length} labels (as many as yTrue)`, String(yPred.length));
  if (yTrue.length === 0) throw new BackpropError('empty_batch', 'yTrue', 'at least one label', '0');
  for (const [name, y] of [['yTrue', yTrue], ['yPred', yPred]] as const) {
    for (let i = 0; i < y.length; i++) {
      const c = y[i]!;
      if (!Number.isInteger(c) || c < 0 || (classes !== undefined && c >= classes)) {
        throw new BackpropError('label_out_of_range', `${name}[${i}]`, `an integer class index${classes === undefined ? ' ≥ 0' : ` in [0, ${classes})`}`, describe(c));
      }
    }
  }
}

/** Fraction of positions where the labels agree. */
export function accuracy(yTrue: Labels, yPred: Labels): number {
  checkLabels(yTrue, yPred);
  let n = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) n++;
  return n / yTrue.length;
}

/** confusion[t][p] counts samples of true class t predicted as p; `classes` defaults to 1 + the largest label. */
export function confusionMatrix(yTrue: Labels, yPred: Labels, classes?: number): number[][] {
  checkLabels(yTrue, yPred, classes);
  let k = classes ?? 0;
  if (classes === undefined) for (let i = 0; i < yTrue.length; i++) k = Math.max(k, yTrue[i]! + 1, yPred[i]! + 1);
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]!]![yPred[i]!]!++;
  return m;
}

/**
 * Accuracy, confusion matrix and per-class precision / recall / F1.
 * @example classificationReport([0, 1, 1], [0, 1, 0]).perClass[1]?.recall  // 0.5
 */
export function classificationReport(yTrue: Labels, yPred: Labels, classes?: number): ClassificationReport {
  const confusion = confusionMatrix(yTrue, yPred, classes);
  const k = confusion.length;
  const perClass: ClassMetrics[] = [];
  let correct = 0;
  for (let c = 0; c < k; c++) {
    const tp = confusion[c]![c]!;
    correct += tp;
    let predicted = 0;
    for (let t = 0; t < k; t++) predicted += confusion[t]![c]!;
    const support = confusion[c]!.reduce((a, b) => a + b, 0);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    perClass.push({ precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, support });
  }
  const mean = (f: (m: ClassMetrics) => number): number => perClass.reduce((s, m) => s + f(m), 0) / Math.max(1, k);
  return {
    accuracy: correct / yTrue.length,
    confusion,
    perClass,
    macro: { precision: mean((m) => m.precision), recall: mean((m) => m.recall), f1: mean((m) => m.f1) },
  };
}

/** Targets or predictions of a regression metric: a Matrix (N × outputs), nested rows, or one number per sample. */
export type Values = Matrix | readonly (readonly number[])[] | ArrayLike<number>;

function asMatrix(argument: string, v: Values): Matrix {
  if (v instanceof Matrix) return v;
  if (Array.isArray(v) && Array.isArray(v[0])) return Matrix.from(v as number[][], 'float64', argument);
  const a = v as ArrayLike<number>;
  if (typeof a !== 'object' || a === null || typeof a.length !== 'number') throw new BackpropError('invalid_argument', argument, 'numbers, rows of numbers or a Matrix', describe(v));
  return Matrix.from(Array.from(a, (x) => [x]), 'float64', argument);
}

/** MSE, MAE, RMSE and R² of predictions against targets (vectors, rows of numbers or matrices of one shape). */
export function regressionReport(yTrue: Values, yPred: Values): RegressionReport {
  const t = asMatrix('yTrue', yTrue);
  const p = asMatrix('yPred', yPred);
  if (t.rows !== p.rows || t.cols !== p.cols) throw new BackpropError('shape_mismatch', 'yPred', `${t.rows} × ${t.cols} (the shape of yTrue)`, `${p.rows} × ${p.cols}`);
  if (t.rows === 0) throw new BackpropError('empty_batch', 'yTrue', 'at least one row', '0 rows');
  let se = 0;
  let ae = 0;
  for (let i = 0; i < t.data.length; i++) {
    const d = p.data[i]! - t.data[i]!;
    if (!Number.isFinite(d)) throw new BackpropError('non_finite', 'yPred', 'finite values', describe(d));
    se += d * d;
    ae += Math.abs(d);
  }
  let r2 = 0;
  for (let j = 0; j < t.cols; j++) {
    let mean = 0;
    for (let r = 0; r < t.rows; r++) mean += t.get(r, j) / t.rows;
    let ssTot = 0;
    let ssRes = 0;
    for (let r = 0; r < t.rows; r++) {
      const dt = t.get(r, j) - mean;
      ssTot += dt * dt;
      const dr = t.get(r, j) - p.get(r, j);
      ssRes += dr * dr; // products, not **: Math.pow may round differently across engines
    }
    r2 += ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0;
  }
  const mse = se / t.data.length;
  return { mse, mae: ae / t.data.length, rmse: Math.sqrt(mse), r2: r2 / t.cols };
}

/** Mean squared error over every entry. */
export const mse = (yTrue: Values, yPred: Values): number => regressionReport(yTrue, yPred).mse;
/** Mean absolute error over every entry. */
export const mae = (yTrue: Values, yPred: Values): number => regressionReport(yTrue, yPred).mae;
/** √MSE. */
export const rmse = (yTrue: Values, yPred: Values): number => regressionReport(yTrue, yPred).rmse;
/** Coefficient of determination, averaged over outputs. */
export const r2 = (yTrue: Values, yPred: Values): number => regressionReport(yTrue, yPred).r2;

/** What {@link Network.evaluate} returns: the loss plus the report that fits the network's task. */
export interface Evaluation {
  /** Mean loss over the samples (plus the regularization penalty, when one is given). */
  readonly loss: number;
  readonly samples: number;
  /** For softmax and single-logistic outputs. */
  readonly classification: ClassificationReport | undefined;
  /** For linear outputs (regression). */
  readonly regression: RegressionReport | undefined;
  /** For several logistic outputs (multi-label): per-label precision / recall at ŷ ≥ 0.5. */
  readonly multiLabel?: MultiLabelReport;
}

// Multi-label classification (several logistic outputs).

/** Multi-label classification (logistic outputs, one independent yes / no per output) scored per label. */
export interface MultiLabelReport {
  /** The ŷ ≥ threshold cut used. */
  readonly threshold: number;
  /** Index j is output (label) j: precision, recall and F1 of its yes / no, support = rows where it is on. */
  readonly perLabel: readonly ClassMetrics[];
  /** Unweighted means over labels. */
  readonly macro: { readonly precision: number; readonly recall: number; readonly f1: number };
  /** Fraction of rows whose every label is right (scikit-learn's accuracy_score on label sets). */
  readonly subsetAccuracy: number;
  /** Fraction of (row, label) pairs that are wrong. */
  readonly hammingLoss: number;
}

/** Per-row label sets: ŷ_rj ≥ threshold → label j on (1), else off (0). */
export function thresholdLabels(yHat: Matrix, threshold: number): Uint8Array[] {
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold < 1)) throw new BackpropError('invalid_argument', 'threshold', 'a number in (0, 1)', String(threshold));
  return Array.from({ length: yHat.rows }, (_, r) => Uint8Array.from(yHat.data.subarray(r * yHat.cols, (r + 1) * yHat.cols), (p) => (p >= threshold ? 1 : 0)));
}

/** Scores predicted label sets against targets Y (N × labels, entries 0 / 1; a target ≥ 0.5 counts as on). */
export function multiLabelReport(Y: Matrix, predicted: readonly Uint8Array[], threshold: number): MultiLabelReport {
  const K = Y.cols;
  const tp = new Array<number>(K).fill(0);
  const fp = new Array<number>(K).fill(0);
  const fn = new Array<number>(K).fill(0);
  let exact = 0;
  let wrong = 0;
  predicted.forEach((row, r) => {
    let all = true;
    for (let j = 0; j < K; j++) {
      const t = Y.data[r * K + j]! >= 0.5 ? 1 : 0;
      const p = row[j]!;
      if (t && p) tp[j]!++;
      else if (p) fp[j]!++;
      else if (t) fn[j]!++;
      if (t !== p) {
        all = false;
        wrong++;
      }
    }
    if (all) exact++;
  });
  const perLabel = tp.map((t, j) => {
    const precision = t + fp[j]! > 0 ? t / (t + fp[j]!) : 0;
    const recall = t + fn[j]! > 0 ? t / (t + fn[j]!) : 0;
    return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, support: t + fn[j]! };
  });
  const mean = (f: (m: ClassMetrics) => number): number => perLabel.reduce((s, m) => s + f(m), 0) / K;
  return {
    threshold,
    perLabel,
    macro: { precision: mean((m) => m.precision), recall: mean((m) => m.recall), f1: mean((m) => m.f1) },
    subsetAccuracy: exact / predicted.length,
    hammingLoss: wrong / (predicted.length * K),
  };
}

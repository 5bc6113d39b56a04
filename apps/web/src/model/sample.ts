import type { FeatureName } from '../state/config.js';
import { applyFeatures } from '../state/features.js';
import type { DataSummary } from '../worker/protocol.js';

/** One training sample as the network sees it: its row index, input features x (n₀) and target row y (n_L). */
export interface Sample {
  readonly index: number;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/**
 * Training sample `i` of 2-D data, with `features` applied and the target in the network's output layout
 * (one-hot for several outputs, the label itself for one, standardized when the page standardizes the target).
 * Undefined when the data has no points or no row i.
 */
export function sampleOf(data: DataSummary | undefined, features: readonly FeatureName[], i: number, outputs: number): Sample | undefined {
  if (!data?.trainPoints || !data.trainLabels || i < 0 || i >= data.trainCount) return undefined;
  const x = Array.from(applyFeatures([data.trainPoints[2 * i]!, data.trainPoints[2 * i + 1]!], features));
  const label = data.trainLabels[i]!;
  // A standardized target is what the network learns: (y − mean) / std (the model it is walked with is unfolded too).
  const t = data.targetScaler;
  if (data.task === 'regression' && t) return { index: i, x, y: [(label - t.offset[0]!) / t.scale[0]!] };
  if (data.task === 'regression' || outputs === 1) return { index: i, x, y: [label] };
  return { index: i, x, y: Array.from({ length: outputs }, (_, c) => (c === label ? 1 : 0)) };
}

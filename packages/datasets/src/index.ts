// @backprop/datasets: the public surface. Browser-safe; `readCSV` lives in `@backprop/datasets/node`.

/** A dataset: `ClassificationDataset` (`X`, class indices `y`) or `RegressionDataset` (`X`, targets `Y`); the same type as `@backprop/core`'s, so `net.fit(dataset)` takes it. */
export type { ClassificationDataset, Dataset, RegressionDataset } from './types.js';

/** Options of every 2-D playground set: `{ samples, noise (0–1), seed, dtype }`; unknown keys are errors. */
export type { ToyOptions } from './playground.js';

/** Four quadrants labelled by the sign of x1·x2 (TensorFlow Playground's "exclusive or"). */
export { xor } from './toy.js';

/** A disc (class 1) inside a ring (class 0). */
export { circle } from './toy.js';

/** Two gaussian clouds whose spread grows with noise. */
export { gaussians } from './toy.js';

/** Two interleaved spiral arms. */
export { spiral } from './toy.js';

/** Three interleaved spiral arms. */
export { spiral3 } from './toy.js';

/** Regression on a tilted plane, y = (x1 + x2) / 10. */
export { plane } from './regression.js';

/** Regression on a gaussian bump at the origin. */
export { bump } from './regression.js';

/** Name of a playground set, for {@link generate}. */
export type { ToyDatasetName } from './generate.js';

/** Every playground set's name, classification first; generates a set by name. */
export { generate, toyDatasetNames } from './generate.js';

/** Options of {@link parseCSV}: label column, task, header, delimiter, class names. */
export type { CsvOptions } from './csv.js';

/** Parses CSV text into a dataset (browser-safe; typed errors name line and column). */
export { parseCSV } from './csv.js';

/** A problem in CSV text (a `BackpropError`): its 1-based `line`, `column` and header name `columnName`. */
export { CsvError } from './csv-error.js';

/** The wording of CSV problems, for readers of CSV rows of their own (the `backprop` CLI's predict): place, expected side, a cell. */
export { csvPlace, csvExpected, describeCell } from './csv-error.js';

/** Writes a dataset as CSV text that `parseCSV` reads back to the same numbers. */
export { toCSV } from './to-csv.js';

/** Options and result of {@link trainTestSplit}. */
export type { SplitOptions, TrainTestSplit } from './split.js';

/** Seeded (and, for classes, stratified) train / test split of a dataset, as scikit-learn's `train_test_split`. */
export { trainTestSplit } from './split.js';

// One Dataset type for the whole toolkit: it lives in @backprop/core (whose fit, train, steps, evaluate and
// validationData take it as it is), and this package returns exactly that.
export type { ClassificationDataset, Dataset, RegressionDataset } from '@backprop/core';

import { type Inputs, type TrainTargets, type TrainingData, unpackData } from './dataset.js';
import { type Evaluation, classificationReport, multiLabelReport, regressionReport, thresholdLabels } from './metrics.js';
import { Matrix } from './matrix.js';
import type { NetworkHandle } from './handle.js';
import { checkDataset, classCount, prepareTargets } from './preprocessing.js';
import type { Regularization } from './regularization.js';
import { classesOf, taskOf } from './train/index.js';

// Scoring a network on a data set: the body of Network.evaluate, one report per kind of output.

/** What scoring needs of a network (its predict and loss), without importing Network (no import cycle). */
interface Scored extends NetworkHandle {
  predict(X: Inputs): Matrix;
  loss(X: Inputs, Y: TrainTargets, regularization?: Regularization): number;
}

/**
 * Loss and the task's report: `classification` for softmax and single-logistic outputs, `multiLabel` for
 * several logistic outputs (one yes / no per label), `regression` for linear outputs. Only the one that
 * fits the output is filled in: a multi-label network's 0 / 1 targets are not regression targets.
 */
export function evaluateNetwork(net: Scored, a: Inputs | TrainingData, b?: TrainTargets | Regularization, c?: Regularization): Evaluation {
  const isData = typeof a === 'object' && a !== null && !Array.isArray(a) && !(a instanceof Matrix) && 'X' in a;
  const { X, Y } = checkDataset(net, 'data', isData ? unpackData('data', a) : { X: a as Inputs, Y: b as TrainTargets, classNames: undefined });
  const regularization = (isData ? b : c) as Regularization | undefined;
  const yHat = net.predict(X);
  const y = prepareTargets(net, 'Y', Y, yHat.rows);
  const task = taskOf(net);
  const multi = net.output === 'logistic' && net.outputs > 1;
  return {
    loss: net.loss(X, Y, regularization),
    samples: yHat.rows,
    classification: task ? classificationReport(classesOf(y), classesOf(yHat), classCount(net)) : undefined,
    regression: task || multi ? undefined : regressionReport(y, yHat),
    ...(multi ? { multiLabel: multiLabelReport(y, thresholdLabels(yHat, 0.5), 0.5) } : {}),
  };
}

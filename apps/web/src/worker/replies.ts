import type { Network } from '@backprop/core';
import type { PreparedData } from '../model/data.js';
import type { FromWorker } from './protocol.js';
import type { Trainer } from './trainer.js';

// The worker's answers that are not training: a prediction for the page, and whether an imported model fits the data.

/**
 * The worker's answer to a prediction request: ŷ, or an empty array with the reason when there is no
 * network yet (the page asks as soon as it draws) or the input does not fit it, so no request waits forever.
 */
export function predictionReply(trainer: Pick<Trainer, 'net' | 'predict'> | undefined, id: number, input: Float32Array): Extract<FromWorker, { type: 'prediction' }> {
  const none = (message: string) => ({ type: 'prediction', id, probabilities: new Float32Array(0), message }) as const;
  if (!trainer) return none('no network yet');
  if (input.length !== trainer.net.inputs) return none(`the network takes ${trainer.net.inputs} inputs, got ${input.length}`);
  return { type: 'prediction', id, probabilities: trainer.predict(input) };
}

/**
 * Why an imported network cannot train on this data (widths, or class names it was trained with that are
 * not the data's: the core's fit refuses those), or undefined when it can.
 */
export function importProblem(net: Pick<Network, 'inputs' | 'outputs' | 'preprocessing'>, data: PreparedData, outputs: number): string | undefined {
  if (net.inputs !== data.inputs || net.outputs !== outputs) return `the model has ${net.inputs} inputs and ${net.outputs} outputs; this data needs ${data.inputs} and ${outputs}`;
  const theirs = net.preprocessing?.labels;
  const ours = data.classNames;
  if (theirs && ours && (theirs.length !== ours.length || theirs.some((l, i) => l !== ours[i]))) return `the model's classes are ${theirs.join(', ')}; this data's are ${ours.join(', ')}`;
  return undefined;
}

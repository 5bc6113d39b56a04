import type { OutputName } from '@backprop/core';
import type { ChainChoices, LinearChain } from '@backprop/interop';
import type { DataSummary } from '../worker/protocol.js';

// What the chain dialog offers for a bare PyTorch safetensors file. Reading the chain and building its
// spec are @backprop/interop's (inspectSafetensors, chainSpec), shared with `backprop import`; only the
// choices that depend on the page (the current data set) live here. Type-only imports keep interop
// (protobufjs inside) out of the page until a file is dropped.

/** The dialog's answer: both choices made. */
export type DialogChoices = Required<ChainChoices>;

/** Output functions that make sense for n_L outputs: softmax needs at least two. */
export function outputChoices(chain: LinearChain): readonly OutputName[] {
  return chain.units.at(-1)! > 1 ? ['softmax', 'logistic', 'linear'] : ['linear', 'logistic'];
}

/** relu between Linears; softmax for more than one output when the current data is classification, identity otherwise. */
export function defaultChoices(chain: LinearChain, data: DataSummary | undefined): DialogChoices {
  return { activation: 'relu', output: chain.units.at(-1)! > 1 && data?.task === 'classification' ? 'softmax' : 'linear' };
}

/** `2-8-3`: the widths n_0 … n_L. */
export const chainWidths = (chain: LinearChain): string => [chain.inputs, ...chain.units].join('-');

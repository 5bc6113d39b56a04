import { optimizerNames } from '@backprop/core';
import { nextSeed, type Regularization } from '../state/config.js';
import type { ControlProps } from './DatasetControls.js';
import { NumberInput, Select } from './inputs.js';

const RATES = ['0.00001', '0.0001', '0.001', '0.003', '0.01', '0.03', '0.1', '0.3', '1', '3', '10'] as const;
const REG_RATES = ['0', '0.001', '0.003', '0.01', '0.03', '0.1', '0.3', '1', '3', '10'] as const;

/** Nesterov's look-ahead needs a momentum (the core refuses 0, as PyTorch's SGD does): the box says so before training does. */
const NESTEROV_MIN_MOMENTUM = 0.001;

const withValue = <T extends string>(list: readonly T[], v: string): string[] => (list.includes(v as T) ? [...list] : [...list, v].sort((a, b) => Number(a) - Number(b)));

/** Learning rate, optimizer and its momentum, L1/L2 and rate, seed: all but the seed apply live. */
export function TrainingControls({ config, update, shown }: ControlProps) {
  return (
    <fieldset className="panel">
      <legend>Training</legend>
      {shown('learningRate') ? (
        <Select label="Learning rate η" value={String(config.learningRate)} options={withValue(RATES, String(config.learningRate))} testId="learning-rate" onChange={(v) => update({ learningRate: Number(v) })} />
      ) : null}
      {shown('optimizer') ? (
        <>
          <Select label="Optimizer" value={config.optimizer} options={optimizerNames} testId="optimizer" onChange={(optimizer) => update(optimizer === 'nesterov' && config.momentum === 0 ? { optimizer, momentum: 0.9 } : { optimizer })} />
          {config.optimizer === 'momentum' || config.optimizer === 'nesterov' ? (
            <NumberInput label="Momentum μ" testId="momentum" value={config.momentum} min={config.optimizer === 'nesterov' ? NESTEROV_MIN_MOMENTUM : 0} max={0.999} step={0.05} why={config.optimizer === 'nesterov' ? "Nesterov's look-ahead needs some momentum; at 1 or more, past steps never fade" : 'at 1 or more, past steps never fade and training blows up'} onChange={(momentum) => update({ momentum })} />
          ) : null}
        </>
      ) : null}
      {shown('regularization') ? (
        <>
          <Select<Regularization> label="Regularization" value={config.regularization} options={['none', 'l1', 'l2']} names={{ none: 'None', l1: 'L1', l2: 'L2' }} testId="regularization" onChange={(regularization) => update({ regularization })} />
          <Select label="Regularization rate λ" value={String(config.regularizationRate)} options={withValue(REG_RATES, String(config.regularizationRate))} onChange={(v) => update({ regularizationRate: Number(v) })} />
        </>
      ) : null}
      {shown('seed') ? (
        <div className="row">
          <NumberInput label="Weight seed" value={config.seed} min={0} max={2 ** 32 - 1} step={1} integer why="the seeded generator takes 32-bit seeds" testId="seed" onChange={(seed) => update({ seed })} />
          <button type="button" data-testid="new-weights" title="New initial weights; the data stays" onClick={() => update({ seed: nextSeed(config.seed) })}>
            New weights
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}

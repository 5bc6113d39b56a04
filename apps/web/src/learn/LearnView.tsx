import type { NetworkJSON } from '@backprop/core';
import type { Sample } from '../model/sample.js';
import type { PlaygroundConfig } from '../state/config.js';
import type { DataSummary, Snapshot } from '../worker/protocol.js';
import { Tex } from '../components/Tex.js';

/**
 * What a lesson gets from the playground (the Learn mode passes all of it; the component is loaded lazily).
 */
export interface LearnViewProps {
  /**
   * The training network as it is now, weights included (the JSON the CLI reads), or null while it is being
   * fetched. It follows the network: after a rebuild (a unit, layer, feature or dataset changed) it is
   * replaced by the new one.
   */
  readonly model: NetworkJSON | null;
  /** Steps trained since `model` was taken (0 while it is current); `refresh()` takes the current network. */
  readonly behind: number;
  /** Takes the current network again (pausing training when `pause`). */
  readonly refresh: (pause: boolean) => void;
  /** The user's settings: dataset, features, layers and activations, output and loss, learning rate η … */
  readonly config: PlaygroundConfig;
  /** The data the network trains on (2-D points and labels for the planar sets; counts only for MNIST). */
  readonly data: DataSummary | undefined;
  /** The latest training snapshot (weights, losses, the heatmap grid, each hidden unit's field). */
  readonly snapshot: Snapshot | undefined;
  /** The selected training sample as the network sees it (features applied, target in output layout); undefined when the data has no 2-D points. */
  readonly sample: Sample | undefined;
  /** Selects training sample i (shared with the step-through, and circled on the Play plot). */
  readonly setSample: (i: number) => void;
}

/** The Learn mode: the notes' derivation of backpropagation, followed on the user's own network. */
export function LearnView({ model, config, sample }: LearnViewProps) {
  const shape = model ? [model.inputs, ...model.layers.map((l) => l.units), model.output.units].join(' → ') : '…';
  return (
    <section className="panel learn" aria-labelledby="learn-title" data-testid="learn-view">
      <h2 id="learn-title">Learn: backpropagation, derived on your network</h2>
      <p>
        Your network has layers {shape} ({config.layers.length} hidden), trained with the {config.loss} loss. Backpropagation computes every
        gradient from one rule, the chain rule over paths:
      </p>
      <Tex display tex={String.raw`\nabla_{W_k}\mathcal{L}(\theta) = \nabla_{a_k}\mathcal{L}(\theta)\,h_{k-1}^{\top}`} />
      <p className="muted small">{sample ? `Training sample #${sample.index} is selected.` : 'The lessons are coming.'}</p>
    </section>
  );
}

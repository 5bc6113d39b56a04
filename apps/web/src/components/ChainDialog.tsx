import { type ActivationName, activationNames, type OutputName } from '@backprop/core';
import { useEffect, useId, useRef, useState } from 'react';
import { chainWidths, outputChoices } from '../model/safetensors-chain.js';
import type { PendingChain } from '../state/model-import.js';
import { Select } from './inputs.js';

const OUTPUT_NAMES: Readonly<Record<OutputName, string>> = {
  softmax: 'softmax: classification, one class per output',
  logistic: 'logistic (sigmoid): yes/no per output',
  linear: 'identity: regression',
};

/**
 * Asks for what a PyTorch safetensors file cannot say: the activation between its Linear layers and
 * the output function after the last one. A modal <dialog>: focus moves into it, the page behind is
 * inert, Escape (or Cancel) closes it and the page keeps its network.
 */
export function ChainDialog({ pending, onImport, onCancel }: { pending: PendingChain; onImport: (choices: { activation: ActivationName; output: OutputName }) => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  const [activation, setActivation] = useState(pending.defaults.activation);
  const [output, setOutput] = useState(pending.defaults.output);
  const { chain } = pending;
  const hidden = chain.units.length - 1;
  // Removing an open dialog from the document closes it without a `close` event, so unmounting is enough.
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="chain-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      data-testid="chain-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onClose={onCancel}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onImport({ activation, output });
        }}
      >
        <h2 id={titleId}>Import {pending.name}</h2>
        <p id={textId} className="small">
          PyTorch weights without an architecture: the tensors make a {chainWidths(chain)} chain of nn.Linear layers. Say which functions sit between them.
        </p>
        <ul className="small tensors" aria-label="Tensors in the file">
          {chain.tensors.map((t) => (
            <li key={t.name}>
              <code>{t.name}</code> [{t.shape.join(', ')}]
            </li>
          ))}
        </ul>
        {hidden > 0 ? (
          <Select label={`Activation after each of the first ${hidden} Linear layer${hidden === 1 ? '' : 's'}`} value={activation} options={activationNames} onChange={setActivation} testId="chain-activation" />
        ) : (
          <p className="small">One Linear layer: no hidden activation.</p>
        )}
        <Select label={`Output function after the last Linear (${chain.units.at(-1)} output${chain.units.at(-1) === 1 ? '' : 's'})`} value={output} options={outputChoices(chain)} names={OUTPUT_NAMES} onChange={setOutput} testId="chain-output" />
        <div className="buttons">
          <button type="button" data-testid="chain-cancel" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="chain-import">
            Import
          </button>
        </div>
      </form>
    </dialog>
  );
}

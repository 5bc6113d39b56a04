import type { Lit } from '../model/step-through.js';
import type { ControlId } from '../state/config.js';
import type { Playground } from '../state/playground-store.js';
import type { Gradcheck } from '../state/use-gradcheck.js';
import type { ModelCopy } from '../state/use-model.js';

/** What every mode's view receives from the shell. */
export interface ViewProps {
  /** The page's state and actions (config, worker client, data, latest snapshot). */
  readonly pg: Playground;
  /** False for controls classroom mode hides. */
  readonly shown: (id: ControlId) => boolean;
  /** The training sample the step-through (and Learn) walks; circled on the Play plot. */
  readonly sample: number;
  readonly setSample: (i: number) => void;
  /** What the step-through lights up in the diagram (null when nothing is). */
  readonly lit: Lit | null;
  readonly onLit: (lit: Lit | null) => void;
  /** The step-through's copy of the network (kept while other modes are open, following the network). */
  readonly stepCopy: ModelCopy;
  /** The last gradient check (kept while other modes are open, withdrawn when the network changes). */
  readonly gradcheck: Gradcheck;
  /** Imports a model file (JSON, ONNX, safetensors). */
  readonly importFile: (file: File) => void;
}

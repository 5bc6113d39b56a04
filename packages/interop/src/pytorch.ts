import type { ActivationName, Network, OutputName } from '@backprop/core';
import { partsOf } from './model-parts.js';
import { checkNetwork, checkOptions } from './options.js';

/** Options of {@link pytorchSnippet}. */
export interface PytorchSnippetOptions {
  /** Path of the safetensors file the snippet loads (default `model.safetensors`). */
  readonly file?: string;
}

/** Activation g → the torch.nn module with the same formula (SPEC §1; LeakyReLU's default slope is the core's 0.01). */
const MODULES: Readonly<Record<ActivationName, string>> = {
  logistic: 'nn.Sigmoid()',
  tanh: 'nn.Tanh()',
  relu: 'nn.ReLU()',
  'leaky-relu': 'nn.LeakyReLU(0.01)',
  linear: 'nn.Identity()',
  softplus: 'nn.Softplus()',
  elu: 'nn.ELU(alpha=1.0)',
  gelu: 'nn.GELU()',
  silu: 'nn.SiLU()',
};
const OUTPUT_MODULES: Readonly<Record<OutputName, string | undefined>> = { softmax: 'nn.Softmax(dim=-1)', logistic: 'nn.Sigmoid()', linear: undefined };

const pyList = (values: readonly number[]): string => `[${values.map((v) => (Number.isInteger(v) ? `${v}.0` : String(v))).join(', ')}]`;

/**
 * Python that rebuilds the network as `nn.Sequential(nn.Linear, activation, …)` and loads the weights
 * written by {@link toSafetensors} (with the `safetensors` package, or a 10-line reader using only torch
 * when it is not installed). With stored preprocessing it also defines `predict(x)` applying the scaler,
 * and `labels`. The loss is named in a comment (PyTorch's losses take logits: drop the final Softmax /
 * Sigmoid module to train with nn.CrossEntropyLoss / nn.BCEWithLogitsLoss).
 */
export function pytorchSnippet(net: Network, options: PytorchSnippetOptions = {}): string {
  checkNetwork('net', net);
  checkOptions('options', options, ['file']);
  const parts = partsOf(net);
  const modules: string[] = [];
  for (const l of parts.layers) {
    modules.push(`nn.Linear(${l.fanIn}, ${l.units})`);
    if (l.activation) modules.push(MODULES[l.activation]);
  }
  const out = OUTPUT_MODULES[parts.output];
  if (out) modules.push(out);
  const arch = [parts.inputs, ...parts.layers.map((l) => l.units)].join('-');
  const scaler = parts.preprocessing?.input;
  const labels = parts.preprocessing?.labels;
  const lines = [
    `# Rebuilds the backprop network ${arch} (output ${parts.output}, trained with ${parts.loss}) in PyTorch and loads its weights.`,
    '# Module indices match the safetensors names: Linear layers at 0, 2, 4, …, activations at the odd indices.',
    'import json, struct',
    'import torch',
    'from torch import nn',
    '',
    'try:',
    '    from safetensors.torch import load_file',
    'except ImportError:  # the same format, read with torch alone',
    '    def load_file(path):',
    "        with open(path, 'rb') as f:",
    '            data = f.read()',
    "        (n,) = struct.unpack('<Q', data[:8])",
    '        header = json.loads(data[8:8 + n])',
    "        header.pop('__metadata__', None)",
    "        types = {'F32': torch.float32, 'F64': torch.float64}",
    "        return {k: torch.frombuffer(bytearray(data[8 + n + v['data_offsets'][0]:8 + n + v['data_offsets'][1]]), dtype=types[v['dtype']]).reshape(v['shape'])",
    '                for k, v in header.items()}',
    '',
    'model = nn.Sequential(',
    ...modules.map((m) => `    ${m},`),
    ')',
    `model.load_state_dict(load_file(${JSON.stringify(options.file ?? 'model.safetensors')}))`,
    'model.eval()',
  ];
  if (scaler) {
    lines.push(
      '',
      `# The ${scaler.kind} input scaler stored with the model: x' = (x - offset) / scale.`,
      `offset = torch.tensor(${pyList(scaler.offset)}, dtype=torch.float64)`,
      `scale = torch.tensor(${pyList(scaler.scale)}, dtype=torch.float64)`,
    );
  }
  lines.push(
    '',
    '',
    'def predict(x):',
    `    """y-hat for raw inputs x (N x ${parts.inputs}), as backprop's predict."""`,
    '    x = torch.as_tensor(x, dtype=torch.float64)',
    `    with torch.no_grad():`,
    `        return model((${scaler ? '(x - offset) / scale' : 'x'}).to(next(model.parameters()).dtype))`,
  );
  if (labels) lines.push('', '', `labels = ${JSON.stringify(labels)}  # class c of the output is labels[c]`);
  return `${lines.join('\n')}\n`;
}

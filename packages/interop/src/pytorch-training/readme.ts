import type { TrainingFolderJSON } from './folder.js';

/** The README.md of an exported folder: what is in it, the exact commands, and the way back. */
export function folderReadme(f: TrainingFolderJSON): string {
  const t = f.training;
  const arch = [f.architecture.inputs, ...f.architecture.layers.map((l) => `${l.units} ${l.activation}`), `${f.architecture.output.units} ${f.architecture.output.fn}`].join(' → ');
  const data = f.data ? '' : ' --x X.npy --y Y.npy';
  return `# A backprop training run, continued in PyTorch

Network ${arch} (${f.architecture.dtype}, loss ${f.architecture.output.loss}), ${t.optimizer.name} (torch.optim.${t.optimizer.torch.class}),
schedule ${f.schedule.config.name}, stopped at epoch ${t.epoch}${t.position > 0 ? ` + ${t.position} batches` : ''}, step ${t.iteration}; the run ends at epoch ${f.epochs}.

| file | what |
|---|---|
| \`model.safetensors\` | the weights, nn.Sequential names (\`0.weight\`, \`0.bias\`, \`2.weight\`, …) |
| \`optimizer.safetensors\` | torch.optim's per-parameter state (\`0.weight.exp_avg\`, …), step count in training.json |
| \`training.json\` | the rest: optimizer and schedule (with their torch.optim / lr_scheduler twins), position, shuffling state, history |
| \`train.py\` | trains exactly as backprop does and writes the three files back |
${f.data ? '| `X.npy`, `Y.npy` | the training rows (raw inputs; the stored scaler is applied by train.py) |\n' : ''}${f.validation ? '| `Xval.npy`, `Yval.npy` | the validation set, evaluated after every epoch (history' + (f.earlyStopping ? ', early stopping' : '') + ') |\n' : ''}
## Continue

Needs PyTorch ≥ 1.13 and numpy (\`safetensors\` is not needed).

\`\`\`sh
python3 train.py${data} --epochs ${f.epochs}                  # one process
python3 train.py${data} --epochs ${f.epochs} --processes 4    # DistributedDataParallel, 4 processes (gloo on CPU, NCCL on CUDA)
torchrun --nproc_per_node 4 train.py${data} --epochs ${f.epochs}  # the same through torchrun
python3 train.py${data} --steps 100 --log steps.ndjson          # 100 more update steps, one JSON line per step
\`\`\`

Each epoch is shuffled with backprop's own generator (its state is in training.json), so the global batches are
the ones backprop would take. With N processes, process r takes every N-th row of each global batch (rows r, r + N, …)
and scales its loss by N / (rows in the batch): DistributedDataParallel's gradient average is then exactly the
mean over the global batch, and 1 or N processes give the same weights (to rounding).
${f.data ? '' : `
Data: \`--x X.npy --y Y.npy\` (inputs N × ${f.architecture.inputs}; targets N × ${f.architecture.output.units} or one class per row), or \`--csv FILE\` with a header and the
columns ${[...f.columns.inputs, ...f.columns.targets].join(', ')}: the ${t.samples} training rows in the order backprop trained on, raw.
`}
## Come back

\`\`\`sh
backprop import . --out checkpoint.json     # then: backprop resume checkpoint.json
\`\`\`

or \`fromPytorchTraining(files)\` from \`@backprop/interop\`, then \`Network.fromJSON(checkpoint)\` and \`fit(…, { resume: true })\`:
the optimizer state, schedule, position and history continue where PyTorch stopped.
`;
}

import { Matrix, Network, type Targets, createRng } from '@backprop/core';
import { type GradcheckReport, formatReport, gradcheck } from '@backprop/gradcheck';
import { paint } from '../color.js';
import { loadModel } from '../io/model-file.js';
import type { Runtime } from '../runtime.js';

/** A fresh network from the architecture flags (float64, as a check should be). */
function freshNetwork(flags: Record<string, unknown>): Network {
  const outputs = flags.outputs as number;
  const fn = (flags.output as 'softmax' | 'logistic' | 'linear' | undefined) ?? 'softmax';
  return Network.create({
    inputs: flags.inputs as number,
    layers: ((flags.layers as number[] | undefined) ?? [5, 4]).map((units) => ({ units, activation: (flags.activation as 'tanh' | undefined) ?? 'tanh' })),
    output: { units: outputs, fn, ...(flags.loss ? { loss: flags.loss as 'cross-entropy' } : {}) },
    seed: flags.seed as number,
    dtype: 'float64',
    ...(flags.init ? { init: flags.init as 'auto' } : {}),
  });
}

/** Seeded random inputs and matching targets for the network's output function. */
export function randomBatch(net: Network, rows: number, seed: number): { X: Matrix; Y: Targets } {
  const rng = createRng(seed + 1);
  const X = Matrix.zeros(rows, net.inputs, 'float64');
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal();
  if (net.output === 'softmax') return { X, Y: Array.from({ length: rows }, () => rng.int(net.outputs)) };
  const Y = Matrix.zeros(rows, net.outputs, 'float64');
  for (let i = 0; i < Y.data.length; i++) Y.data[i] = net.output === 'logistic' ? rng.int(2) : rng.normal();
  return { X, Y };
}

/** `backprop gradcheck [model.json]`: exit code 1 when any tensor fails. */
export async function gradcheckCommand(file: string | undefined, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const net = file ? loadModel(file) : freshNetwork(flags);
  const { X, Y } = randomBatch(net, flags.batch as number, flags.seed as number);
  const report: GradcheckReport = gradcheck(net, X, Y, { mode: (flags.mode as 'full' | undefined) ?? 'full', seed: flags.seed as number });
  if (flags.json === true) {
    const tensors = report.tensors.map(({ checks: _checks, ...rest }) => rest);
    rt.stdout.write(`${JSON.stringify({ ...report, tensors })}\n`);
  } else {
    const p = paint(rt.stdout, process.env, flags.plain === true);
    // In a terminal, fitted to its width (an 80-column one would wrap every row); a pipe gets every column.
    const width = rt.stdout.isTTY === true && rt.stdout.columns > 0 ? { width: rt.stdout.columns } : {};
    rt.stdout.write(`gradcheck ${file ?? 'a fresh network'} on ${X.rows} random rows\n${formatReport(report, width)}\n`);
    rt.stdout.write(`${report.ok ? p.green('gradients OK') : p.red('gradients FAILED')}\n`);
  }
  return report.ok ? 0 : 1;
}

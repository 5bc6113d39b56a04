import { createInterface } from 'node:readline';
import { Matrix, type Network } from '@backprop/core';
import { loadModel } from '../io/model-file.js';
import { isHeader, parseRow } from '../io/rows.js';
import type { Runtime } from '../runtime.js';

const CHUNK = 256;

/** Predictions for a batch of rows: the class (for softmax / logistic outputs) and ŷ. */
export function predictRows(net: Network, rows: readonly number[][]): { prediction: number | number[]; outputs: number[] }[] {
  const X = Matrix.from(rows, net.dtype);
  const yHat = net.predict(X);
  const classes = net.output === 'linear' ? undefined : net.classify(X);
  return rows.map((_, r) => {
    const outputs = Array.from(yHat.data.subarray(r * yHat.cols, (r + 1) * yHat.cols));
    return { prediction: classes ? classes[r]! : outputs, outputs };
  });
}

/** `backprop predict model.json`: rows on stdin, one prediction per row on stdout (CSV, or JSON lines with --json). */
export async function predictCommand(file: string, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const net = loadModel(file);
  const format = flags.format as 'csv' | 'json' | undefined;
  const json = flags.json === true;
  const classifier = net.output !== 'linear';
  const probNames = net.output === 'logistic' && net.outputs === 1 ? ['p_1'] : Array.from({ length: net.outputs }, (_, c) => (classifier ? `p_${c}` : `y_${c}`));
  if (!json) rt.stdout.write(`${[...(classifier ? ['class'] : []), ...probNames].join(',')}\n`);
  let pending: number[][] = [];
  const flush = () => {
    if (pending.length === 0) return;
    for (const { prediction, outputs } of predictRows(net, pending)) {
      if (json) rt.stdout.write(`${JSON.stringify(classifier ? { class: prediction, probabilities: outputs } : { outputs })}\n`);
      else rt.stdout.write(`${[...(classifier ? [String(prediction)] : []), ...outputs.map((v) => String(Number(v.toPrecision(6))))].join(',')}\n`);
    }
    pending = [];
  };
  const lines = createInterface({ input: rt.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '' || (lineNo === 1 && format !== 'json' && isHeader(line))) continue;
      pending.push(parseRow(line, lineNo, net.inputs, format));
      if (pending.length >= CHUNK) flush();
    }
  } finally {
    flush();
  }
  return 0;
}

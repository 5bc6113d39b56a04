import { BackpropError } from './errors.js';
import type { NetworkHandle } from './handle.js';
import type { Matrix } from './matrix.js';
import type { LayerInfo } from './network-types.js';
import type { ResolvedSpec } from './spec.js';
import { preprocessingOf } from './preprocessing.js';

// Reading a network's output the way people ask for it: probabilities by class name, and a printable summary.

/** The class names of a classifier's outputs: its `labels`, else "0", "1", …. */
export function classNamesOf(net: NetworkHandle): readonly string[] {
  const labels = preprocessingOf(net)?.labels;
  if (labels) return labels;
  const k = net.output === 'logistic' && net.outputs === 1 ? 2 : net.outputs;
  return Array.from({ length: k }, (_, c) => String(c));
}

/** Refuses `call` (classify, classifyLabels) on a network that does not pick one class per row. */
export function checkSingleLabel(net: NetworkHandle, call: string): void {
  if (net.output === 'linear') throw new BackpropError('invalid_argument', 'net.output', `a classifier's output (softmax or one logistic unit) for ${call}`, "'linear' (a regression network: use predict)");
  if (net.output === 'logistic' && net.outputs > 1) {
    throw new BackpropError('invalid_argument', 'net.output', `a classifier's output (softmax or one logistic unit) for ${call}`, `${net.outputs} logistic outputs (multi-label: use classifyMultiLabel)`);
  }
}

/** Each row of ŷ as { className: probability } (a single logistic unit gives both classes: 1 − p and p). */
export function probabilitiesByName(net: NetworkHandle, yHat: Matrix): Record<string, number>[] {
  if (net.output === 'linear') throw new BackpropError('invalid_argument', 'net.output', "a classifier's output (softmax or logistic)", "'linear' (a regression network: use predict)");
  const names = classNamesOf(net);
  return Array.from({ length: yHat.rows }, (_, r) => {
    if (net.outputs === 1 && net.output === 'logistic') {
      const p = yHat.data[r]!;
      return { [names[0]!]: 1 - p, [names[1]!]: p };
    }
    return Object.fromEntries(names.map((n, j) => [n, yHat.data[r * yHat.cols + j]!]));
  });
}

/** A printable table of the network (Keras's `model.summary()`): layers, shapes, parameters, functions, dtype, backend. */
export function summaryText(net: NetworkHandle, backend: string): string {
  const s = net.spec;
  const rows: string[][] = [['layer', 'units', 'function', 'W', 'b', 'parameters']];
  rows.push(['input', String(s.inputs), '', '', '', '0']);
  let total = 0;
  s.layers.forEach((l, i) => {
    const k = i + 1;
    const last = k === s.layers.length;
    const n = l.units * (l.fanIn + 1);
    total += n;
    rows.push([`${k} ${last ? 'output' : 'hidden'}`, String(l.units), last ? `${s.output} + ${s.loss}` : l.activation!, `${l.units} × ${l.fanIn}`, `${l.units}`, n.toLocaleString('en-US')]);
  });
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 || c === 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  const rule = '─'.repeat(line(rows[0]!).length);
  const pre = preprocessingOf(net);
  const extras = [pre?.input ? `input scaler ${pre.input.kind}` : '', pre?.labels ? `classes ${pre.labels.join(', ')}` : ''].filter(Boolean);
  return [
    line(rows[0]!),
    rule,
    ...rows.slice(1).map(line),
    rule,
    `${total.toLocaleString('en-US')} parameters · ${s.dtype} · backend ${backend} · seed ${s.seed}${extras.length ? ` · ${extras.join(' · ')}` : ''}`,
  ].join('\n');
}

/** Layers 1 … L of a spec with widths, activations and parameter counts. */
export function layersOf(s: ResolvedSpec): readonly LayerInfo[] {
  return s.layers.map((l, i) => ({
    layer: i + 1,
    units: l.units,
    fanIn: l.fanIn,
    activation: l.activation ?? s.output,
    kind: l.activation ? 'hidden' : 'output',
    parameters: l.units * (l.fanIn + 1),
  }));
}

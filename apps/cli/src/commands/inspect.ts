import type { Network } from '@backprop/core';
import { count, num, printable } from '../format.js';
import { loadModel } from '../io/model-file.js';
import type { Runtime } from '../runtime.js';
import { table } from '../table.js';
import { architecture } from './run-context.js';

/** Summary statistics of a tensor. */
export interface TensorStats {
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  readonly norm: number;
}

export function tensorStats(values: ArrayLike<number>): TensorStats {
  let sum = 0;
  let sq = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    sum += v;
    sq += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const n = values.length || 1;
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(0, sq / n - mean * mean)), min, max, norm: Math.sqrt(sq) };
}

/** Per-layer architecture, parameter counts and weight statistics. */
export function describeModel(net: Network) {
  const params = net.parameters();
  return {
    architecture: architecture(net),
    inputs: net.inputs,
    outputs: net.outputs,
    output: net.output,
    loss: net.lossName,
    dtype: net.dtype,
    parameters: net.flat.length,
    ...(net.metadata ? { metadata: net.metadata } : {}),
    layers: net.layers.map((l) => ({
      layer: l.layer,
      kind: l.kind,
      shape: [l.units, l.fanIn] as const,
      activation: l.activation,
      parameters: l.parameters,
      W: tensorStats(params.find((p) => p.name === `W${l.layer}`)!.values),
      b: tensorStats(params.find((p) => p.name === `b${l.layer}`)!.values),
    })),
  };
}

/** Metadata entries shown by name; the rest are counted (`--json` lists every one). A file may carry 64 keys of 1024 characters. */
export const MAX_FACTS = 8;

const HEADER = ['layer', 'W shape', 'activation', 'params', 'W mean', 'W std', 'W min', 'W max', '‖W‖₂', 'b mean', 'b std'] as const;
const chars = (line: string) => [...line].length;
const fitsIn = (lines: readonly string[], width: number) => lines.every((line) => chars(line) < width);
const cut = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, Math.max(1, max - 1)).join('')}…` : text);

/**
 * Parts joined by ` · ` into lines narrower than `width` (a terminal's columns; a line as wide as the
 * terminal wraps in some): the first line starts with `first`, the others with `indent`; a part too long
 * for a line of its own is cut with …. Without a width, one line.
 */
export function pack(first: string, parts: readonly string[], width?: number, indent = '  '): string[] {
  if (width === undefined) return [`${first}${parts.join(' · ')}`];
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const part of parts) {
    const room = width - 1 - chars(empty ? line : `${line} · `);
    // A part that fits a line of its own goes to the next line rather than being cut (after the label too).
    if (chars(part) > room && (!empty || (line !== indent && chars(part) <= width - 1 - chars(indent)))) {
      lines.push(line.trimEnd());
      line = indent;
      empty = true;
    }
    const piece = cut(part, width - 1 - chars(line) - (empty ? 0 : 3));
    line = empty ? `${line}${piece}` : `${line} · ${piece}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/**
 * The per-layer table, fitted to `width`: whole when it fits (always without a width: a pipe or a file gets
 * every column); else the architecture and the statistics as two tables; else one block per layer, its
 * statistics as name-value pairs, so no line wraps in a narrow terminal.
 */
function layerTable(rows: readonly (readonly string[])[], width?: number): string[] {
  const whole = table(HEADER, rows);
  if (width === undefined || fitsIn(whole, width)) return whole;
  const pick = (columns: readonly number[]) => table(columns.map((c) => HEADER[c]!), rows.map((r) => columns.map((c) => r[c]!)));
  const shapes = pick([0, 1, 2, 3]);
  const stats = pick([0, 4, 5, 6, 7, 8, 9, 10]);
  if (fitsIn(shapes, width) && fitsIn(stats, width)) return [...shapes, '', ...stats];
  return rows.flatMap((r, i) => [
    ...(i > 0 ? [''] : []),
    ...pack(`layer ${r[0]} · `, [`W ${r[1]}`, r[2]!, `${r[3]} params`], width),
    ...pack('  ', HEADER.slice(4).map((name, c) => `${name} ${r[c + 4]}`), width),
  ]);
}

/** The summary as text lines, fitted to `width` columns when given (a terminal); without it, every column on one line each (a pipe). */
export function inspectLines(file: string, net: Network, width?: number): string[] {
  const d = describeModel(net);
  const rows = d.layers.map((l) => [
    String(l.layer),
    `${l.shape[0]}×${l.shape[1]}`,
    l.activation,
    count(l.parameters),
    num(l.W.mean),
    num(l.W.std),
    num(l.W.min),
    num(l.W.max),
    num(l.W.norm),
    num(l.b.mean),
    num(l.b.std),
  ]);
  // The recorded data set first (`backprop train` writes it), then any other metadata, as key value.
  const m = d.metadata;
  // Values come from the file (an imported model's metadata may be anyone's): one line, no control characters.
  const all = m ? [...(typeof m.dataset === 'string' ? [printable(m.dataset)] : []), ...Object.entries(m).filter(([k]) => k !== 'dataset').map(([k, v]) => `${printable(k, 40)} ${printable(String(v))}`)] : [];
  // A file may carry 64 entries of 1024 characters: the first few by name, the others counted.
  const facts = all.length > MAX_FACTS ? [...all.slice(0, MAX_FACTS), `… ${all.length - MAX_FACTS} more (backprop inspect --json lists them all)`] : all;
  return [
    ...pack(`${file}: `, [d.architecture, `loss ${d.loss}`, d.dtype, `${count(d.parameters)} parameters`], width),
    ...(facts.length > 0 ? pack(`${typeof m?.dataset === 'string' ? 'trained on' : 'metadata'}: `, facts, width) : []),
    '',
    ...layerTable(rows, width),
  ];
}

/** `backprop inspect model.json`. */
export async function inspectCommand(file: string, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const net = loadModel(file);
  if (flags.json === true) rt.stdout.write(`${JSON.stringify({ file, ...describeModel(net) })}\n`);
  // In a terminal, fitted to its width (a narrow one gets the table in parts); a pipe gets every column.
  else rt.stdout.write(`${inspectLines(file, net, rt.stdout.isTTY === true && rt.stdout.columns > 0 ? rt.stdout.columns : undefined).join('\n')}\n`);
  return 0;
}

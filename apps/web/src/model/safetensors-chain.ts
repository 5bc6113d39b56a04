import { type ActivationName, BackpropError, type NetworkSpec, type OutputName } from '@backprop/core';
import type { DataSummary } from '../worker/protocol.js';

// A safetensors file saved by PyTorch (`save_file(model.state_dict(), 'm.safetensors')`) holds tensors
// but not the architecture. For nn.Sequential(Linear, act, Linear, act, …, Linear) the tensors still say
// the widths: `0.weight` is n_1 × n_0 (nn.Linear.weight's out × in layout), `0.bias` n_1, `2.weight`
// n_2 × n_1, … What no tensor says is which activation sits at the odd indices and which output
// function follows the last Linear: the page asks for those, then calls fromSafetensors(bytes, spec),
// the same call as `backprop import --spec`.

/** One tensor as the header lists it. */
export interface TensorShape {
  readonly name: string;
  readonly shape: readonly number[];
}

/** The Linear chain the tensors describe: n_0, then n_1 … n_L (n_L = the outputs). */
export interface LinearChain {
  readonly inputs: number;
  readonly units: readonly number[];
  /** The tensors in chain order (`0.weight`, `0.bias`, `2.weight`, …), for showing to the user. */
  readonly tensors: readonly TensorShape[];
}

/**
 * What a safetensors header says: `described` when fromSafetensors(bytes) needs nothing more (our
 * `__metadata__.architecture`; also an unreadable header, whose typed error fromSafetensors reports),
 * else the Linear chain of a PyTorch-saved file.
 */
export type SafetensorsContent = { readonly kind: 'described' } | { readonly kind: 'chain'; readonly chain: LinearChain };

/** What the user chooses for a bare chain: g for every hidden layer, and the output function O. */
export interface ChainChoices {
  readonly activation: ActivationName;
  readonly output: OutputName;
}

const NAME = /^(0|[1-9]\d*)\.(weight|bias)$/;

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const fail = (argument: string, expected: string, actual: string): never => {
  throw new BackpropError('corrupt_model', argument, expected, actual);
};

/** The JSON header, or undefined when it is not a readable one (fromSafetensors then says why). */
function headerOf(bytes: Uint8Array): Record<string, unknown> | undefined {
  if (bytes.length < 8) return undefined;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (length > BigInt(bytes.length - 8)) return undefined;
  try {
    const header: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + Number(length))));
    return typeof header === 'object' && header !== null && !Array.isArray(header) ? (header as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The tensor's shape as listed, or a typed error naming it. */
function shapeOf(name: string, entry: unknown): readonly number[] {
  const shape = (entry as { shape?: unknown } | null)?.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d > 0)) {
    return fail(`tensor "${name}".shape`, 'a list of positive sizes', JSON.stringify(shape)?.slice(0, 60) ?? 'none');
  }
  return shape as number[];
}

/**
 * Reads the tensors of an nn.Sequential of Linear layers with one activation module between them
 * (indices 0, 2, 4, …) and checks that the shapes chain: `W_k` is n_k × n_(k−1), `b_k` is n_k, and
 * each Linear takes the previous one's outputs. Anything else throws a BackpropError naming the
 * offending tensor with its shape and what the chain needed there.
 * @example inspectSafetensors(bytes) // { kind: 'chain', chain: { inputs: 4, units: [8, 3], tensors: [...] } }
 */
export function inspectSafetensors(bytes: Uint8Array): SafetensorsContent {
  const header = headerOf(bytes);
  if (!header) return { kind: 'described' };
  const metadata = header.__metadata__ as Record<string, unknown> | undefined;
  if (typeof metadata?.architecture === 'string') return { kind: 'described' };
  const byIndex = new Map<number, { weight?: readonly number[]; bias?: readonly number[] }>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const shape = shapeOf(name, entry);
    const match = NAME.exec(name);
    if (!match) {
      fail(`tensor "${name}" ${shapeText(shape)}`, 'an nn.Sequential Linear parameter named <index>.weight or <index>.bias (save the Sequential itself: save_file(seq.state_dict(), …))', 'another name');
    }
    const index = Number(match![1]);
    const kind = match![2] as 'weight' | 'bias';
    if (kind === 'weight' && shape.length !== 2) fail(`tensor "${name}" ${shapeText(shape)}`, 'a Linear weight: 2-D, out × in', `${shape.length}-D (not a Linear layer)`);
    byIndex.set(index, { ...byIndex.get(index), [kind]: shape });
  }
  if (byIndex.size === 0) return fail('tensors', 'the weights of nn.Sequential Linear layers (0.weight, 0.bias, 2.weight, …)', 'no tensors');
  const tensors: TensorShape[] = [];
  const units: number[] = [];
  let previous: TensorShape | undefined;
  const sorted = [...byIndex.entries()].sort(([a], [b]) => a - b);
  for (const [i, [index, { weight, bias }]] of sorted.entries()) {
    if (!weight) return fail(`tensor "${index}.bias" ${shapeText(bias!)}`, `a "${index}.weight" beside it`, 'none');
    const w: TensorShape = { name: `${index}.weight`, shape: weight };
    if (index !== 2 * i) {
      fail(`tensor "${w.name}" ${shapeText(weight)}`, `Linear ${i + 1} at index ${2 * i} (nn.Sequential alternating Linear and one activation: 0, 2, 4, …)`, `index ${index}`);
    }
    const [out, fanIn] = weight as [number, number];
    if (previous && fanIn !== previous.shape[0]) {
      fail(`tensor "${w.name}" ${shapeText(weight)}`, `[n, ${previous.shape[0]}] (its inputs are the ${previous.shape[0]} outputs of "${previous.name}" ${shapeText(previous.shape)})`, shapeText(weight));
    }
    if (!bias) return fail(`tensor "${index}.bias"`, `the bias of "${w.name}" ${shapeText(weight)}, shape [${out}] (Linear(bias=False) is not supported)`, 'none');
    if (bias.length !== 1 || bias[0] !== out) fail(`tensor "${index}.bias" ${shapeText(bias)}`, `[${out}] (the rows of "${w.name}" ${shapeText(weight)})`, shapeText(bias));
    tensors.push(w, { name: `${index}.bias`, shape: bias });
    units.push(out);
    previous = w;
  }
  return { kind: 'chain', chain: { inputs: tensors[0]!.shape[1]!, units, tensors } };
}

/** Output functions that make sense for n_L outputs: softmax needs at least two. */
export function outputChoices(chain: LinearChain): readonly OutputName[] {
  return chain.units.at(-1)! > 1 ? ['softmax', 'logistic', 'linear'] : ['linear', 'logistic'];
}

/** relu between Linears; softmax for more than one output when the current data is classification, identity otherwise. */
export function defaultChoices(chain: LinearChain, data: DataSummary | undefined): ChainChoices {
  return { activation: 'relu', output: chain.units.at(-1)! > 1 && data?.task === 'classification' ? 'softmax' : 'linear' };
}

/** The spec fromSafetensors needs: the widths from the tensors, the functions from the user (loss: O's natural one). */
export function chainSpec(chain: LinearChain, choices: ChainChoices): NetworkSpec {
  const hidden = chain.units.slice(0, -1).map((units) => ({ units, activation: choices.activation }));
  return { inputs: chain.inputs, layers: hidden, output: { units: chain.units.at(-1)!, fn: choices.output } };
}

/** `2-8-3`: the widths n_0 … n_L. */
export const chainWidths = (chain: LinearChain): string => [chain.inputs, ...chain.units].join('-');

import { type ActivationName, activationNames, BackpropError, MAX_PARAMETERS, type NetworkSpec, type OutputName, outputNames } from '@backprop/core';
import type { Bytes } from './bytes.js';
import { SafetensorsError, safetensorsFail } from './errors.js';
import { checkOptions, describeValue } from './options.js';
import { readHeader } from './safetensors.js';
import { checkNames, linearModules, type SafetensorsNames } from './safetensors-names.js';

// A safetensors file saved by PyTorch (`save_file(model.state_dict(), 'm.safetensors')`) holds tensors
// but not the architecture. For nn.Sequential(Linear, act, Linear, act, …, Linear) the tensors still say
// the widths: `0.weight` is n_1 × n_0 (nn.Linear.weight's out × in layout), `0.bias` n_1, `2.weight`
// n_2 × n_1, … What no tensor says is which activation sits at the odd indices and which output
// function follows the last Linear: the caller asks for those (a dialog, CLI flags), then calls
// fromSafetensors(bytes, chainSpec(chain, choices)).

/** One tensor as the safetensors header lists it. */
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

/** What the tensors cannot say about a bare chain: g for every hidden layer, and the output function O. */
export interface ChainChoices {
  /** Activation between the Linear layers (default `relu`). */
  readonly activation?: ActivationName;
  /** Output function after the last Linear (default `softmax` for more than one output, else `linear`). */
  readonly output?: OutputName;
}


const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const fail = (argument: string, expected: string, actual: string): never => safetensorsFail('corrupt_model', argument, expected, actual);

/** The tensor's shape as listed, or a typed error naming it. */
function shapeOf(name: string, entry: unknown): readonly number[] {
  const shape = (entry as { shape?: unknown } | null)?.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d > 0)) {
    return fail(`tensor "${name}".shape`, 'a list of positive sizes', JSON.stringify(shape)?.slice(0, 60) ?? 'none');
  }
  return shape as number[];
}

/** The header, or undefined when it is unreadable: fromSafetensors(bytes) then reports why, with the same typed error. */
function headerOrUndefined(bytes: Bytes): Record<string, unknown> | undefined {
  try {
    return readHeader(bytes).header;
  } catch (e) {
    if (e instanceof SafetensorsError && e.code === 'corrupt_model') return undefined;
    throw e;
  }
}

/**
 * Tells a described safetensors file from a bare PyTorch one, and reads the widths of the latter: the
 * Linear layers of a state_dict as PyTorch names them — an nn.Sequential with one activation module
 * between Linears (`0.weight`, `2.weight`, …), a Sequential attribute (`net.0.weight`, `net.2.weight`), a
 * ModuleList (`layers.0.weight`, `layers.1.weight`), named modules (`fc1.weight`, `fc2.weight`) in natural
 * order, or the modules listed in `options.names` — checking that the shapes chain (`W_k` is n_k × n_(k−1), `b_k` is n_k). Anything else throws a
 * {@link SafetensorsError} (`corrupt_model`) naming the offending tensor, its shape and what the chain
 * needed there.
 * @example
 * const content = inspectSafetensors(bytes);   // { kind: 'chain', chain: { inputs: 4, units: [8, 3], tensors: [...] } }
 * const net = content.kind === 'chain' ? fromSafetensors(bytes, chainSpec(content.chain, { activation: 'tanh' })) : fromSafetensors(bytes);
 * @prelude const bytes = torchStateDict; // a bare 4 → 8 → 3 nn.Sequential state_dict
 */
export function inspectSafetensors(bytes: Bytes, options: SafetensorsNames = {}): SafetensorsContent {
  checkOptions('options', options, ['names']);
  const names = checkNames(options.names);
  const header = headerOrUndefined(bytes);
  if (!header) return { kind: 'described' };
  const metadata = header.__metadata__ as Record<string, unknown> | undefined;
  if (typeof metadata?.architecture === 'string') return { kind: 'described' };
  const shapes = new Map<string, readonly number[]>();
  for (const [name, entry] of Object.entries(header)) if (name !== '__metadata__') shapes.set(name, shapeOf(name, entry));
  if (shapes.size === 0) return fail('tensors', 'the weights of Linear layers (0.weight, 0.bias, 2.weight, … or fc1.weight, fc1.bias, …)', 'no tensors');
  const modules = linearModules([...shapes.keys()], names);
  // A bare nn.Sequential (names 0, 2, 4, …) alternates Linear and one activation module: a gap is another module.
  const sequential = !names && modules.every((m) => /^(0|[1-9]\d*)$/.test(m));
  const tensors: TensorShape[] = [];
  const units: number[] = [];
  let previous: TensorShape | undefined;
  for (const [i, module] of modules.entries()) {
    const weight = shapes.get(`${module}.weight`);
    const bias = shapes.get(`${module}.bias`);
    if (!weight) return fail(`tensor "${module}.bias" ${shapeText(bias ?? [])}`, `a "${module}.weight" beside it`, 'none');
    const w: TensorShape = { name: `${module}.weight`, shape: weight };
    if (weight.length !== 2) fail(`tensor "${w.name}" ${shapeText(weight)}`, 'a Linear weight: 2-D, out × in', `${weight.length}-D (not a Linear layer)`);
    if (sequential && Number(module) !== 2 * i) {
      fail(`tensor "${w.name}" ${shapeText(weight)}`, `Linear ${i + 1} at index ${2 * i} (nn.Sequential alternating Linear and one activation: 0, 2, 4, …)`, `index ${module}`);
    }
    const [out, fanIn] = weight as [number, number];
    if (previous && fanIn !== previous.shape[0]) {
      const hint = names || sequential ? '' : '; if the modules do not sort in chain order, list them: { names: [...] }';
      fail(`tensor "${w.name}" ${shapeText(weight)}`, `[n, ${previous.shape[0]}] (its inputs are the ${previous.shape[0]} outputs of "${previous.name}" ${shapeText(previous.shape)}${hint})`, shapeText(weight));
    }
    if (!bias) return fail(`tensor "${module}.bias"`, `the bias of "${w.name}" ${shapeText(weight)}, shape [${out}] (Linear(bias=False) is not supported)`, 'none');
    if (bias.length !== 1 || bias[0] !== out) fail(`tensor "${module}.bias" ${shapeText(bias)}`, `[${out}] (the rows of "${w.name}" ${shapeText(weight)})`, shapeText(bias));
    tensors.push(w, { name: `${module}.bias`, shape: bias });
    units.push(out);
    previous = w;
  }
  return { kind: 'chain', chain: { inputs: tensors[0]!.shape[1]!, units, tensors } };
}

/** A width as the core accepts it: an integer in [1, MAX_PARAMETERS]. */
const isWidth = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= MAX_PARAMETERS;

/** Validates a {@link LinearChain} given by a caller (it need not come from inspectSafetensors). */
function checkChain(chain: unknown): asserts chain is LinearChain {
  if (typeof chain !== 'object' || chain === null || Array.isArray(chain)) {
    throw new BackpropError('invalid_argument', 'chain', 'a LinearChain { inputs, units, tensors } (from inspectSafetensors)', describeValue(chain));
  }
  const { inputs, units } = chain as Partial<LinearChain>;
  if (!isWidth(inputs)) throw new BackpropError('invalid_argument', 'chain.inputs', `an integer in [1, ${MAX_PARAMETERS}]`, describeValue(inputs));
  if (!Array.isArray(units) || units.length === 0) throw new BackpropError('invalid_argument', 'chain.units', 'a non-empty array of layer widths (n_1 … n_L)', describeValue(units));
  const bad = units.findIndex((n) => !isWidth(n));
  if (bad >= 0) throw new BackpropError('invalid_argument', `chain.units[${bad}]`, `an integer in [1, ${MAX_PARAMETERS}]`, describeValue(units[bad]));
}

/**
 * The {@link NetworkSpec} fromSafetensors needs for a bare chain: the widths from the tensors, the
 * functions from `choices` (defaults: `relu`; `softmax` for more than one output, else `linear`; the
 * loss is the output's natural one). Unknown keys and names outside the core's lists throw
 * `invalid_option` listing the valid ones.
 * @example chainSpec(chain, { activation: 'tanh', output: 'softmax' })  // { inputs: 4, layers: [{ units: 8, activation: 'tanh' }], output: { units: 3, fn: 'softmax' } }
 * @prelude const content = inspectSafetensors(torchStateDict); // a bare 4 → 8 → 3 nn.Sequential state_dict
 * if (content.kind !== 'chain') throw new Error(content.kind);
 * const { chain } = content;
 */
export function chainSpec(chain: LinearChain, choices: ChainChoices = {}): NetworkSpec {
  checkChain(chain);
  checkOptions('choices', choices, ['activation', 'output']);
  const outputs = chain.units.at(-1)!;
  const activation = choices.activation ?? 'relu';
  const output = choices.output ?? (outputs > 1 ? 'softmax' : 'linear');
  if (!activationNames.includes(activation)) throw new BackpropError('invalid_option', 'choices.activation', `one of ${activationNames.join(', ')}`, String(activation));
  if (!outputNames.includes(output)) throw new BackpropError('invalid_option', 'choices.output', `one of ${outputNames.join(', ')}`, String(output));
  const hidden = chain.units.slice(0, -1).map((units) => ({ units, activation }));
  return { inputs: chain.inputs, layers: hidden, output: { units: outputs, fn: output } };
}

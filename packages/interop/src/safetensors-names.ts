import { BackpropError } from '@backprop/core';
import { safetensorsFail } from './errors.js';
import { describeValue } from './options.js';

// Which tensors are Linear k's weight and bias. PyTorch names parameters after the module attributes:
// `0.weight` (a bare nn.Sequential), `net.2.bias` (a Sequential in a module), `layers.0.weight`
// (a ModuleList), `fc1.weight` (the classic hand-written MLP). The Linear layers are the distinct
// prefixes before `.weight` / `.bias`, in natural order (numbers compared as numbers: fc2 < fc10,
// layers.2 < layers.10), or in the order the caller lists them.

/** Options naming the Linear modules of a state_dict in chain order, when their names do not sort that way. */
export interface SafetensorsNames {
  /** Module names (tensor names without `.weight` / `.bias`), first layer first: e.g. `['encoder', 'head']`. */
  readonly names?: readonly string[];
}

const PARAMETER = /^(.+)\.(weight|bias)$/;

/** Natural order: digit runs compare as numbers, the rest as strings. */
function naturalCompare(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [x, y] = [pa[i]!, pb[i]!];
    if (x === y) continue;
    const numeric = i % 2 === 1;
    return numeric ? Number(x) - Number(y) || x.length - y.length : x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Validates a caller's `names` option: unique non-empty strings. */
export function checkNames(names: unknown, argument = 'options.names'): readonly string[] | undefined {
  if (names === undefined) return undefined;
  if (!Array.isArray(names) || names.length === 0) throw new BackpropError('invalid_option', argument, 'a non-empty array of module names (e.g. ["fc1", "fc2"])', describeValue(names));
  const bad = names.findIndex((n, i) => typeof n !== 'string' || n === '' || names.indexOf(n) !== i);
  if (bad >= 0) throw new BackpropError('invalid_option', `${argument}[${bad}]`, 'a unique, non-empty module name', describeValue(names[bad]));
  return names as string[];
}

/**
 * The Linear modules' names in chain order: `names` when given (each must have a `.weight` in the file),
 * else every parameter's prefix in natural order. A tensor that is not `<module>.weight` / `.bias`, or
 * (with `names`) belongs to no listed module, is refused by name.
 */
export function linearModules(tensorNames: readonly string[], names?: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const name of tensorNames) {
    const match = PARAMETER.exec(name);
    if (!match || (names && !names.includes(match[1]!))) {
      safetensorsFail(
        'corrupt_model',
        `tensor "${name}"`,
        names ? `a parameter of the listed modules (${names.join(', ')}): <name>.weight or <name>.bias` : 'a Linear parameter named <module>.weight or <module>.bias (fc1.weight, layers.0.bias, 0.weight, …)',
        'another name',
      );
    }
    prefixes.add(match![1]!);
  }
  if (names) {
    const missing = names.find((n) => !prefixes.has(n));
    if (missing !== undefined) safetensorsFail('corrupt_model', `tensor "${missing}.weight"`, `the weight of listed module "${missing}"`, 'none');
    return [...names];
  }
  return [...prefixes].sort(naturalCompare);
}

import { BackpropError, type Matrix, type Network, type Targets } from '@backprop/core';
import { type CheckMode, checkModes } from './report.js';

/** The parameter gradients (aligned with `net.flat`) and optionally ∇X that a {@link GradientFunction} returns. */
export interface GradientsLike {
  /** ∂L/∂θ in the order of `net.flat`: [W_1 … W_L, b_1 … b_L]. */
  readonly flat: ArrayLike<number>;
  /** ∇X (N × n0); without it the `input` tensor is not checked. */
  readonly gradInput?: Matrix | undefined;
}

/**
 * Computes the analytic gradients to verify in place of `net.backward(net.forward(X), Y)`: for
 * checking a hand-written or experimental backward pass. It receives the float64 copy that is checked.
 */
export type GradientFunction = (net: Network, X: Matrix, Y: Targets) => GradientsLike;

/** Tolerances and step shared by every check; defaults as torch.autograd.gradcheck. */
export interface ToleranceOptions {
  /** Half-width ε of the central difference (default 1e-6, as torch.autograd.gradcheck). */
  readonly eps?: number;
  /** Absolute tolerance of `|analytic − numeric| ≤ atol + rtol·|numeric|` (default 1e-5, as torch). */
  readonly atol?: number;
  /** Relative tolerance of the same rule (default 1e-3, as torch). */
  readonly rtol?: number;
}

/** Options of {@link checkFunction}. */
export interface CheckFunctionOptions extends ToleranceOptions {
  /** Which entries to check (default `sampled`; see {@link CheckMode}). */
  readonly mode?: CheckMode;
  /** Entries per tensor in `sampled` mode (default 20). */
  readonly samples?: number;
  /** Random unit directions per tensor in `directional` mode (default 1). */
  readonly directions?: number;
  /** Seed of the entry samples and directions (default 0); the check's own generator, nobody else's. */
  readonly seed?: number;
  /** Accept tensors whose checks compared only zeros (default false: vacuous is not a pass). */
  readonly allowVacuous?: boolean;
  /** The tensor's name in the report (default `x`). */
  readonly name?: string;
}

/** Options of {@link gradcheck}. Every number travels by name; unknown keys are an error. */
export interface GradcheckOptions extends Omit<CheckFunctionOptions, 'name'> {
  /** Tensors to check by name (`W1`, `b2`, `input`, …); default all parameters and the input. */
  readonly tensors?: readonly string[];
  /** Check ∇X as the tensor `input` (default true). */
  readonly checkInput?: boolean;
  /** Replaces the network's backward pass as the source of analytic gradients. */
  readonly gradient?: GradientFunction;
}

/** Options of {@link checkElementwise}. */
export interface ElementwiseOptions extends ToleranceOptions {
  /** Points where g is not differentiable: a point whose [z − ε, z + ε] touches one is inconclusive. */
  readonly kinks?: readonly number[];
  /** The tensor's name in the report (default `g′`). */
  readonly name?: string;
}

/** The defaults, in one place. */
export const DEFAULTS = {
  mode: 'sampled',
  eps: 1e-6,
  atol: 1e-5,
  rtol: 1e-3,
  samples: 20,
  directions: 1,
  seed: 0,
  allowVacuous: false,
  checkInput: true,
} as const satisfies GradcheckOptions;

/** Options after {@link resolveOptions}: every key that has a default is present. */
export type Resolved<T> = T & { readonly [K in keyof T & keyof typeof DEFAULTS]-?: Exclude<T[K], undefined> };

const fail = (argument: string, expected: string, actual: string): never => {
  throw new BackpropError('invalid_option', argument, expected, actual);
};

function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? `an array of length ${value.length}` : typeof value;
}

const KEYS: Record<string, (v: unknown) => boolean> = {
  mode: (v) => checkModes.includes(v as CheckMode),
  eps: (v) => typeof v === 'number' && Number.isFinite(v) && v > 0,
  atol: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  rtol: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  samples: (v) => Number.isInteger(v) && (v as number) >= 1,
  directions: (v) => Number.isInteger(v) && (v as number) >= 1,
  seed: (v) => typeof v === 'number' && Number.isFinite(v),
  allowVacuous: (v) => typeof v === 'boolean',
  checkInput: (v) => typeof v === 'boolean',
  name: (v) => typeof v === 'string',
  tensors: (v) => Array.isArray(v) && v.every((n) => typeof n === 'string'),
  gradient: (v) => typeof v === 'function',
  kinks: (v) => Array.isArray(v) && v.every((k) => typeof k === 'number' && Number.isFinite(k)),
};

const EXPECTED: Record<string, string> = {
  mode: checkModes.map((m) => `'${m}'`).join(', '),
  eps: 'a finite number > 0',
  atol: 'a finite number ≥ 0',
  rtol: 'a finite number ≥ 0',
  samples: 'an integer ≥ 1',
  directions: 'an integer ≥ 1',
  seed: 'a finite number',
  allowVacuous: 'a boolean',
  checkInput: 'a boolean',
  name: 'a string',
  tensors: 'an array of tensor names',
  gradient: 'a function (net, X, Y) => { flat, gradInput? }',
  kinks: 'an array of finite numbers',
};

/**
 * Validates an options object against the keys one function accepts and fills in {@link DEFAULTS}.
 * Throws `BackpropError('invalid_option')` naming the key for an unknown key or a bad value.
 */
export function resolveOptions<T extends object>(options: unknown, allowed: readonly (keyof T & string)[]): Resolved<T> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) fail('options', 'an options object', describe(options));
  for (const [key, value] of Object.entries(options as object)) {
    if (!allowed.includes(key as keyof T & string)) fail(`options.${key}`, `one of the known keys (${allowed.join(', ')})`, 'an unknown key');
    if (value !== undefined && !KEYS[key]!(value)) fail(`options.${key}`, EXPECTED[key]!, describe(value));
  }
  const out: Record<string, unknown> = {};
  for (const key of allowed) out[key] = (options as Record<string, unknown>)[key] ?? (DEFAULTS as Record<string, unknown>)[key];
  return out as Resolved<T>;
}

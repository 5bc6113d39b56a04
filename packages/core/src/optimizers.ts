import { BackpropError, describe } from './errors.js';
import type { FloatArray } from './matrix.js';
import { checkKeys, checkName, checkNumber } from './validate.js';
import { powi } from './math.js';

/**
 * Optimizer names, in order of complexity. Plain gradient descent is the notes' algorithm (SPEC §4);
 * `momentum` and `nesterov` are `sgd` with momentum 0.9 (Nesterov's look-ahead for the second).
 */
export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam' | 'adamw';

/** Every optimizer name. */
export const optimizerNames: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw'];

/**
 * An optimizer with its hyperparameters, as a discriminated union on `name` (omitted fields take the
 * defaults in {@link optimizerDefaults}). A bare name means all defaults.
 * @example net.fit(X, y, { optimizer: { name: 'adam', beta1: 0.9, beta2: 0.999 } })
 * @example net.fit(X, y, { optimizer: { name: 'sgd', momentum: 0.9, nesterov: true } })
 */
export type OptimizerConfig =
  | { readonly name: 'sgd'; readonly momentum?: number; readonly nesterov?: boolean }
  | { readonly name: 'momentum' | 'nesterov'; readonly momentum?: number }
  | { readonly name: 'adagrad'; readonly epsilon?: number }
  | { readonly name: 'rmsprop'; readonly rho?: number; readonly epsilon?: number }
  | { readonly name: 'adam'; readonly beta1?: number; readonly beta2?: number; readonly epsilon?: number }
  | { readonly name: 'adamw'; readonly beta1?: number; readonly beta2?: number; readonly epsilon?: number; readonly weightDecay?: number };

/** The numeric hyperparameters an optimizer may have (each optimizer uses a subset; η is passed per step). */
export interface Hyperparameters {
  readonly momentum?: number;
  readonly nesterov?: boolean;
  readonly rho?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  readonly weightDecay?: number;
}

/** Defaults per optimizer (PyTorch's, except RMSProp's ρ = 0.9 as in Keras). */
export const optimizerDefaults: Readonly<Record<OptimizerName, Hyperparameters>> = {
  sgd: { momentum: 0, nesterov: false },
  momentum: { momentum: 0.9, nesterov: false },
  nesterov: { momentum: 0.9, nesterov: true },
  adagrad: { epsilon: 1e-10 },
  rmsprop: { rho: 0.9, epsilon: 1e-8 },
  adam: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  adamw: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01 },
};

/** An optimizer's complete state as plain JSON: enough to continue on exactly the same trajectory. */
export interface OptimizerState {
  readonly name: OptimizerName;
  /** Steps taken. */
  readonly t: number;
  readonly hyperparameters: Hyperparameters;
  /** Per-parameter buffers (`velocity`, `sumSquares`, `m`, `v`), aligned with the flat parameters; empty before the first step. */
  readonly slots: Readonly<Record<string, readonly number[]>>;
}

/**
 * The update rule θ ← step(θ, ∇θ, η): `theta` and `grad` are the network's flat parameters and the
 * aligned flat gradient. Buffers are float64 whatever the network's dtype, so state round-trips exactly.
 */
export interface Optimizer {
  readonly name: OptimizerName;
  /** Updates θ in place from ∇θ with learning rate η. */
  step(theta: FloatArray, grad: FloatArray, learningRate: number): void;
  /**
   * The same update as {@link Optimizer.step} in a fused form, applied only when it is available (plain
   * SGD, momentum 0) and every new θ_i is finite in θ's dtype. Returns false, with θ and the optimizer
   * state untouched, otherwise: the caller then takes the general path (copy θ, `step`, check). `apply`, when
   * given, performs the check and update itself (a kernel set's `sgdStep`).
   */
  stepIfFinite?(theta: FloatArray, grad: FloatArray, learningRate: number, apply?: (theta: FloatArray, grad: FloatArray, learningRate: number) => boolean): boolean;
  /** Current hyperparameters. */
  readonly hyperparameters: Hyperparameters;
  /** Changes hyperparameters between steps without resetting the buffers (validated; unknown ones rejected). */
  setHyperparameters(h: Hyperparameters): void;
  /** A JSON-safe copy of the state. */
  state(): OptimizerState;
  /** Replaces the state with a saved one (validated: name and buffer lengths must fit). */
  restore(state: OptimizerState): void;
}

const SLOTS: Readonly<Record<OptimizerName, readonly string[]>> = {
  sgd: ['velocity'],
  momentum: ['velocity'],
  nesterov: ['velocity'],
  adagrad: ['sumSquares'],
  rmsprop: ['meanSquares'],
  adam: ['m', 'v'],
  adamw: ['m', 'v'],
};

const RANGES: Readonly<Record<keyof Hyperparameters, { min: number; max: number; open?: boolean }>> = {
  momentum: { min: 0, max: 1, open: true },
  nesterov: { min: 0, max: 0 },
  rho: { min: 0, max: 1, open: true },
  beta1: { min: 0, max: 1, open: true },
  beta2: { min: 0, max: 1, open: true },
  epsilon: { min: 0, max: Number.POSITIVE_INFINITY, open: true },
  weightDecay: { min: 0, max: Number.POSITIVE_INFINITY },
};

// `nesterov` is a switch of plain `sgd`; the `momentum` / `nesterov` names fix it.
const allowedKeys = (name: OptimizerName): string[] => Object.keys(optimizerDefaults[name]).filter((k) => k !== 'nesterov' || name === 'sgd');

function checkHyperparameters(argument: string, name: OptimizerName, h: unknown): Hyperparameters {
  const allowed = allowedKeys(name);
  checkKeys(argument, h, allowed);
  const o = h as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (o[key] === undefined) continue;
    if (key === 'nesterov') {
      if (typeof o[key] !== 'boolean') throw new BackpropError('invalid_option', `${argument}.nesterov`, 'a boolean', describe(o[key]));
      continue;
    }
    const r = RANGES[key as keyof Hyperparameters];
    const v = checkNumber(`${argument}.${key}`, o[key], { min: r.min, max: r.max });
    // β, ρ and momentum must stay below 1 (β = 1 never forgets; 1/(1 − β^t) divides by 0); ε must be > 0.
    if (r.open && (v === r.max || (key === 'epsilon' && v === 0))) {
      throw new BackpropError('invalid_option', `${argument}.${key}`, key === 'epsilon' ? 'a number > 0' : 'a number in [0, 1)', describe(v));
    }
  }
  if (name === 'nesterov' && o.momentum === 0) throw new BackpropError('invalid_option', `${argument}.momentum`, 'a number in (0, 1) for Nesterov momentum', '0');
  return o as Hyperparameters;
}

/** Validates `optimizer` options (a name or a config object) and returns the config. Throws `invalid_option` naming the field. */
export function resolveOptimizerConfig(value: unknown, argument = 'options.optimizer'): { name: OptimizerName; hyperparameters: Hyperparameters } {
  if (typeof value === 'string') return { name: checkName(argument, value, optimizerNames, 'invalid_option'), hyperparameters: {} };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BackpropError('invalid_option', argument, `an optimizer name (${optimizerNames.join(', ')}) or { name, … }`, describe(value));
  }
  const { name: rawName, ...rest } = value as Record<string, unknown>;
  const name = checkName(`${argument}.name`, rawName, optimizerNames, 'invalid_option');
  return { name, hyperparameters: checkHyperparameters(argument, name, rest) };
}

/**
 * Creates an optimizer. Updates (g = ∇θ, η the learning rate, t the step count from 1):
 *   sgd        v ← μv + g;  θ ← θ − η·v            (Nesterov: θ ← θ − η·(g + μv); μ = 0 is plain SPEC §4)
 *   adagrad    G ← G + g²;  θ ← θ − η·g / (√G + ε)
 *   rmsprop    s ← ρs + (1 − ρ)g²;  θ ← θ − η·g / (√s + ε)
 *   adam       m ← β1·m + (1 − β1)g;  v ← β2·v + (1 − β2)g²;  θ ← θ − η·m̂ / (√v̂ + ε),  m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t)
 *   adamw      θ ← θ − η·λ·θ (decoupled weight decay, every parameter), then the Adam step
 * @example
 * const opt = createOptimizer({ name: 'adam', beta1: 0.8 });
 * const grad = new Float32Array(net.flat.length);
 * net.gradient(Matrix.from(X), y, grad); // ∇θ of the mean loss on the batch
 * opt.step(net.flat, grad, 1e-3);
 */
export function createOptimizer(config: OptimizerName | OptimizerConfig = 'sgd'): Optimizer {
  const { name, hyperparameters } = resolveOptimizerConfig(config, 'optimizer');
  let h: Required<Hyperparameters> = { ...RESET, ...optimizerDefaults[name], ...hyperparameters } as Required<Hyperparameters>;
  let t = 0;
  let slots: Float64Array[] = [];
  const update = UPDATES[name];
  // Plain SGD (μ = 0) never reads its velocity: it is allocated only once a momentum needs it (an all-zero
  // Float64Array per parameter was 0.9 MB per W1 fit, and its JSON copy in the frozen training state more).
  const ensure = (n: number): void => {
    if (update === sgdUpdate && h.momentum === 0) return;
    if (slots.length === 0 || slots[0]!.length !== n) slots = SLOTS[name].map(() => new Float64Array(n));
  };
  let n = 0; // |θ| of the last step: a momentum switched on later gets its v = 0 at once, so every saved state after a step is complete
  const stepped = (theta: FloatArray): void => {
    n = theta.length;
    ensure(n);
  };
  return {
    name,
    get hyperparameters() {
      return pick(name, h);
    },
    step(theta, grad, lr) {
      stepped(theta);
      t++;
      update(theta, grad, lr, h, t, slots);
    },
    stepIfFinite(theta, grad, lr, apply) {
      // Plain SGD (μ = 0) has no state but t: check every θ_i − η·g_i first, then write it (two passes, no copy of θ).
      if (update !== sgdUpdate || h.momentum !== 0) return false;
      if (apply) {
        if (!apply(theta, grad, lr)) return false;
      } else {
        if (!sgdFinite(theta, grad, lr)) return false;
        update(theta, grad, lr, h, t + 1, slots);
      }
      stepped(theta);
      t++;
      return true;
    },
    setHyperparameters(next) {
      h = { ...h, ...checkHyperparameters('hyperparameters', name, next) } as Required<Hyperparameters>;
      if (n > 0) ensure(n);
    },
    state: () => ({ name, t, hyperparameters: pick(name, h), slots: Object.fromEntries(SLOTS[name].map((s, i) => [s, slots[i] ? Array.from(slots[i]!) : []])) }),
    restore(state) {
      checkKeys('state', state, ['name', 't', 'hyperparameters', 'slots']);
      if (state.name !== name) throw new BackpropError('invalid_argument', 'state.name', `'${name}' (this optimizer)`, describe(state.name));
      if (!Number.isInteger(state.t) || state.t < 0) throw new BackpropError('invalid_argument', 'state.t', 'an integer ≥ 0', describe(state.t));
      const hp = checkHyperparameters('state.hyperparameters', name, state.hyperparameters);
      checkKeys('state.slots', state.slots, SLOTS[name]);
      const arrays = SLOTS[name].map((s) => state.slots[s]);
      const size = Array.isArray(arrays[0]) ? arrays[0].length : 0;
      const restored = { ...RESET, ...optimizerDefaults[name], ...hp } as Required<Hyperparameters>;
      // Every optimizer but plain SGD (μ = 0) keeps its buffers from the first step on: an empty (or missing)
      // one after steps is a damaged state, and reading it as zeros would silently change the trajectory.
      const stateful = update !== sgdUpdate || restored.momentum > 0;
      arrays.forEach((a, i) => {
        const slot = `state.slots.${SLOTS[name][i]}`;
        if (a === undefined) throw new BackpropError('invalid_argument', slot, 'an array of numbers (empty before the first step)', 'nothing');
        if (!Array.isArray(a) || a.length !== size || !a.every((x) => typeof x === 'number' && Number.isFinite(x))) {
          throw new BackpropError('invalid_argument', slot, `${size} finite numbers`, describe(a));
        }
        if (size === 0 && stateful && state.t > 0) throw new BackpropError('invalid_argument', slot, `one number per parameter (${name} keeps it from its first step; t = ${state.t})`, 'an empty array');
      });
      h = restored;
      t = state.t;
      n = size;
      slots = size === 0 ? [] : arrays.map((a) => Float64Array.from(a!));
    },
  };
}

const RESET: Required<Hyperparameters> = { momentum: 0, nesterov: false, rho: 0, beta1: 0, beta2: 0, epsilon: 0, weightDecay: 0 };

function pick(name: OptimizerName, h: Required<Hyperparameters>): Hyperparameters {
  return Object.fromEntries(allowedKeys(name).map((k) => [k, h[k as keyof Hyperparameters]]));
}

type Update = (theta: FloatArray, g: FloatArray, lr: number, h: Required<Hyperparameters>, t: number, slots: Float64Array[]) => void;

const sgdUpdate: Update = (theta, g, lr, h, _t, [v]) => {
  const mu = h.momentum;
  if (mu === 0) {
    for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! - lr * g[i]!; // SPEC §4
    return;
  }
  for (let i = 0; i < theta.length; i++) {
    const vi = mu * v![i]! + g[i]!;
    v![i] = vi;
    theta[i] = theta[i]! - lr * (h.nesterov ? g[i]! + mu * vi : vi);
  }
};

/** True when every θ_i − η·g_i (the SPEC §4 step) is finite once stored in θ's dtype. */
function sgdFinite(theta: FloatArray, g: FloatArray, lr: number): boolean {
  if (theta instanceof Float32Array) {
    for (let i = 0; i < theta.length; i++) if (!Number.isFinite(Math.fround(theta[i]! - lr * g[i]!))) return false;
  } else {
    for (let i = 0; i < theta.length; i++) if (!Number.isFinite(theta[i]! - lr * g[i]!)) return false;
  }
  return true;
}

const adamUpdate: Update = (theta, g, lr, h, t, [m, v]) => {
  const { beta1, beta2, epsilon } = h;
  const c1 = 1 - powi(beta1, t);
  const c2 = 1 - powi(beta2, t);
  if (h.weightDecay > 0) for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! * (1 - lr * h.weightDecay);
  for (let i = 0; i < theta.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * m![i]! + (1 - beta1) * gi;
    const vi = beta2 * v![i]! + (1 - beta2) * gi * gi;
    m![i] = mi;
    v![i] = vi;
    theta[i] = theta[i]! - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
  }
};

const UPDATES: Readonly<Record<OptimizerName, Update>> = {
  sgd: sgdUpdate,
  momentum: sgdUpdate,
  nesterov: sgdUpdate,
  adagrad: (theta, g, lr, h, _t, [G]) => {
    for (let i = 0; i < theta.length; i++) {
      const gi = g[i]!;
      G![i] = G![i]! + gi * gi;
      theta[i] = theta[i]! - (lr * gi) / (Math.sqrt(G![i]!) + h.epsilon);
    }
  },
  rmsprop: (theta, g, lr, h, _t, [s]) => {
    for (let i = 0; i < theta.length; i++) {
      const gi = g[i]!;
      s![i] = h.rho * s![i]! + (1 - h.rho) * gi * gi;
      theta[i] = theta[i]! - (lr * gi) / (Math.sqrt(s![i]!) + h.epsilon);
    }
  },
  adam: adamUpdate,
  adamw: adamUpdate,
};

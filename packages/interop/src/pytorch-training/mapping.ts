import {
  BackpropError,
  type Hyperparameters,
  type LossName,
  type Monitor,
  type OptimizerName,
  type OutputName,
  type Regularization,
  type ScheduleConfig,
  type ScheduleName,
  type ScheduleState,
  createSchedule,
} from '@backprop/core';

/** The torch.optim optimizer whose update equals the core's: its class and constructor arguments (without `lr`). */
export interface TorchOptimizer {
  readonly class: 'SGD' | 'Adagrad' | 'RMSprop' | 'Adam' | 'AdamW';
  readonly kwargs: Readonly<Record<string, number | boolean | readonly number[]>>;
}

/**
 * The core's optimizer on torch.optim (same update, same buffers):
 *   sgd / momentum / nesterov → SGD(momentum=μ, nesterov, dampening=0)   velocity ↔ momentum_buffer
 *   adagrad → Adagrad(eps, lr_decay=0, initial_accumulator_value=0)      sumSquares ↔ sum
 *   rmsprop → RMSprop(alpha=ρ, eps, momentum=0, centered=False)          meanSquares ↔ square_avg
 *   adam / adamw → Adam / AdamW(betas, eps, weight_decay=λ)              m ↔ exp_avg, v ↔ exp_avg_sq, t ↔ step
 */
export function torchOptimizer(name: OptimizerName, h: Hyperparameters): TorchOptimizer {
  switch (name) {
    case 'sgd':
    case 'momentum':
    case 'nesterov':
      return { class: 'SGD', kwargs: { momentum: h.momentum ?? 0, nesterov: name === 'nesterov' || h.nesterov === true, dampening: 0 } };
    case 'adagrad':
      return { class: 'Adagrad', kwargs: { eps: h.epsilon!, lr_decay: 0, initial_accumulator_value: 0 } };
    case 'rmsprop':
      return { class: 'RMSprop', kwargs: { alpha: h.rho!, eps: h.epsilon!, momentum: 0, centered: false } };
    case 'adam':
    case 'adamw':
      return { class: name === 'adam' ? 'Adam' : 'AdamW', kwargs: { betas: [h.beta1!, h.beta2!], eps: h.epsilon!, weight_decay: name === 'adamw' ? h.weightDecay! : 0 } };
  }
}

/** The core's buffer names and torch.optim's state keys for them, in the same order. */
export const SLOT_NAMES: Readonly<Record<OptimizerName, readonly (readonly [core: string, torch: string])[]>> = {
  sgd: [['velocity', 'momentum_buffer']],
  momentum: [['velocity', 'momentum_buffer']],
  nesterov: [['velocity', 'momentum_buffer']],
  adagrad: [['sumSquares', 'sum']],
  rmsprop: [['meanSquares', 'square_avg']],
  adam: [['m', 'exp_avg'], ['v', 'exp_avg_sq']],
  adamw: [['m', 'exp_avg'], ['v', 'exp_avg_sq']],
};

/** Every torch state key any optimizer keeps (to name another optimizer's state in an error). */
export const ALL_TORCH_SLOTS = ['momentum_buffer', 'sum', 'square_avg', 'exp_avg', 'exp_avg_sq'] as const;

/** A schedule with every default filled in (train.py reads these numbers; it knows no defaults). */
export type ResolvedSchedule =
  | { readonly name: 'constant' }
  | { readonly name: 'step'; readonly every: number; readonly factor: number }
  | { readonly name: 'exponential'; readonly factor: number }
  | { readonly name: 'cosine'; readonly period: number; readonly minLearningRate: number; readonly restarts: boolean; readonly periodMultiplier: number }
  | {
      readonly name: 'plateau';
      readonly monitor: Monitor;
      readonly factor: number;
      readonly patience: number;
      readonly minDelta: number;
      readonly cooldown: number;
      readonly minLearningRate: number;
    };

/**
 * Fills in the core's schedule defaults (schedules.ts: step 10 × 0.5, exponential 0.95, cosine over the run's
 * epochs down to 0, plateau 0.1 / 10 / 1e-4 / 0 / 0). The tests compare train.py's rates with the core's for
 * every schedule, so a default changed there fails here. Validated by the core's own `createSchedule` first.
 */
export function resolveSchedule(value: ScheduleName | ScheduleConfig | undefined, epochs: number | undefined, defaultMonitor: Monitor, hasValidation: boolean): ResolvedSchedule {
  const config = (typeof value === 'string' ? { name: value } : (value ?? { name: 'constant' })) as ScheduleConfig;
  createSchedule(config, epochs ?? 1);
  const c = config as Record<string, unknown> & { name: ScheduleName };
  switch (c.name) {
    case 'constant':
      return { name: 'constant' };
    case 'step':
      return { name: 'step', every: (c.every as number) ?? 10, factor: (c.factor as number) ?? 0.5 };
    case 'exponential':
      return { name: 'exponential', factor: (c.factor as number) ?? 0.95 };
    case 'cosine': {
      const period = (c.period as number | undefined) ?? epochs;
      if (period === undefined) throw new BackpropError('invalid_option', 'options.epochs', "the run's epochs (cosine's period defaults to them)", 'none');
      return { name: 'cosine', period, minLearningRate: (c.minLearningRate as number) ?? 0, restarts: c.restarts === true, periodMultiplier: (c.periodMultiplier as number) ?? 1 };
    }
    case 'plateau': {
      // The core's default: early stopping's monitor, else val-loss with a validation set, else loss.
      const monitor = (c.monitor as Monitor | undefined) ?? defaultMonitor;
      if (monitor.startsWith('val-') && !hasValidation) throw new BackpropError('invalid_option', 'options.validationData', `the validation set (the plateau schedule watches ${monitor})`, 'none');
      return {
        name: 'plateau',
        monitor,
        factor: (c.factor as number) ?? 0.1,
        patience: (c.patience as number) ?? 10,
        minDelta: (c.minDelta as number) ?? 1e-4,
        cooldown: (c.cooldown as number) ?? 0,
        minLearningRate: (c.minLearningRate as number) ?? 0,
      };
    }
  }
}

/** torch.optim.lr_scheduler's twin of a schedule at epoch `epoch` (for users wiring the state into their own loop). */
export function torchScheduler(s: ResolvedSchedule, epoch: number, state: ScheduleState): { class: string; kwargs: Record<string, unknown>; last_epoch: number; note?: string } {
  const last_epoch = epoch - 1;
  switch (s.name) {
    case 'constant':
      return { class: 'ConstantLR', kwargs: { factor: 1, total_iters: 0 }, last_epoch };
    case 'step':
      return { class: 'StepLR', kwargs: { step_size: s.every, gamma: s.factor }, last_epoch };
    case 'exponential':
      return { class: 'ExponentialLR', kwargs: { gamma: s.factor }, last_epoch };
    case 'cosine':
      return s.restarts
        ? { class: 'CosineAnnealingWarmRestarts', kwargs: { T_0: s.period, T_mult: s.periodMultiplier, eta_min: s.minLearningRate }, last_epoch, note: 'torch needs an integer T_mult' }
        : { class: 'CosineAnnealingLR', kwargs: { T_max: s.period, eta_min: s.minLearningRate }, last_epoch, note: 'the core stays at eta_min after T_max; torch rises again' };
    case 'plateau':
      return {
        class: 'ReduceLROnPlateau',
        kwargs: { mode: s.monitor === 'accuracy' ? 'max' : 'min', factor: s.factor, patience: s.patience - 1, threshold: s.minDelta, threshold_mode: 'abs', cooldown: s.cooldown, min_lr: s.minLearningRate },
        last_epoch,
        note: `the core reduces after \`patience\` epochs without improvement, torch after patience + 1; state: ${JSON.stringify(state)}`,
      };
  }
}

/** Per-layer λ₁, λ₂ (index i is layer k = i + 1), as the core resolves `regularization`; undefined when all are 0. */
export function resolveRegularization(r: Regularization | undefined, L: number): { l1: number[]; l2: number[] } | undefined {
  if (r === undefined) return undefined;
  const check = (path: string, v: unknown): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new BackpropError('invalid_option', path, 'a finite number ≥ 0', String(v));
    return v;
  };
  const l1 = r.l1 === undefined ? 0 : check('options.regularization.l1', r.l1);
  const l2 = r.l2 === undefined ? 0 : check('options.regularization.l2', r.l2);
  const layers = r.layers ?? [];
  if (layers.length > L) throw new BackpropError('invalid_option', 'options.regularization.layers', `at most ${L} entries (one per layer)`, String(layers.length));
  const out = { l1: [] as number[], l2: [] as number[] };
  for (let i = 0; i < L; i++) {
    const layer = layers[i] ?? {};
    out.l1.push(layer.l1 === undefined ? l1 : check(`options.regularization.layers[${i}].l1`, layer.l1));
    out.l2.push(layer.l2 === undefined ? l2 : check(`options.regularization.layers[${i}].l2`, layer.l2));
  }
  return out.l1.some((x) => x > 0) || out.l2.some((x) => x > 0) ? out : undefined;
}

/** What train.py needs of the architecture (the same JSON as model.safetensors' `__metadata__.architecture`, plus dtype). */
export interface Architecture {
  readonly inputs: number;
  readonly dtype: 'float32' | 'float64';
  readonly layers: readonly { readonly units: number; readonly activation: string }[];
  readonly output: { readonly units: number; readonly fn: OutputName; readonly loss: LossName };
}

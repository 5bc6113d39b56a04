import { BackpropError, Matrix, Network, type Targets } from '@backprop/core';
import { brandErrorClass, isBranded } from './brand.js';
import { summarize } from './compare.js';
import { type Evaluation, type Subject, centralDifferences } from './difference.js';
import { formatReport } from './format.js';
import { kinkWatch } from './kinks.js';
import { type GradcheckOptions, type GradientsLike, resolveOptions } from './options.js';
import type { GradcheckReport, TensorEvent, TensorReport } from './report.js';
import { tensorRng } from './select.js';

const GRADCHECK_KEYS = ['mode', 'eps', 'atol', 'rtol', 'samples', 'directions', 'seed', 'allowVacuous', 'tensors', 'checkInput', 'gradient'] as const;

/** A batch as the core's `forward` accepts it. */
export type Batch = Matrix | readonly (readonly number[])[];

interface NamedSubject extends Subject {
  readonly name: string;
  readonly shape: readonly [number, number];
}

/**
 * Checks the backward pass tensor by tensor, yielding a {@link TensorEvent} after each tensor (for
 * progress bars) and returning the full report. Arguments and options are validated before the
 * first tensor, when this function is called. See {@link gradcheck} for the semantics.
 * @example
 * const steps = gradcheckSteps(net, X, Y, { mode: 'full' });
 * let step = steps.next();
 * for (; !step.done; step = steps.next()) bar.update(step.value.done / step.value.total);
 * const report = step.value;
 */
export function gradcheckSteps(net: Network, X: Batch, Y: Targets, options: GradcheckOptions = {}): Generator<TensorEvent, GradcheckReport, void> {
  const o = resolveOptions<GradcheckOptions>(options, GRADCHECK_KEYS);
  // Duck-typed rather than instanceof: an ESM and a CJS copy of the core may meet in one process.
  if (!(net instanceof Network) && typeof (net as Partial<Network> | null)?.clone !== 'function') {
    throw new BackpropError('invalid_argument', 'net', 'a Network', net === null ? 'null' : typeof net);
  }
  // Named as this function's argument (net.clone below would name itself: an internal call the caller never made).
  if (net.disposed) throw new BackpropError('disposed', 'net', 'a network that has not been disposed', 'a disposed network', 'dispose() gave its memory back; clone() a network to keep a copy');
  // Work on copies: the caller's network and data are never written, even for float64 (SPEC §5: float64).
  // A data set where the batch goes (gradcheck(net, spiral())): say how to pass it, not just "an array of rows".
  if (typeof X === 'object' && X !== null && !Array.isArray(X) && !(X instanceof Matrix) && 'X' in X) {
    throw new BackpropError('invalid_argument', 'X', 'a batch (a Matrix or an array of rows) and its targets; for a data set pass both: gradcheck(net, data.X, data.y), or data.Y for regression', 'a data set { X, … }');
  }
  const copy = net.clone({ dtype: 'float64' });
  const x = X instanceof Matrix ? X.clone('float64') : Matrix.from(X, 'float64', 'X');
  const grads = analyticGradients(copy, x, Y, o.gradient);
  const watch = kinkWatch(copy);
  // net.loss runs its own forward pass, so kinked networks pay a second one for the trace; a core
  // method giving the loss of a ForwardTrace would halve the cost of checking relu networks.
  const evaluate = (): Evaluation => (watch ? { sides: watch.sides(copy.forward(x)), loss: copy.loss(x, Y) } : { loss: copy.loss(x, Y) });
  const center = evaluate();
  const subjects = selectSubjects(copy, x, grads, o.checkInput, o.tensors);
  function* run(): Generator<TensorEvent, GradcheckReport, void> {
    const tensors: TensorReport[] = [];
    for (const s of subjects) {
      const checks = centralDifferences(s, evaluate, center.sides, o, tensorRng(o.seed, s.name));
      const tensor = summarize(s.name, s.shape, checks, o.allowVacuous);
      tensors.push(tensor);
      yield { type: 'tensor', tensor, done: tensors.length, total: subjects.length };
    }
    const { mode, eps, atol, rtol } = o;
    return { ok: tensors.every((t) => t.ok), mode, eps, atol, rtol, dtype: net.dtype, tensors };
  }
  return run();
}

/**
 * Verifies a network's backward pass against central differences of its loss, in float64 (SPEC §5).
 * A float32 network is checked on a float64 copy (`net.clone({ dtype: 'float64' })`); neither `net`
 * nor `X` is ever written. Tensors are `W1 … WL`, `b1 … bL` and `input` (∇X), each reported with its
 * error statistics, worst check and verdict under `|analytic − numeric| ≤ atol + rtol·|numeric|`.
 *
 * Kinks: for every hidden unit whose activation has kinks (relu and leaky-relu at 0), the side
 * sign(a − κ) of each sample's pre-activation is read from the forward traces at θ − εe, θ and θ + εe;
 * if any side differs, the loss is not smooth on the difference's segment and that check is
 * `inconclusive`: counted per tensor, kept in `checks`, never a failure. A tensor whose conclusive
 * checks compared only zeros (analytic 0, numeric 0) is `vacuous`, and not ok unless `allowVacuous`.
 *
 * Defaults: `mode: 'sampled'`, `samples: 20`, `directions: 1`, `eps: 1e-6`, `atol: 1e-5`, `rtol: 1e-3`
 * (torch.autograd.gradcheck's), `seed: 0`. Throws `BackpropError` (`invalid_option`) for bad options
 * and the core's errors for a bad X or Y.
 * @example
 * const report = gradcheck(net, X, labels, { mode: 'full', atol: 1e-7, rtol: 1e-5 });
 * if (!report.ok) console.error(formatReport(report));
 */
export function gradcheck(net: Network, X: Batch, Y: Targets, options: GradcheckOptions = {}): GradcheckReport {
  const steps = gradcheckSteps(net, X, Y, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Thrown by {@link assertGradients}; the message is the formatted report, the report is attached. */
export class GradcheckError extends Error {
  static {
    brandErrorClass(GradcheckError, 'GradcheckError');
  }

  /** True for errors of this class from any copy of `@backprop/gradcheck` loaded in the program. */
  static override [Symbol.hasInstance]<T>(this: abstract new (...args: never) => T, value: unknown): value is T {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (a subclass too)
    return isBranded(this, value);
  }

  override readonly name = 'GradcheckError';
  constructor(readonly report: GradcheckReport) {
    super(`gradient check failed\n${formatReport(report)}`);
  }
}

/**
 * {@link gradcheck} for test suites: returns the report when it is ok, throws a {@link GradcheckError}
 * carrying the report otherwise.
 * @example assertGradients(net, X, Y, { mode: 'full' });
 */
export function assertGradients(net: Network, X: Batch, Y: Targets, options: GradcheckOptions = {}): GradcheckReport {
  const report = gradcheck(net, X, Y, options);
  if (!report.ok) throw new GradcheckError(report);
  return report;
}

interface Analytic {
  readonly flat: Float64Array;
  readonly input: Float64Array | undefined;
}

function analyticGradients(net: Network, x: Matrix, Y: Targets, gradient: GradcheckOptions['gradient']): Analytic {
  const g: GradientsLike = gradient ? gradient(net, x, Y) : net.backward(net.forward(x), Y);
  if (g?.flat?.length !== net.flat.length) {
    throw new BackpropError('shape_mismatch', 'options.gradient(…).flat', `${net.flat.length} numbers (the network's parameters)`, String(g?.flat?.length));
  }
  const input = g.gradInput;
  if (input && (input.rows !== x.rows || input.cols !== x.cols)) {
    throw new BackpropError('shape_mismatch', 'gradients.gradInput', `${x.rows} × ${x.cols}`, `${input.rows} × ${input.cols}`);
  }
  return { flat: Float64Array.from(g.flat), input: input ? Float64Array.from(input.data) : undefined };
}

function selectSubjects(net: Network, x: Matrix, grads: Analytic, checkInput: boolean, only: readonly string[] | undefined): NamedSubject[] {
  const subjects: NamedSubject[] = net.parameters().map((p) => {
    const offset = (p.values.byteOffset - net.flat.byteOffset) / Float64Array.BYTES_PER_ELEMENT;
    const analytic = grads.flat.subarray(offset, offset + p.values.length);
    return { name: p.name, shape: p.shape, values: p.values as Float64Array, analytic, cols: p.shape[1] };
  });
  if (checkInput && grads.input) subjects.push({ name: 'input', shape: [x.rows, x.cols], values: x.data as Float64Array, analytic: grads.input, cols: x.cols });
  if (only === undefined) return subjects;
  const known = subjects.map((s) => s.name);
  for (const name of only) {
    if (!known.includes(name)) throw new BackpropError('invalid_option', 'options.tensors', `names among ${known.join(', ')}`, JSON.stringify(name));
  }
  return subjects.filter((s) => only.includes(s.name));
}

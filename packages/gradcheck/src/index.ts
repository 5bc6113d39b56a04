/**
 * @backprop/gradcheck: numerical verification of gradients by central differences in float64
 * (SPEC §5). Uses only the public API of `@backprop/core`.
 * @packageDocumentation
 */

/** Verifies a network's backward pass (every W_k, b_k and ∇X) against central differences of its loss. */
export { gradcheck } from './gradcheck.js';
/** {@link gradcheck} one tensor at a time, as a generator of progress events returning the report. */
export { gradcheckSteps } from './gradcheck.js';
/** {@link gradcheck} for test suites: throws a {@link GradcheckError} when the report is not ok. */
export { assertGradients } from './gradcheck.js';
/** The error {@link assertGradients} throws; carries the report, its message is the formatted table. */
export { GradcheckError } from './gradcheck.js';
/** A batch X as the core's `forward` takes it: a Matrix or nested arrays, one sample per row. */
export type { Batch } from './gradcheck.js';

/** Checks any scalar function's analytic gradient against central differences. */
export { checkFunction } from './function.js';
/** Checks a scalar activation's g′ against central differences at given points, reporting kinks. */
export { checkElementwise } from './elementwise.js';
/** The report of {@link checkElementwise}, with the points that hit a kink. */
export type { ElementwiseReport } from './elementwise.js';

/** Renders a report as an aligned plain-text table (no ANSI codes), fitted to a terminal's width when given one. */
export { formatReport, statusMarks } from './format.js';
/** Options of {@link formatReport}: the width to fit. */
export type { FormatOptions } from './format.js';

/** The default options (torch.autograd.gradcheck's eps, atol and rtol; sampled mode with 20 entries per tensor). */
export { DEFAULTS } from './options.js';
/** Options of {@link gradcheck}, {@link checkFunction} and {@link checkElementwise}; custom gradient hooks. */
export type { GradcheckOptions, CheckFunctionOptions, ElementwiseOptions, ToleranceOptions, GradientFunction, GradientsLike } from './options.js';

/** Every check mode: `full`, `sampled`, `directional`. */
export { checkModes } from './report.js';
/** Report shapes: per check, per tensor, per run; progress events. */
export type { CheckMode, CheckSite, ElementCheck, TensorReport, TensorStatus, GradcheckReport, TensorEvent } from './report.js';

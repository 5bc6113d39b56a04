// ECMAScript leaves Math.exp, Math.log, Math.tanh, Math.pow, … "implementation-approximated", and V8
// has changed them between releases: Node 20 (V8 11.3) and Chromium 156 differ in the last bit on
// about 1 input in 10 for exp, log and pow (see the report of issue 3). To tell those differences
// from any other non-determinism (kernels, WebAssembly SIMD, summation order), the check can run with
// the host's Math functions *pinned*: Node records every call's result, and Chromium replays Node's
// answer for the same argument bits. If the runs then agree bit-for-bit, Math is the only cause.
//
// These are script prologues (plain JavaScript source), evaluated before the bundle so they also
// catch functions the core captures at load time (`tanh: { g: Math.tanh }`). `**` is lowered to
// Math.pow by the bundler (see bundle.ts), so Adam's β^t goes through here too.

/** The Math functions the core and the datasets call whose results may differ between engines. */
export const PINNED = ['exp', 'log', 'log1p', 'expm1', 'tanh', 'sin', 'cos', 'pow'] as const;

/** Argument bits → result bits, per function (keys and values are float64 hex). */
export type MathTable = Record<string, Record<string, string>>;

const COMMON = `
  const view = new DataView(new ArrayBuffer(8));
  const hex = (x) => { view.setFloat64(0, x); return view.getUint32(0).toString(16).padStart(8, '0') + view.getUint32(4).toString(16).padStart(8, '0'); };
  const unhex = (h) => { view.setUint32(0, parseInt(h.slice(0, 8), 16)); view.setUint32(4, parseInt(h.slice(8), 16)); return view.getFloat64(0); };
  const key = (args) => Array.prototype.map.call(args, (a) => hex(+a)).join(':');
`;

/** Records every call of the {@link PINNED} functions into `globalThis.__mathTable`. */
export function recordingPrologue(): string {
  return `(() => {${COMMON}
  const table = (globalThis.__mathTable = {});
  for (const name of ${JSON.stringify(PINNED)}) {
    const native = Math[name];
    const seen = (table[name] = {});
    Math[name] = function () { const y = native.apply(Math, arguments); seen[key(arguments)] = hex(y); return y; };
  }
})();\n`;
}

/**
 * Answers the functions in `only` (default: all of {@link PINNED}) from `table`; arguments Node never
 * saw fall back to the native function and are counted in `globalThis.__mathMisses`.
 */
export function replayPrologue(table: MathTable, only: readonly string[] = PINNED): string {
  return `(() => {${COMMON}
  const table = ${JSON.stringify(table)};
  const misses = (globalThis.__mathMisses = {});
  for (const name of ${JSON.stringify(only)}) {
    const native = Math[name];
    const known = table[name] || {};
    misses[name] = 0;
    Math[name] = function () { const h = known[key(arguments)]; if (h === undefined) { misses[name]++; return native.apply(Math, arguments); } return unhex(h); };
  }
})();\n`;
}

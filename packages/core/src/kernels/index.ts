import { blockedKernels } from './blocked.js';
import type { DType } from '../matrix.js';
import type { Kernels } from './kernels.js';
import { referenceKernels } from './reference.js';
import { loadWasmSimdKernels, wasmRelaxedSimdKernels, wasmSimdKernels } from './wasm-simd.js';

/**
 * Names of the built-in kernel sets: `reference` is the naive oracle, `blocked` the register- and
 * cache-blocked pure-TypeScript set (portable, and the fallback of the faster ones), `wasm-simd`
 * the WebAssembly SIMD set (float32; where the runtime lacks WebAssembly SIMD it is `blocked`), and
 * `wasm-relaxed-simd` the same kernels built with relaxed SIMD, whose products use fused multiply-add
 * (where the engine lacks relaxed SIMD — Node 20 without `--experimental-wasm-relaxed-simd` — it is `wasm-simd`).
 */
export type BackendName = 'reference' | 'blocked' | 'wasm-simd' | 'wasm-relaxed-simd';

/** Every built-in kernel set name. */
export const backendNames: readonly BackendName[] = ['reference', 'blocked', 'wasm-simd', 'wasm-relaxed-simd'];

/**
 * The kernel set for a name. `auto` is `wasm-simd` where WebAssembly SIMD exists (on a page's main thread,
 * after `await ready()`), else `blocked`. One backend gives the same bits in Node and in every browser;
 * two backends do not (`blocked` sums in another order), so `auto` never picks `wasm-relaxed-simd` by
 * itself: its fused multiply-adds round differently from the plain build. Ask for `wasm-relaxed-simd`
 * to trade that for speed; it is chosen at run time from what the engine supports.
 */
export function kernelsFor(name: BackendName | 'auto'): Kernels {
  if (name === 'reference') return referenceKernels;
  if (name === 'blocked') return blockedKernels;
  if (name === 'wasm-relaxed-simd') return wasmRelaxedSimdKernels() ?? wasmSimdKernels() ?? blockedKernels;
  return wasmSimdKernels() ?? blockedKernels;
}

/**
 * The kernel set a network of `dtype` runs on, for the backend its spec names. The WebAssembly sets are
 * float32 only: they hand every float64 matrix to the blocked TypeScript loops. A float64 network on them
 * is given `blocked` itself (the same loops, so the same bits), so that `net.backend` names what runs.
 */
export function networkKernels(name: BackendName | 'auto', dtype: DType): Kernels {
  const kernels = kernelsFor(name);
  return dtype === 'float64' && kernels !== referenceKernels ? blockedKernels : kernels;
}

/** Every kernel set usable in this runtime (the parameterised kernel test runs each against the reference). */
export function kernelSets(): readonly Kernels[] {
  return [referenceKernels, blockedKernels, wasmSimdKernels(), wasmRelaxedSimdKernels()].filter((k): k is Kernels => k !== undefined);
}

/**
 * Makes the fastest kernel set available everywhere, then resolves to the backend `auto` now picks.
 * Node and workers compile the WebAssembly modules synchronously on first use and need no call;
 * a browser may refuse synchronous compilation on a page's main thread (Chrome's 4 KiB limit; Chromium
 * 156 allows this module, other engines and policies may not), and where it does `auto` is `blocked`
 * until this promise resolves, so pages should await it before creating networks. Networks created before it keep the set they were given.
 * The relaxed-SIMD build is loaded too, where the engine has relaxed SIMD.
 * @example await ready(); const net = Network.create(spec); // net.backend === 'wasm-simd' where SIMD exists
 */
export async function ready(): Promise<BackendName> {
  const [wasm] = await Promise.all([wasmSimdKernels() ?? loadWasmSimdKernels('wasm-simd'), wasmRelaxedSimdKernels() ?? loadWasmSimdKernels('wasm-relaxed-simd')]);
  return wasm ? 'wasm-simd' : 'blocked';
}

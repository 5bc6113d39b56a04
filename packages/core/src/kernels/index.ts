import { blockedKernels } from './blocked.js';
import type { Kernels } from './kernels.js';
import { referenceKernels } from './reference.js';
import { loadWasmSimdKernels, wasmSimdKernels } from './wasm-simd.js';

/**
 * Names of the built-in kernel sets: `reference` is the naive oracle, `blocked` the register- and
 * cache-blocked pure-TypeScript set (portable, and the fallback of the faster ones), `wasm-simd`
 * the WebAssembly SIMD set (float32; where the runtime lacks WebAssembly SIMD it is `blocked`).
 */
export type BackendName = 'reference' | 'blocked' | 'wasm-simd';

/** Every built-in kernel set name. */
export const backendNames: readonly BackendName[] = ['reference', 'blocked', 'wasm-simd'];

/** The kernel set for a name; `auto` is the fastest available here (wasm-simd, else blocked). */
export function kernelsFor(name: BackendName | 'auto'): Kernels {
  if (name === 'reference') return referenceKernels;
  if (name === 'blocked') return blockedKernels;
  return wasmSimdKernels() ?? blockedKernels;
}

/** Every kernel set usable in this runtime (the parameterised kernel test runs each against the reference). */
export function kernelSets(): readonly Kernels[] {
  const wasm = wasmSimdKernels();
  return wasm ? [referenceKernels, blockedKernels, wasm] : [referenceKernels, blockedKernels];
}

/**
 * Makes the fastest kernel set available everywhere, then resolves to the backend `auto` now picks.
 * Node and workers compile the WebAssembly SIMD module synchronously on first use and need no call;
 * a browser may refuse synchronous compilation on a page's main thread (Chrome's 4 KiB limit; Chromium
 * 156 allows this module, other engines and policies may not), and where it does `auto` is `blocked`
 * until this promise resolves, so pages should await it before creating networks. Networks created before it keep the set they were given.
 * @example await ready(); const net = Network.create(spec); // net.backend === 'wasm-simd' where SIMD exists
 */
export async function ready(): Promise<BackendName> {
  const wasm = wasmSimdKernels() ?? (await loadWasmSimdKernels());
  return wasm ? 'wasm-simd' : 'blocked';
}

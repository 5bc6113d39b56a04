import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@backprop/source'] },
  ssr: { resolve: { conditions: ['@backprop/source'] } },
  // Generates src/kernels/wasm-simd.bytes.ts (gitignored) from assembly/ when it is missing or stale.
  // Numeric tests (training runs, property sweeps) are CPU-bound: on a loaded 2-core CI machine they can
  // take several times their quiet-machine duration, so the timeout is generous; assertions are not timed.
  // Node 20 has relaxed SIMD only behind a flag: with it, every kernel and training test also runs the
  // `wasm-relaxed-simd` build (kernelSets() lists it), beside the plain SIMD build that `auto` uses.
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['scripts/vitest-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    execArgv: ['--experimental-wasm-relaxed-simd'],
  },
});

import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/bench.ts', 'src/harness-engine.ts', 'src/browser.ts', 'src/mnist-train.ts', 'src/profile-step.ts', 'src/accuracy-study.ts', 'src/thread-ratio.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // Peers are optional dev dependencies, loaded at run time only where installed.
  external: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'playwright-core'],
});

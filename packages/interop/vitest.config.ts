import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@backprop/source'] },
  ssr: { resolve: { conditions: ['@backprop/source'] } },
  // The onnxruntime sweeps and the PyTorch snippet run are CPU-bound: on a loaded 2-core CI machine they can
  // take several times their quiet-machine duration, so the timeout is generous; assertions are not timed.
  // Launching Chromium for the onnxruntime-web page is a hook: it too gets the loaded machine's allowance.
  test: { include: ['src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});

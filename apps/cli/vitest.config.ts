import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@backprop/source'] },
  ssr: { resolve: { conditions: ['@backprop/source'] } },
  // A bound on hangs, not a speed check: the e2e tests that run real PyTorch (train.py, import torch) took
  // 43–66 s each on this 2-core machine while other jobs kept its load at 13–20 (60 s timed one out).
  test: { include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'], testTimeout: 180_000, hookTimeout: 180_000 },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@backprop/source'] },
  ssr: { resolve: { conditions: ['@backprop/source'] } },
  // Property sweeps are CPU-bound: generous timeout for loaded CI machines; nothing here is timed.
  test: { include: ['src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});

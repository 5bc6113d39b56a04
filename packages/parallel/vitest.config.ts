import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@backprop/source'] },
  ssr: { resolve: { conditions: ['@backprop/source'] } },
  // Worker start-up, training runs and a headless Chromium on a loaded 2-core machine: generous; nothing is timed.
  test: { include: ['src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});

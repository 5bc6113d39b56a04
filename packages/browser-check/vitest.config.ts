import { defineConfig } from 'vitest/config';

// No `@backprop/source` condition here: the check bundles and runs the *built* packages (dist), the
// code users get, so the test depends on `^build` (turbo) rather than on the sources.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});

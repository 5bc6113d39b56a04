import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  // No keepNames here: it wraps every function in a top-level __name(…) call, a side effect bundlers must
  // keep, so an app importing only toSafetensors bundled all of interop (192 KB minified instead of 92 KB
  // with the core). Nothing in this package is renamed by the build (no colliding class or function
  // names; `var OnnxImportError = class …` keeps its name), so stack traces read the same.
  keepNames: false,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});

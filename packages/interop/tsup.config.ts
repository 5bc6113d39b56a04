import { execFileSync } from 'node:child_process';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  // No keepNames here: it wraps every function in a top-level __name(…) call, a side effect bundlers must
  // keep, so an app importing only toSafetensors bundled all of interop (192 KB minified instead of 92 KB
  // with the core). The one renaming the build does, a class body's own binding (`class _OnnxImportError`,
  // from the static block that brands it), is undone after the build, so names and stack traces read the same.
  keepNames: false,
  onSuccess: async () => void execFileSync(process.execPath, ['../../scripts/keep-class-names.mjs', 'dist']),
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});

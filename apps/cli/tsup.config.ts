import { execFileSync } from 'node:child_process';
import { defineConfig } from 'tsup';

// One ESM file with a shebang: the installed `backprop` command. Workspace packages stay external
// (resolved from node_modules at run time, through their built `dist`).
export default defineConfig({
  entry: ['src/cli.tsx'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: true,
  keepNames: true, // class names survive in logs and stack traces (Network, not _Network)
  onSuccess: async () => void execFileSync(process.execPath, ['../../scripts/keep-class-names.mjs', 'dist']), // …and in stack frames (see the script)
  banner: { js: '#!/usr/bin/env node' },
});

import { execFileSync } from 'node:child_process';
import { defineConfig } from 'tsup';

// index: Node (worker_threads), ESM + CJS. browser: Web Workers, ESM. The two worker entries are the
// scripts each host starts; `new URL('./worker-*.js', import.meta.url)` finds them beside the entry
// (shims give the CJS build an import.meta.url). @backprop/core stays external everywhere.
export default defineConfig({
  entry: ['src/index.ts', 'src/browser.ts', 'src/worker-node.ts', 'src/worker-browser.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: ['src/index.ts', 'src/browser.ts'] },
  shims: true,
  sourcemap: true,
  keepNames: true, // class names survive in logs and stack traces (Network, not _Network)
  onSuccess: async () => void execFileSync(process.execPath, ['../../scripts/keep-class-names.mjs', 'dist']), // …and in stack frames (see the script)
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['node:worker_threads', 'node:os', 'node:fs', 'node:url'],
});
